"""The words and patterns that shape a question, as data a curator can read and change.

English is not code: the filler words, question forms, slang and how-to patterns the bot
relies on live in `intents/lexicon/*.yaml` as Rasa-style entries, each with a name:

    - lookup: filler          # a list of words or phrases, kept in the order written
      description: words that carry no subject
      examples: |
        - a
        - the
    - regex: asks_how_to      # patterns tried as one alternation, on folded text
      examples: |
        - \\bhow (?:do|can) i\\b
    - table: shorthand        # word -> what it stands for
      entries:
        pls: please

Modules read them once at import (`LEXICON.words("<name>")`). The YAML is validated (with
pydantic) and compiled only when it changes; a run after that loads the compiled copy, so the
`ask` path parses no YAML. `framework-bot check` reports a broken entry by file, key and line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.cache import cached
from bot.paths import default_intents_dir


def lexicon_dir() -> Path:
    """FRAMEWORK_BOT_LEXICON, else the shipped intents/lexicon/."""
    custom = os.environ.get("FRAMEWORK_BOT_LEXICON")
    return Path(custom) if custom else default_intents_dir() / "lexicon"


@dataclass(slots=True)
class Lexicon:
    """Named word lists, regexes and tables, with the file each came from."""

    lookups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    regexes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tables: dict[str, dict[str, str]] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)

    def phrases(self, name: str) -> tuple[str, ...]:
        """A lookup's entries, in the order written (for first-match and longest-first uses)."""
        return self._get(self.lookups, name, "lookup")

    def words(self, name: str) -> frozenset[str]:
        """A lookup as a set, for membership tests."""
        return frozenset(self.phrases(name))

    def pattern(self, name: str, flags: int = 0) -> re.Pattern[str]:
        """A regex entry's examples as one pattern (each example an alternative)."""
        parts = self._get(self.regexes, name, "regex")
        source = parts[0] if len(parts) == 1 else "|".join(f"(?:{p})" for p in parts)
        return re.compile(source, flags)

    def table(self, name: str) -> dict[str, str]:
        return dict(self._get(self.tables, name, "table"))

    def _get(self, where: dict, name: str, kind: str):  # type: ignore[no-untyped-def]
        try:
            return where[name]
        except KeyError:
            raise KeyError(f"no `{kind}: {name}` entry in {lexicon_dir()}/*.yaml") from None


def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Read and validate every lexicon file; raise SourceErrors naming file, key and line."""
    from bot.text.lexicon_schema import read_files
    from bot.yamlsrc import SourceError, SourceErrors, example_lines

    root = directory or lexicon_dir()
    files = sorted(root.glob("*.yaml")) if root.is_dir() else []
    if not files:
        raise SourceErrors([SourceError(str(root), "", None, "no lexicon files (*.yaml)")])
    lexicon = Lexicon()
    errors: list[SourceError] = []
    for path, key, line, entry in read_files(files, errors):
        kind, name = entry.kind, entry.name
        if name in lexicon.origin:
            errors.append(
                SourceError(
                    str(path), key, line, f"{name} is also defined in {lexicon.origin[name]}"
                )
            )
            continue
        lexicon.origin[name] = str(path)
        if kind == "lookup":
            lexicon.lookups[name] = tuple(example_lines(entry.examples))
        elif kind == "regex":
            patterns = tuple(example_lines(entry.examples))
            for pattern in patterns:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    errors.append(
                        SourceError(str(path), key, line, f"bad regex {pattern!r}: {exc}")
                    )
            lexicon.regexes[name] = patterns
        else:
            lexicon.tables[name] = dict(entry.entries)
    if errors:
        raise SourceErrors(errors)
    return lexicon


def _shipped() -> Lexicon:
    root = lexicon_dir()
    return cached([root], lambda: load_lexicon(root))


LEXICON = _shipped()
