"""Score every intent for a question: fuzzy similarity to its examples (entity names masked),
its cue words, and whether the entities the question offers fit what the intent needs."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from bot.nlu.entities import CATEGORY, FRAMEWORK, TERM, EntityRecogniser, Mention
from bot.nlu.normalise import fold, tokens
from bot.nlu.synonyms import Synonyms
from bot.nlu.vocabulary import SLANG, english_words
from bot.records import IntentData, IntentSpec

PLACEHOLDERS = {FRAMEWORK: "xfw", CATEGORY: "xcat", TERM: "xterm"}
_SLOT_TEXT = {"{framework}": " xfw ", "{category}": " xcat ", "{term}": " xterm "}

W_FUZZY, W_CUE, W_FIT = 0.6, 0.25, 0.15
J_WEIGHT = 0.5
CANDIDATES = 400
CUE_RARITY_CAP = 1.0


# "which framework" asks for a pick, "which frameworks" for a list: keep the difference.
# Function words keep their form too: "whats" is not "what", "does" is not "doe".
_KEEP_PLURAL = frozenset(
    {"frameworks", "microframeworks", "ones"}
    | set(
        [
            "whats",
            "thats",
            "hows",
            "whos",
            "wheres",
            "its",
            "lets",
            "this",
            "does",
            "has",
            "was",
            "is",
            "us",
            "yes",
        ]
    )
)


def stem(word: str) -> str:
    """A deliberately tiny stemmer: 'databases'/'database', 'uses'/'used'/'use',
    'matches'/'match' meet; 'frameworks' keeps its plural (see _KEEP_PLURAL)."""
    if word in PLACEHOLDERS.values() or len(word) <= 3 or word in _KEEP_PLURAL:
        return word
    if word.endswith("ss"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("ing") and len(word) > 5:
        return word[:-3]
    if word.endswith("ed") and len(word) > 3:
        return word[:-1]  # 'created' → 'create', 'based' → 'base'
    if word.endswith("s"):
        return word[:-1]
    return word


def mask(
    toks: list[str],
    mentions: list[Mention],
    keep: frozenset[str] = frozenset(),
    hints: dict[str, str] | None = None,
) -> list[str]:
    """Replace each entity mention by a placeholder token ('flask vs django' → 'xfw vs xfw').

    A term's own words stay when they are cue words (`keep`): "does xfw have an xterm orm" is
    about databases, "... xterm templating" about features."""
    out: list[str] = []
    by_start = {m.start: m for m in mentions}
    # only next to a framework or category: alone, "what is an ORM" is a definition
    grounded = any(m.kind != TERM for m in mentions)
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
        else:
            out.append(toks[i])
            i += 1
    return out


@dataclass
class IntentScore:
    intent: str
    score: float
    fuzzy: float
    cue: float
    fit: float
    example: str = ""


@dataclass
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
        raw: list[tuple[str, list[str]]] = []
        for name, spec in self.specs.items():
            for line in spec.example_lines():
                masked = self.mask_text(line)
                raw.append((name, masked))
                for s in {stem(t) for t in masked}:
                    doc_freq[s] += 1
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
        self.cues: dict[str, list[tuple[str, ...]]] = {
            name: [tuple(stem(t) for t in self._words(c)) for c in spec.cues if self._words(c)]
            for name, spec in self.specs.items()
        }
        self.cue_vocab = {t for cues in self.cues.values() for cue in cues for t in cue}
        owners: dict[tuple[str, ...], int] = defaultdict(int)
        for cues in self.cues.values():
            for cue in set(cues):
                owners[cue] += 1
        # a multi-word cue owned by one intent is strong; a single word shared by several is weak
        # ... and a cue of rare words ("database") says more than one of common words ("come
        # with"): scale by the cue's rarest word, relative to a typical example word
        typical = sorted(self.idf.values())[len(self.idf) // 2] if self.idf else 1.0
        self.cue_weight = {
            cue: (1.0 if len(cue) > 1 else 0.7)
            / owners[cue]
            * min(CUE_RARITY_CAP, max(self.idf.get(t, self.default_idf) for t in cue) / typical)
            for cue in owners
        }
        self.cue_text = {
            name: [(" " + " ".join(c) + " ", self.cue_weight[c]) for c in set(cues)]
            for name, cues in self.cues.items()
        }
        # stems in more than 1 example in 12 never select candidates on their own
        self.common_cut = max(10, len(self.examples) // 12)
        self.correctable = sorted(
            t for t in self.vocab | self.cue_vocab if len(t) >= 4 and t not in PLACEHOLDERS.values()
        )
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
            hit = process.extractOne(
                tok,
                self.correctable,
                scorer=DamerauLevenshtein.distance,
                score_cutoff=1 if len(tok) < 7 else 2,
            )
            if hit:
                fixed[tok] = hit[0]
                out.append(hit[0])
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
        idf = self.idf
        rare_weight: dict[int, float] = defaultdict(float)
        for s in rare:
            w = idf[s]
            for index in self.postings[s]:
                rare_weight[index] += w
        # full overlap only for the examples sharing the most rare weight
        candidates = sorted(rare_weight, key=rare_weight.__getitem__, reverse=True)[:CANDIDATES]
        best_j: dict[str, tuple[float, str]] = {}
        known_set = frozenset(known)
        for index in candidates:
            ex = self.examples[index]
            shared = sum(idf[s] for s in ex.stems & known_set)
            jaccard = shared / (q_weight + ex.weight - shared)
            if jaccard > best_j.get(ex.intent, (0.0, ""))[0]:
                best_j[ex.intent] = (jaccard, ex.text)
        best_r: dict[str, tuple[float, str]] = {}
        q_sorted = " ".join(sorted(masked))
        for _text, score, index in process.extract(
            q_sorted, self.sorted_texts, scorer=fuzz.ratio, limit=40, score_cutoff=45
        ):
            ex = self.examples[index]
            value = score / 100.0
            if value > best_r.get(ex.intent, (0.0, ""))[0]:
                best_r[ex.intent] = (value, ex.text)
        best: dict[str, tuple[float, str]] = {}
        for name in self.specs:
            j, j_text = best_j.get(name, (0.0, ""))
            r, r_text = best_r.get(name, (0.0, ""))
            # word overlap (rare words weigh more) leads; edit similarity catches typos/forms
            combined = J_WEIGHT * j + (1 - J_WEIGHT) * r
            best[name] = (combined, j_text if j >= r else r_text)

        joined = " " + " ".join(stem(t) for t in masked) + " "
        scores: list[IntentScore] = []
        for name, spec in self.specs.items():
            fuzzy_score, example = best.get(name, (0.0, ""))
            cue = max(
                (weight for text, weight in self.cue_text[name] if text in joined), default=0.0
            )
            fit = self._fit(spec, available, has_any)
            total = W_FUZZY * fuzzy_score + W_CUE * cue + W_FIT * fit
            scores.append(IntentScore(name, round(total, 4), fuzzy_score, cue, fit, example))
        scores.sort(key=lambda s: -s.score)
        return Ranking(scores, " ".join(masked), corrected)

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
