"""Short first: a direct lead and a few points, the rest behind "More details".

A channel reads the first screen of an answer only. Composers gather everything relevant, in
order of relevance; this step keeps the first few points in view and moves the others to
`Answer.details`, and turns an answer with nothing to say into an honest "I don't know".
"""

from __future__ import annotations

import re

from bot.answers.model import Answer

POINTS = 4  # supporting points shown at once
MIN_BODY = 20  # characters of words below which an answer says nothing

_MARKUP = re.compile(r"[*_`•\s]+")
# A point with one of these reads as a sentence; without one (and without a name) it is a
# noun phrase from a feature list ("Database schema migrations.").
_VERB = re.compile(
    r"\b(is|are|was|were|has|have|had|can|could|does|do|did|will|would|may|must)\b", re.I
)
FRAGMENT_WORDS = 9


def body_words(answer: Answer) -> str:
    """The answer's own words: its text without the citation line, and its points."""
    lines = [line for line in answer.text.split("\n") if not line.startswith("_Source")]
    return _MARKUP.sub(" ", " ".join([*lines, *answer.facts])).strip()


def has_body(answer: Answer) -> bool:
    return len(body_words(answer)) >= MIN_BODY or bool(answer.choices)


def is_fragment(point: str, names: frozenset[str]) -> bool:
    """A short noun phrase, not a sentence: no verb, no framework named."""
    words = point.split()
    if len(words) > FRAGMENT_WORDS or _VERB.search(point):
        return False
    folded = point.casefold()
    return not any(name in folded for name in names)


def _lower_first(phrase: str) -> str:
    first = phrase.split(" ", 1)[0]
    if first[:1].isupper() and first[1:] == first[1:].lower():
        return phrase[:1].lower() + phrase[1:]
    return phrase


def merge_fragments(points: list[str], names: frozenset[str]) -> list[str]:
    """Noun-phrase points joined into one sentence-like point, where the first one stood: a
    list of twelve one-word bullets reads better, and shorter, as one line."""
    fragments = [p for p in points if is_fragment(p, names)]
    if len(fragments) < 2:
        return points
    phrases = [_lower_first(p.strip().rstrip(".")) for p in fragments]
    sep = "; " if any("," in p for p in phrases) else ", "
    merged = sep.join(phrases[:-1]) + " and " + phrases[-1] + "."
    merged = merged[:1].upper() + merged[1:]
    out: list[str] = []
    for point in points:
        if point in fragments:
            if merged:
                out.append(merged)
                merged = ""
        else:
            out.append(point)
    return out


def shorten(answer: Answer, names: frozenset[str] = frozenset(), points: int = POINTS) -> Answer:
    """Keep `points` supporting points in view; the rest become details. `names` are the
    known framework names (casefolded), which make a short point a sentence."""
    answer.facts = merge_fragments(answer.facts, names)
    if len(answer.facts) > points:
        answer.details = [*answer.facts[points:], *answer.details]
        answer.facts = answer.facts[:points]
    return answer
