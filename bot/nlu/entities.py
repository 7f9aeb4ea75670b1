"""Find frameworks, categories and glossary terms in a question, by name, alias or typo.

Exact n-gram look-ups first (spaced and joined, so 'fast api' and 'web.py' hit), then fuzzy
matching with rapidfuzz for tokens that are not ordinary English words ('flsk', 'djnago',
'tornadoo'), then a check that names which are also everyday words ('a flask of coffee') are
really meant as frameworks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot.nlu.vocabulary import FILLER, TECH_WORDS, english_words
from bot.records import Knowledge
from bot.text.lexicon import LEXICON
from bot.text.tokens import fold, tokens

FRAMEWORK, CATEGORY, TERM = "framework", "category", "term"
MAX_NGRAM = 4
# "python frameworks" is how people ask, not a term they ask about
_GENERIC_WORDS = LEXICON.words("generic_words")


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    display: str


@dataclass(frozen=True)
class Mention:
    """One entity found in the question, with what the user actually typed."""

    id: str
    kind: str
    display: str
    surface: str
    start: int
    end: int
    exact: bool
    score: float = 1.0
    alternatives: tuple[str, ...] = ()


@dataclass
class EverydaySense:
    cues: frozenset[str]
    patterns: list[re.Pattern[str]]


@dataclass
class Recognition:
    mentions: list[Mention]
    tokens: list[str]
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (surface, why)

    def ids(self, kind: str | None = None) -> list[str]:
        return [m.id for m in self.mentions if kind is None or m.kind == kind]


def _max_edits(length: int) -> int:
    if length < 4:
        return 0
    return 1 if length < 8 else 2


class EntityRecogniser:
    """Built once per knowledge base; `find` is called per question and must stay fast."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.words = english_words()
        self.exact: dict[str, Entry] = {}
        self.three_word_keys: list[str] = []  # framework names of three words, joined
        self.entries: dict[str, Entry] = {}
        self.word_like_terms: set[str] = set()
        self.everyday: dict[str, EverydaySense] = {}
        groups = (
            (FRAMEWORK, knowledge.frameworks.values()),
            (CATEGORY, knowledge.categories.values()),
            (TERM, knowledge.terms.values()),
        )
        for kind, pool in groups:
            for item in pool:
                entry = Entry(item.id, kind, item.name)
                self.entries[item.id] = entry
                for name in [item.name, *item.aliases, item.id.replace("_", " ")]:
                    toks = tokens(fold(name))
                    if not toks or (kind == TERM and _GENERIC_WORDS & set(toks)):
                        # "python frameworks" is how people ask, not a term they ask about
                        continue
                    if kind == FRAMEWORK and len(toks) == 3:
                        self.three_word_keys.append("".join(toks))
                    for key in {" ".join(toks), "".join(toks)}:
                        self.exact.setdefault(key, entry)
                        if kind == TERM and (key in self.words or key in FILLER):
                            self.word_like_terms.add(key)
        for fw in knowledge.frameworks.values():
            if fw.everyday_word:
                self.everyday[fw.id] = EverydaySense(
                    frozenset(fold(c) for c in fw.everyday_word.cues),
                    [re.compile(p) for p in fw.everyday_word.patterns],
                )
        # Terms the knowledge files under databases: a question about one is a databases question
        db_text = (
            " "
            + " ".join(
                " ".join(tokens(fold(f.text)))
                for fw in knowledge.frameworks.values()
                for f in fw.databases
            )
            + " "
        )
        self.hints: dict[str, str] = {}
        for term in knowledge.terms.values():
            keys = [" ".join(tokens(fold(n))) for n in (term.name, *term.aliases)]
            if any(k and f" {k} " in db_text for k in keys):
                self.hints[term.id] = "database"
        # Fuzzy candidates: joined keys long enough to allow an edit. Which *typed* words may be
        # read fuzzily is decided per question (ordinary English words never are).
        self.fuzzy_keys = sorted(
            key for key, entry in self.exact.items() if " " not in key and len(key) >= 4
        )
        self.max_n = min(MAX_NGRAM, max(len(k.split()) for k in self.exact))
        # a name more edits longer or shorter than the typed word can't be within reach
        self.keys_by_length: dict[int, list[str]] = {}
        for key in self.fuzzy_keys:
            self.keys_by_length.setdefault(len(key), []).append(key)
        # the same for the three-word names ('ruby on rails' typed as three words)
        three = frozenset(self.three_word_keys)
        self.three_by_length: dict[int, list[str]] = {
            n: [k for k in keys if k in three] for n, keys in self.keys_by_length.items()
        }
        # every beginning of every name: a token that begins none ("what", "the") is skipped
        self.beginnings = frozenset(k[:i] for k in self.exact for i in range(1, len(k) + 1))

    # -- exact and fuzzy look-up -------------------------------------------------------------

    def _lookup(self, gram: list[str]) -> Entry | None:
        for key in (" ".join(gram), "".join(gram)):
            entry = self.exact.get(key)
            if entry:
                return entry
        last = gram[-1]
        if len(last) > 3 and last.endswith("s"):
            return self._lookup_plain([*gram[:-1], last[:-1]])
        return None

    def _lookup_plain(self, gram: list[str]) -> Entry | None:
        return self.exact.get(" ".join(gram)) or self.exact.get("".join(gram))

    def _is_ordinary(self, token: str) -> bool:
        return token in self.words or token in FILLER or token.isdigit()

    def _fuzzy(
        self, text: str, three_words: bool = False
    ) -> tuple[Entry, int, tuple[str, ...]] | None:
        edits = _max_edits(len(text))
        if edits == 0:
            return None
        by_length = self.three_by_length if three_words else self.keys_by_length
        near = sorted(  # in the same order as fuzzy_keys, so ties break the same way
            key
            for length in range(len(text) - edits, len(text) + edits + 1)
            for key in by_length.get(length, ())
        )
        found = process.extract(
            text,
            near,
            scorer=DamerauLevenshtein.distance,
            score_cutoff=edits,
            limit=4,
        )
        if not found:
            return None
        if len(text) < 6:
            # short words: one edit is a lot, so the first letter has to agree
            found = [f for f in found if f[0][0] == text[0]]
            if not found:
                return None
        # among equally close names, a framework beats a category beats a term
        rank = {FRAMEWORK: 0, CATEGORY: 1, TERM: 2}
        found.sort(key=lambda f: (f[1], rank[self.exact[f[0]].kind]))
        best_key, best_dist, _ = found[0]
        entry = self.exact[best_key]
        ties = tuple(
            dict.fromkeys(
                self.exact[k].id
                for k, d, _ in found
                if d == best_dist
                and self.exact[k].id != entry.id
                and self.exact[k].kind == entry.kind
            )
        )
        return entry, int(best_dist), ties

    # -- public ------------------------------------------------------------------------------

    def find(self, folded: str, original: str = "") -> Recognition:
        toks = tokens(folded)
        candidates: list[Mention] = []
        n_tokens = len(toks)
        for i in range(n_tokens):
            first = toks[i]
            if first not in self.beginnings and first[:-1] not in self.beginnings:
                continue  # no name starts with it, even read as a plural
            for n in range(min(self.max_n, n_tokens - i), 0, -1):
                gram = toks[i : i + n]
                entry = self._lookup(gram)
                if entry:
                    candidates.append(
                        Mention(entry.id, entry.kind, entry.display, " ".join(gram), i, i + n, True)
                    )
                    break
        covered = {j for m in candidates for j in range(m.start, m.end)}
        for i, tok in enumerate(toks):
            if i in covered:
                continue
            options: list[tuple[str, int]] = []
            three = toks[i : i + 3]
            if (
                len(three) == 3
                and not covered & {i + 1, i + 2}
                and not all(self._is_ordinary(t) for t in three)
            ):
                options.append(("".join(three), 3))  # 'ruby on rials' as a whole name
            if not self._is_ordinary(tok):
                options.append((tok, 1))
            if i + 1 < n_tokens and i + 1 not in covered:
                nxt = toks[i + 1]
                if not (self._is_ordinary(tok) and self._is_ordinary(nxt)):
                    options.append((tok + nxt, 2))
            for text, width in options:
                hit = self._fuzzy(text, three_words=width == 3)
                if hit and width == 3 and hit[1] > 1:
                    continue  # three words are read as one name only when it's close
                if hit:
                    entry, dist, ties = hit
                    surface = " ".join(toks[i : i + width])
                    score = 1.0 - dist / max(len(text), 1)
                    candidates.append(
                        Mention(
                            entry.id,
                            entry.kind,
                            entry.display,
                            surface,
                            i,
                            i + width,
                            False,
                            score,
                            ties,
                        )
                    )
                    break
        chosen = self._resolve_overlaps(candidates)
        recognition = Recognition([], toks)
        for mention in chosen:
            why = self._reject_reason(mention, toks, folded, original, chosen)
            if why:
                recognition.rejected.append((mention.surface, why))
            else:
                recognition.mentions.append(mention)
        return recognition

    @staticmethod
    def _resolve_overlaps(candidates: list[Mention]) -> list[Mention]:
        ordered = sorted(candidates, key=lambda m: (-(m.end - m.start), not m.exact, -m.score))
        taken: set[int] = set()
        chosen: list[Mention] = []
        for m in ordered:
            span = set(range(m.start, m.end))
            if span & taken:
                continue
            taken |= span
            chosen.append(m)
        return sorted(chosen, key=lambda m: m.start)

    def _reject_reason(
        self,
        mention: Mention,
        toks: list[str],
        folded: str,
        original: str,
        chosen: list[Mention],
    ) -> str | None:
        if mention.kind == TERM and mention.surface.replace(" ", "") in self.word_like_terms:
            upper = re.search(rf"\b{re.escape(mention.surface)}\b", original, re.IGNORECASE)
            shouted = upper is not None and upper.group(0).isupper()
            if not shouted and len(toks) > 5:
                return "ordinary word, not written as a term"
        sense = self.everyday.get(mention.id)
        if sense is None:
            return None
        if any(p.search(folded) for p in sense.patterns):
            return "everyday sense (pattern)"
        others = [m for m in chosen if m is not mention and m.kind != TERM]
        tech = others or any(t in TECH_WORDS for t in toks)
        if not tech and any(t in sense.cues for t in toks):
            return "everyday sense (cue word)"
        if not tech and any(c in folded for c in sense.cues if " " in c):
            return "everyday sense (cue phrase)"
        return None
