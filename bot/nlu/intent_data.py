"""The intents/ directory: Rasa-like YAML of intents (examples, cues, entity kinds) and lookups."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import cache
from typing import Annotated

from pydantic import TypeAdapter, ValidationError

from bot.paths import resolve_intents_dir
from bot.records import STRICT, Check, IntentData, IntentSpec
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


def list_items(block: str) -> list[str]:
    """The '- item' lines of a Rasa `examples: |` block."""
    return [
        line.strip()[2:].strip() for line in block.splitlines() if line.strip().startswith("- ")
    ]


@dataclass(slots=True)
class LookupSpec:
    """A Rasa-style lookup table: names the bot should recognise as outside its sources."""

    __pydantic_config__ = STRICT

    lookup: str
    examples: str

    def names(self) -> list[str]:
        return list_items(self.examples)


@dataclass(slots=True)
class SynonymSpec:
    """A Rasa-style synonym: casual words read as the word the examples use ('snappy' → 'fast')."""

    __pydantic_config__ = STRICT

    synonym: Annotated[str, Check("Field", min_length=1)]
    examples: str

    def names(self) -> list[str]:
        return list_items(self.examples)


@dataclass(slots=True)
class NluFile:
    __pydantic_config__ = STRICT

    nlu: list[IntentSpec | LookupSpec | SynonymSpec]
    version: str | None = None


@cache
def _nlu_file() -> TypeAdapter:
    return TypeAdapter(NluFile)


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
            parsed = _nlu_file().validate_python(data or {})
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
                intents[item.intent] = replace(
                    first,
                    examples=first.examples + "\n" + item.examples,
                    cues=[*first.cues, *item.cues],
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
