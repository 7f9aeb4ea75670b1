"""From a raw question and the thread's context to a parse: intent, entities, confidence.

Follow-ups borrow the subject of the conversation ('who uses it?'), ellipses repeat the last
question with a new subject ('and django?'), and close calls become "Did you mean ...?".
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot.nlu.clauses import split_clauses
from bot.nlu.entities import CATEGORY, FRAMEWORK, TERM, EntityRecogniser, Mention
from bot.nlu.grounding import FACET_INTENT, FacetEvidence
from bot.nlu.intents import PLACEHOLDERS, IntentMatcher, IntentScore, Ranking, mask, stem
from bot.nlu.normalise import MAX_QUESTION_CHARS, fold, normalise_slack, tokens
from bot.nlu.vocabulary import (
    FILLER,
    PRONOUNS,
    SLANG,
    TECH_WORDS,
    asks_for_other,
    english_words,
    word_frequency,
)
from bot.records import FACETS, IntentData, Knowledge

DEFAULT_THRESHOLD = 0.45
NOVEL_PENALTY = 0.08  # per word the sources and intents never use (at most three count)
PREFIX = 5  # 'creator' is known through 'created': a cheap stand-in for a real stemmer
GROUNDED_FACTOR = 0.7  # a question naming a known framework needs less to be answered
CLARIFY_MARGIN = 0.01
CLARIFY_BELOW = 0.6  # only a weak best guess is worth a question back
W_FACT = 0.2  # lift for the intent whose facet holds the asked-about fact

FACET_INTENTS = frozenset(FACET_INTENT.values())
CLEAR_CUE = 0.7  # a cue this strong names the intent whatever else the message says
FOCUS_MIN_TOKENS = 8  # shorter messages are one clause anyway
FOCUS_MARGIN = 0.02  # a clause must read clearly more like a question than the whole
TAG_QUESTION = 3  # "any idea?", "is that true?": too short to be the whole question
QUESTION_CLAUSE_BONUS = 0.05  # among clauses, one ending in "?" is likelier the question
EVERYDAY_ZIPF = 4.4  # as common as 'month' or 'weird': chat, not a topic the sources lack
CHAT_ZIPF = 5.0  # as common as 'place' or 'think': no topic of its own
FACT_CLEAR = 0.6  # a fact covering this much of a question outweighs a stray unknown word
FACT_FIT = 0.5  # share of a pick question's words that one framework's fact must hold
SINGULAR = frozenset("it its itself that this".split())
PLURAL = frozenset("them they their both those these each either all one ones two".split())
# "what's the fastest framework": a performance question about every framework
SUPERLATIVE_SPEED = frozenset("fastest quickest speediest".split())
AGE_COMPARISON = frozenset("older oldest newer newest younger youngest".split())
SPEED_COMPARISON = frozenset("faster quicker slower speedier fastest quickest".split())

# Words that ask what a term means, whatever it is next to.
DEFINING = frozenset("mean means meaning define definition stand stands short eli5 called".split())
# Questions about one framework's own facets.
ONE_SUBJECT = frozenset(
    "describe_framework history who_uses features built_on databases drawbacks category_of".split()
)
# Questions about the framework itself, whatever else they say ("who else uses it besides X").
OWN_QUESTIONS = frozenset("who_uses history sources greet thanks help".split())
EXACT_EXAMPLE = 0.95  # fuzzy score of a question that is (nearly) a training example
STRONG_FIT = frozenset("overkill sensible suited suitable".split())
FIT_WORDS = frozenset(
    "good fit suited suitable ideal right choice decent ok okay work fine cope".split()
)

# Intents a trait-driven pick is often mistaken for ("which framework has an admin?").
TRAIT_INTENTS = frozenset(
    "fallback list_frameworks define_term features performance databases help recommend "
    "built_on".split()
)
# Words of someone looking for a pick ("which framework", "need something", "options?").
CHOICE_WORDS = frozenset(
    "which should recommend recommendation suggest best options option need want looking "
    "something anything pick choose go fits fit for".split()
)
# Requests to do work, not to know something: the sources can't help with these.
TASK_WORDS = frozenset(
    "write generate fix debug install deploy setup configure tutorial snippet code translate "
    "summarise summarize draft calculate convert".split()
)
ASKING_FOR = frozenset(
    "any give show need want link recommend suggest good best send share is are there".split()
)
CODE_NOUNS = frozenset("snippet snippets tutorial tutorials boilerplate".split())
# What comes before a task verb when someone asks the bot to do work ("how do i", "can you").
MODALS = frozenset("can could would".split())
REQUEST_LEADS = frozenset("how can could would please pls me help".split())
# A pick names what to pick; "which frameworks are async" without these asks for a list.
STRONG_PICK = frozenset(
    "should recommend recommendation suggest best pick choose need want fits fit go".split()
)
KIND_LIST = frozenset("frameworks ones options".split())
LIST_WORDS = frozenset("frameworks microframeworks ones those them".split())
DECIDING = frozenset("choose pick decide select compare between".split())
_HOWTO = re.compile(
    r"^(?:so |ok |and )?(?:how (?:do|can|should|would|could) (?:i|we|you)|how to|"
    r"(?:what(?:s| is)? the )?best way to)\b"
)
_VERSION = re.compile(
    r"\b(?:latest|newest|current|next)(?: stable| major| lts)? (?:version|release)s?\b"
    # "sqlalchemy 2.0", "django 4.2" — but the documents do talk about Python 3.5, WSGI 1.0
    r"|(?<!python )(?<!wsgi )(?<!http/)\b\d+\.\d+\b"
    # this year's news: the sources stop in 2019 ("is bottle still maintained in 2024")
    r"|\b20[2-9]\d\b|\bstill (?:maintained|developed|alive|active)\b"
)

# Pronouns that can stand for a term just explained ("does flask have one?").
TERM_PRONOUNS = frozenset("it one that this".split())
INTERJECTIONS = frozenset(
    "ok okay so hmm right cool great nice alright oh ah well thanks thx ty cheers".split()
)
# What may surround a bare subject in an ellipsis: "and django?", "what about bottle then".
ELLIPSIS = frozenset(
    "and or what about how abt re regarding then also too ok okay so hmm well now pls please "
    "the same for question q thanks thx ty cheers".split()
)

# Words that turn a follow-up into a comparison of what the thread was about.
_COMPARATIVE = frozenset(
    [
        "faster",
        "slower",
        "better",
        "worse",
        "bigger",
        "smaller",
        "lighter",
        "heavier",
        "easier",
        "harder",
        "older",
        "newer",
        "which",
    ]
)


@dataclass
class Parse:
    intent: str
    confidence: float
    entities: list[str]
    mentions: list[Mention] = field(default_factory=list)
    ranking: Ranking | None = None
    text: str = ""
    folded: str = ""
    used_context: bool = False
    elliptical: bool = False
    unknown_names: list[str] = field(default_factory=list)
    unknown_topics: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    clarify: list[str] = field(default_factory=list)  # candidate intents when too close to call
    too_long: bool = False
    reason: str = ""
    users_asked: list[str] = field(default_factory=list)
    novel: list[str] = field(default_factory=list)


def _lookup_table(names: list[str]) -> dict[str, str]:
    """A lookup table's entries by their folded words ('spring boot' → 'Spring Boot')."""
    table: dict[str, str] = {}
    for name in names:
        key = " ".join(tokens(fold(name)))
        if key:
            table[key] = name
    return table


