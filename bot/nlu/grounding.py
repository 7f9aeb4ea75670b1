"""Which facet of a framework a question's own words point at.

"does fastapi generate api docs automatically" and "does bottle ship its own server" have the
same shape as questions about databases or dependencies; what tells them apart is where the
knowledge keeps the fact they ask about. The question's content words (not names, not question
words) are looked up in the framework's facts, weighted by rarity, and the facet holding the
best match lends its intent a little extra score.
"""

from __future__ import annotations

import math
from collections import defaultdict

from bot.nlu.families import WordFamilies
from bot.nlu.intents import stem
from bot.nlu.normalise import fold, tokens
from bot.nlu.vocabulary import FILLER, QUESTION_FORM
from bot.records import FACETS, Knowledge, statement_text

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
ASKING = frozenset(
    stem(w) for w in [*QUESTION_FORM, *"deal it its xfw yes ok so supported".split()]
)


class FacetEvidence:
    """Per framework: the stems of every fact, by facet; rarity across the whole knowledge."""

    def __init__(self, knowledge: Knowledge) -> None:
        rows: list[tuple[str, str, frozenset[str]]] = []  # (framework, facet, stems of a fact)
        df: dict[str, int] = defaultdict(int)
        all_names: set[str] = set()
        for fw in knowledge.frameworks.values():
            names = {stem(t) for n in (fw.name, fw.id, *fw.aliases) for t in tokens(fold(n))}
            all_names |= names
            for facet in FACETS:
                for item in getattr(fw, facet):
                    stems = frozenset(stem(t) for t in tokens(fold(statement_text(item)))) - names
                    rows.append((fw.id, facet, stems))
                    for s in stems:
                        df[s] += 1
        self.name_stems = frozenset(all_names)
        self.idf = {s: math.log(1 + len(rows) / n) for s, n in df.items()}
        # stem → the facts holding it, so a question is matched without scanning every fact
        self.postings: dict[str, list[tuple[str, str, frozenset[str]]]] = defaultdict(list)
        for row in rows:
            for s in row[2]:
                self.postings[s].append(row)
        self.rarest = max(self.idf.values(), default=1.0)
        self.families = WordFamilies(self.idf)
        # "is rails micro or full?" asks for a kind, whatever the summary says about "full"
        self.kind_words = frozenset(
            stem(t)
            for cat in knowledge.categories.values()
            for name in (cat.name, cat.id, *cat.aliases)
            for t in tokens(fold(name.replace("_", " ")))
        ) | {"full", "fledged", "stack", "micro", "async"}

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
                for fw_id, facet, stems in self.postings[member]:
                    if (only and fw_id != only) or id(stems) in seen:
                        continue
                    seen.add(id(stems))
                    intent = FACET_INTENT.get(facet)
                    if not intent:
                        continue
                    cover = sum(self._held(x, families[x], stems) for x in known) / whole
                    by_intent = out.setdefault(fw_id, {})
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
