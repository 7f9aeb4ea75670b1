"""Which facet of a framework a question's own words point at.

"does fastapi generate api docs automatically" and "does bottle ship its own server" have the
same shape as questions about databases or dependencies; what tells them apart is where the
knowledge keeps the fact they ask about. The question's content words (not names, not question
words) are looked up in the framework's facts, weighted by rarity, and the facet holding the
best match lends its intent a little extra score.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from bot.nlu.vocabulary import FILLER, QUESTION_FORM
from bot.records import FACETS, Knowledge, statement_text
from bot.text.facts import FactRow, fact_table, rarity
from bot.text.lexicon import LEXICON
from bot.text.stem import stem
from bot.text.tokens import fold, tokens

KIN_WEIGHT = 0.75  # a relative ('compliant' for 'compliance') covers less than the word itself

# Where each facet of a framework entry is answered.
FACET_INTENT = {
    "summary": "describe_framework",
    "features": "features",
    "strengths": "features",
    "templating": "features",
    "drawbacks": "drawbacks",
    "built_on": "built_on",
    "databases": "databases",
    "history": "history",
    "related": "history",
    "users": "who_uses",
    "performance": "performance",
}

# Words of the question itself, never of the thing asked about; with the placeholder and the
# pronouns and chat words a yes/no question wraps around its object.
ASKING = frozenset(stem(w) for w in [*QUESTION_FORM, *LEXICON.phrases("grounding_ignores")])


@dataclass(frozen=True, slots=True)
class Figure:
    """A fact that states a number: its stems, and the stems a number directly follows."""

    stems: frozenset[str]
    numbered: frozenset[str]


def _figures(rows: dict[str, list[FactRow]]) -> dict[str, list[Figure]]:
    """Per framework, its facts that state a number ('33,342 requests per second')."""
    out: dict[str, list[Figure]] = {}
    for framework, facts in rows.items():
        for row in facts:
            toks = tokens(fold(statement_text(row.item)))
            if not any(t[:1].isdigit() for t in toks):  # '2019', '10k'
                continue
            numbered = frozenset(stem(a) for a, b in itertools.pairwise(toks) if b[:1].isdigit())
            out.setdefault(framework, []).append(Figure(row.stems, numbered))
    return out


class FacetEvidence:
    """Per framework: the stems of every fact (less its own names), by facet, read off the
    shared fact index; rarity across the whole knowledge."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.table = fact_table(knowledge, FACETS, statement_text)
        self.name_stems = frozenset().union(*self.table.names.values())
        self.idf, _ = rarity(row.content for row in self.table.all_rows())
        self.rarest = max(self.idf.values(), default=1.0)
        self.figures = _figures(self.table.rows)
        # what the facts number anywhere ('python 3.6', 'wsgi 1.0'): what a version is of
        self.numbered = frozenset().union(*(f.numbered for fs in self.figures.values() for f in fs))
        self.families = self.table.families.within(frozenset(self.idf))
        # "is rails micro or full?" asks for a kind, whatever the summary says about "full"
        self.kind_words = frozenset(
            stem(t)
            for cat in knowledge.categories.values()
            for name in (cat.name, cat.id, *cat.aliases)
            for t in tokens(fold(name.replace("_", " ")))
        ) | LEXICON.words("kind_words")

    def figures_with(
        self, framework_id: str, words: set[str], numbered: bool = False
    ) -> list[Figure]:
        """The facts of the framework that state a number with one of these stems (with
        `numbered`, the number right after it: 'Python 3.6' numbers python)."""
        return [
            f
            for f in self.figures.get(framework_id, ())
            if words & (f.numbered if numbered else f.stems)
        ]

    def content(
        self, toks: list[str], covered: set[int], cues: frozenset[str] = frozenset()
    ) -> set[str]:
        """What the question is about: not names, question words, kinds or intent cue words
        ('built on', 'database' already speak for their intent)."""
        return {
            stem(t)
            for i, t in enumerate(toks)
            if i not in covered
            and t not in FILLER
            and stem(t) not in ASKING
            and stem(t) not in self.kind_words
            and stem(t) not in cues
        }

    def support(self, framework_id: str, words: set[str]) -> dict[str, float]:
        """For each intent, how much of the question's known content its best fact covers."""
        return self._covers(words, framework_id).get(framework_id, {})

    def facet_support(
        self,
        framework_id: str,
        words: set[str],
        topic_of: dict[str, frozenset[str]] | None = None,
    ) -> dict[str, float]:
        """For each intent, how much of the question's content the framework's facts of its
        facets hold between them: 'validate request data' is two features facts, one word
        each. A word naming a facet's topic (`topic_of`) counts only for that facet."""
        families = {w: self.families.of(w) for w in words}
        known = [w for w in words if families[w]]
        if not known:
            return {}
        whole = sum(self._weight(w, families[w]) for w in words)
        held: dict[str, dict[str, float]] = {}
        for w in known:
            for member in families[w]:
                for fact in self.table.holding.get(member, ()):
                    intent = FACET_INTENT.get(fact.facet)
                    if fact.framework != framework_id or not intent:
                        continue
                    if topic_of and w in topic_of and intent not in topic_of[w]:
                        continue  # 'database' in a features fact: said in passing
                    got = self._held(w, families[w], fact.content)
                    by_word = held.setdefault(intent, {})
                    if got > by_word.get(w, 0.0):
                        by_word[w] = got
        return {intent: sum(by_word.values()) / whole for intent, by_word in held.items()}

    def best_cover(self, words: set[str]) -> float:
        """The most of the question any one fact of any framework covers."""
        return max(
            (c for by_intent in self._covers(words).values() for c in by_intent.values()),
            default=0.0,
        )

    def _covers(self, words: set[str], only: str | None = None) -> dict[str, dict[str, float]]:
        # each word with its family in the facts ('compliant' meets 'compliance')
        families = {w: self.families.of(w) for w in words}
        known = [w for w in words if families[w]]
        if not known:
            return {}
        # a word no fact uses ("license", "salary") still counts against the match
        whole = sum(self._weight(w, families[w]) for w in words)
        seen: set[int] = set()
        out: dict[str, dict[str, float]] = {}
        for w in known:
            for member in families[w]:
                for fact in self.table.holding.get(member, ()):
                    if (only and fact.framework != only) or id(fact) in seen:
                        continue
                    seen.add(id(fact))
                    intent = FACET_INTENT.get(fact.facet)
                    if not intent:
                        continue
                    cover = sum(self._held(x, families[x], fact.content) for x in known) / whole
                    by_intent = out.setdefault(fact.framework, {})
                    if cover > by_intent.get(intent, 0.0):
                        by_intent[intent] = cover
        return out

    def _weight(self, word: str, family: frozenset[str]) -> float:
        if word in self.idf:
            return self.idf[word]
        return max((self.idf[f] for f in family), default=self.rarest)

    def _held(self, word: str, family: frozenset[str], stems: frozenset[str]) -> float:
        """What `word` adds to a fact's cover: its weight, less for a relative of it."""
        if word in stems:
            return self.idf[word]
        return max((KIN_WEIGHT * self.idf[f] for f in family if f in stems), default=0.0)
