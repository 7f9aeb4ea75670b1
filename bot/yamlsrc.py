"""Read YAML safely while remembering where each key sits, so errors can name file, key and line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

KeyPath = tuple[str | int, ...]

# libyaml's safe loader when PyYAML was built with it (10x faster), else the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class SourceError:
    """One problem a curator can act on: which file, which key, which line, what was expected."""

    file: str
    key: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        key = f" [{self.key}]" if self.key else ""
        return f"{where}{key}: {self.message}"


class SourceErrors(Exception):
    """Raised with every problem found, not just the first, so one run fixes them all."""

    def __init__(self, errors: list[SourceError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def format_key(path: KeyPath) -> str:
    """Render ('users', 2, 'sources') as users[2].sources."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class LineMap:
    """Line numbers (1-based) of every key and list item in one YAML document."""

    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, path: KeyPath) -> int | None:
        """Line of the deepest part of `path` that exists (a missing key points at its parent)."""
        probe = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return self.lines.get((), None)


def _walk(node: yaml.Node, path: KeyPath, lines: LineMap, file: str, errors: list[SourceError]):
    lines.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = (*path, key)
            if key in seen:
                errors.append(
                    SourceError(
                        file,
                        format_key(child),
                        key_node.start_mark.line + 1,
                        f"key '{key}' appears twice in the same mapping",
                    )
                )
            seen.add(key)
            lines.lines[child] = key_node.start_mark.line + 1
            _walk(value_node, child, lines, file, errors)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, file, errors)


def load_yaml(path: Path, display: str | None = None) -> tuple[Any, LineMap]:
    """Parse one file with a safe loader (never full_load).

    Raises SourceErrors with a line number for any syntax problem."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceErrors([SourceError(name, "", None, f"cannot read file: {exc}")]) from exc
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceErrors([SourceError(name, "", line, f"invalid YAML: {problem}")]) from exc
    lines = LineMap()
    errors: list[SourceError] = []
    if node is not None:
        _walk(node, (), lines, name, errors)
    if errors:
        raise SourceErrors(errors)
    return data, lines
