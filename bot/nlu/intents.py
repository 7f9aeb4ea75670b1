"""Score every intent for a question: fuzzy similarity to its examples (entity names masked),
its cue words, and whether the entities the question offers fit what the intent needs."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from bot.nlu.entities import CATEGORY, FRAMEWORK, TERM, EntityRecogniser, Mention
from bot.nlu.grounding import FACET_INTENT
from bot.nlu.synonyms import Synonyms
from bot.nlu.vocabulary import SLANG, english_words
from bot.records import IntentData, IntentSpec
from bot.text.stem import PLACEHOLDER_WORDS, stem
from bot.text.tokens import fold, tokens

PLACEHOLDERS = {FRAMEWORK: "xfw", CATEGORY: "xcat", TERM: "xterm"}
assert set(PLACEHOLDERS.values()) == PLACEHOLDER_WORDS  # the stemmer leaves these alone
_SLOT_TEXT = {"{framework}": " xfw ", "{category}": " xcat ", "{term}": " xterm "}

W_FUZZY, W_CUE, W_FIT = 0.6, 0.25, 0.15
J_WEIGHT = 0.5
CANDIDATES = 400
CUE_RARITY_CAP = 1.0
FACETED = frozenset(FACET_INTENT.values()) - {"describe_framework"}


def mask(
    toks: list[str],
    mentions: list[Mention],
    keep: frozenset[str] = frozenset(),
    hints: dict[str, str] | None = None,
    grounded: bool = False,
) -> list[str]:
    """Replace each entity mention by a placeholder token ('flask vs django' → 'xfw vs xfw').

    A term's own words stay when they are cue words (`keep`): "does xfw have an xterm orm" is
    about databases, "... xterm templating" about features."""
    out: list[str] = []
    by_start = {m.start: m for m in mentions}
    # only next to a framework or category: alone, "what is an ORM" is a definition
    # (or beside a framework the thread is about: "what about its xterm orm")
    grounded = grounded or any(m.kind != TERM for m in mentions)
    i = 0
    while i < len(toks):
        m = by_start.get(i)
        if m:
            out.append(PLACEHOLDERS[m.kind])
            if m.kind == TERM and grounded:
                out.extend(t for t in toks[m.start : m.end] if stem(t) in keep)
                if hints and m.id in hints:
                    out.append(hints[m.id])  # "does xfw have an xterm" → "... xterm database"
            i = m.end
            if m.kind == FRAMEWORK and i < len(toks) and toks[i] == "framework":
                i += 1  # "the tornado framework" is Tornado
        else:
            out.append(toks[i])
            i += 1
    return out


@dataclass(slots=True)
class IntentScore:
    intent: str
    score: float
    fuzzy: float
    cue: float
    fit: float
    example: str = ""


@dataclass(slots=True)
class _Example:
    intent: str
    text: str
    stems: frozenset[str]
    weight: float


@dataclass
class Ranking:
    scores: list[IntentScore]
    masked: str
    corrected: dict[str, str] = field(default_factory=dict)

    @property
    def best(self) -> IntentScore:
        return self.scores[0]

    @property
    def runner_up(self) -> IntentScore | None:
        return self.scores[1] if len(self.scores) > 1 else None


class IntentMatcher:
    def __init__(self, data: IntentData, recogniser: EntityRecogniser) -> None:
        self.specs: dict[str, IntentSpec] = data.intents
        self.recogniser = recogniser
        # questions, examples and cues are all read through the same synonyms: "whats the
        # catch" in an example must still match "whats the catch" asked
        self.synonyms = Synonyms(data.synonyms)
        self.cue_stems = frozenset(
            stem(t) for spec in self.specs.values() for c in spec.cues for t in self._words(c)
        )
        self.examples: list[_Example] = []
        self.sorted_texts: list[str] = []
        doc_freq: dict[str, int] = defaultdict(int)
        own_freq: dict[tuple[str, str], int] = defaultdict(int)  # (intent, stem): examples
        raw: list[tuple[str, list[str]]] = []
        for name, spec in self.specs.items():
            for line in spec.example_lines():
                masked = self.mask_text(line)
                raw.append((name, masked))
                for s in {stem(t) for t in masked}:
                    doc_freq[s] += 1
                    own_freq[name, s] += 1
        n_docs = max(len(raw), 1)
        self.idf = {s: math.log(1 + n_docs / df) for s, df in doc_freq.items()}
        self.default_idf = math.log(1 + n_docs)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for index, (name, masked) in enumerate(raw):
            stems = frozenset(stem(t) for t in masked)
            weight = sum(self.idf[s] for s in stems)
            self.examples.append(_Example(name, " ".join(masked), stems, weight))
            self.sorted_texts.append(" ".join(sorted(masked)))
            for s in stems:
                self.postings[s].append(index)
        self.vocab = {t for ex in self.examples for t in ex.text.split()}
        self.word_count: dict[str, int] = defaultdict(int)
        for ex in self.examples:
            for t in ex.text.split():
                self.word_count[t] += 1
        # the same, column by column, for the inner loop of `rank`
        self.ex_intent = [ex.intent for ex in self.examples]
        self.ex_stems = [ex.stems for ex in self.examples]
        self.ex_weight = [ex.weight for ex in self.examples]
        # intents needing the same entities fit a question equally: work that out once each
        self.shapes = {
            name: (tuple(spec.entity_kinds), spec.min_entities) for name, spec in self.specs.items()
        }
        self.cues: dict[str, list[tuple[str, ...]]] = {
            name: [tuple(stem(t) for t in self._words(c)) for c in spec.cues if self._words(c)]
            for name, spec in self.specs.items()
        }
        self.cue_vocab = {t for cues in self.cues.values() for cue in cues for t in cue}
        owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for name, cues in self.cues.items():
            for cue in set(cues):
                owners[cue].add(name)
        # a multi-word cue owned by one intent is strong; a single word shared by several is weak
        # ... and a cue of rare words ("database") says more than one of common words ("come
        # with"): scale by the cue's rarest word, relative to a typical example word
        typical = sorted(self.idf.values())[len(self.idf) // 2] if self.idf else 1.0

        def rarity(t: str, by: set[str], single: bool) -> float:
            if not single or not by <= FACETED:
                return self.idf.get(t, self.default_idf)
            # a facet's own word ('database') fills its examples: rare everywhere else, it is
            # specific, not common
            elsewhere = doc_freq.get(t, 0) - sum(own_freq.get((i, t), 0) for i in by)
            return math.log(1 + n_docs / max(elsewhere, 1))

        self.cue_weight = {
            cue: (1.0 if len(cue) > 1 else 0.7)
            / len(by)
            * min(CUE_RARITY_CAP, max(rarity(t, by, len(cue) == 1) for t in cue) / typical)
            for cue, by in owners.items()
        }
        # a one-word cue names its intents' topic ('database'): what a fact of another facet
        # says in passing about it is not what the question asks
        self.topic_of = {
            cue[0]: frozenset(by) for cue, by in owners.items() if len(cue) == 1 and by <= FACETED
        }
        # cues by their first stem, so a question only tries the cues that could start at
        # one of its own words
        self.cues_by_first: dict[str, list[tuple[str, tuple[str, ...], float]]] = defaultdict(list)
        for name, cues in self.cues.items():
            for cue in set(cues):
                self.cues_by_first[cue[0]].append((name, cue, self.cue_weight[cue]))
        # stems in more than 1 example in 12 never select candidates on their own
        self.common_cut = max(10, len(self.examples) // 12)
        self.correctable = sorted(
            t for t in self.vocab | self.cue_vocab if len(t) >= 4 and t not in PLACEHOLDERS.values()
        )
        self.correctable_by_length: dict[int, list[str]] = {}
        for word in self.correctable:
            self.correctable_by_length.setdefault(len(word), []).append(word)
        self.english = english_words()

    def _words(self, cue: str) -> list[str]:
        return tokens(self.synonyms.apply(fold(cue)))

    def mask_text(self, text: str) -> list[str]:
        folded = self.synonyms.apply(fold(text))
        for slot, placeholder in _SLOT_TEXT.items():
            folded = folded.replace(slot, placeholder)
        recognition = self.recogniser.find(folded, text)
        return mask(recognition.tokens, recognition.mentions, self.cue_stems, self.recogniser.hints)

    def correct(self, toks: list[str]) -> tuple[list[str], dict[str, str]]:
        """Fix typos in ordinary words against the examples' own vocabulary ('compair')."""
        fixed: dict[str, str] = {}
        out = []
        for tok in toks:
            if (
                len(tok) < 4
                or tok in self.vocab
                or tok in self.english
                or tok in SLANG
                or tok in PLACEHOLDERS.values()
                or tok.isdigit()
            ):
                out.append(tok)
                continue
            edits = 1 if len(tok) < 7 else 2
            near = sorted(  # only words within reach by length, in the usual order
                w
                for length in range(len(tok) - edits, len(tok) + edits + 1)
                for w in self.correctable_by_length.get(length, ())
            )
            hits = process.extract(
                tok, near, scorer=DamerauLevenshtein.distance, score_cutoff=edits, limit=8
            )
            if hits:
                # equally close: the word the examples use most ('waht' is 'what', not 'wait')
                closest = min(h[1] for h in hits)
                word = max(
                    (h[0] for h in hits if h[1] == closest), key=lambda w: self.word_count.get(w, 0)
                )
                fixed[tok] = word
                out.append(word)
            else:
                out.append(tok)
        return out, fixed

    def rank(self, masked: list[str], available: dict[str, int], has_any: int) -> Ranking:
        """Score all intents. `available` counts entities by kind (question plus context)."""
        masked, corrected = self.correct(masked)
        q_stems = frozenset(stem(t) for t in masked)
        q_weight = sum(self.idf.get(s, self.default_idf) for s in q_stems)
        # Candidates come from the postings of the question's rarer words; words found in most
        # examples ("what", "is", the placeholders) only add their weight to those candidates.
        known = [s for s in q_stems if s in self.idf]
        rare = [s for s in known if len(self.postings[s]) <= self.common_cut] or known
        common = [s for s in known if s not in rare]
        idf = self.idf
        rare_weight: dict[int, float] = defaultdict(float)
        for s in rare:
            w = idf[s]
            for index in self.postings[s]:
                rare_weight[index] += w
        # full overlap only for the examples sharing the most rare weight: their rare share
        # is known already, only the few common words are left to add
        candidates = sorted(rare_weight, key=rare_weight.__getitem__, reverse=True)[:CANDIDATES]
        ex_intent, ex_stems, ex_weight = self.ex_intent, self.ex_stems, self.ex_weight
        best_j: dict[str, float] = {}
        best_j_at: dict[str, int] = {}
        for index in candidates:
            shared = rare_weight[index]
            if common:
                stems = ex_stems[index]
                for s in common:
                    if s in stems:
                        shared += idf[s]
            jaccard = shared / (q_weight + ex_weight[index] - shared)
            intent = ex_intent[index]
            if jaccard > best_j.get(intent, -1.0):
                best_j[intent] = jaccard
                best_j_at[intent] = index
        best_r: dict[str, float] = {}
        best_r_at: dict[str, int] = {}
        q_sorted = " ".join(sorted(masked))
        for _text, score, index in process.extract(
            q_sorted, self.sorted_texts, scorer=fuzz.ratio, limit=40, score_cutoff=45
        ):
            intent = ex_intent[index]
            value = score / 100.0
            if value > best_r.get(intent, 0.0):
                best_r[intent] = value
                best_r_at[intent] = index

        cue_scores = self.cue_scores([stem(t) for t in masked])
        fits: dict[tuple[tuple[str, ...], int], float] = {}
        scores: list[IntentScore] = []
        for name, spec in self.specs.items():
            j = best_j.get(name, 0.0)
            r = best_r.get(name, 0.0)
            # word overlap (rare words weigh more) leads; edit similarity catches typos/forms
            fuzzy_score = J_WEIGHT * j + (1 - J_WEIGHT) * r
            at = best_j_at.get(name) if j >= r else best_r_at.get(name)
            example = self.examples[at].text if at is not None else ""
            cue = cue_scores.get(name, 0.0)
            shape = self.shapes[name]
            fit = fits.get(shape)
            if fit is None:
                fit = fits[shape] = self._fit(spec, available, has_any)
            total = W_FUZZY * fuzzy_score + W_CUE * cue + W_FIT * fit
            scores.append(IntentScore(name, round(total, 4), fuzzy_score, cue, fit, example))
        scores.sort(key=lambda s: -s.score)
        return Ranking(scores, " ".join(masked), corrected)

    def cue_scores(self, stems: list[str]) -> dict[str, float]:
        """Each intent's strongest cue found in the question, as consecutive stems."""
        found: dict[str, float] = {}
        for i, first in enumerate(stems):
            for name, cue, weight in self.cues_by_first.get(first, ()):
                if weight > found.get(name, 0.0) and tuple(stems[i : i + len(cue)]) == cue:
                    found[name] = weight
        return found

    @staticmethod
    def _fit(spec: IntentSpec, available: dict[str, int], has_any: int) -> float:
        counts = [available.get(kind, 0) for kind in spec.entity_kinds]
        # a comparison needs two of a kind: "flask vs django", not "is flask micro"
        have = max(counts, default=0) if spec.min_entities >= 2 else sum(counts)
        if spec.min_entities > 0:
            if have >= spec.min_entities:
                return 1.0
            return 0.3 if have else -1.0
        if spec.entity_kinds:
            return 1.0 if have or not has_any else 0.2
        return 1.0 if not has_any else 0.3
