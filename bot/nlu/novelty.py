"""The words the sources and intents use, so a question full of other words can be told apart.

"what's on the menu at Panda Express?" uses words no fact or example has: probably about
something the sources don't cover. A typo of a known word ("sytem") is not a new word, and a
release the sources never number ("sanic 23") is news they can't have.
"""

from __future__ import annotations

import itertools

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot.nlu.entities import FRAMEWORK, Mention
from bot.nlu.intents import IntentMatcher
from bot.nlu.vocabulary import FILLER, SLANG, english_words
from bot.records import FACETS, Knowledge
from bot.text.stem import stem
from bot.text.tokens import fold, tokens

PREFIX = 5  # 'creator' is known through 'created': a cheap stand-in for a real stemmer


class KnownWords:
    """Every word the knowledge or the intents use, with its stems, prefixes and pairs."""

    def __init__(self, knowledge: Knowledge, matcher: IntentMatcher) -> None:
        words: set[str] = set(FILLER) | SLANG | matcher.vocab | matcher.cue_vocab
        texts: list[str] = []
        for fw in knowledge.frameworks.values():
            texts += [fw.name, *fw.aliases]
            for facet in FACETS:
                for item in getattr(fw, facet):
                    texts.append(getattr(item, "text", "") or getattr(item, "name", ""))
                    texts.append(getattr(item, "note", "") or "")
        for cat in knowledge.categories.values():
            texts += [cat.name, *cat.aliases]
            for facet in ("definition", "traits", "advantages", "disadvantages", "when_to_choose"):
                texts += [f.text for f in getattr(cat, facet)]
        for term in knowledge.terms.values():
            texts += [term.name, *term.aliases, term.plain or ""]
            texts += [f.text for f in term.definition]
        for tag in knowledge.tags.values():
            texts += [tag.label, tag.description, *tag.keywords]
        texts += [a.text for a in knowledge.tradeoffs]
        # word pairs such as "zope 2": a framework numbered as the sources number it
        self.pairs: set[tuple[str, str]] = set()
        for text in texts:
            toks = tokens(fold(text))
            words.update(toks)
            self.pairs.update(itertools.pairwise(toks))
        words.update(stem(w) for w in list(words))
        self.prefixes = frozenset(w[:PREFIX] for w in words if len(w) >= PREFIX)
        # words of each length: one edit away can only be one letter longer or shorter
        self.by_length: dict[int, list[str]] = {}
        for w in sorted(w for w in words if len(w) >= 4):
            self.by_length.setdefault(len(w), []).append(w)
        self.english = english_words()
        self.words = frozenset(words)

    def novel(self, toks: list[str], mentions: list[Mention], start: int = 0) -> list[str]:
        """The words from `start` on, outside names, that neither the sources nor the intents
        use (nor a typo of one of theirs)."""
        covered = {i for m in mentions for i in range(m.start, m.end)}
        candidates = [
            t
            for i, t in enumerate(toks)
            if i >= start
            and i not in covered
            and t not in self.words
            and stem(t) not in self.words
            and not (len(t) >= PREFIX and t[:PREFIX] in self.prefixes)
            and not t.isdigit()
        ]
        # a typo of a word the sources use ("sytem") is not a new word
        return [t for t in candidates if not self._near_known(t)]

    def _near_known(self, token: str) -> bool:
        if len(token) < 4 or token in self.english:
            return False
        near = [
            w
            for length in (len(token) - 1, len(token), len(token) + 1)
            for w in self.by_length.get(length, ())
        ]
        return bool(
            process.extractOne(token, near, scorer=DamerauLevenshtein.distance, score_cutoff=1)
        )

    def numbered_release(self, toks: list[str], mentions: list[Mention]) -> bool:
        """'sanic 23', 'rails 7': a release the sources never number ('zope 2' they do)."""
        for m in mentions:
            if (
                m.kind == FRAMEWORK
                and m.end < len(toks)
                and toks[m.end].isdigit()
                and (toks[m.end - 1], toks[m.end]) not in self.pairs
            ):
                return True
        return False
