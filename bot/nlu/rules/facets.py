"""Facets: questions about one named framework's own facts, whatever other words they use.

The first two rules act on the ranking, before the parse is built: they move a facet intent
(features, databases, ...) to the top.
"""

from __future__ import annotations

import re

from bot.nlu.clauses import split_clauses
from bot.nlu.entities import CATEGORY, FRAMEWORK
from bot.nlu.grounding import FACET_INTENT
from bot.nlu.intents import Ranking
from bot.nlu.parse import Reading
from bot.nlu.resources import Resources
from bot.nlu.rules.base import Rule, decide, parse_of
from bot.nlu.vocabulary import asks_for_other
from bot.nlu.words import DEFINING, FIT_WORDS, YES_NO_LEADS, opens_like_a_question

THEME = "facets"
_BARE_NAME_ASKED = re.compile(r"\s*\?")  # the name, then straight away a question mark
FACET_INTENTS = frozenset(FACET_INTENT.values())


def promote(ranking: Ranking, intents: frozenset[str]) -> Ranking:
    """The ranking with its best intent among `intents` moved to the top."""
    chosen = next((s for s in ranking.scores if s.intent in intents), None)
    if chosen is None:
        return ranking
    rest = [s for s in ranking.scores if s is not chosen]
    return Ranking([chosen, *rest], ranking.masked, ranking.corrected)


def _promote_facets(nlu: Resources, r: Reading) -> None:
    assert r.ranking is not None
    r.ranking = promote(r.ranking, FACET_INTENTS)


def _promote_parts(nlu: Resources, r: Reading) -> None:
    """A term named with a framework is one part of it: never the overview of the whole."""
    assert r.ranking is not None
    r.ranking = promote(r.ranking, FACET_INTENTS - {"describe_framework"})


def _term_as_feature(nlu: Resources, r: Reading) -> bool:
    return (
        r.best.intent == "define_term"
        and any(nlu.kind_of(e) == FRAMEWORK for e in r.ids)
        and not any(nlu.kind_of(e) == CATEGORY for e in r.ids)
        and not DEFINING & r.words
    )


def _yes_no_about_one(nlu: Resources, r: Reading) -> bool:
    return (
        r.best.intent == "recommend"
        and r.toks[0] in YES_NO_LEADS
        and len([e for e in r.ids if nlu.kind_of(e) == FRAMEWORK]) == 1
        and not FIT_WORDS & r.words
        and not asks_for_other(r.toks)
    )


def _who_uses(nlu: Resources, r: Reading) -> None:
    parse = parse_of(r)
    parse.users_asked = list(r.users)
    parse.intent = "who_uses"
    parse.confidence = max(parse.confidence, 0.7)
    parse.reason = "names a company the sources list as a user"


TERM_AS_FEATURE = Rule(
    "term_as_feature",
    THEME,
    "a term next to a named framework is one of its features, unless the question asks "
    "what the term means: the best facet intent other than the overview",
    _term_as_feature,
    _promote_parts,
    examples=(
        "what does web2py's IDE give you",
        "what does web2py's ticketing system actually do",
        "What does Grok use instead of an explicit XML configuration language?",
    ),
)
YES_NO_ABOUT_ONE = Rule(
    "yes_no_about_one",
    THEME,
    "a yes/no question about one named framework asks about it, whatever 'need' says: the "
    "best facet intent",
    _yes_no_about_one,
    _promote_facets,
    examples=(
        "do I need apache to run a cherrypy app?",
        "is cherrypy too heavy for a small app?",
    ),
)
COMPANY_USERS = Rule(
    "company_users",
    THEME,
    "names a company the sources list as a user: who_uses, for the frameworks it uses",
    lambda nlu, r: bool(r.users),
    _who_uses,
    final=True,
    examples=("which framework does reddit use?", "what does netflix use"),
)


def _opens_with_bare_name(nlu: Resources, r: Reading) -> bool:
    """The message opens with a framework's name asked on its own ('sinatra? ...')."""
    parse = parse_of(r)
    if parse.confidence >= nlu.threshold or len(parse.entities) != 1:
        return False
    first = next((m for m in r.mentions if m.id == parse.entities[0]), None)
    if first is None or first.start != 0 or nlu.kind_of(first.id) != FRAMEWORK:
        return False
    if not _BARE_NAME_ASKED.match(r.folded[len(first.surface) :]):
        return False
    # 'flask? what's its max upload size': a question of its own follows, and is the one asked
    return not any(opens_like_a_question(r.toks[c.start]) for c in split_clauses(r.folded) or [])


BARE_NAME = Rule(
    "bare_name_asked",
    THEME,
    "a weak reading of a message that opens with a framework's name and a question mark, "
    "nothing closer: what that framework is",
    _opens_with_bare_name,
    lambda nlu, r: decide(nlu, r, "describe_framework", "asks what a framework is by name"),
    final=True,
    examples=("bottle?? like the drink or some code thing", "cherrypy?? sounds like a fruit lol"),
)
