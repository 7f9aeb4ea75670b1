"""Close calls become "Did you mean ...?": two intents too close to pick between."""

from __future__ import annotations

from bot.nlu.intents import Ranking
from bot.nlu.parse import Parse

CLARIFY_MARGIN = 0.01
CLARIFY_BELOW = 0.6  # only a weak best guess is worth a question back


def maybe_clarify(parse: Parse, ranking: Ranking, threshold: float) -> Parse:
    """The parse, with `clarify` set when the matcher's two best intents are a close call."""
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
        and runner.score >= threshold
        and parse.entities
    ):
        parse.clarify = [best.intent, runner.intent]
    return parse
