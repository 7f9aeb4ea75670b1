"""Small talk: a greeting stays a greeting, whatever else a short message says."""

from __future__ import annotations

from bot.nlu.rules.base import Rule, nothing, parse_of
from bot.nlu.rules.out_of_scope import asks_for_work

THEME = "smalltalk"

GREETING = Rule(
    "greeting_stands",
    THEME,
    "a short greeting or thanks with its own cue word and no subject is answered as one",
    lambda nlu, r: (
        parse_of(r).intent in ("greet", "thanks")
        and r.best.cue > 0
        and not parse_of(r).entities
        and len(r.toks) <= 10
        and not asks_for_work(r.toks)  # "translate 'good morning' to french"
    ),
    nothing,
    final=True,
    examples=("morning all! first week here", "hey framework-bot 👋", "ty, super helpful 🙌"),
)
