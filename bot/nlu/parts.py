"""The parts of a multi-part question: "what's flask built on, and who uses it?".

A message asks two things when a question mark is followed by another question, or when
" and" / " also" / "; " leads into a new question word; a comma or a full stop before a
question word splits too, but only after a piece that is itself a question ("flask: who uses
it, what's it built on?", not "hey, what is flask"). Each part is then answered on its own,
the later ones with the earlier one's subject ("who uses it?" means Flask). One-part messages,
and "and" inside a question ("flask and django"), are left whole. A part that opens with a
correction ("actually, who uses it") takes back the parts before it (`taken_back`).
"""

from __future__ import annotations

import re

from bot.text.lexicon import LEXICON

# "is grok full stack? and when was it made", "web2py databases + any drawbacks?", "..., and who
# uses it": the patterns are in intents/lexicon/understanding.yaml
_SPLIT = LEXICON.pattern("part_break", re.IGNORECASE)
_OPENING = LEXICON.pattern("part_opening", re.IGNORECASE)
_SOFT = LEXICON.pattern("part_soft_break", re.IGNORECASE)
_ASKS = LEXICON.pattern("part_asks", re.IGNORECASE)
_CORRECTION = LEXICON.pattern("part_correction", re.IGNORECASE)
_HEAD = LEXICON.pattern("part_head", re.IGNORECASE)
MIN_WORDS = 2
MAX_PARTS = 3


def _soft_split(piece: str) -> list[str]:
    """A piece cut at its commas and full stops before a question word, each cut kept only
    when the text before it opens as a question ("describe bobo. what can't it do?")."""
    pieces: list[str] = []
    start = 0
    for cut in _SOFT.finditer(piece):
        left = piece[start : cut.start()].strip()
        if opens_as_question(left) and len(left.split()) >= MIN_WORDS:
            pieces.append(left)
            start = cut.end()
    return [*pieces, piece[start:]]


def split_parts(text: str) -> list[str]:
    """The message's parts, or [text] when it asks one thing. A head before the questions
    ("quick ones about django: who uses it? what dbs?") comes first, ending in ':'."""
    head = _HEAD.match(text.strip())
    if head and not opens_as_question(head.group(1)):
        rest = _split(text.strip()[head.end() :])
        if len(rest) >= 2:
            return [head.group(1).strip() + ":", *rest[: MAX_PARTS - 1]]
    return _split(text) or [text]


def _split(text: str) -> list[str]:
    """The parts of `text`, or [] when it asks one thing."""
    hard = [_OPENING.sub("", p).strip(" ,") for p in _SPLIT.split(text.strip())]
    pieces = [_OPENING.sub("", s).strip(" ,.") for p in hard for s in _soft_split(p)]
    parts = [p for p in pieces if len(p.split()) >= MIN_WORDS]
    if len(parts) < 2 or len(parts) != len([p for p in pieces if p]):
        return []
    return parts[:MAX_PARTS]


def opens_as_question(part: str) -> bool:
    """The part starts with a question word or an ask, not with chatter ('real talk, is...')."""
    return bool(_ASKS.match(_OPENING.sub("", part)))


def taken_back(parts: list[str]) -> int:
    """How many of the parts a later one takes back ("what is django built on? actually, who
    uses it" asks only who uses it; the first part still names the subject)."""
    head = 1 if parts and parts[0].endswith(":") else 0  # a head names, it asks nothing
    return max((i for i, p in enumerate(parts) if _CORRECTION.match(p)), default=head)


def without_correction(part: str) -> str:
    """The part's question, less the correction that opens it."""
    return _CORRECTION.sub("", part).strip(" ,") or part
