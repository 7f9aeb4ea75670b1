"""Short first: a direct lead and a few points, the rest behind "More details".

A channel reads the first screen of an answer only. Composers gather everything relevant, in
order of relevance; this step keeps the first few points in view and moves the others to
`Answer.details`, and turns an answer with nothing to say into an honest "I don't know".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.answers.model import Answer
from bot.text.lexicon import LEXICON

POINTS = 4  # supporting points shown at once
BUDGET = 580  # characters of the short answer: headline, lead, points and citation
# a verdict and its reasons, or two frameworks side by side, need a little more room
WIDE_BUDGET = 760
LEAD_SHARE = 0.6  # past its first sentences, the lead leaves the rest of the room to points
WIDE = frozenset({"compare", "recommend"})
MIN_BODY = 20  # characters of words below which an answer says nothing

_MARKUP = re.compile(r"[*_`•\s]+")
# A point with one of these reads as a sentence; without one (and without a name) it is a
# noun phrase from a feature list ("Database schema migrations.").
_VERB = LEXICON.pattern("sentence_verb", re.IGNORECASE)
FRAGMENT_WORDS = 9
_NAMED_ITEM = re.compile(r"^\*[^*]+\*(?: \([^)]*\))?: ")
LIST_POINTS = 8


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


def lower_first(phrase: str) -> str:
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
    phrases = [lower_first(p.strip().rstrip(".")) for p in fragments]
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


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z*“\"(])")


def sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(paragraph) if s.strip()]


def _split_lead(text: str) -> tuple[list[str], list[str]]:
    """The text's lines (blank ones kept, so paragraphs stay apart), and its citation lines
    (which always stay)."""
    lines = text.split("\n")
    cites = [line for line in lines if line.startswith("_Source")]
    return [line for line in lines if not line.startswith("_Source")], cites


def _no_relevance(_text: str) -> float:
    return 0.0


def shorten(
    answer: Answer,
    names: frozenset[str] = frozenset(),
    points: int = POINTS,
    budget: int = BUDGET,
    relevance: Callable[[str], float] = _no_relevance,
) -> Answer:
    """Keep what fits a channel in view; the rest become details, in their order.

    Each paragraph of the lead keeps its first sentence. The other sentences and the points
    compete for the rest of `budget` characters by `relevance` to the question (then by
    order): the most relevant one always shows, points up to `points`, later lead sentences
    up to a share of the budget. `names` are the known framework names (casefolded), which
    make a short point a sentence."""
    facts = merge_fragments(answer.facts, names)
    if len(facts) > 1 and all(_NAMED_ITEM.match(f) for f in facts):
        # one point per framework ('*Sanic*: ...'): the list is the answer, keep it whole
        points, budget = LIST_POINTS, max(budget, WIDE_BUDGET)
    paragraphs, cites = _split_lead(answer.text)
    split = [sentences(p) for p in paragraphs]
    # the whole short answer counts: headline, assumptions and citation included
    used = len(answer.headline) + sum(len(c) for c in cites) + 40 * len(answer.assumptions)
    used += sum(len(parts[0]) for parts in split if parts)
    # (kind, paragraph or point index, sentence index, text)
    optional = [("lead", i, j, t) for i, parts in enumerate(split) for j, t in enumerate(parts)]
    optional = [o for o in optional if o[2] > 0]
    optional += [("point", k, 0, t) for k, t in enumerate(facts)]
    if not optional:
        answer.facts = facts
        return answer
    order = {o[:3]: n for n, o in enumerate(optional)}
    score = {o[:3]: relevance(o[3]) for o in optional}
    ranked = sorted(optional, key=lambda o: (-score[o[:3]], order[o[:3]]))
    # the one that must show: the most relevant, or else the first point after a lead-in
    last = next((parts for parts in reversed(split) if parts), [])
    lead_in = bool(last) and last[-1].rstrip().endswith(":")
    must = ranked[0][:3] if score[ranked[0][:3]] > 0 else ("point", 0, 0) if lead_in else None
    keep: set[tuple[str, int, int]] = set()
    lead_used, shown = 0, 0
    closed: set[str] = set()  # kinds whose points of no relevance stopped, to keep order
    for kind, i, j, text in ranked:
        size = len(text) + 1
        if kind == "lead":
            fits = used + size <= budget and lead_used + size <= budget * LEAD_SHARE
        else:
            fits = used + size <= budget and shown < points
        if fits and kind in closed and score[kind, i, j] <= 0:
            fits = False  # a shorter point further down does not jump the queue
        elif not fits and score[kind, i, j] <= 0:
            closed.add(kind)
        if fits or (kind, i, j) == must:
            keep.add((kind, i, j))
            used += size
            lead_used += size if kind == "lead" else 0
            shown += kind == "point"
    kept_lead = [
        " ".join(t for j, t in enumerate(parts) if j == 0 or ("lead", i, j) in keep)
        for i, parts in enumerate(split)
    ]
    if facts and not shown and lead_in:
        # a lead-in ("What the sources say about databases in Django:") never dangles: the
        # most relevant of its points stays with it
        best = max(range(len(facts)), key=lambda k: (score["point", k, 0], -k))
        keep.add(("point", best, 0))
    moved = [o[3] for o in optional if o[:3] not in keep]
    if not moved:
        answer.facts = facts
        return answer
    text = "\n".join(kept_lead).rstrip("\n")
    answer.text = "\n".join([text, *cites]) if cites else text
    answer.facts = [t for k, t in enumerate(facts) if ("point", k, 0) in keep]
    answer.details = [*moved, *answer.details]
    return answer
