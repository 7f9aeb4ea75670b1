"""Find the facts that answer a specific detail ('does web2py support python 3?').

The intent says which facet to answer; the question's rarer words say which facts in any facet
of that framework matter most. Words are weighted by how rare they are across the knowledge base.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from bot.nlu.vocabulary import FILLER, QUESTION_FORM
from bot.records import FACETS, Fact, Knowledge, Named, statement_text
from bot.text.facts import FactRow, fact_table, rarity
from bot.text.families import kin
from bot.text.lexicon import LEXICON
from bot.text.stem import stem, text_stems

# Words so common in questions that they never pick out a fact: the question form, and the
# version, negation and hedge words around it ("does it run on python 3 or not?").
QUESTION_WORDS = frozenset(
    stem(w) for w in [*QUESTION_FORM, *LEXICON.phrases("detail_search_ignores")]
)

# Question words and the words the facts use for the same thing.
SYNONYMS = {word: set(means.split()) for word, means in LEXICON.table("detail_synonyms").items()}

# Facets whose statements are pointers to other entries, not details of this one.
NOT_DETAILS = frozenset({"related"})


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
_NEEDS = LEXICON.words("asks_python_version")


KIN_WEIGHT = 0.75  # a related form ('perform' for 'performance') counts for less than the word


@dataclass(frozen=True)
class Hit:
    facet: str
    fact: Fact | Named
    score: float


class FactIndex:
    """The detail search's reading of the shared fact index (bot/text/facts.py): every
    framework fact but its `related` pointers, weighted by rarity across the knowledge."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.table = fact_table(knowledge, FACETS, statement_text)
        self.by_framework: dict[str, list[tuple[str, Fact | Named, frozenset[str]]]] = {
            fw_id: [(r.facet, r.item, r.stems) for r in rows if r.facet not in NOT_DETAILS]
            for fw_id, rows in self.table.rows.items()
        }
        details = (r.stems for r in self.table.all_rows() if r.facet not in NOT_DETAILS)
        self.idf, total = rarity(details)
        self.rare = math.log(1 + max(total, 1))  # weight of a word no framework fact uses
        self.vocab = frozenset(self.idf)
        self.families = self.table.families.within(self.vocab)
        # stem → the frameworks with a detail fact holding it: a question over a large
        # knowledge base searches only the frameworks its words touch
        with_stem: dict[str, set[str]] = {}
        for fw_id, facts in self.by_framework.items():
            for _facet, _item, stems in facts:
                for s in stems:
                    with_stem.setdefault(s, set()).add(fw_id)
        self.frameworks_with = {s: frozenset(ids) for s, ids in with_stem.items()}

    def touching(self, framework_id: str, words: set[str]) -> list[FactRow]:
        """A framework's facts that share a word (or a word of its family) with the question,
        in the order of its file: a question scores only these, not every fact."""
        rows = self.table.rows.get(framework_id, [])
        postings = self.table.postings.get(framework_id, {})
        touched = {row for w in words for s in self.family(w) for row in postings.get(s, ())}
        return [rows[row] for row in sorted(touched) if rows[row].facet not in NOT_DETAILS]

    def frameworks_touching(self, words: set[str]) -> frozenset[str]:
        """The frameworks `touching` finds any fact of for these words."""
        out: set[str] = set()
        for w in words:
            for s in self.family(w):
                out |= self.frameworks_with.get(s, frozenset())
        return frozenset(out)

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
        hits = []
        for fact in self.touching(framework_id, words):
            score = self.match(words, fact.stems)
            if score > 0:
                hits.append(Hit(fact.facet, fact.item, score))
        hits.sort(key=lambda h: -h.score)
        return hits[:limit]
