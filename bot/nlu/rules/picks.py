"""Picks: questions that ask which framework to choose, however they are phrased."""

from __future__ import annotations

import itertools

from bot.nlu.entities import FRAMEWORK, TERM, Mention
from bot.nlu.grounding import FACET_INTENT
from bot.nlu.parse import Reading
from bot.nlu.resources import Resources
from bot.nlu.rules.base import Rule, decide, parse_of
from bot.nlu.vocabulary import asks_for_other
from bot.nlu.words import (
    AGE_COMPARISON,
    EITHER_JOINS,
    EITHER_PICK,
    FIT_WORDS,
    KIND_LIST,
    LIST_WORDS,
    NOT_SUPERLATIVE,
    OWN_QUESTIONS,
    PICKED,
    SPEED_COMPARISON,
    STRONG_FIT,
    STRONG_PICK,
    SUPERLATIVE_SPEED,
    TRAIT_INTENTS,
)
from bot.text.stem import stem

THEME = "picks"
FACET_INTENTS = frozenset(FACET_INTENT.values())


def superlative_pick(toks: list[str]) -> bool:
    """'what's the leanest framework', 'the lightest thing': a superlative before what is
    picked (not 'the latest version', not 'the fastest', which asks about speed)."""
    for i, tok in enumerate(toks):
        if (
            len(tok) >= 5
            and tok.endswith("est")
            and tok not in NOT_SUPERLATIVE
            and tok not in AGE_COMPARISON | SUPERLATIVE_SPEED
            and PICKED & set(toks[i + 1 : i + 3])
        ):
            return True
    return False


def either_for(toks: list[str], mentions: list[Mention]) -> bool:
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


def _frameworks_in_parse(nlu: Resources, r: Reading) -> list[str]:
    return [e for e in parse_of(r).entities if nlu.kind_of(e) == FRAMEWORK]


def _fits(nlu: Resources, r: Reading) -> bool:
    # only the clause that asks: "worried it's overkill for a tiny service. what does django
    # actually ship with?" asks what it ships with
    asked = r.toks[r.asked[0] : r.asked[1]]
    strong = bool(STRONG_FIT & set(asked))
    # "is web2py overkill for a hobby app on cheap hosting": a strong fit word asks about fit
    # even when the matcher, put off by the chat words, reads it as nothing or as its users
    misread = ("compare", "history") if strong else ("compare", "fallback", "who_uses", "history")
    return (
        not r.taught
        and r.n_frameworks == 1
        # good for *something* ("whats it good for" asks what); "is django overkill?" anyway
        and bool((FIT_WORDS & set(asked) and "for" in asked[:-1]) or strong)
        and parse_of(r).intent not in misread
    )


def _alternative(nlu: Resources, r: Reading) -> bool:
    parse = parse_of(r)
    if r.taught or len(_frameworks_in_parse(nlu, r)) != 1:
        return False
    names = {i for m in r.mentions if m.kind == FRAMEWORK for i in range(m.start, m.end)}
    return (
        asks_for_other(r.toks, names)
        # "other async options besides tornado?" asks for the rest of a kind: a list
        and not (LIST_WORDS & r.words and parse.intent == "list_frameworks")
        and not (r.n_categories and KIND_LIST & r.words)
        and not (r.best.cue > 0 and parse.intent in OWN_QUESTIONS)
    )


def which_facet_of_subject(nlu: Resources, r: Reading) -> bool:
    """'which dbs?', 'which databases does it work with?' in a thread about one framework:
    'which' picks among the subject's own databases or users, not among frameworks."""
    if r.n_frameworks or not r.used_context:
        return False
    for i, tok in enumerate(r.toks[:-1]):
        if tok == "which":
            nxt = (stem(r.toks[i + 1]),)
            return any(nxt in nlu.matcher.cues.get(intent, ()) for intent in FACET_INTENTS)
    return False


def _by_traits(nlu: Resources, r: Reading) -> bool:
    if which_facet_of_subject(nlu, r):
        return False
    parse = parse_of(r)
    # "need a quick list": asking for a list outright beats the pick words around it
    listing = (bool(LIST_WORDS & r.words) and not STRONG_PICK & r.words) or "list" in r.toks
    named = _frameworks_in_parse(nlu, r)
    return (
        r.picking
        and not r.taught
        and not (listing and parse.intent == "list_frameworks")
        and (
            (r.n_frameworks == 0 and parse.intent in TRAIT_INTENTS)
            # "django or flask for a tiny personal project?": a pick between the two
            or (
                parse.intent == "compare"
                and (len(named) >= 2 or r.n_categories >= 2)
                # "how do they stack up" asks for the comparison itself
                and not nlu.says_cue("compare", r.toks, r.covered)
            )
            # "which would you choose for a json api?" after two frameworks
            or (r.pick_among and len(named) >= 2 and parse.intent in TRAIT_INTENTS)
        )
    )


EITHER_FOR = Rule(
    "pick_between_two",
    THEME,
    "'X or Y' asked as a pick (a need after them, or a deciding verb): recommend",
    lambda nlu, r: not r.taught and either_for(r.toks, r.mentions),
    lambda nlu, r: decide(nlu, r, "recommend", "asks which of two to pick"),
    final=True,
    examples=(
        "cherrypy or bottle for a small internal tool?",
        "should the intern start with flask or django",
    ),
)
FITS = Rule(
    "does_it_fit",
    THEME,
    "whether one named framework fits a need: a recommendation check",
    _fits,
    lambda nlu, r: decide(nlu, r, "recommend", "asks whether one framework fits"),
    final=True,
    examples=(
        "is bottle good for prototyping?",
        "is django overkill?",
        "is turbogears overkill for a weekend app running on some cheap hosting",
        "is web2py overkill for a small club site running on cheap hosting",
    ),
)
ALTERNATIVE = Rule(
    "alternative_to",
    THEME,
    "a pick with the named framework as the point of reference",
    _alternative,
    lambda nlu, r: decide(nlu, r, "recommend", "asks for an alternative to a framework"),
    final=True,
    examples=(
        "anything easier than zope?",
        "closest thing to sinatra in python",
        "rails was nice at my old place, any python counterpart?",
    ),
)
BY_TRAITS = Rule(
    "pick_by_traits",
    THEME,
    "pick words with traits the tags know, or a need one framework's facts cover: recommend",
    _by_traits,
    lambda nlu, r: decide(nlu, r, "recommend", "asks for a pick by traits"),
    final=True,
    examples=(
        "need something with an admin and an ORM, which framework?",
        "which framework has an admin?",
        "our app needs an admin and an orm. which one?",
    ),
)
