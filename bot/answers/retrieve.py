"""Fact retrieval: the facts of any framework that carry a question's content words.

The intent matcher knows phrasings; the knowledge knows facts. When the matcher is unsure
("roughly when did fastapi first show up", "who is aaron swartz", "which ones use MVC"), the
question's own words are looked up in every fact, constrained by the frameworks it names. A
fact that carries most of the question's weight (rare words weigh more) answers it; a question
whose words the facts don't hold still gets an honest "I don't know".
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers.search import KIN_WEIGHT, FactIndex, _concepts
from bot.records import Fact, Framework, Knowledge, Named


@dataclass(frozen=True)
class Found:
    framework: Framework
    facet: str
    fact: Fact | Named
    score: float
    coverage: float  # share of the question's word weight the fact carries, 0 to 1
    stems: frozenset[str]  # the fact's own stems, as the index holds them


# (everyday stems, the commonest of them), from the question's own words
Everyday = tuple[frozenset[str], frozenset[str]]
EVERYDAY_WEIGHT = 1.0  # a chat word no fact uses ('roughly', 'stuff') hardly lowers coverage


class FactFinder:
    """Searches all frameworks' facts at once, with a coverage figure for each hit."""

    def __init__(self, index: FactIndex, knowledge: Knowledge) -> None:
        self.index = index
        self.knowledge = knowledge

    def _weight_of(self, word: str, everyday: Everyday) -> float:
        """A word's weight: how rare it is in the facts. A word no fact uses weighs the most,
        unless it is an everyday word ('roughly'); the commonest words ('up', 'place') weigh
        little even where some fact happens to use them."""
        common, chat = everyday
        if word in chat:
            return EVERYDAY_WEIGHT
        if word in self.index.idf:
            return self.index.idf[word]
        return EVERYDAY_WEIGHT if word in common else self.index.rare

    def weight(self, words: set[str], everyday: Everyday = (frozenset(), frozenset())) -> float:
        """The most a fact could carry of these words: each idea once, at its heaviest word.
        A word no fact uses weighs the most, so it lowers every coverage."""
        return sum(
            max(self._weight_of(w, everyday) for w in group)
            for group in _concepts(frozenset(words))
        )

    def score(self, words: set[str], stems: frozenset[str], everyday: Everyday) -> float:
        """What a fact's stems carry of the question's weight (a word's family counts for
        less than the word itself, as in the detail search)."""
        total = 0.0
        for group in _concepts(frozenset(words)):
            best = 0.0
            for word in group:
                weight = self._weight_of(word, everyday)
                if word in stems:
                    best = max(best, weight)
                elif self.index.kin_in(word, stems):
                    best = max(best, KIN_WEIGHT * weight)
            total += best
        return total

    def find(
        self,
        words: set[str],
        framework_ids: list[str] | None = None,
        per_framework: int = 2,
        everyday: Everyday = (frozenset(), frozenset()),
    ) -> list[Found]:
        """The best facts for `words`, across `framework_ids` (all frameworks by default),
        best first; at most `per_framework` from each."""
        total = self.weight(words, everyday)
        if not words or total <= 0:
            return []
        found: list[Found] = []
        touched = self.index.frameworks_touching(words)
        for fid in framework_ids or list(self.knowledge.frameworks):
            fw = self.knowledge.frameworks.get(fid)
            if fw is None or fid not in touched:
                continue
            hits = []
            for fact in self.index.touching(fid, words):
                score = self.score(words, fact.stems, everyday)
                if score > 0:
                    hits.append(
                        Found(fw, fact.facet, fact.item, score, min(1.0, score / total), fact.stems)
                    )
            hits.sort(key=lambda f: -f.score)
            found += hits[:per_framework]
        found.sort(key=lambda f: (-f.coverage, -f.score))
        return found
