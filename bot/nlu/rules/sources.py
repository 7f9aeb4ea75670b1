"""Sources: questions about where the answers come from, and 'source' that is not one."""

from __future__ import annotations

from bot.nlu.entities import FRAMEWORK
from bot.nlu.parse import Reading
from bot.nlu.resources import Resources
from bot.nlu.rules.base import Example, Rule, decide, parse_of
from bot.nlu.words import MAKER_NOUNS

THEME = "sources"


def _asks_source(nlu: Resources, r: Reading) -> float:
    return nlu.says_cue("sources", r.toks, r.covered)


def _next_intent(nlu: Resources, r: Reading) -> None:
    parse = parse_of(r)
    assert r.ranking is not None
    parse.intent = next(
        s.intent for s in r.ranking.scores if s.intent not in ("sources", "fallback")
    )


def names_a_maker(r: Reading) -> bool:
    """'who's the author of web.py': the author of a named framework is its maker (history),
    not the writer of a source."""
    starts = {m.start for m in r.mentions if m.kind == FRAMEWORK}
    return any(
        tok in MAKER_NOUNS and r.toks[i + 1 : i + 2] == ["of"] and i + 2 in starts
        for i, tok in enumerate(r.toks)
    )


def _asks_where_from(nlu: Resources, r: Reading) -> bool:
    asks = _asks_source(nlu, r)
    return (
        not r.taught
        and not names_a_maker(r)
        and parse_of(r).intent not in ("sources", "fallback")
        and bool(asks)
        and asks >= r.best.cue
    )


SOURCE_IS_A_TERM = Rule(
    "source_in_a_term",
    THEME,
    "'source' inside a term about a named framework: the next best intent",
    lambda nlu, r: (
        parse_of(r).intent == "sources" and not r.taught and r.grounded and not _asks_source(nlu, r)
    ),
    _next_intent,
    # "is django open source?" was its case; the matcher no longer reads that as `sources`
    examples=(),
)
ASKS_WHERE_FROM = Rule(
    "asks_where_from",
    THEME,
    "a source cue as strong as the best intent's: where the information comes from",
    _asks_where_from,
    lambda nlu, r: decide(nlu, r, "sources", "asks where the information comes from"),
    final=True,
    examples=(
        "source for the sanic benchmark?",
        "where does the tornado info come from",
        Example("where's that number from?", ("sanic",), "performance"),
    ),
    # not "who's the author of web.py": the matcher's history stands
)
