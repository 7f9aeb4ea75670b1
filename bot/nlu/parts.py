"""The parts of a multi-part question: "what's flask built on, and who uses it?".

A message asks two things when a question mark is followed by another question, or when
" and" / " also" / "; " leads into a new question word. Each part is then answered on its own,
the later ones with the earlier one's subject ("who uses it?" means Flask). One-part messages,
and "and" inside a question ("flask and django"), are left whole.
"""

from __future__ import annotations

import re

_LEADS = (
    r"what|what's|whats|who|who's|whos|when|where|which|how|why|is|are|does|do|did|can|could|"
    r"was|were|has|have|should|tell|show|list|explain|give|name|any"
)
_SPLIT = re.compile(
    rf"\?+\s+(?=\S)"  # "is grok full stack? and when was it made"
    rf"|;\s+(?=\S)"
    rf"|\s+[+&]\s+(?=\S)"  # "web2py databases + any drawbacks?"
    rf"|,?\s+(?:and|also|plus)\s+(?:also\s+)?(?=(?:{_LEADS})\b)",  # "..., and who uses it"
    re.IGNORECASE,
)
_OPENING = re.compile(r"^(?:and|also|plus|oh|ok|okay|so)\b[\s,]*", re.IGNORECASE)
MIN_WORDS = 2
MAX_PARTS = 3


def split_parts(text: str) -> list[str]:
    """The message's parts, or [text] when it asks one thing."""
    pieces = [_OPENING.sub("", p).strip(" ,") for p in _SPLIT.split(text.strip())]
    parts = [p for p in pieces if len(p.split()) >= MIN_WORDS]
    if len(parts) < 2 or len(parts) != len([p for p in pieces if p]):
        return [text]
    return parts[:MAX_PARTS]
