"""A compiled copy of the loaded knowledge and matcher, so `framework-bot ask` starts fast.

Like a trained Rasa model: built from the YAML on first use, reused while neither the data
files nor the code change (the key covers both), rebuilt otherwise. FRAMEWORK_BOT_CACHE=0
turns it off; FRAMEWORK_BOT_CACHE_DIR moves it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

_CODE = Path(__file__).resolve().parent
KEEP = 8  # compiled copies kept (one per knowledge directory in use)


def _fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha1(sys.version.encode())
    for root in paths:
        files = sorted(root.rglob("*.y*ml")) if root.is_dir() else [root]
        for path in files:
            stat = path.stat()
            digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    for path in sorted(_CODE.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()[:20]


def _directory() -> Path:
    custom = os.environ.get("FRAMEWORK_BOT_CACHE_DIR")
    if custom:
        return Path(custom)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "framework-bot"


def enabled() -> bool:
    return os.environ.get("FRAMEWORK_BOT_CACHE", "1") not in ("0", "false", "no")


def cached(sources: list[Path], build: Callable[[], Any]) -> Any:
    """`build()`'s result, from the cache when `sources` and the code are unchanged."""
    if not enabled():
        return build()
    try:
        path = _directory() / f"engine-{_fingerprint(sources)}.pickle"
    except OSError:
        return build()
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    value = build()  # raises SourceErrors for broken data: nothing is cached then
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        olds = sorted(path.parent.glob("engine-*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in olds[:-KEEP]:
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
    except OSError:
        pass  # a read-only home still answers, just without the speed-up
    return value