# "which should I pick for a small api?" after two frameworks: a pick between those two.
_WHICH = frozenset("which pick choose".split())
_PICKING = frozenset("pick choose should recommend better prefer would go".split())


def _picks_among(toks: list[str]) -> bool:
    # ... or "which one for an api with docs?"
    which_one_for = "which" in toks and "one" in toks and "for" in toks
    return (bool(_WHICH & set(toks)) and bool(_PICKING & set(toks))) or which_one_for


def _promote(ranking: Ranking, intents: frozenset[str]) -> Ranking:
    """The ranking with its best intent among `intents` moved to the top."""
    chosen = next((s for s in ranking.scores if s.intent in intents), None)
    if chosen is None:
        return ranking
    rest = [s for s in ranking.scores if s is not chosen]
    return Ranking([chosen, *rest], ranking.masked, ranking.corrected)


# How a yes/no question about a framework starts ('would bottle work for that?' is a fit).
YES_NO_LEADS = frozenset("do does did is are can will".split())
# What joins the two sides of a pick: "flask or django", "async vs full stack" (for <need>).
EITHER_JOINS = (["or"], ["or", "a"], ["or", "an"], ["vs"], ["versus"], ["v"])
# Deciding verbs around 'X or Y' ("should the intern start with flask or django").
EITHER_PICK = frozenset("should pick choose start go way prefer".split())
# "what's the leanest framework", "the lightest thing": a superlative before what is picked.
_PICKED = frozenset("framework frameworks one option options thing choice microframework".split())
_NOT_SUPERLATIVE = frozenset("interest request latest test restest honest".split())


def _superlative_pick(toks: list[str]) -> bool:
    for i, tok in enumerate(toks):
        if (
            len(tok) >= 5
            and tok.endswith("est")
            and tok not in _NOT_SUPERLATIVE
            and tok not in AGE_COMPARISON | SUPERLATIVE_SPEED
            and _PICKED & set(toks[i + 1 : i + 3])
        ):
            return True
    return False


