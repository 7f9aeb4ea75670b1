"""The intents/ directory: Rasa-like YAML of intents (examples, cues, entity kinds) and lookups."""

from __future__ import annotations

import os
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.paths import resolve_intents_dir
from bot.yamlsrc import example_lines
from bot.yamlsrc import SourceError, SourceErrors, format_key, load_yaml

FIXED_INTENTS = (
    "greet",
    "help",
    "thanks",
    "describe_framework",
    "features",
    "category_of",
    "list_frameworks",
    "define_term",
    "compare",
    "recommend",
    "who_uses",
    "history",
    "built_on",
    "databases",
    "drawbacks",
    "performance",
    "sources",
    "fallback",
)

EntityKind = Literal["framework", "category", "term"]


class IntentSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    intent: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    description: str = ""
    cues: list[str] = []
    entity_kinds: list[EntityKind] = []
    min_entities: Annotated[int, Field(ge=0, le=3)] = 0
    examples: str

    def example_lines(self) -> list[str]:
        return example_lines(self.examples)


def list_items(block: str) -> list[str]:
    """The '- item' lines of a Rasa `examples: |` block."""
    return [
        line.strip()[2:].strip() for line in block.splitlines() if line.strip().startswith("- ")
    ]


class LookupSpec(BaseModel):
    """A Rasa-style lookup table: names the bot should recognise as outside its sources."""

    model_config = ConfigDict(extra="forbid")

    lookup: str
    examples: str

    def names(self) -> list[str]:
        return list_items(self.examples)


class SynonymSpec(BaseModel):
    """A Rasa-style synonym: casual words read as the word the examples use ('snappy' → 'fast')."""

    model_config = ConfigDict(extra="forbid")

    synonym: Annotated[str, Field(min_length=1)]
    examples: str

    def names(self) -> list[str]:
        return list_items(self.examples)


class NluFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str | None = None
    nlu: list[IntentSpec | LookupSpec | SynonymSpec]


class IntentData(BaseModel):
    intents: dict[str, IntentSpec]
    lookups: dict[str, list[str]]
    files: list[str]
    synonyms: dict[str, str] = {}


def load_intents(directory: str | os.PathLike[str] | None = None) -> IntentData:
    """Read every intents/*.yaml; merge intents of the same name; raise SourceErrors on problems."""
    root = resolve_intents_dir(directory)
    errors: list[SourceError] = []
    intents: dict[str, IntentSpec] = {}
    lookups: dict[str, list[str]] = {}
    synonyms: dict[str, str] = {}
    files = sorted(root.glob("*.yaml")) + sorted(root.glob("*.yml"))
    if not files:
        raise SourceErrors([SourceError(str(root), "", None, "no intent files (*.yaml)")])
    for path in files:
        try:
            data, lines = load_yaml(path)
        except SourceErrors as exc:
            errors.extend(exc.errors)
            continue
        try:
            parsed = NluFile.model_validate(data or {})
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                # drop pydantic's union branch names from the key path
                loc = tuple(p for p in loc if p not in ("IntentSpec", "LookupSpec", "SynonymSpec"))
                errors.append(
                    SourceError(str(path), format_key(loc), lines.line_of(loc), err["msg"])
                )
            continue
        for item in parsed.nlu:
            if isinstance(item, LookupSpec):
                lookups.setdefault(item.lookup, []).extend(item.names())
            elif isinstance(item, SynonymSpec):
                synonyms.update((name, item.synonym) for name in item.names())
            elif item.intent in intents:
                first = intents[item.intent]
                intents[item.intent] = first.model_copy(
                    update={
                        "examples": first.examples + "\n" + item.examples,
                        "cues": [*first.cues, *item.cues],
                    }
                )
            else:
                intents[item.intent] = item
    missing = [name for name in FIXED_INTENTS if name not in intents]
    if missing and not errors:
        errors.append(SourceError(str(root), "", None, f"missing intents: {', '.join(missing)}"))
    if errors:
        raise SourceErrors(errors)
    return IntentData(
        intents=intents, lookups=lookups, files=[str(f) for f in files], synonyms=synonyms
    )
