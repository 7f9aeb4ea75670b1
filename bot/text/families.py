"""Word families: 'perform'/'performance', 'fast'/'faster', 'compliant'/'compliance'.

The tiny stemmer leaves these apart; both the answers' detail search and understanding's fact
evidence need to see them as one word, so the rule and its look-up index live here, once for
the whole fact vocabulary (`within` gives each reader its own part of it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

SHARED_STEM = 6  # letters two words must share before they can be one family by their start


def kin(word: str, other: str) -> bool:
    """Two stems of one word family: a comparative ('big'/'bigger'); the shorter (5+ letters)
    starting the longer and making up most of it ('perform'/'performance', 'minimal'/
    'minimalistic'); or both starting alike for most of the shorter ('compliant'/'compliance',
    'configure'/'configuration')."""
    if word == other:
        return True
    short, long = (word, other) if len(word) <= len(other) else (other, word)
    if len(short) >= 3 and long in {short + e for e in ("er", "est", short[-1] + "er")}:
        return True  # 'fast'/'faster', 'big'/'bigger'
    if len(short) >= 5 and long.startswith(short) and len(short) >= 0.55 * len(long):
        return True
    shared = 0
    for a, b in zip(short, long, strict=False):
        if a != b:
            break
        shared += 1
    return shared >= SHARED_STEM and shared >= 0.875 * len(short) and len(short) >= 0.6 * len(long)


class WordFamilies:
    """Each word's family within a fixed vocabulary, found through an index of beginnings
    (every kin relation starts both words alike), so a new word costs dict lookups."""

    def __init__(self, vocab: Iterable[str], cache_limit: int = 1 << 16) -> None:
        self.vocab = frozenset(vocab)
        self.extending: dict[str, list[str]] = defaultdict(list)
        for s in self.vocab:
            for end in range(3, len(s) + 1):
                self.extending[s[:end]].append(s)
        self._cache: dict[str, frozenset[str]] = {}
        self._cache_limit = cache_limit

    def of(self, word: str) -> frozenset[str]:
        """The vocabulary's members of `word`'s family (the word itself when it is one)."""
        family = self._cache.get(word)
        if family is None:
            vocab = self.vocab
            shorter = {word[:end] for end in range(3, len(word)) if word[:end] in vocab}
            start = word[: min(len(word), SHARED_STEM)] if len(word) >= SHARED_STEM else word
            related = {word} | shorter | set(self.extending.get(start, ()))
            family = frozenset(s for s in related if s in vocab and kin(word, s))
            if len(self._cache) < self._cache_limit:  # bounded: users can type any word
                self._cache[word] = family  # a benign race: every thread computes the same set
        return family

    def within(self, vocab: frozenset[str]) -> FamiliesWithin:
        """The same families, restricted to a part of the vocabulary (one reader's words)."""
        return FamiliesWithin(self, vocab)


class FamiliesWithin:
    """`WordFamilies.of`, kept to a sub-vocabulary: the family of a word among fewer words is
    its family among all of them, less the others (kin only ever looks at the two words)."""

    def __init__(self, families: WordFamilies, vocab: frozenset[str]) -> None:
        self.families = families
        self.vocab = vocab
        self._cache: dict[str, frozenset[str]] = {}

    def of(self, word: str) -> frozenset[str]:
        family = self._cache.get(word)
        if family is None:
            family = self.families.of(word) & self.vocab
            if len(self._cache) < self.families._cache_limit:
                self._cache[word] = family
        return family
