"""knowledge/flow.yaml's schema: pydantic checks it, only when the file is read from YAML."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field


class Option(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str = Field(min_length=1, max_length=75)  # a Slack button label holds 75 characters
    needs: list[str] = []
    recalled: str = ""


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    text: str = Field(min_length=3)
    options: list[Option] = Field(min_length=2)


class FlowFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    questions: list[Question] = Field(min_length=1)


def read_questions(path: Path) -> list[Question]:
    """The questions of one flow file, validated; raises ValueError on a broken one."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"not valid YAML: {exc}") from exc
    return FlowFile.model_validate(data or {}).questions


def flow_errors(path: Path, need_ids: set[str]) -> list[str]:
    """What is wrong with a knowledge base's flow file (when it has one), for
    `framework-bot check`: a broken file, or an option that asks for an unknown need."""
    if not path.exists():
        return []
    try:
        questions = read_questions(path)
    except (OSError, ValueError) as exc:
        return [f"{path}: {exc}"]
    return [
        f"{path}: {q.id}: option “{o.label}” asks for an unknown need {n!r}"
        for q in questions
        for o in q.options
        for n in o.needs
        if n not in need_ids
    ]
