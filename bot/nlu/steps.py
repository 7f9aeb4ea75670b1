"""The pipeline's plain steps: normalise, find the names, score the intents, lean on the facts,
build the parse, weigh unknown words, measure what the pick rules ask. Each takes the loaded
parts and the reading, fills in its part, and returns True only to end the parse early.
"""

from __future__ import annotations

from bot.nlu.clarify import maybe_clarify
from bot.nlu.clauses import split_clauses
from bot.nlu.entities import CATEGORY, FRAMEWORK, TERM
from bot.nlu.grounding import FACET_INTENT
from bot.nlu.intents import IntentScore, Ranking, mask
from bot.nlu.parse import Parse, Reading
from bot.nlu.resources import Resources, word_spans
from bot.nlu.rules.picks import superlative_pick
from bot.nlu.words import (
    AGE_COMPARISON,
    CHOICE_WORDS,
    DECIDING,
    ELLIPSIS,
    EXPLAINING,
    SUPERLATIVE_SPEED,
    opens_like_a_question,
)
from bot.text.markup import MAX_QUESTION_CHARS, normalise_slack
from bot.text.tokens import fold

FACET_INTENTS = frozenset(FACET_INTENT.values())
W_FACT = 0.3  # lift for the intent whose facet holds the asked-about fact
NOVEL_PENALTY = 0.08  # per word the sources and intents never use (at most three count)
CLEAR_CUE = 0.7  # a cue this strong names the intent whatever else the message says
FACT_CLEAR = 0.6  # a fact covering this much of a question outweighs a stray unknown word
EXACT_EXAMPLE = 0.95  # fuzzy score of a question that is (nearly) a training example


def normalise(nlu: Resources, r: Reading) -> bool:
    """Slack markup off, folded, casual words read as the examples' words; too long ends."""
    r.display = normalise_slack(r.text or "")
    if len(r.display) > MAX_QUESTION_CHARS:
        r.rule = "too_long"
        r.parse = Parse("fallback", 0.0, [], text=r.display[:200], too_long=True, reason="too long")
        return True
    r.folded = nlu.matcher.synonyms.apply(fold(r.display))
    return False


def recognise(nlu: Resources, r: Reading) -> bool:
    """The frameworks, kinds and terms named (by name, alias or typo); no words ends."""
    r.recognition = nlu.recogniser.find(r.folded, r.display)
    r.toks = r.recognition.tokens
    if not r.toks:
        r.rule = "empty"
        r.parse = Parse("fallback", 0.0, [], text=r.display, folded=r.folded, reason="empty")
        return True
    r.words = set(r.toks)
    r.mentions = r.recognition.mentions
    r.ids = list(dict.fromkeys(m.id for m in r.mentions))
    r.covered = {i for m in r.mentions for i in range(m.start, m.end)}
    r.grams = word_spans(r.toks)
    r.content = [t for i, t in enumerate(r.toks) if i not in r.covered and t not in ELLIPSIS]
    r.masked = mask(r.toks, r.mentions, nlu.matcher.cue_stems, nlu.recogniser.hints)
    r.named_frameworks = [e for e in r.ids if nlu.kind_of(e) == FRAMEWORK]
    return False


def find_users(nlu: Resources, r: Reading) -> bool:
    """Companies the sources name as users ('which framework does reddit use?'), when the
    question names no framework and is not about something else entirely."""
    r.users = nlu.user_names(r.grams) if not r.named_frameworks else {}
    if r.users and nlu.novel_words(r.toks, r.mentions):
        r.users = {}  # "what's on the menu at Panda Express?" is not about Zope
    return False


def score_intents(nlu: Resources, r: Reading) -> bool:
    """The matcher's ranking of the intents, given which kinds of entity are at hand."""
    r.entity_ids = r.ids or (r.ctx_entities if r.used_context else [])
    for e in r.entity_ids:
        kind = nlu.kind_of(e)
        r.available[kind] = r.available.get(kind, 0) + 1
    r.subjects = sum(1 for e in r.ids if nlu.kind_of(e) != TERM)
    r.ranking = nlu.matcher.rank(r.masked, r.available, has_any=r.subjects)
    r.focus = r.asked = (0, len(r.toks))
    return False


def ground_facts(nlu: Resources, r: Reading) -> bool:
    """Lift the intents whose facet of the one framework asked about holds what the question
    names ('can flask be hosted on google app engine' → features)."""
    # a glossary term ("google app engine") is part of what the question asks about
    r.named = {i for m in r.mentions if m.kind != TERM for i in range(m.start, m.end)}
    asked_about = [e for e in r.entity_ids if nlu.kind_of(e) == FRAMEWORK]
    if len(asked_about) == 1:
        # only the words the ranking read: a chatty preamble is no part of the question
        outside = {i for i in range(len(r.toks)) if not r.focus[0] <= i < r.focus[1]}
        assert r.ranking is not None
        r.ranking, r.fact_support = _lean_on_facts(
            nlu, r.ranking, asked_about[0], r.toks, r.named | outside
        )
    return False


