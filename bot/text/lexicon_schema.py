"""The lexicon files' schema: pydantic checks them, only when they are read from YAML."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.yamlsrc import SourceError, format_key, load_yaml

Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Entry(BaseModel):
    """One `lookup:`, `regex:` or `table:` entry."""

    model_config = ConfigDict(extra="forbid")

    lookup: Name | None = None
    regex: Name | None = None
    table: Name | None = None
    description: str = ""
    examples: str = ""
    entries: dict[str, str] = {}

    @model_validator(mode="after")
    def one_kind(self) -> Entry:
        kinds = [k for k in ("lookup", "regex", "table") if getattr(self, k)]
        if len(kinds) != 1:
            raise ValueError("give exactly one of lookup:, regex: or table:")
        if kinds[0] == "table" and (not self.entries or self.examples):
            raise ValueError("a table has `entries:` (word: meaning) and no examples")
        if kinds[0] != "table" and (self.entries or not self.examples.strip()):
            raise ValueError(f"a {kinds[0]} has `examples:` (one '- ' line each)")
        return self

    @property
    def kind(self) -> str:
        return "lookup" if self.lookup else "regex" if self.regex else "table"

    @property
    def name(self) -> str:
        return self.lookup or self.regex or self.table or ""


class LexiconFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str | None = None
    nlu: list[Entry]


def read_files(
    files: list[Path], errors: list[SourceError]
) -> Iterator[tuple[Path, str, int | None, Entry]]:
    """Each valid entry with where it sits; problems go to `errors`."""
    for path in files:
        try:
            data, lines = load_yaml(path)
        except Exception as exc:  # SourceErrors from the YAML reader
            errors.extend(getattr(exc, "errors", [SourceError(str(path), "", None, str(exc))]))
            continue
        try:
            parsed = LexiconFile.model_validate(data or {})
        except ValidationError as exc:
            for err in exc.errors():
                loc: tuple[Any, ...] = tuple(err["loc"])
                errors.append(
                    SourceError(str(path), format_key(loc), lines.line_of(loc), err["msg"])
                )
            continue
        for i, entry in enumerate(parsed.nlu):
            loc = ("nlu", i)
            yield path, format_key((*loc, entry.kind)), lines.line_of(loc), entry
