"""Where the shipped knowledge and intents live, in a source checkout or an installed copy."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parent.parent


def _shipped(name: str) -> Path:
    in_tree = _REPO_ROOT / name
    if in_tree.is_dir():
        return in_tree
    installed = Path(sys.prefix) / "share" / "framework-bot" / name
    if installed.is_dir():
        return installed
    return in_tree


def default_knowledge_dir() -> Path:
    return _shipped("knowledge")


def default_intents_dir() -> Path:
    return _shipped("intents")


def resolve_knowledge_dir(directory: str | os.PathLike[str] | None = None) -> Path:
    """Argument, then FRAMEWORK_BOT_KNOWLEDGE, then the shipped knowledge."""
    if directory:
        return Path(directory)
    env = os.environ.get("FRAMEWORK_BOT_KNOWLEDGE")
    return Path(env) if env else default_knowledge_dir()


def resolve_intents_dir(directory: str | os.PathLike[str] | None = None) -> Path:
    """Argument, then FRAMEWORK_BOT_INTENTS, then the shipped intents."""
    if directory:
        return Path(directory)
    env = os.environ.get("FRAMEWORK_BOT_INTENTS")
    return Path(env) if env else default_intents_dir()


def resolve_team_dir(directory: str | os.PathLike[str] | None = None) -> Path | None:
    """Argument, then FRAMEWORK_BOT_TEAM_DIR; None (no team knowledge) when neither is set."""
    value = directory or os.environ.get("FRAMEWORK_BOT_TEAM_DIR")
    return Path(value) if value else None
