"""Team knowledge: answers the team gave in Slack, kept apart from the three documents.

A team directory (FRAMEWORK_BOT_TEAM_DIR) holds one YAML file per framework (`general.yaml` for
facts about none), each `facts:` a list of entries with their own source: `kind: team`, the
Slack user id of the person who answered, the date and a permalink to the answer. Files are
validated like every knowledge file (pydantic, errors as file:line), written by appending one
entry as text (so comments and layout stay as they are, and `git diff` shows one new block),
and taken back with `remove_fact` (or `framework-bot team remove ID`). The engine rereads the
directory when a file in it changes, so a write is served without a restart, in every process.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import re
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from rapidfuzz import fuzz

from bot.answers.model import Answer, TeamNote
from bot.records import FACETS, STRICT, Check, Id
from bot.yamlsrc import SourceError, SourceErrors, load_yaml

log = logging.getLogger(__name__)

UserId = Annotated[str, Check("StringConstraints", pattern=r"^[UW][A-Z0-9]{2,}$")]
Permalink = Annotated[
    str, Check("StringConstraints", pattern=r"^https://[^\s<>|]+$", max_length=500)
]
Facet = Literal[FACETS]  # type: ignore[valid-type]

MAX_TEXT = 2000  # characters of a team answer
MATCH = 86  # how close (0-100, rapidfuzz ratio on folded words) a question must be to a fact's
HEADER = (
    "# Team knowledge: answers the team gave in Slack, with who answered, when and where.\n"
    "# Not from the documents; answers cite these as 'according to the team'.\n"
    "# Added by framework-bot's 'Add to knowledge'; delete an entry (or run\n"
    "# `framework-bot team remove ID`) to take it back. Checked by `framework-bot check`.\n"
)

# Which facet of a framework an intent asks about (the modal's first guess, and which team
# facts join a later answer about that framework).
FACET_OF_INTENT = {
    "describe_framework": "summary",
    "features": "features",
    "drawbacks": "drawbacks",
    "built_on": "built_on",
    "databases": "databases",
    "history": "history",
    "who_uses": "users",
    "performance": "performance",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class TeamSource:
    __pydantic_config__ = STRICT

    kind: Literal["team"]
    author: UserId
    date: dt.date
    permalink: Permalink


@dataclass(frozen=True, slots=True, kw_only=True)
class TeamFact:
    """One answer the team gave, as its file holds it (the record and its schema)."""

    __pydantic_config__ = STRICT

    id: Id
    framework: Id | None = None
    facet: Facet = "features"
    question: Annotated[
        str, Check("StringConstraints", min_length=1, max_length=500, strip_whitespace=True)
    ]
    text: Annotated[
        str, Check("StringConstraints", min_length=1, max_length=MAX_TEXT, strip_whitespace=True)
    ]
    source: TeamSource


@dataclass(frozen=True, slots=True)
class TeamFile:
    __pydantic_config__ = STRICT

    facts: list[TeamFact] = field(default_factory=list)


def _files(root: Path) -> list[Path]:
    return sorted(root.glob("*.yaml"))


def _load_file(
    path: Path, errors: list[SourceError], frameworks: Iterable[str] | None, display: str = ""
) -> list[TeamFact]:
    name = display or str(path)
    try:
        data, lines = load_yaml(path, name)
    except SourceErrors as exc:
        errors.extend(exc.errors)
        return []
    from bot.knowledge import validate  # the knowledge files' own validation (pydantic)

    parsed = validate(TeamFile, data, name, lines, errors)
    if not isinstance(parsed, TeamFile):
        return []
    known = set(frameworks) if frameworks is not None else None
    for index, fact in enumerate(parsed.facts):
        if known is not None and fact.framework and fact.framework not in known:
            where = lines.line_of(("facts", index, "framework"))
            errors.append(
                SourceError(
                    name,
                    f"facts[{index}].framework",
                    where,
                    f"unknown framework '{fact.framework}'; expected one of: "
                    + ", ".join(sorted(known)),
                )
            )
    return list(parsed.facts)


def load_team(directory: str | os.PathLike[str], frameworks: Iterable[str] | None = None):
    """Every team fact in `directory`, validated; raises SourceErrors naming file and line."""
    root = Path(directory)
    if not root.is_dir():
        raise SourceErrors([SourceError(str(root), "", None, "team directory not found")])
    errors: list[SourceError] = []
    facts: list[TeamFact] = []
    frameworks = list(frameworks) if frameworks is not None else None
    for path in _files(root):
        facts += _load_file(path, errors, frameworks)
    seen: set[str] = set()
    for fact in facts:
        if fact.id in seen:
            errors.append(SourceError(str(root), "facts", None, f"duplicate team fact '{fact.id}'"))
        seen.add(fact.id)
    if errors:
        raise SourceErrors(errors)
    return facts


def fold(text: str) -> str:
    """A question reduced to its words, for matching ('Does Flask do WebSockets?!')."""
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


def note_of(fact: TeamFact) -> TeamNote:
    return TeamNote(
        text=fact.text,
        author=fact.source.author,
        date=fact.source.date.isoformat(),
        permalink=fact.source.permalink,
    )


class TeamKnowledge:
    """The team facts of one directory, reread when a file in it changes (cheap: one stat
    per file per question); a broken file keeps the last good facts serving, and is logged."""

    def __init__(self, directory: str | os.PathLike[str], frameworks: Iterable[str] = ()) -> None:
        self.directory = Path(directory)
        self.frameworks = frozenset(frameworks)
        self._facts: list[TeamFact] = []
        self._signature: tuple[Any, ...] | None = None
        self._lock = threading.Lock()

    def _stamp(self) -> tuple[Any, ...]:
        try:
            return tuple(
                (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in _files(self.directory)
            )
        except OSError:
            return ()

    def facts(self) -> list[TeamFact]:
        stamp = self._stamp()
        with self._lock:
            if stamp != self._signature:
                try:
                    self._facts = load_team(self.directory, self.frameworks or None)
                except SourceErrors as exc:
                    log.error("team knowledge not reloaded, keeping the last good:\n%s", exc)
                self._signature = stamp
            return self._facts

    def find(self, question: str, entities: list[str]) -> TeamFact | None:
        """The team fact whose question this is (near enough), about the same framework."""
        folded = fold(question)
        if not folded:
            return None
        best: tuple[float, TeamFact] | None = None
        for fact in self.facts():
            if fact.framework and entities and fact.framework not in entities:
                continue
            score = fuzz.ratio(folded, fold(fact.question))
            if score >= MATCH and (best is None or score > best[0]):
                best = (score, fact)
        return best[1] if best else None

    def about(self, framework: str, facet: str) -> list[TeamFact]:
        return [f for f in self.facts() if f.framework == framework and f.facet == facet]

    def enrich(self, question: str, answer: Answer) -> Answer:
        """A decline the team has answered becomes the team's answer; an answer about one
        framework's facet gets the team's notes on it. Nothing changes without team facts."""
        if answer.clarify:
            return answer
        if answer.is_fallback:
            fact = self.find(question, answer.entities)
            if fact is None:
                return answer
            return Answer(
                intent="team",
                headline=fact.question[:1].upper() + fact.question[1:],
                text="The documents don't cover this. The team answered it in Slack:",
                confidence=1.0,
                entities=[fact.framework] if fact.framework else [],
                subjects=[fact.framework] if fact.framework else [],
                team=[note_of(fact)],
            )
        facet = FACET_OF_INTENT.get(answer.intent)
        if facet and len(answer.entities) == 1:
            answer.team = [note_of(f) for f in self.about(answer.entities[0], facet)][:3]
        return answer


# -- writing --------------------------------------------------------------------------------


class TeamWriteError(ValueError):
    """A team fact that was not written; str() says why, for the curator."""


@dataclass(frozen=True)
class NewFact:
    framework: str | None
    facet: str
    question: str
    text: str
    author: str
    date: dt.date
    permalink: str


_write_lock = threading.Lock()


class _Dumper(yaml.SafeDumper):
    """Multi-line text as a `|` block, the way people write it in the other files."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _entry(fact_id: str, new: NewFact) -> str:
    data = {
        "id": fact_id,
        "framework": new.framework,
        "facet": new.facet,
        "question": " ".join(new.question.split()),
        "text": new.text.strip(),
        "source": {
            "kind": "team",
            "author": new.author,
            "date": new.date,
            "permalink": new.permalink,
        },
    }
    if new.framework is None:
        del data["framework"]
    dumped = yaml.dump([data], Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88)
    return "".join("  " + line if line.strip() else line for line in dumped.splitlines(True))


