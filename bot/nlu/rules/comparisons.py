"""Comparisons: what a comparison of frameworks (or of a framework with kinds) really asks."""

from __future__ import annotations

from bot.nlu.entities import CATEGORY, FRAMEWORK
from bot.nlu.parse import Reading
from bot.nlu.resources import Resources
from bot.nlu.rules.base import Rule, decide, parse_of
from bot.nlu.words import (
    FIT_WORDS,
    FRAMEWORK_NOUNS,
    INTERJECTIONS,
    KIND_NOUNS,
    KIND_QUESTION_LEADS,
    SPEED_COMPARISON,
    SUPERLATIVE_SPEED,
)

THEME = "comparisons"


def _speed_between(nlu: Resources, r: Reading) -> bool:
    parse = parse_of(r)
    return bool(
        SPEED_COMPARISON & r.words
        and parse.intent == "compare"
        and sum(1 for e in parse.entities if nlu.kind_of(e) == FRAMEWORK) >= 2
    )


def _one_against_kinds(nlu: Resources, r: Reading) -> bool:
    return (
        parse_of(r).intent == "compare"
        and r.n_frameworks == 1
        and r.n_categories >= 1
        and not nlu.says_cue("compare", r.toks, r.covered)
    )


KIND_GAP = 3  # words between the name and the kind ('is sanic like properly async')


def _is_it_a_kind(nlu: Resources, r: Reading) -> bool:
    """'so is sanic like... properly async?', 'is flask still micro if i add 20 extensions':
    a weak reading of 'is <framework> <kind>', opening the message (after 'so', 'hmm'),
    asks which kind the framework is, whatever chat words come around it."""
    parse = parse_of(r)
    if parse.confidence >= nlu.threshold:
        return False
    if r.n_frameworks != 1 or r.picking or FIT_WORDS & r.words:
        return False
    fw = next((m for m in r.mentions if m.kind == FRAMEWORK), None)
    if fw is None:
        return False
    kind = next((m for m in r.mentions if m.kind == CATEGORY and m.start >= fw.end), None)
    lead = r.toks[: fw.start]
    return (
        kind is not None
        and kind.start - fw.end <= KIND_GAP
        and bool(lead)
        and lead[-1] in KIND_QUESTION_LEADS
        and all(t in INTERJECTIONS for t in lead[:-1])
    )


IS_IT_A_KIND = Rule(
    "is_it_a_kind",
    THEME,
    "a weak reading of 'is <framework> <kind> ...' asks which kind it is: category_of",
    _is_it_a_kind,
    lambda nlu, r: decide(nlu, r, "category_of", "asks whether it is of a kind"),
    final=True,
    examples=(
        "is bottle still micro once i add a dozen plugins lol",
        "is web2py really full stack once you strip it down",
        "is tornado async in some sense or am i confused",
    ),
)


def _kinds_asked(nlu: Resources, r: Reading) -> bool:
    """'there are like 40 python frameworks, what are the main types?': a weak reading of a
    message that names frameworks and their kinds ('types', 'kinds'), but no framework and
    no kind of its own, asks what the kinds are."""
    parse = parse_of(r)
    return (
        parse.confidence < nlu.threshold
        and not r.ids
        and not r.used_context
        and not parse.unknown_names
        and not parse.unknown_topics
        and bool(KIND_NOUNS & r.words)
        and bool(FRAMEWORK_NOUNS & r.words)
        # 'types of picture frames... frameworks for my gallery wall' is about something else
        and len(r.novel) <= 1
        and all(w in nlu.everyday_words for w in r.novel)
    )


KINDS_ASKED = Rule(
    "kinds_asked",
    THEME,
    "a weak reading of a message about the kinds of frameworks, naming none: the frameworks "
    "by kind (list_frameworks)",
    _kinds_asked,
    lambda nlu, r: decide(nlu, r, "list_frameworks", "asks for the kinds of frameworks"),
    final=True,
    examples=(
        "new here: python has loads of frameworks, how would you split them into types",
        "writing onboarding notes, frameworks come in what categories roughly?",
    ),
)
SPEED_BETWEEN = Rule(
    "speed_between",
    THEME,
    "a comparison in speed words asks about speed, not a full comparison: performance",
    _speed_between,
    lambda nlu, r: decide(nlu, r, "performance", "compares speed", floor=False),
    examples=("compare flask and django which is slower", "django vs flask slower"),
)
ONE_AGAINST_KINDS = Rule(
    "one_against_kinds",
    THEME,
    "one framework compared with kinds asks which kind it is: category_of",
    _one_against_kinds,
    lambda nlu, r: decide(nlu, r, "category_of", "one framework against kinds", floor=False),
    examples=("rails - full stack or micro?", "bottle = micro?"),
)
FASTEST = Rule(
    "fastest_of_all",
    THEME,
    "'the fastest' with no framework named or borrowed: performance of every framework",
    lambda nlu, r: bool(SUPERLATIVE_SPEED & r.words) and not r.ids and not r.used_context,
    lambda nlu, r: decide(nlu, r, "performance", "asks for the fastest"),
    final=True,
    examples=("what's the fastest framework", "which one is quickest?"),
)
