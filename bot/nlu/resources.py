"""What understanding loads once, and the questions its steps and rules ask of it.

Built from the knowledge and the intents when the engine starts (and pickled with it): the
entity recogniser, the intent matcher, the fact evidence, the words the sources use, the
companies they name as users, and the lookup tables of things they never cover.
"""

from __future__ import annotations

from dataclasses import replace

from bot.nlu.entities import CATEGORY, FRAMEWORK, TERM, EntityRecogniser, Mention
from bot.nlu.grounding import FacetEvidence
from bot.nlu.intents import PLACEHOLDERS, IntentMatcher, mask
from bot.nlu.novelty import KnownWords
from bot.nlu.vocabulary import PRONOUNS, SLANG, word_frequency
from bot.records import IntentData, Knowledge
from bot.text.stem import stem
from bot.text.tokens import fold, tokens

DEFAULT_THRESHOLD = 0.45
EVERYDAY_ZIPF = 4.4  # as common as 'month' or 'weird': chat, not a topic the sources lack
CHAT_ZIPF = 5.0  # as common as 'place' or 'think': no topic of its own
FACT_FIT = 0.5  # share of a pick question's words that one framework's fact must hold


def _lookup_table(names: list[str]) -> dict[str, str]:
    """A lookup table's entries by their folded words ('spring boot' → 'Spring Boot')."""
    table: dict[str, str] = {}
    for name in names:
        key = " ".join(tokens(fold(name)))
        if key:
            table[key] = name
    return table


def word_spans(toks: list[str]) -> list[tuple[int, int, str]]:
    """Every 3-, 2- and 1-word span of the question, longest first: (start, length, words)."""
    return [(i, n, " ".join(toks[i : i + n])) for n in (3, 2, 1) for i in range(len(toks) - n + 1)]


class Resources:
    """The loaded parts; `threshold` may be changed after loading (the engine does)."""

    def __init__(
        self, knowledge: Knowledge, intents: IntentData, threshold: float = DEFAULT_THRESHOLD
    ) -> None:
        self.knowledge = knowledge
        self.recogniser = EntityRecogniser(knowledge)
        self.matcher = IntentMatcher(intents, self.recogniser)
        self.evidence = FacetEvidence(knowledge)
        self.threshold = threshold
        self.users: dict[str, list[str]] = {}
        for fw in knowledge.frameworks.values():
            for user in fw.users:
                key = " ".join(tokens(fold(user.name)))
                if key and len(key) > 2 and fw.id not in self.users.get(key, []):
                    self.users.setdefault(key, []).append(fw.id)
        self.known = KnownWords(knowledge, self.matcher)
        frequency = word_frequency()
        self.everyday_words = frozenset(w for w, z in frequency.items() if z >= EVERYDAY_ZIPF)
        # chat slang ('tbh', 'doesnt', 'ngl') is rare in a word list but never a question's topic
        slang = frozenset(stem(w) for w in SLANG)
        self.everyday_stems = frozenset(stem(w) for w in self.everyday_words) | slang
        # stems so common that they carry no topic even where a fact uses them ('up', 'thinks')
        self.chat_stems = frozenset(stem(w) for w, z in frequency.items() if z >= CHAT_ZIPF) | slang
        self.tag_keywords = {
            " ".join(tokens(fold(k))) for tag in knowledge.tags.values() for k in tag.keywords
        } - {""}
        self.unknown = _lookup_table(intents.lookups.get("other_tech", []))
        self.topics = _lookup_table(intents.lookups.get("uncovered_topics", []))

    def kind_of(self, entity_id: str) -> str:
        if entity_id in self.knowledge.frameworks:
            return FRAMEWORK
        if entity_id in self.knowledge.categories:
            return CATEGORY
        return TERM

    def is_known(self, entity_id: str) -> bool:
        kb = self.knowledge
        return entity_id in kb.frameworks or entity_id in kb.categories or entity_id in kb.terms

    def novel_words(self, toks: list[str], mentions: list[Mention], start: int = 0) -> list[str]:
        return self.known.novel(toks, mentions, start)

    def unknown_names(
        self, grams: list[tuple[int, int, str]], covered: set[int], table: dict[str, str]
    ) -> list[str]:
        """The entries of `table` the question names (a one-word entry only outside names);
        `grams` as `word_spans` gives them."""
        found = [
            table[key] for i, n, key in grams if key in table and not (n == 1 and i in covered)
        ]
        return list(dict.fromkeys(found))

    def user_names(self, grams: list[tuple[int, int, str]]) -> dict[str, list[str]]:
        """The companies the sources name as users that the question names, with their
        frameworks ('which framework does reddit use?')."""
        return {key: self.users[key] for _, _, key in grams if key in self.users}

    def wants_traits(self, toks: list[str]) -> bool:
        padded = " " + " ".join(toks) + " "
        return any(" " + k + " " in padded for k in self.tag_keywords)

    def says_cue(self, intent: str, toks: list[str], covered: set[int]) -> float:
        """The weight of the intent's strongest cue among the words outside any name
        ('open source' is a term, not a question about sources); 0 when there is none."""
        free = [stem(t) for i, t in enumerate(toks) if i not in covered]
        return self.matcher.cue_scores(free).get(intent, 0.0)

    def fact_fits(self, toks: list[str], covered: set[int]) -> bool:
        """'need something I can deploy on google app engine': some framework's fact covers
        most of what the question names, so a pick can be explained from the sources."""
        words = self.evidence.content(toks, covered, self.matcher.cue_stems)
        # chatty words don't count here, nor a name read as an everyday word ("frank sinatra")
        words = {w for w in words if w in self.evidence.idf and w not in self.evidence.name_stems}
        return self.evidence.best_cover(words) >= FACT_FIT

    def point_at_context(self, masked: list[str], ctx_entities: list[str]) -> list[str]:
        """'who uses it' → 'who uses xfw' when the thread is about a framework."""
        placeholder = PLACEHOLDERS[self.kind_of(ctx_entities[0])]
        out = [placeholder if t in PRONOUNS else t for t in masked]
        if placeholder not in out:
            out.append(placeholder)  # "when?" after "who made web.py?" is "when xfw"
        return out

    def masked_span(self, toks: list[str], mentions: list[Mention], a: int, b: int) -> list[str]:
        """Tokens a..b masked for the matcher, with the names inside the span."""
        inside = [
            replace(m, start=m.start - a, end=m.end - a)
            for m in mentions
            if m.start >= a and m.end <= b
        ]
        return mask(toks[a:b], inside, self.matcher.cue_stems, self.recogniser.hints)