class Understanding:
    """Loads once; `parse` is pure given the question and the context dict."""

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
        self.known_words = self._known_words(knowledge)
        frequency = word_frequency()
        self.everyday_words = frozenset(w for w, z in frequency.items() if z >= EVERYDAY_ZIPF)
        self.everyday_stems = frozenset(stem(w) for w in self.everyday_words)
        # stems so common that they carry no topic even where a fact uses them ('up', 'thinks')
        self.chat_stems = frozenset(stem(w) for w, z in frequency.items() if z >= CHAT_ZIPF)
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

    def _unknown_names(
        self, toks: list[str], mentions: list[Mention], table: dict[str, str]
    ) -> list[str]:
        covered = {i for m in mentions for i in range(m.start, m.end)}
        found: list[str] = []
        for n in (3, 2, 1):
            for i in range(len(toks) - n + 1):
                key = " ".join(toks[i : i + n])
                if key in table:
                    span = set(range(i, i + n))
                    if n == 1 and span & covered:
                        continue
                    found.append(table[key])
        return list(dict.fromkeys(found))

    def parse(self, text: str, context: dict[str, Any] | None = None) -> Parse:
        display = normalise_slack(text or "")
        if len(display) > MAX_QUESTION_CHARS:
            return Parse("fallback", 0.0, [], text=display[:200], too_long=True, reason="too long")
        folded = self.matcher.synonyms.apply(fold(display))
        recognition = self.recogniser.find(folded, display)
        toks = recognition.tokens
        if not toks:
            return Parse("fallback", 0.0, [], text=display, folded=folded, reason="empty")
        mentions = recognition.mentions
        ids = list(dict.fromkeys(m.id for m in mentions))
        context = context or {}
        ctx_entities = [e for e in context.get("entities", []) if self._known(e)]
        recent = [e for e in context.get("recent", []) if self._known(e)]
        pick_among = _picks_among(toks)
        if (
            len(ctx_entities) == 1
            and len(recent) > 1
            and ((PLURAL | _COMPARATIVE) & set(toks) or pick_among)
        ):
            # "compare them" / "which one is faster" after two single-subject questions
            same_kind = [e for e in recent if self.kind_of(e) == self.kind_of(ctx_entities[0])]
            ctx_entities = list(reversed(same_kind[:3]))
        members = [e for e in context.get("members", []) if self._known(e)]
        if (
            members
            and len(ctx_entities) == 1
            and ((PLURAL - {"ones"} | _COMPARATIVE - {"which"}) & set(toks) or pick_among)
        ):
            # "compare them" after "list the async frameworks" means its members; "which ones
            # are there" still asks about the kind
            ctx_entities = members[:3]
        covered = {i for m in mentions for i in range(m.start, m.end)}
        content = [t for i, t in enumerate(toks) if i not in covered and t not in ELLIPSIS]
        masked = mask(toks, mentions, self.matcher.cue_stems, self.recogniser.hints)

        used_context = False
        subjects = [e for e in ids if self.kind_of(e) == FRAMEWORK]
        users = self._user_names(toks) if not subjects else {}
        if users and self.novel_words(toks, mentions):
            users = {}  # "what's on the menu at Panda Express?" is not about Zope
        pronoun = any(t in PRONOUNS for t in toks)
        if users and not subjects:
            # "which framework does reddit use?": the frameworks that name Reddit as a user
            ids = list(dict.fromkeys([*ids, *(f for fws in users.values() for f in fws)]))
        elif not ids and ctx_entities:
            used_context = True
            masked = self._point_at_context(masked, ctx_entities)
            if len(ctx_entities) > 1 and SINGULAR & set(toks) and not PLURAL & set(toks):
                # "who uses it?" after a ranked list means the first one
                ctx_entities = ctx_entities[:1]
        elif ids and not subjects and (pronoun or pick_among) and ctx_entities:
            # "is it full stack?", "does it do websockets?": the thread's subject plus the new term
            ctx_subjects = [e for e in ctx_entities if self.kind_of(e) == FRAMEWORK]
            if ctx_subjects:
                used_context = True
                masked = self._point_at_context(masked, ctx_subjects)
                ids = [*ctx_subjects, *ids]
        ctx_terms = [e for e in ctx_entities if self.kind_of(e) == TERM]
        if (
            subjects
            and ctx_terms
            and len(ctx_terms) == len(ctx_entities)
            and not any(self.kind_of(e) == TERM for e in ids)
            and TERM_PRONOUNS & set(toks)
        ):
            # "does flask have one?" after "what does ORM mean?": the pronoun is the term
            term = ctx_terms[0]
            hint = self.recogniser.hints.get(term)
            masked = [
                w
                for t in masked
                for w in ((["xterm", hint] if hint else ["xterm"]) if t in TERM_PRONOUNS else [t])
            ]
        elif ids and not used_context and len(subjects) == 1:
            # "tornado - what is it?": the pronoun is the framework just named
            masked = ["xfw" if t in SINGULAR else t for t in masked]
        entity_ids = ids or (ctx_entities if used_context else [])
        available: dict[str, int] = {}
        for e in entity_ids:
            kind = self.kind_of(e)
            available[kind] = available.get(kind, 0) + 1
        subjects = sum(1 for e in ids if self.kind_of(e) != TERM)
        ranking = self.matcher.rank(masked, available, has_any=subjects)
        focus = asked = (0, len(toks))
        if len(toks) > FOCUS_MIN_TOKENS:
            ranking, focus, asked = self._focus(
                folded, toks, mentions, ids, ranking, available, subjects
            )
            if focus != (0, len(toks)) and ranking.best.intent in ONE_SUBJECT:
                # "been a rails dev for years. what is django exactly?": when the question's
                # own clause names a framework, the names around it are background
                inside = {
                    m.id
                    for m in mentions
                    if m.kind == FRAMEWORK and focus[0] <= m.start and m.end <= focus[1]
                }
                if inside:
                    ids = [e for e in ids if e in inside or self.kind_of(e) != FRAMEWORK]
                    entity_ids = ids
        # a glossary term ("google app engine") is part of what the question asks about
        named = {i for m in mentions if m.kind != TERM for i in range(m.start, m.end)}
        asked_about = [e for e in entity_ids if self.kind_of(e) == FRAMEWORK]
        fact_support = 0.0
        if len(asked_about) == 1:
            # only the words the ranking read: a chatty preamble is no part of the question
            outside = {i for i in range(len(toks)) if not focus[0] <= i < focus[1]}
            ranking, fact_support = self._lean_on_facts(
                ranking, asked_about[0], toks, named | outside
            )
        if (
            ranking.best.intent == "define_term"
            and any(self.kind_of(e) == FRAMEWORK for e in ids)
            and not any(self.kind_of(e) == CATEGORY for e in ids)
            and not DEFINING & set(toks)
        ):
            # "what does web2py's IDE include", "sanic blueprints?": a term next to a named
            # framework is one of its features, unless the question asks what the term means
            ranking = _promote(ranking, FACET_INTENTS)
        if (
            ranking.best.intent == "recommend"
            and toks[0] in YES_NO_LEADS
            and len([e for e in ids if self.kind_of(e) == FRAMEWORK]) == 1
            and not FIT_WORDS & set(toks)
            and not asks_for_other(toks)
        ):
            # "do I need apache to run a cherrypy app?": a yes/no question about one named
            # framework asks about it, whatever 'need' says elsewhere
            ranking = _promote(ranking, FACET_INTENTS)
        best = ranking.best
        parse = Parse(
            best.intent,
            max(0.0, min(1.0, best.score)),
            entity_ids,
            mentions,
            ranking,
            text=display,
            folded=folded,
            used_context=used_context,
            rejected=recognition.rejected,
        )
        grounded_early = any(self.kind_of(e) != TERM for e in entity_ids)
        parse.unknown_names = self._unknown_names(toks, mentions, self.unknown)
        parse.unknown_topics = self._unknown_names(toks, mentions, self.topics)
        if users:
            parse.users_asked = list(users)
            parse.intent = "who_uses"
            parse.confidence = max(parse.confidence, 0.7)
            parse.reason = "names a company the sources list as a user"
            return parse

        last_intent = context.get("intent")
        if ids and not content and self._is_ellipsis(toks, covered):
            self._only_names(parse, ids, last_intent, ranking)
            if parse.intent == "category_of" and last_intent == "category_of":
                # "is fastapi async?" then "what about cherrypy?": still asking about async
                kinds_asked = [e for e in ctx_entities if self.kind_of(e) == CATEGORY]
                parse.entities = list(dict.fromkeys([*parse.entities, *kinds_asked]))
        elif (
            ids
            and ctx_entities
            and best.intent == "compare"
            and len(ids) == 1
            and ids[0] not in ctx_entities
        ):
            # "compare it with django" / "how does it stack up against bottle"
            parse.entities = [*ctx_entities[:2], *ids][:3]
            parse.used_context = True
        if used_context and len(ctx_entities) >= 2 and _COMPARATIVE & set(toks):
            parse.entities = ctx_entities[:3]
        if parse.unknown_names and not parse.elliptical:
            parse.intent, parse.reason = "fallback", "names something outside the sources"
            return parse
        if parse.unknown_topics and not parse.elliptical:
            parse.intent, parse.reason = "fallback", "asks about a topic the sources never cover"
            return parse
        novel = self.novel_words(toks[: asked[1]], mentions, start=asked[0])
        clear = ranking.best.cue >= CLEAR_CUE or fact_support >= FACT_CLEAR
        if novel and grounded_early and clear and not parse.unknown_topics:
            # "not trying to start a holy war but what does django ship with out of the box":
            # a clear question about a known framework, in chatty words
            novel = []
        if novel and not parse.elliptical:
            parse.novel = novel
            # "came over from ruby last month": an everyday word is more often chat than a
            # topic the sources lack; a rare one ("graphql") is more often a topic
            weight = sum(0.5 if w in self.everyday_words else 1.0 for w in novel[:3])
            parse.confidence = max(0.0, parse.confidence - NOVEL_PENALTY * weight)
        grounded = bool(parse.entities) and any(self.kind_of(e) != TERM for e in parse.entities)
        n_frameworks = sum(1 for e in ids if self.kind_of(e) == FRAMEWORK)
        n_categories = sum(1 for e in ids if self.kind_of(e) == CATEGORY)
        picking = bool(CHOICE_WORDS & set(toks) or _superlative_pick(toks)) and (
            self._wants_traits(toks)
            or (
                not parse.entities
                and not novel
                and not (parse.intent == "fallback" and ranking.best.cue > 0)
                and not (AGE_COMPARISON | SUPERLATIVE_SPEED) & set(toks)
                and self._fact_fits(toks, named)
            )
        )
        taught = ranking.best.fuzzy >= EXACT_EXAMPLE  # a curator's example beats the rules below
        if not taught and self._either_for(toks, mentions):
            # "cherrypy or bottle for a small internal tool?", "should the intern start with
            # flask or django": a pick between the two
            parse.intent, parse.reason = "recommend", "asks which of two to pick"
            parse.confidence = max(parse.confidence, self.threshold)
            return parse
        if (
            not taught
            and n_frameworks == 1
            # good for *something* ("whats it good for" asks what); "is django overkill?" anyway
            and (
                (FIT_WORDS & set(toks) and "for" in toks[:-1])
                or STRONG_FIT & set(toks[asked[0] : asked[1]])
            )
            and parse.intent not in ("compare", "fallback", "who_uses", "history")
        ):
            # "is bottle good for prototyping?" asks whether it fits: a recommendation check
            parse.intent, parse.reason = "recommend", "asks whether one framework fits"
            parse.confidence = max(parse.confidence, self.threshold)
            return parse
        named_frameworks = [e for e in parse.entities if self.kind_of(e) == FRAMEWORK]
        if (
            not taught
            and len(named_frameworks) == 1
            and asks_for_other(
                toks, {i for m in mentions if m.kind == FRAMEWORK for i in range(m.start, m.end)}
            )
            # "other async options besides tornado?" asks for the rest of a kind: a list
            and not (LIST_WORDS & set(toks) and parse.intent == "list_frameworks")
            and not (n_categories and KIND_LIST & set(toks))
            and not (ranking.best.cue > 0 and parse.intent in OWN_QUESTIONS)
        ):
            # "anything easier than zope?", "closest thing to sinatra in python": a pick, with
            # the named framework as the point of reference
            parse.intent, parse.reason = "recommend", "asks for an alternative to a framework"
            parse.confidence = max(parse.confidence, self.threshold)
            return parse
        # "need a quick list": asking for a list outright beats the pick words around it
        listing = (bool(LIST_WORDS & set(toks)) and not STRONG_PICK & set(toks)) or "list" in toks
        if (
            picking
            and not taught
            and not (listing and parse.intent == "list_frameworks")
            and (
                (n_frameworks == 0 and parse.intent in TRAIT_INTENTS)
                # "django or flask for a tiny personal project?": a pick between the two
                or (
                    parse.intent == "compare"
                    and (len(named_frameworks) >= 2 or n_categories >= 2)
                    # "how do they stack up" asks for the comparison itself
                    and not self._says_cue("compare", toks, covered)
                )
                # "which would you choose for a json api?" after two frameworks
                or (pick_among and len(named_frameworks) >= 2 and parse.intent in TRAIT_INTENTS)
            )
        ):
            # "need something with an admin and an ORM, which framework?" is a recommendation
            parse.intent, parse.reason = "recommend", "asks for a pick by traits"
            parse.confidence = max(parse.confidence, self.threshold)
            return parse
        if (
            SPEED_COMPARISON & set(toks)
            and parse.intent == "compare"
            and sum(1 for e in parse.entities if self.kind_of(e) == FRAMEWORK) >= 2
        ):
            # "fastapi or sanic, which is quicker?" asks about speed, not a full comparison
            parse.intent, parse.reason = "performance", "compares speed"
        if (
            parse.intent == "compare"
            and n_frameworks == 1
            and n_categories >= 1
            and not self._says_cue("compare", toks, covered)
        ):
            # "rails - full stack or micro?" asks which kind Rails is
            parse.intent, parse.reason = "category_of", "one framework against kinds"
        if AGE_COMPARISON & set(toks) and not ids and not used_context:
            parse.intent, parse.reason = "history", "asks for the oldest or newest"
            parse.confidence = max(parse.confidence, self.threshold)
            return parse
        if SUPERLATIVE_SPEED & set(toks) and not ids and not used_context:
            parse.intent, parse.reason = "performance", "asks for the fastest"
            parse.confidence = max(parse.confidence, self.threshold)
            return parse
        if (
            parse.intent in ("greet", "thanks")
            and ranking.best.cue > 0
            and not parse.entities
            and len(toks) <= 10
            and not self._asks_for_work(toks)  # "translate 'good morning' to french"
        ):
            return parse  # "morning all! first week here" is a greeting, whatever else it says
        if (
            AGE_COMPARISON & set(toks)
            and len(parse.entities) >= 2
            and parse.intent
            in ("compare", "performance", "fallback", "describe_framework", "category_of")
        ):
            parse.intent, parse.reason = "history", "compares ages"
            return parse
        asks_source = self._says_cue("sources", toks, covered)
        if parse.intent == "sources" and not taught and grounded and not asks_source:
            # "is django open source?": 'source' belongs to a term, not to a question about
            # where the answers come from
            parse.intent = next(
                s.intent for s in ranking.scores if s.intent not in ("sources", "fallback")
            )
        if (
            not taught
            and parse.intent not in ("sources", "fallback")
            and asks_source
            and asks_source >= ranking.best.cue
        ):
            # "source for the sanic benchmark?": where the answer comes from, not the benchmark
            parse.intent, parse.reason = "sources", "asks where the information comes from"
            parse.confidence = max(parse.confidence, self.threshold)
            return parse
        howto = _HOWTO.match(folded) and not (DECIDING & set(toks))
        if howto and not (
            ranking.best.cue > 0 and parse.intent in ("recommend", "compare", "help", "sources")
        ):
            # "how do I add CORS to flask": instructions, which the sources don't give
            parse.intent, parse.reason = "fallback", "asks how to do something"
            return parse
        task = (
            self._asks_for_work(toks)
            or _VERSION.search(folded)
            or self._numbered_release(toks, mentions)
        )
        if task and not parse.elliptical:
            parse.intent, parse.reason = "fallback", "asks for a task or a version"
            return parse
        if grounded and not novel and parse.intent == "fallback" and ranking.runner_up:
            # about a known framework, in words the sources use: answer rather than give up
            pass
        elif (
            grounded
            # everyday words ("curious", "plays nice") are chat in a question whose own cue
            # word says what it asks; rarer ones may be the topic the sources lack
            and not [w for w in novel if w not in self.everyday_words or not ranking.best.cue]
            and parse.confidence >= self.threshold * GROUNDED_FACTOR
        ):
            if parse.intent == "fallback":
                best_other = next(s for s in ranking.scores if s.intent != "fallback")
                parse.intent = best_other.intent
            return self._maybe_clarify(parse, ranking)
        if parse.confidence < self.threshold and not parse.elliptical:
            parse.reason = f"best score {parse.confidence:.2f} below {self.threshold:.2f}"
            parse.intent = "fallback"
            self._drop_everyday(parse, toks)
            return parse
        return self._maybe_clarify(parse, ranking)

    def _focus(
        self,
        folded: str,
        toks: list[str],
        mentions: list[Mention],
        ids: list[str],
        ranking: Ranking,
        available: dict[str, int],
        subjects: int,
    ) -> tuple[Ranking, tuple[int, int], tuple[int, int]]:
        """A chatty message ('sorry if this was asked already, who uses FastAPI in prod?')
        is matched by its clause that reads most like a question; names anywhere in the
        message stay its subject ('I keep running into Grok. who made it?').

        Returns the ranking, the span it was read from, and the span of the clause that reads
        most like a question even when it is no clearer than the whole: words the sources
        never use count only there ('ok maybe dumb question but does bottle need ...')."""
        whole = (0, len(toks))
        clauses = split_clauses(folded)
        if clauses is None or len(clauses) < 2:
            return ranking, whole, whole
        questions = sum(c.asks for c in clauses)
        best, best_bounds, clause = ranking, whole, ranking
        subjects_first = sorted(ids, key=lambda e: self.kind_of(e) == TERM)
        asked, asked_score = whole, -1.0
        for k, part in enumerate(clauses):
            a, b = part.start, part.end
            if b - a < 2 or part.alternative:
                continue
            if k and b - a <= TAG_QUESTION and not self._asks_alone(toks[a:b], mentions, a):
                # "pip install web.py fails with a build error, any idea?", "our project has
                # to be python 3, is web2py ok?": a short tag asks about the clause before it
                # ("... nobody explains it. what is it?" is a question of its own)
                a = clauses[k - 1].start
            inside = [
                replace(m, start=m.start - a, end=m.end - a)
                for m in mentions
                if m.start >= a and m.end <= b
            ]
            sub = mask(toks[a:b], inside, self.matcher.cue_stems, self.recogniser.hints)
            if (
                ids
                and not any(m.kind != TERM for m in inside)
                and (part.asks or PRONOUNS & set(toks[a:b]))
            ):
                # "... who made it?": the names elsewhere are what the question points at;
                # a remark without a pronoun ("every framework claims to be fast") is not
                sub = self._point_at_context(sub, subjects_first)
            candidate = self.matcher.rank(sub, available, has_any=subjects)
            if candidate.best.intent in ("greet", "thanks"):
                continue  # "hi there, ... what is it?": the greeting is not the question
            # a clause ending in "?" is where a chatty message asks its question
            bonus = QUESTION_CLAUSE_BONUS if part.asks and questions < len(clauses) else 0.0
            if candidate.best.score + bonus > asked_score:
                asked, asked_score, clause = (a, b), candidate.best.score + bonus, candidate
        # the clause that reads most like a question, if clearly more so than the whole
        if asked_score > ranking.best.score + FOCUS_MARGIN:
            best, best_bounds = clause, asked
        return best, best_bounds, asked

    def _fact_fits(self, toks: list[str], covered: set[int]) -> bool:
        """'need something I can deploy on google app engine': some framework's fact covers
        most of what the question names, so a pick can be explained from the sources."""
        words = self.evidence.content(toks, covered, self.matcher.cue_stems)
        # chatty words don't count here, nor a name read as an everyday word ("frank sinatra")
        words = {w for w in words if w in self.evidence.idf and w not in self.evidence.name_stems}
        return self.evidence.best_cover(words) >= FACT_FIT

    def _says_cue(self, intent: str, toks: list[str], covered: set[int]) -> float:
        """The weight of the intent's strongest cue among the words outside any name
        ('open source' is a term, not a question about sources); 0 when there is none."""
        free = [stem(t) for i, t in enumerate(toks) if i not in covered]
        return self.matcher.cue_scores(free).get(intent, 0.0)

    def _asks_alone(self, clause: list[str], mentions: list[Mention], start: int) -> bool:
        """Whether a short clause reads as a whole question by itself ('what is it')."""
        inside = [
            replace(m, start=m.start - start, end=m.end - start)
            for m in mentions
            if m.start >= start and m.end <= start + len(clause)
        ]
        masked = mask(clause, inside, self.matcher.cue_stems, self.recogniser.hints)
        masked = [PLACEHOLDERS[FRAMEWORK] if t in SINGULAR else t for t in masked]
        return self.matcher.rank(masked, {}, has_any=0).best.score >= self.threshold

    def _lean_on_facts(
        self, ranking: Ranking, framework_id: str, toks: list[str], covered: set[int]
    ) -> tuple[Ranking, float]:
        """Lift the intents whose facet of this framework holds what the question names;
        also say how much of the question the best fact covers."""
        best = ranking.best
        if best.cue > 0 and best.intent not in FACET_INTENTS:
            return ranking, 0.0  # "source?", "is rails micro or full?": its own cue word
        fixed = [ranking.corrected.get(t, t) for t in toks]  # "insipred" → "inspired"
        # the best intent's own cue words ("built on") already speak for it
        own_cues = frozenset(t for cue in self.matcher.cues.get(best.intent, []) for t in cue)
        support = self.evidence.support(
            framework_id, self.evidence.content(fixed, covered, own_cues)
        )
        if not support:
            return ranking, 0.0
        scores = [
            IntentScore(
                s.intent,
                round(s.score + W_FACT * support.get(s.intent, 0.0), 4),
                s.fuzzy,
                s.cue,
                s.fit,
                s.example,
            )
            for s in ranking.scores
        ]
        scores.sort(key=lambda s: -s.score)
        return Ranking(scores, ranking.masked, ranking.corrected), max(support.values())

    def _maybe_clarify(self, parse: Parse, ranking: Ranking) -> Parse:
        best = ranking.best
        runner = ranking.runner_up
        if (
            runner
            and not parse.reason  # a rule already decided ("compares speed")
            and parse.intent == best.intent
            and not parse.elliptical
            and parse.intent not in ("fallback",)
            and runner.intent != "fallback"
            and best.score - runner.score < CLARIFY_MARGIN
            and best.score < CLARIFY_BELOW
            and best.cue == runner.cue
            and runner.score >= self.threshold
            and parse.entities
        ):
            parse.clarify = [best.intent, runner.intent]
        return parse

    def _known_words(self, knowledge: Knowledge) -> frozenset[str]:
        """Every word the knowledge or the intents use: a question full of other words is
        probably about something the sources don't cover."""
        words: set[str] = set(FILLER) | SLANG | self.matcher.vocab | self.matcher.cue_vocab
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
        self.known_pairs: set[tuple[str, str]] = set()
        for text in texts:
            toks = tokens(fold(text))
            words.update(toks)
            self.known_pairs.update(itertools.pairwise(toks))
        words.update(stem(w) for w in list(words))
        self.known_prefixes = frozenset(w[:PREFIX] for w in words if len(w) >= PREFIX)
        # words of each length: one edit away can only be one letter longer or shorter
        self.known_by_length: dict[int, list[str]] = {}
        for w in sorted(w for w in words if len(w) >= 4):
            self.known_by_length.setdefault(len(w), []).append(w)
        self.english = english_words()
        return frozenset(words)

    def novel_words(self, toks: list[str], mentions: list[Mention], start: int = 0) -> list[str]:
        covered = {i for m in mentions for i in range(m.start, m.end)}
        candidates = [
            t
            for i, t in enumerate(toks)
            if i >= start
            and i not in covered
            and t not in self.known_words
            and stem(t) not in self.known_words
            and not (len(t) >= PREFIX and t[:PREFIX] in self.known_prefixes)
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
            for w in self.known_by_length.get(length, ())
        ]
        return bool(
            process.extractOne(token, near, scorer=DamerauLevenshtein.distance, score_cutoff=1)
        )

    def _numbered_release(self, toks: list[str], mentions: list[Mention]) -> bool:
        """'sanic 23', 'rails 7': a release the sources never number ('zope 2' they do)."""
        for m in mentions:
            if (
                m.kind == FRAMEWORK
                and m.end < len(toks)
                and toks[m.end].isdigit()
                and (toks[m.end - 1], toks[m.end]) not in self.known_pairs
            ):
                return True
        return False

    @staticmethod
    def _asks_for_work(toks: list[str]) -> bool:
        """'write me a flask app', 'how do I install django', 'can you fix my code' — but not
        'does web2py need installing' or 'does fastapi generate docs'."""
        if toks and toks[0] in TASK_WORDS:
            return True
        for i, tok in enumerate(toks):
            # "any good flask tutorials?" asks for one; "every tutorial I read says" doesn't
            if tok in CODE_NOUNS and ASKING_FOR & set(toks[max(0, i - 4) : i]):
                return True
        for i, tok in enumerate(toks):
            if tok not in TASK_WORDS:
                continue
            before = toks[max(0, i - 4) : i]
            # 'can you deploy', 'can i install' ask for steps; 'something i can deploy' doesn't
            leads = {
                w
                for k, w in enumerate(before)
                if w not in MODALS or before[k + 1 : k + 2] in (["you"], ["u"], ["i"], ["we"])
            }
            if REQUEST_LEADS & leads:
                return True
        return False

    def _drop_everyday(self, parse: Parse, toks: list[str]) -> None:
        """In a question we can't answer, 'bottle' with no tech word around was a bottle."""
        everyday = self.recogniser.everyday
        if not (TECH_WORDS & set(toks)):
            parse.entities = [e for e in parse.entities if e not in everyday]

    @staticmethod
    def _either_for(toks: list[str], mentions: list[Mention]) -> bool:
        """'X or Y' (or 'X vs Y') of one kind, asked as a pick: 'for' a need after them, or a
        deciding verb."""
        named = [m for m in mentions if m.kind != TERM]
        for first, second in itertools.pairwise(named):
            between = toks[first.end : second.start]
            if first.kind != second.kind or between not in EITHER_JOINS:
                continue
            if (SPEED_COMPARISON | AGE_COMPARISON) & set(toks):
                return False  # "flask or bottle, which is faster?" compares
            after = toks[second.end :]
            return "for" in after or "if" in after or bool(EITHER_PICK & set(toks))
        return False

    def _wants_traits(self, toks: list[str]) -> bool:
        padded = " " + " ".join(toks) + " "
        return any(" " + k + " " in padded for k in self.tag_keywords)

    def _user_names(self, toks: list[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for n in (3, 2, 1):
            for i in range(len(toks) - n + 1):
                key = " ".join(toks[i : i + n])
                if key in self.users:
                    found[key] = self.users[key]
        return found

    def _known(self, entity_id: str) -> bool:
        kb = self.knowledge
        return entity_id in kb.frameworks or entity_id in kb.categories or entity_id in kb.terms

    def _point_at_context(self, masked: list[str], ctx_entities: list[str]) -> list[str]:
        """'who uses it' → 'who uses xfw' when the thread is about a framework."""
        placeholder = PLACEHOLDERS[self.kind_of(ctx_entities[0])]
        out = [placeholder if t in PRONOUNS else t for t in masked]
        if placeholder not in out:
            out.append(placeholder)  # "when?" after "who made web.py?" is "when xfw"
        return out

    @staticmethod
    def _is_ellipsis(toks: list[str], covered: set[int]) -> bool:
        """'django', 'and django?', 'what about bottle', 'how about flask then' — not
        'what is flask' (that has a verb and is matched like any question)."""
        rest = [t for i, t in enumerate(toks) if i not in covered]
        while rest and rest[0] in INTERJECTIONS:
            rest = rest[1:]  # "ok and django?", "thanks! and grok?"
        if not rest:
            return True
        return rest[0] in ("and", "or", "same") or "about" in rest or "abt" in rest

    def _only_names(
        self, parse: Parse, ids: list[str], last_intent: str | None, ranking: Ranking
    ) -> None:
        """A message that is nothing but names: 'and django?', 'flask?', 'flask django'."""
        kinds = {self.kind_of(e) for e in ids}
        spec = self.matcher.specs.get(last_intent or "")
        fits = spec is not None and (not spec.entity_kinds or kinds & set(spec.entity_kinds))
        if fits and last_intent not in ("fallback", "greet", "thanks", "help", "sources"):
            parse.intent = last_intent
            if last_intent == "list_frameworks" and FRAMEWORK in kinds:
                parse.intent = "describe_framework"
            parse.elliptical = True
            parse.confidence = max(parse.confidence, 0.8)
            parse.reason = f"same question as before ({last_intent}), new subject"
            return
        if len(ids) >= 2 and kinds <= {FRAMEWORK, CATEGORY}:
            parse.intent = "compare"
        elif kinds == {FRAMEWORK}:
            parse.intent = "describe_framework"
        elif kinds == {FRAMEWORK, TERM} and ranking.best.intent in FACET_INTENTS:
            # "turbogears orm?", "sanic blueprints?": the term as part of the framework
            parse.intent = ranking.best.intent
        else:
            parse.intent = "define_term"
        parse.elliptical = True
        parse.confidence = max(parse.confidence, 0.75)
        parse.reason = "only names: an overview"
