"""Find the facts that answer a specific detail ('does web2py support python 3?').

The intent says which facet to answer; the question's rarer words say which facts in any facet
of that framework matter most. Words are weighted by how rare they are across the knowledge base.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from bot.nlu.families import WordFamilies, kin
from bot.nlu.intents import stem
from bot.nlu.normalise import fold, tokens
from bot.nlu.vocabulary import FILLER, QUESTION_FORM
from bot.records import FACETS, Fact, Knowledge, Named, statement_text

# Words so common in questions that they never pick out a fact: the question form, and the
# version, negation and hedge words around it ("does it run on python 3 or not?").
QUESTION_WORDS = frozenset(
    stem(w)
    for w in [
        *QUESTION_FORM,
        *"python run runs than then one ones very just only even other others way lot lots bit "
        "pretty quite not dont doesnt isnt arent cant wont didnt".split(),
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
    "config": {"configuration"},
    "prod": {"production"},
    "route": {"url", "dispatch"},
    "rout": {"url", "dispatch"},
    "auth": {"authentication", "authorization"},
    "login": {"authentication"},
    "faster": {"performance"},
    "fastest": {"performance"},
    "slow": {"fast", "performance"},
    "strength": {"advantage"},
    "advantage": {"strength"},
}


def concepts(words: set[str]) -> list[set[str]]:
    """`words` grouped so that a word and its synonyms (both ways) share a group."""
    groups: list[set[str]] = []
    for word in sorted(words):
        linked = {word} | (SYNONYMS.get(word, set()) & words)
        linked |= {w for w in words if word in SYNONYMS.get(w, set())}
        touching = [g for g in groups if g & linked]
        for g in touching:
            linked |= g
            groups.remove(g)
        groups.append(linked)
    return groups


@lru_cache(maxsize=64)  # the questions in flight, not a cache of answers
def _concepts(words: frozenset[str]) -> tuple[frozenset[str], ...]:
    """`concepts`, once per question: every fact of a framework is matched with the same words."""
    return tuple(frozenset(g) for g in concepts(set(words)))


# With 'python', words that ask which Python version a framework needs.
_NEEDS = frozenset(["need", "needs", "require", "requires", "required", "version", "versions"])


@lru_cache(maxsize=8192)  # the knowledge's own sentences, scored again and again
def text_stems(text: str) -> frozenset[str]:
    return frozenset(stem(t) for t in tokens(fold(text)))


KIN_WEIGHT = 0.75  # a related form ('perform' for 'performance') counts for less than the word


@dataclass(frozen=True)
class Hit:
    facet: str
    fact: Fact | Named
    score: float


class FactIndex:
    def __init__(self, knowledge: Knowledge) -> None:
        self.by_framework: dict[str, list[tuple[str, Fact | Named, frozenset[str]]]] = {}
        # per framework, stem → its facts' rows: a question only scores the facts that share
        # a word (or a word of its family) with it
        self.postings: dict[str, dict[str, list[int]]] = {}
        df: dict[str, int] = defaultdict(int)
        total = 0
        for fw in knowledge.frameworks.values():
            rows = []
            for facet in FACETS:
                if facet == "related":
                    continue
                for item in getattr(fw, facet):
                    stems = frozenset(stem(t) for t in tokens(fold(statement_text(item))))
                    rows.append((facet, item, stems))
                    total += 1
                    for s in stems:
                        df[s] += 1
            self.by_framework[fw.id] = rows
            postings: dict[str, list[int]] = defaultdict(list)
            for row, (_, _, stems) in enumerate(rows):
                for s in stems:
                    postings[s].append(row)
            self.postings[fw.id] = postings
        self.idf = {s: math.log(1 + total / n) for s, n in df.items()}
        self.rare = math.log(1 + max(total, 1))  # weight of a word no framework fact uses
        self.vocab = frozenset(df)
        self.families = WordFamilies(self.vocab)

    def detail_words(self, question_tokens: list[str], skip: set[str]) -> set[str]:
        """The question's content words: not filler, not question words, not the names asked."""
        words = {
            stem(t)
            for t in question_tokens
            if t not in FILLER and stem(t) not in QUESTION_WORDS and stem(t) not in skip
        }
        if "python" in question_tokens and words & _NEEDS | set(question_tokens) & _NEEDS:
            words.add("version")  # 'what python does it need' asks for a version
        for word, more in SYNONYMS.items():
            if word in words:
                words |= more
        return words

    def match(self, words: set[str], stems: frozenset[str]) -> float:
        """How much of the question's rare-word weight a text's stems carry. A word and its
        synonyms are one idea and count once ('routing' is not worth more for matching both
        'url' and 'dispatch')."""
        score = 0.0
        for group in _concepts(frozenset(words)):
            best = 0.0
            for word in group:
                if word in stems:
                    best = max(best, self.idf.get(word, self.rare))
                    continue
                kin_stems = self.kin_in(word, stems)
                if kin_stems:
                    weight = max(self.idf.get(s, self.rare) for s in kin_stems)
                    best = max(best, KIN_WEIGHT * weight)
            score += best
        return score

    def kin_in(self, word: str, stems: frozenset[str]) -> set[str]:
        """The stems of `stems` in `word`'s family; the family within the knowledge's own
        vocabulary is worked out once per word, so a question costs set lookups, not a scan."""
        found = set(self.family(word) & stems)
        outside = stems - self.vocab
        if outside:
            found |= {s for s in outside if kin(word, s)}
        return found

    def family(self, word: str) -> frozenset[str]:
        """The stems of the knowledge's vocabulary in `word`'s family (the word itself too)."""
        return self.families.of(word)

    def score_text(self, text: str, words: set[str]) -> float:
        """`match` for any text, e.g. a category's facts or a trade-off argument."""
        if not words:
            return 0.0
        return self.match(words, text_stems(text))

    def search(self, framework_id: str, words: set[str], limit: int = 3) -> list[Hit]:
        if not words:
            return []
        rows = self.by_framework.get(framework_id, [])
        postings = self.postings.get(framework_id, {})
        touched = {row for w in words for s in self.family(w) for row in postings.get(s, ())}
        hits = []
        for row in sorted(touched):
            facet, item, stems = rows[row]
            score = self.match(words, stems)
            if score > 0:
                hits.append(Hit(facet, item, score))
        hits.sort(key=lambda h: -h.score)
        return hits[:limit]
