"""Read YAML safely while remembering where each key sits, so errors can name file, key and line.

Aliases (``*name``) are refused with the alias's file:line before anything is built: nine levels
of nine aliases in 446 bytes expand to 387 million values (16 s, 2.2 GiB and 34.7 MB of errors
before), and an alias inside its own anchor is a cycle (a RecursionError traceback before). The
knowledge and intents never need them. Errors are capped in number and in length
(`MAX_ERRORS`, `MAX_MESSAGE`), so no file can flood a terminal or a reload's log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

KeyPath = tuple[str | int, ...]

MAX_ERRORS = 200  # errors kept (and printed) per SourceErrors; the rest are counted
MAX_MESSAGE = 500  # characters of one error's message (a pydantic message quotes the input)

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
        key = f" [{self.key[:200]}]" if self.key else ""
        message = self.message
        if len(message) > MAX_MESSAGE:
            message = message[:MAX_MESSAGE] + f"… ({len(message) - MAX_MESSAGE} more characters)"
        return f"{where}{key}: {message}"


class SourceErrors(Exception):
    """Raised with every problem found, not just the first, so one run fixes them all (the
    first `MAX_ERRORS` of them, and a last line counting the rest)."""

    def __init__(self, errors: list[SourceError]):
        if len(errors) > MAX_ERRORS:
            hidden = errors[MAX_ERRORS - 1 :]
            more = SourceError(
                hidden[0].file, "", None, f"… and {len(hidden)} more problems not shown"
            )
            errors = [*errors[: MAX_ERRORS - 1], more]
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


class _Alias(Exception):
    """A node reached a second time: an alias (or an alias inside its own anchor)."""


def _walk(node: yaml.Node, lines: LineMap, file: str, errors: list[SourceError]) -> None:
    """Record the line of every key and item, and report duplicate keys. Iterative (no depth
    limit to hit) and visiting each node once: a node met twice is an alias (raises _Alias)."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, KeyPath] | tuple[None, KeyPath, int]] = [(node, ())]
    while stack:
        item = stack.pop()
        if item[0] is None:  # a mapping key, recorded in document order
            lines.lines[item[1]] = item[2]  # type: ignore[misc]
            continue
        current, path = item[0], item[1]
        if id(current) in seen:
            raise _Alias
        seen.add(id(current))
        lines.lines.setdefault(path, current.start_mark.line + 1)
        todo: list[tuple[yaml.Node, KeyPath] | tuple[None, KeyPath, int]] = []
        if isinstance(current, yaml.MappingNode):
            keys: set[str] = set()
            for key_node, value_node in current.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                child = (*path, key)
                if key in keys:
                    errors.append(
                        SourceError(
                            file,
                            format_key(child),
                            key_node.start_mark.line + 1,
                            f"key '{key}' appears twice in the same mapping",
                        )
                    )
                keys.add(key)
                if id(key_node) in seen:
                    raise _Alias
                seen.add(id(key_node))
                todo += [(None, child, key_node.start_mark.line + 1), (value_node, child)]
        elif isinstance(current, yaml.SequenceNode):
            todo = [(child, (*path, index)) for index, child in enumerate(current.value)]
        stack.extend(reversed(todo))


def _first_alias(text: str) -> int | None:
    """Line of the first alias in `text` (events only: nothing is expanded)."""
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1
    finally:
        loader.dispose()
    return None


def load_yaml(path: Path, display: str | None = None) -> tuple[Any, LineMap]:
    """Parse one file with a safe loader (never full_load).

    Raises SourceErrors with a line number for any syntax problem."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceErrors([SourceError(name, "", None, f"cannot read file: {exc}")]) from exc
    lines = LineMap()
    errors: list[SourceError] = []
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _walk(node, lines, name, errors)  # before building: refuses aliases
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except _Alias:
        message = "YAML aliases (*name) are not allowed here: write the value out in full"
        raise SourceErrors([SourceError(name, "", _first_alias(text), message)]) from None
    except RecursionError:  # thousands of levels of nesting
        raise SourceErrors(
            [SourceError(name, "", None, "invalid YAML: nested too deeply")]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceErrors([SourceError(name, "", line, f"invalid YAML: {problem}")]) from exc
    if errors:
        raise SourceErrors(errors)
    return data, lines


def example_lines(examples: str) -> list[str]:
    """The utterances of a Rasa-style `examples: |` block, one per "- " line."""
    out = []
    for line in examples.splitlines():
        line = line.strip()
        if line.startswith("- "):
            line = line[2:].strip()
        elif line == "-":
            continue
        if line:
            out.append(line)
    return out
