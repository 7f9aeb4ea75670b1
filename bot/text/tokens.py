"""Folded text and its word tokens: the one form every layer matches on.

`fold` makes matching case- and accent-blind; `tokens` splits folded text into words, with
chat shorthand spelled out (the `shorthand` table in intents/lexicon/text.yaml).
"""

from __future__ import annotations

import re
import unicodedata

from bot.text.lexicon import LEXICON

_SPACE = re.compile(r"\s+")
_TEN_THOUSAND = LEXICON.pattern("ten_thousand")
_TOKEN = re.compile(r"[a-z0-9]+")

# Chat shorthand spelled out, so "wtf is c10k" matches "what is c10k".
SHORTHAND = LEXICON.table("shorthand")


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for matching ('ten thousand' reads as '10k',
    the way the sources write it)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("’", "'").replace("‘", "'")
    text = _TEN_THOUSAND.sub("10k", text)
    return _SPACE.sub(" ", text).strip()


def tokens(folded: str) -> list[str]:
    """Word tokens of folded text: "what's web.py?" → ['whats', 'web', 'py']."""
    return [SHORTHAND.get(t, t) for t in _TOKEN.findall(folded.replace("'", ""))]
