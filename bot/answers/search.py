"""Find the facts that answer a specific detail ('does web2py support python 3?').

The intent says which facet to answer; the question's rarer words say which facts in any facet
of that framework matter most. Words are weighted by how rare they are across the knowledge base.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from bot.nlu.intents import stem
from bot.nlu.normalise import fold, tokens
from bot.nlu.vocabulary import FILLER
from bot.records import FACETS, Fact, Knowledge, Named

# Words so common in questions that they never pick out a fact.
QUESTION_WORDS = frozenset(
    stem(w)
    for w in [
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "does",
        "do",
        "did",
        "is",
        "are",
        "was",
        "were",
        "can",
        "could",
        "has",
        "have",
        "had",
        "any",
        "some",
        "much",
        "many",
        "more",
        "most",
        "use",
        "uses",
        "used",
        "using",
        "good",
        "bad",
        "tell",
        "know",
        "about",
        "give",
        "show",
        "list",
        "framework",
        "frameworks",
        "python",
        "web",
        "thing",
        "things",
        "stuff",
        "kind",
        "type",
        "really",
        "actually",
        "still",
        "true",
        "come",
        "comes",
        "does",
        "support",
        "supports",
        "need",
        "needs",
        "offer",
        "offers",
        "provide",
        "provides",
        "get",
        "got",
        "make",
        "makes",
        "made",
        "run",
        "runs",
        "work",
        "works",
        "handle",
        "handles",
    ]
)


# Question words and the words the facts use for the same thing.
SYNONYMS = {
    "version": {"3", "python"},
    "db": {"database"},
    "dbs": {"database"},
    "speed": {"fast", "performance"},
    "quick": {"fast"},
    "docs": {"documentation"},
}


@dataclass(frozen=True)
class Hit:
    facet: str
    fact: Fact | Named
    score: float


class FactIndex:
    def __init__(self, knowledge: Knowledge) -> None:
        self.by_framework: dict[str, list[tuple[str, Fact | Named, frozenset[str]]]] = {}
        df: dict[str, int] = defaultdict(int)
        total = 0
        for fw in knowledge.frameworks.values():
            rows = []
            for facet in FACETS:
                if facet == "related":
                    continue
                for item in getattr(fw, facet):
                    text = item.text if isinstance(item, Fact) else f"{item.name} {item.note or ''}"
                    stems = frozenset(stem(t) for t in tokens(fold(text)))
                    rows.append((facet, item, stems))
                    total += 1
                    for s in stems:
                        df[s] += 1
            self.by_framework[fw.id] = rows
        self.idf = {s: math.log(1 + total / n) for s, n in df.items()}

    def detail_words(self, question_tokens: list[str], skip: set[str]) -> set[str]:
        """The question's content words: not filler, not question words, not the names asked."""
        words = {
            stem(t)
            for t in question_tokens
            if t not in FILLER and stem(t) not in QUESTION_WORDS and stem(t) not in skip
        }
        for word, more in SYNONYMS.items():
            if word in words:
                words |= more
        return words

    def search(self, framework_id: str, words: set[str], limit: int = 3) -> list[Hit]:
        if not words:
            return []
        hits = []
        for facet, item, stems in self.by_framework.get(framework_id, []):
            shared = words & stems
            if shared:
                score = sum(self.idf.get(w, 0.0) for w in shared)
                hits.append(Hit(facet, item, score))
        hits.sort(key=lambda h: -h.score)
        return hits[:limit]
