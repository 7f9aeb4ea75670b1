"""One index over the knowledge's framework facts, built once per knowledge base.

Each fact's text is tokenised and stemmed once, per framework, with where each stem occurs and
the word families of the whole fact vocabulary. Understanding asks which facet a question's
words point at (bot/nlu/grounding.py); the answers ask which facts carry a detail
(bot/answers/search.py). Both read this one index and weigh the words their own way: grounding
leaves each framework's own names out of its facts, the detail search its `related` pointers.

It takes the knowledge as plain data (frameworks with `id`, `name`, `aliases` and one list of
statements per facet), so the text tools need nothing from the layers above them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.text.families import WordFamilies
from bot.text.stem import stem
from bot.text.tokens import fold, tokens


@dataclass(frozen=True, slots=True)
class FactRow:
    """One statement of one framework: its stems, and those less the framework's own names."""

    framework: str
    facet: str
    item: Any  # the record the text came from (a fact, a named user, a reference)
    stems: frozenset[str]
    content: frozenset[str]


class FactTable:
    """Every framework's facts, in facet order; per framework, stem → its rows; and across
    frameworks, a stem → the facts whose content (names left out) holds it."""

    def __init__(
        self, frameworks: Iterable[Any], facets: Sequence[str], text_of: Callable[[Any], str]
    ) -> None:
        self.rows: dict[str, list[FactRow]] = {}
        self.names: dict[str, frozenset[str]] = {}
        self.postings: dict[str, dict[str, list[int]]] = {}
        self.holding: dict[str, list[FactRow]] = defaultdict(list)
        vocab: set[str] = set()
        for fw in frameworks:
            names = frozenset(
                stem(t) for n in (fw.name, fw.id, *fw.aliases) for t in tokens(fold(n))
            )
            rows = []
            for facet in facets:
                for item in getattr(fw, facet):
                    stems = frozenset(stem(t) for t in tokens(fold(text_of(item))))
                    rows.append(FactRow(fw.id, facet, item, stems, stems - names))
                    vocab |= stems
            postings: dict[str, list[int]] = defaultdict(list)
            for row, fact in enumerate(rows):
                for s in fact.stems:
                    postings[s].append(row)
                for s in fact.content:
                    self.holding[s].append(fact)
            self.rows[fw.id], self.names[fw.id], self.postings[fw.id] = rows, names, postings
        self.holding = dict(self.holding)
        self.families = WordFamilies(vocab)

    def all_rows(self) -> Iterable[FactRow]:
        for rows in self.rows.values():
            yield from rows


def rarity(rows: Iterable[frozenset[str]]) -> tuple[dict[str, float], int]:
    """Each stem's weight over these rows' stems (rarer weighs more), and how many rows."""
    df: dict[str, int] = defaultdict(int)
    total = 0
    for stems in rows:
        total += 1
        for s in stems:
            df[s] += 1
    return {s: math.log(1 + total / n) for s, n in df.items()}, total


_BUILT: dict[int, tuple[Any, FactTable]] = {}
KEEP = 4  # knowledge bases indexed at once (a process usually has one)


def fact_table(knowledge: Any, facets: Sequence[str], text_of: Callable[[Any], str]) -> FactTable:
    """The index of `knowledge`'s framework facts: built on first use, shared after that."""
    hit = _BUILT.get(id(knowledge))
    if hit is not None and hit[0] is knowledge:
        return hit[1]
    table = FactTable(knowledge.frameworks.values(), facets, text_of)
    while len(_BUILT) >= KEEP:
        _BUILT.pop(next(iter(_BUILT)))
    _BUILT[id(knowledge)] = (knowledge, table)
    return table
