"""The clauses of a chatty message, as token spans, so the one that asks can be found.

"ok maybe dumb question but does bottle need anything installed?" asks in its second clause;
"does anyone use it, or is it just hobby projects?" asks in its first, and the second is an
alternative the asker offers, not a new question.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.nlu.words import opens_like_a_question
from bot.text.lexicon import LEXICON
from bot.text.tokens import tokens

# Where one clause ends: sentence marks, commas, dashes, ': ', ' but ', and ' or ' before a new
# question ("does anyone use it, or is it just hobby projects").
_BREAK = LEXICON.pattern("clause_break")


@dataclass(frozen=True, slots=True)
class Clause:
    start: int  # token positions in the whole message, end exclusive
    end: int
    asks: bool  # ends with a question mark
    alternative: bool  # follows ' or ': the asker's other option, not the question


def split_clauses(folded: str) -> list[Clause] | None:
    """The clauses of `folded`, or None when they don't line up with its tokens."""
    clauses: list[Clause] = []
    start = 0
    pieces = _BREAK.split(folded)
    breaks = [m.group(0) for m in _BREAK.finditer(folded)]
    for k, piece in enumerate(pieces):
        n = len(tokens(piece))
        if n:
            asks = k < len(breaks) and "?" in breaks[k]
            alternative = k > 0 and breaks[k - 1].strip() == "or"
            clauses.append(Clause(start, start + n, asks, alternative))
            start += n
        if k < len(breaks):
            start += len(tokens(breaks[k]))  # ' but ' is a word too
    if start != len(tokens(folded)):
        return None
    # "is it a real framework? what does it do": Slack drops the last question mark
    last = clauses[-1] if len(clauses) > 1 else None
    if (
        last
        and not (last.asks or last.alternative)
        and opens_like_a_question(tokens(folded)[last.start])
    ):
        clauses[-1] = Clause(last.start, last.end, True, False)
    # "cherrypy needs no web server in front, right?": a one-word tag lends its question mark
    # to the clause it follows
    for k in range(1, len(clauses)):
        tag, before = clauses[k], clauses[k - 1]
        if tag.asks and tag.end - tag.start == 1 and not before.asks:
            clauses[k - 1] = Clause(before.start, before.end, True, before.alternative)
    return clauses