def _lean_on_facts(
    nlu: Resources, ranking: Ranking, framework_id: str, toks: list[str], covered: set[int]
) -> tuple[Ranking, float]:
    """The ranking with the intents lifted by the facts they hold; how much of the question
    the best fact covers."""
    best = ranking.best
    if best.cue > 0 and best.intent not in FACET_INTENTS:
        return ranking, 0.0  # "source?", "is rails micro or full?": its own cue word
    fixed = [ranking.corrected.get(t, t) for t in toks]  # "insipred" → "inspired"
    # the best intent's own cue words ("built on") already speak for it
    own_cues = frozenset(t for cue in nlu.matcher.cues.get(best.intent, []) for t in cue)
    content = nlu.evidence.content(fixed, covered, own_cues)
    support = nlu.evidence.support(framework_id, content)
    if not support:
        return ranking, 0.0
    # the lift counts what a facet's facts hold between them; the confidence, one fact's cover
    lift = nlu.evidence.facet_support(framework_id, content, nlu.matcher.topic_of)
    scores = [
        IntentScore(
            s.intent,
            round(s.score + W_FACT * lift.get(s.intent, 0.0), 4),
            s.fuzzy,
            s.cue,
            s.fit,
            s.example,
        )
        for s in ranking.scores
    ]
    scores.sort(key=lambda s: -s.score)
    return Ranking(scores, ranking.masked, ranking.corrected), max(support.values())


def build_parse(nlu: Resources, r: Reading) -> bool:
    """The parse as the matcher reads it, with the names and topics the sources lack."""
    best = r.best
    assert r.recognition is not None
    parse = Parse(
        best.intent,
        max(0.0, min(1.0, best.score)),
        r.entity_ids,
        r.mentions,
        r.ranking,
        text=r.display,
        folded=r.folded,
        used_context=r.used_context,
        rejected=r.recognition.rejected,
        asked=asking_words(r),
    )
    r.grounded_early = any(nlu.kind_of(e) != TERM for e in r.entity_ids)
    parse.unknown_names = nlu.unknown_names(r.grams, r.covered, nlu.unknown)
    parse.unknown_topics = nlu.unknown_names(r.grams, r.covered, nlu.topics)
    r.parse = parse
    return False


def asking_words(r: Reading) -> str:
    """The clauses of a chatty message that ask (the one read as the question, and any other
    that ends in "?" or opens like a question), so the answer looks up what was asked and
    not the preamble ('so our team lead keeps pushing django ... what does it give you');
    "" when the whole message asks."""
    whole = (0, len(r.toks))
    if r.asked == whole:
        return ""
    clauses = split_clauses(r.folded) or []
    asking = [
        c
        for c in clauses
        if (c.start < r.asked[1] and c.end > r.asked[0])  # within the question read
        or c.asks
        or opens_like_a_question(r.toks[c.start])
    ]
    if not asking or sum(c.end - c.start for c in asking) >= len(r.toks) - 1:
        return ""
    return " ".join(t for c in asking for t in r.toks[c.start : c.end])


def weigh_novel_words(nlu: Resources, r: Reading) -> bool:
    """Words the sources never use lower the confidence, unless the question is clearly
    about a known framework."""
    parse = r.parse
    assert parse is not None and r.ranking is not None
    novel = nlu.novel_words(r.toks[: r.asked[1]], r.mentions, start=r.asked[0])
    clear = r.ranking.best.cue >= CLEAR_CUE or r.fact_support >= FACT_CLEAR
    if novel and r.grounded_early and clear and not parse.unknown_topics:
        # "not trying to start a holy war but what does django ship with out of the box":
        # a clear question about a known framework, in chatty words
        novel = []
    if novel and not parse.elliptical:
        parse.novel = novel
        # "came over from ruby last month": an everyday word is more often chat than a
        # topic the sources lack; a rare one ("graphql") is more often a topic
        weight = sum(0.5 if w in nlu.everyday_words else 1.0 for w in novel[:3])
        parse.confidence = max(0.0, parse.confidence - NOVEL_PENALTY * weight)
    r.novel = novel
    return False


def measure(nlu: Resources, r: Reading) -> bool:
    """What the rules after this ask again and again: grounded, how many frameworks and
    kinds, whether it looks for a pick, whether it is a curator's own example."""
    parse = r.parse
    assert parse is not None and r.ranking is not None
    r.grounded = bool(parse.entities) and any(nlu.kind_of(e) != TERM for e in parse.entities)
    r.n_frameworks = sum(1 for e in r.ids if nlu.kind_of(e) == FRAMEWORK)
    r.n_categories = sum(1 for e in r.ids if nlu.kind_of(e) == CATEGORY)
    r.picking = bool(CHOICE_WORDS & r.words or superlative_pick(r.toks)) and not asks_how(r)
    r.picking = r.picking and (
        nlu.wants_traits(r.toks)
        or (
            not parse.entities
            and not r.novel
            and not (parse.intent == "fallback" and r.ranking.best.cue > 0)
            and not (AGE_COMPARISON | SUPERLATIVE_SPEED) & r.words
            and nlu.fact_fits(r.toks, r.named)
        )
    )
    r.taught = r.ranking.best.fuzzy >= EXACT_EXAMPLE  # a curator's example beats the rules
    return False


def asks_how(r: Reading) -> bool:
    """Every clause that asks opens with 'how' or 'why' and holds no pick word: the need in
    the preamble is context for an explanation ('we might need lots of connections. how do
    async frameworks pull that off?'), while 'we need X and Y. which one?' still picks."""
    asking = [c for c in split_clauses(r.folded) or [] if c.asks]
    return bool(asking) and all(
        r.toks[c.start] in EXPLAINING
        and not (CHOICE_WORDS | DECIDING) & set(r.toks[c.start : c.end])
        and not superlative_pick(r.toks[c.start : c.end])
        for c in asking
    )


def clarify(nlu: Resources, r: Reading) -> bool:
    """The last step: a close call between two intents becomes a question back."""
    assert r.parse is not None and r.ranking is not None
    maybe_clarify(r.parse, r.ranking, nlu.threshold)
    return True
