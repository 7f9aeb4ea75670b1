"""Confidence: whether the parse is sure enough to answer, or becomes a decline.

A question naming a known framework in words the sources use needs less to be answered; a
weak match about nothing known is declined ('best score 0.31 below 0.45').
"""

from __future__ import annotations

from bot.nlu.clarify import maybe_clarify
from bot.nlu.parse import Reading
from bot.nlu.resources import Resources
from bot.nlu.rules.base import Rule, parse_of
from bot.nlu.vocabulary import TECH_WORDS

THEME = "confidence"
GROUNDED_FACTOR = 0.7  # a question naming a known framework needs less to be answered


def _answerable(nlu: Resources, r: Reading) -> bool:
    """About a known framework, with no rare unknown word, and confident enough for that."""
    parse = parse_of(r)
    assert r.ranking is not None
    if r.grounded and not r.novel and parse.intent == "fallback" and r.ranking.runner_up:
        # about a known framework, in words the sources use: answer rather than give up
        return False
    return (
        r.grounded
        # everyday words ("curious", "plays nice") are chat in a question whose own cue
        # word says what it asks; rarer ones may be the topic the sources lack
        and not [w for w in r.novel if w not in nlu.everyday_words or not r.ranking.best.cue]
        and parse.confidence >= nlu.threshold * GROUNDED_FACTOR
    )


def _clarify(nlu: Resources, r: Reading) -> None:
    assert r.ranking is not None
    maybe_clarify(parse_of(r), r.ranking, nlu.threshold)


def _best_other(nlu: Resources, r: Reading) -> None:
    assert r.ranking is not None
    parse_of(r).intent = next(s for s in r.ranking.scores if s.intent != "fallback").intent
    _clarify(nlu, r)


def _decline(nlu: Resources, r: Reading) -> None:
    parse = parse_of(r)
    parse.reason = f"best score {parse.confidence:.2f} below {nlu.threshold:.2f}"
    parse.intent = "fallback"
    # in a question we can't answer, 'bottle' with no tech word around was a bottle
    if not (TECH_WORDS & r.words):
        everyday = nlu.recogniser.everyday
        parse.entities = [e for e in parse.entities if e not in everyday]


GROUNDED_OVER_FALLBACK = Rule(
    "grounded_over_fallback",
    THEME,
    "a fallback match about a known framework, with an unknown word that is only chat: the "
    "best other intent",
    lambda nlu, r: _answerable(nlu, r) and parse_of(r).intent == "fallback",
    _best_other,
    final=True,
    examples=("how much does a senior django dev cost per hour",),
)
GROUNDED = Rule(
    "grounded",
    THEME,
    "a match about a known framework, at 0.7 of the threshold or more: answered as the "
    "matcher read it",
    _answerable,
    _clarify,
    final=True,
    records=False,
)
BELOW_THRESHOLD = Rule(
    "below_threshold",
    THEME,
    "a weak match about nothing known: decline",
    lambda nlu, r: parse_of(r).confidence < nlu.threshold and not parse_of(r).elliptical,
    _decline,
    final=True,
    examples=("my cat likes boxes", "who is aaron swartz?"),
)
