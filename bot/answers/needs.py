"""needs: what someone asks of a framework, and the documents' arguments about each need.

knowledge/needs.yaml ties each need (a small app, batteries included, many connections, an
admin interface, …) to arguments for or against a kind of framework or a named one, with their
sources. `score` adds up, for one framework, the arguments that apply to it and the tags its own
facts carry, so the guided flow and typed questions are ranked by the same reasoning and every
reason in an answer can say where it comes from.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from bot.cache import cached
from bot.records import Framework, Knowledge
from bot.text.tokens import fold

if TYPE_CHECKING:
    from bot.answers.needs_schema import NeedModel

log = logging.getLogger(__name__)

FILE = "needs.yaml"
FLOW_FILE = "flow.yaml"  # the guided flow's questions, whose options name needs
TAG_WEIGHT = 0.5  # each of a framework's tags that answers a need, at most two per need
MISSING_WEIGHT = 1.5  # a required need the documents never tie the framework to


@dataclass(frozen=True)
class Argument:
    favours: bool
    categories: frozenset[str]
    frameworks: frozenset[str]
    weight: float
    reason: str
    sources: tuple[str, ...]

    def applies(self, fw: Framework) -> bool:
        return fw.id in self.frameworks or bool(self.categories & set(fw.category_ids))


@dataclass(frozen=True)
class Need:
    id: str
    label: str
    tags: tuple[str, ...]
    keywords: tuple[str, ...]
    arguments: tuple[Argument, ...]
    support_tags: tuple[str, ...]
    required: bool

    @property
    def all_tags(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.tags + self.support_tags))


@dataclass(frozen=True)
class Asked:
    """A need as asked: with the tags that count as support for it."""

    need: Need
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Reason:
    need: Need | None  # None: the question named the kind, or a fact matched its words
    weight: float  # negative: an argument against
    text: str
    sources: tuple[str, ...]
    specific: bool = False  # about this framework by name (or its own facts), not its kind
    # about it by name or about its main kind; not an argument about a kind it belongs to only
    # in passing (FastAPI is "a kind of microframework", but what Myers says of those isn't
    # said of it)
    direct: bool = True


@dataclass
class Candidate:
    fw: Framework
    score: float = 0.0
    pros: list[Reason] = field(default_factory=list)
    cons: list[Reason] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    def add(self, reason: Reason) -> None:
        self.score += reason.weight
        (self.pros if reason.weight > 0 else self.cons).append(reason)

    @property
    def support(self) -> int:
        return sum(len(r.sources) for r in self.pros)


class NeedsError(ValueError):
    """needs.yaml names an unknown tag, framework, category or source."""


_CACHE: dict[tuple[str, float], tuple[Need, ...]] = {}


def load_needs(knowledge: Knowledge) -> tuple[Need, ...]:
    """The needs of this knowledge base (empty when it has no needs.yaml); checked against its
    tags, frameworks, categories and sources; read once per file version."""
    path = Path(knowledge.directory) / FILE
    try:
        key = (str(path), path.stat().st_mtime)
    except OSError:
        return ()
    if key not in _CACHE:
        try:
            # compiled once per version of the knowledge files (their ids are checked too)
            built = cached([Path(knowledge.directory)], lambda: read_needs(path, knowledge))
        except (OSError, ValueError, yaml.YAMLError) as exc:
            # `framework-bot check` reports it; answers fall back to the tag ranking meanwhile
            log.error("%s is broken, recommending by tags only: %s", path, exc)
            built = ()
        _CACHE.clear()
        _CACHE[key] = built
    return _CACHE[key]


def read_needs(path: Path, knowledge: Knowledge) -> tuple[Need, ...]:
    """Parse and check one needs file; raises ValueError (pydantic's, or NeedsError)."""
    from bot.answers.needs_schema import NeedsFile

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    parsed = NeedsFile.model_validate(data)
    return tuple(_build(need, knowledge) for need in parsed.needs)


def needs_errors(knowledge: Knowledge) -> list[str]:
    """What is wrong with the knowledge base's needs.yaml (and the guided flow's flow.yaml,
    whose options name its needs), for `framework-bot check`."""
    path = Path(knowledge.directory) / FILE
    if not path.exists():
        return []
    try:
        built = read_needs(path, knowledge)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        return [f"{path}: {exc}"]
    from bot.answers.flow_schema import flow_errors

    # the guided flow's options name needs: each must be one of these
    return flow_errors(Path(knowledge.directory) / FLOW_FILE, {need.id for need in built})


def _build(need: NeedModel, kb: Knowledge) -> Need:
    unknown = [t for t in need.tags + need.support_tags if t not in kb.tags]
    arguments = []
    for arg in need.arguments:
        target = arg.favours or arg.against
        if target is None or (arg.favours and arg.against):
            raise NeedsError(f"{need.id}: each argument favours or is against one side")
        unknown += [c for c in target.categories if c not in kb.categories]
        unknown += [f for f in target.frameworks if f not in kb.frameworks]
        unknown += [s for s in arg.sources if s not in kb.sources]
        arguments.append(
            Argument(
                favours=arg.favours is not None,
                categories=frozenset(target.categories),
                frameworks=frozenset(target.frameworks),
                weight=arg.weight,
                reason=arg.reason,
                sources=tuple(arg.sources),
            )
        )
    if unknown:
        raise NeedsError(f"{need.id}: unknown ids {sorted(set(unknown))}")
    return Need(
        id=need.id,
        label=need.label,
        tags=tuple(need.tags),
        keywords=tuple(" " + _plain(k) + " " for k in need.keywords),
        arguments=tuple(arguments),
        support_tags=tuple(need.support_tags),
        required=need.required,
    )


def _plain(text: str) -> str:
    return re.sub(r"[^a-z0-9+#]+", " ", fold(text)).strip()


def by_id(knowledge: Knowledge) -> dict[str, Need]:
    return {need.id: need for need in load_needs(knowledge)}


def asked_needs(knowledge: Knowledge, folded: str, tags: list[str]) -> list[Asked]:
    """The needs a typed question asks for: by their keywords or by the tags found in it."""
    padded = " " + _plain(folded) + " "
    out = []
    for need in load_needs(knowledge):
        # a need is asked by its own tags or words; its support tags only count as answers
        found = [t for t in tags if t in need.tags]
        if not found and not any(k.strip() and k in padded for k in need.keywords):
            continue
        out.append(Asked(need, need.all_tags))
    # "API docs" is the docs of an API, not documentation quality
    ids = {a.need.id for a in out}
    if "api_docs" in ids:
        out = [a for a in out if a.need.id != "documentation"]
    return out


def spoken_of(kb: Knowledge, asked: list[Asked]) -> set[str] | None:
    """The frameworks `score` finds any reason for: those an argument names or whose kind it
    names, and those carrying an asked tag; None when a required need is asked (it counts
    against every framework it doesn't favour)."""
    if any(item.need.required for item in asked):
        return None
    look = _lookups(kb)
    out: set[str] = set()
    for item in asked:
        for arg in item.need.arguments:
            out |= arg.frameworks
            for cid in arg.categories:
                out |= look.members.get(cid, frozenset())
        out |= {fid for tag in item.tags for fid in look.holders.get(tag, ())}
    return out


@dataclass(frozen=True)
class _Lookups:
    """Per knowledge, what `score` asks of every framework: kept as sets, so ranking all the
    frameworks of a large knowledge base costs set look-ups, not lists built per call."""

    knowledge: Knowledge
    holders: dict[str, frozenset[str]]  # tag → the frameworks carrying it
    kinds: dict[str, frozenset[str]]  # framework → its category ids
    main_kind: dict[str, str]  # framework → its first category
    tags: dict[str, frozenset[str]]  # framework → its tag ids
    members: dict[str, frozenset[str]]  # category → its frameworks


_LOOKUPS: list[_Lookups] = []


def _lookups(kb: Knowledge) -> _Lookups:
    if _LOOKUPS and _LOOKUPS[0].knowledge is kb:
        return _LOOKUPS[0]
    holders: dict[str, set[str]] = {}
    for fw in kb.frameworks.values():
        for tag in fw.tag_ids:
            holders.setdefault(tag, set()).add(fw.id)
    found = _Lookups(
        kb,
        {t: frozenset(ids) for t, ids in holders.items()},
        {fw.id: frozenset(fw.category_ids) for fw in kb.frameworks.values()},
        {fw.id: fw.category_ids[0] for fw in kb.frameworks.values()},
        {fw.id: frozenset(fw.tag_ids) for fw in kb.frameworks.values()},
        {cid: frozenset(fw.id for fw in kb.members(cid)) for cid in kb.categories},
    )
    _LOOKUPS[:] = [found]  # one knowledge at a time: a reload lets the old one go
    return found


def score(kb: Knowledge, fw: Framework, asked: list[Asked]) -> Candidate:
    """One framework against the asked needs: the arguments that apply to it, and its tags."""
    candidate = Candidate(fw)
    look = _lookups(kb)
    kinds, main_kind, tag_ids = look.kinds[fw.id], look.main_kind[fw.id], look.tags[fw.id]
    for item in asked:
        need = item.need
        favoured = False
        for arg in need.arguments:
            named = fw.id in arg.frameworks
            if named or arg.categories & kinds:  # Argument.applies, on the sets
                weight = arg.weight if arg.favours else -arg.weight
                favoured = favoured or arg.favours
                direct = named or main_kind in arg.categories
                candidate.add(Reason(need, weight, arg.reason, arg.sources, named, direct))
        support = [t for t in item.tags if t in tag_ids]
        if support:
            labels = [kb.tags[t].label for t in support]
            sources = tuple(dict.fromkeys(s for r in fw.tags if r.id in support for s in r.sources))
            text = f"{fw.name} is described with {_join(labels)}"
            candidate.add(Reason(need, TAG_WEIGHT * min(2, len(support)), text, sources, True))
            candidate.tags += [t for t in support if t not in candidate.tags]
        elif need.required and not favoured:
            text = f"the documents don't describe {fw.name} as made for {need.label}"
            candidate.add(Reason(need, -MISSING_WEIGHT, text, ()))
    return candidate


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
