"""The parts of a multi-part question: "what's flask built on, and who uses it?".

A message asks two things when a question mark is followed by another question, or when
" and" / " also" / "; " leads into a new question word. Each part is then answered on its own,
the later ones with the earlier one's subject ("who uses it?" means Flask). One-part messages,
and "and" inside a question ("flask and django"), are left whole.
"""

from __future__ import annotations

import re

from bot.text.lexicon import LEXICON

# "is grok full stack? and when was it made", "web2py databases + any drawbacks?", "..., and who
# uses it": the patterns are in intents/lexicon/understanding.yaml
_SPLIT = LEXICON.pattern("part_break", re.IGNORECASE)
_OPENING = LEXICON.pattern("part_opening", re.IGNORECASE)
MIN_WORDS = 2
MAX_PARTS = 3


def split_parts(text: str) -> list[str]:
    """The message's parts, or [text] when it asks one thing."""
    pieces = [_OPENING.sub("", p).strip(" ,") for p in _SPLIT.split(text.strip())]
    parts = [p for p in pieces if len(p.split()) >= MIN_WORDS]
    if len(parts) < 2 or len(parts) != len([p for p in pieces if p]):
        return [text]
    return parts[:MAX_PARTS]
