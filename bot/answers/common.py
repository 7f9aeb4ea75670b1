"""Shared pieces for composers: the request they get, citations, and 'according to' phrasing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.answers.model import Answer, Assumption, SourceRef
from bot.answers.search import FactIndex
from bot.records import Fact, Framework, Knowledge, Named
from bot.text.stem import stem
from bot.text.tokens import tokens

MAX_FACTS = 6
MIN_HIT = 2.5  # how much rare-word weight a fact needs to count as answering a detail


@dataclass
class Request:
    """What a composer needs: the parse of the question and the knowledge to answer from."""

    knowledge: Knowledge
    intent: str
    confidence: float
    entities: list[str]
    text: str
    folded: str
    asked: str = ""  # the clause a chatty message asks in (Parse.asked); "" = the whole text
    assumptions: list[Assumption] = field(default_factory=list)
    from_context: bool = False
    unknown_names: list[str] = field(default_factory=list)
    unknown_topics: list[str] = field(default_factory=list)
    users_asked: list[str] = field(default_factory=list)
    index: FactIndex | None = None
    reason: str = ""  # the rule or score that decided the intent, in words (Parse.reason)
    rule: str = ""  # the named rule that decided (Parse.rule); "" when the matcher did
    # read below the threshold, answered only because it names a known framework
    weak: bool = False
    everyday_stems: frozenset[str] = frozenset()  # stems of common English words
    chat_stems: frozenset[str] = frozenset()  # stems of the most common ('up', 'place')

    @property
    def question_tokens(self) -> list[str]:
        """The words that ask: the asking clause of a chatty message, else the whole text."""
        return tokens(self.asked or self.folded)

    @property
    def frameworks(self) -> list[Framework]:
        return [
            self.knowledge.frameworks[e] for e in self.entities if e in self.knowledge.frameworks
        ]

    @property
    def category_ids(self) -> list[str]:
        return [e for e in self.entities if e in self.knowledge.categories]

    @property
    def term_ids(self) -> list[str]:
        return [e for e in self.entities if e in self.knowledge.terms]

    @property
    def words(self) -> set[str]:
        return {stem(t) for t in tokens(self.folded)}

    def answer(self, headline: str, text: str, source_ids: Iterable[str], **extra) -> Answer:
        kb = self.knowledge
        entities = extra.pop("entities", list(self.entities))
        return Answer(
            intent=extra.pop("intent", self.intent),
            confidence=extra.pop("confidence", self.confidence),
            # the contract's entity ids are frameworks and categories; terms go apart
            entities=[e for e in entities if e in kb.frameworks or e in kb.categories],
            terms=[e for e in self.entities if e in kb.terms],
            headline=headline,
            text=text,
            sources=refs(self.knowledge, source_ids),
            assumptions=self.assumptions,
            **extra,
        )


def refs(knowledge: Knowledge, source_ids: Iterable[str]) -> list[SourceRef]:
    seen = dict.fromkeys(s for s in source_ids if s in knowledge.sources)
    return [
        SourceRef(id=s, title=knowledge.sources[s].title, short=knowledge.sources[s].short)
        for s in sorted(seen, key=list(knowledge.sources).index)
    ]


def sources_of(items: Iterable[Fact | Named]) -> list[str]:
    out: dict[str, None] = {}
    for item in items:
        out.update(dict.fromkeys(item.sources))
    return list(out)


def join(names: Sequence[str], word: str = "and") -> str:
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {word} {names[-1]}"


def short(knowledge: Knowledge, source_ids: Iterable[str]) -> str:
    return join([knowledge.sources[s].short for s in source_ids if s in knowledge.sources])


def cite_line(knowledge: Knowledge, source_ids: Iterable[str]) -> str:
    """The brief citation every answer text ends with."""
    ids = list(dict.fromkeys(source_ids))
    if not ids:
        return ""
    return (
        f"_Source: {short(knowledge, ids)}._"
        if len(ids) == 1
        else (f"_Sources: {short(knowledge, ids)}._")
    )


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def by_source(knowledge: Knowledge, items: Sequence[Fact | Named]) -> list[tuple[list[str], list]]:
    """Group items by the exact set of documents behind them, in source order."""
    groups: dict[tuple[str, ...], list] = {}
    order = list(knowledge.sources)
    for item in items:
        key = tuple(sorted(item.sources, key=order.index))
        groups.setdefault(key, []).append(item)
    return [(list(k), v) for k, v in groups.items()]


def disagree(knowledge: Knowledge, items: Sequence[Fact | Named]) -> bool:
    """True when different documents contribute different items (worth an 'according to')."""
    groups = by_source(knowledge, items)
    return len(groups) > 1


def according(knowledge: Knowledge, items: Sequence[Fact | Named], render) -> list[str]:
    """One line per source group: 'According to ICTS: ...'."""
    lines = []
    for ids, group in by_source(knowledge, items):
        lines.append(f"According to {short(knowledge, ids)}: {render(group)}")
    return lines


def filter_by_words(facts: Sequence[Fact], words: set[str], ignore: set[str]) -> list[Fact]:
    """Facts that mention a content word of the question ('debugger' → the debugger fact)."""
    wanted = {w for w in words if len(w) > 3 and w not in ignore}
    if not wanted:
        return []
    out = []
    for fact in facts:
        fact_words = {stem(t) for t in tokens(fact.text.casefold())}
        if fact_words & wanted or any(w in fact.text.casefold() for w in wanted if len(w) > 4):
            out.append(fact)
    return out


def fw_name(knowledge: Knowledge, fid: str) -> str:
    item = (
        knowledge.frameworks.get(fid) or knowledge.categories.get(fid) or knowledge.terms.get(fid)
    )
    return item.name if item else fid


def a_or_an(words: str) -> str:
    """The article for `words` ('an async framework', 'a microframework')."""
    return "an" if words[:1] in "aeiou" else "a"


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"
