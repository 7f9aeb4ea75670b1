"""knowledge/needs.yaml's schema: pydantic checks it, only when the file is read from YAML."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Target(BaseModel):
    model_config = ConfigDict(extra="forbid")
    categories: list[str] = []
    frameworks: list[str] = []


class ArgumentModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    favours: Target | None = None
    against: Target | None = None
    weight: float = Field(1.0, gt=0)
    reason: str = Field(min_length=3)
    sources: list[str] = Field(min_length=1)


class NeedModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    label: str
    tags: list[str] = []
    keywords: list[str] = []
    arguments: list[ArgumentModel] = Field(min_length=1)
    support_tags: list[str] = []
    required: bool = False


class NeedsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    needs: list[NeedModel]