class _Locked:
    """An exclusive lock on the directory itself (flock on its descriptor), so that writers in
    other processes take turns and no lock file lands next to the facts in git."""

    def __init__(self, root: Path) -> None:
        self.fd = os.open(root, os.O_RDONLY)
        fcntl.flock(self.fd, fcntl.LOCK_EX)

    def close(self) -> None:
        os.close(self.fd)  # releases the lock


def _locked(root: Path) -> _Locked:
    return _Locked(root)


def _replace_checked(root: Path, path: Path, content: str, frameworks: Iterable[str]) -> None:
    """Write `content` to `path` only if the directory with it validates (tmp + rename)."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(content, encoding="utf-8")
    try:
        errors: list[SourceError] = []
        facts = _load_file(tmp, errors, list(frameworks) or None, display=str(path))
        for other in _files(root):
            if other != path:
                facts += _load_file(other, errors, list(frameworks) or None)
        ids = [f.id for f in facts]
        if len(ids) != len(set(ids)):
            errors.append(SourceError(str(path), "facts", None, "duplicate team fact id"))
        if errors:
            raise TeamWriteError("; ".join(str(e) for e in errors[:3]))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def add_fact(directory: str | os.PathLike[str], new: NewFact, frameworks: Iterable[str]) -> str:
    """Append one team fact to its framework's file; returns its id. Raises TeamWriteError
    (nothing written) when the entry or the file would not validate."""
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    frameworks = list(frameworks)
    if new.framework is not None and frameworks and new.framework not in frameworks:
        raise TeamWriteError(f"unknown framework '{new.framework}'")
    name = new.framework or "general"
    fact_id = f"{name}_{new.date:%Y%m%d}_{uuid.uuid4().hex[:6]}"
    path = root / f"{name}.yaml"
    with _write_lock:
        handle = _locked(root)
        try:
            existing = path.read_text(encoding="utf-8") if path.exists() else HEADER + "facts:\n"
            existing = re.sub(r"(?m)^facts: \[\]\s*$", "facts:", existing)  # emptied by remove
            content = existing.rstrip("\n") + "\n" + _entry(fact_id, new)
            _replace_checked(root, path, content, frameworks)
        finally:
            handle.close()
    # a file whose `facts:` is not the last block would take the entry somewhere else
    if not any(f.id == fact_id for f in load_team(root)):
        raise TeamWriteError(f"{path}: `facts:` must be the file's last key, in block style")
    return fact_id


def remove_fact(directory: str | os.PathLike[str], fact_id: str) -> Path:
    """Take one team fact back out of its file, the rest of the file as it was."""
    root = Path(directory)
    with _write_lock:
        handle = _locked(root)
        try:
            for path in _files(root):
                data, lines = load_yaml(path)
                facts = (data or {}).get("facts") or [] if isinstance(data, dict) else []
                index = next(
                    (
                        i
                        for i, f in enumerate(facts)
                        if isinstance(f, dict) and f.get("id") == fact_id
                    ),
                    None,
                )
                if index is None:
                    continue
                text = path.read_text(encoding="utf-8").splitlines(True)
                start = (lines.line_of(("facts", index)) or 1) - 1
                end_line = lines.line_of(("facts", index + 1)) if index + 1 < len(facts) else None
                end = end_line - 1 if end_line else len(text)
                while end > start and not text[end - 1].strip():
                    end -= 1
                kept = "".join(text[:start] + text[end:])
                if not any(isinstance(f, dict) and f.get("id") != fact_id for f in facts):
                    kept = kept.rstrip("\n") + "\n"
                    kept = re.sub(r"(?m)^facts:\s*$", "facts: []", kept)
                _replace_checked(root, path, kept, ())
                return path
        finally:
            handle.close()
    raise TeamWriteError(f"no team fact '{fact_id}' in {root}")
