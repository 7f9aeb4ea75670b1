"""Turn raw Slack or terminal text into the plain question a person meant.

Slack wraps mentions, links and channels in angle brackets and escapes &, < and >; none of that
is part of the question, and none of it may leak into matching.
"""

from __future__ import annotations

import html
import re
import unicodedata

MAX_QUESTION_CHARS = 4000

_USER_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
_LABELLED_LINK = re.compile(r"<(?:https?|mailto):[^|>]*\|([^>]*)>")
_BARE_LINK = re.compile(r"<((?:https?|mailto):[^>|]*)>")
_CHANNEL = re.compile(r"<#C[A-Z0-9]+\|([^>]*)>")
_CHANNEL_BARE = re.compile(r"<#C[A-Z0-9]+>")
_SPECIAL = re.compile(r"<![^>]*>")
_SUBTEAM = re.compile(r"<!subteam\^[^>]*>")
_EMOJI = re.compile(r":[a-z0-9_+\-']+(?:::skin-tone-\d)?:")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SPACE = re.compile(r"\s+")
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _strip_controls(text: str) -> str:
    if text.isascii():  # the usual case, without a per-character loop
        return _ASCII_CONTROLS.sub(" ", text)
    return "".join(ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in text)


def normalise_slack(text: str) -> str:
    """Slack markup → readable text, case kept (for echoing and for case-sensitive terms)."""
    if "<" in text:  # Slack markup always starts with one
        text = _USER_MENTION.sub(" ", text)
        text = _LABELLED_LINK.sub(r"\1", text)
        text = _BARE_LINK.sub(r"\1", text)
        text = _CHANNEL.sub(r"\1", text)
        text = _CHANNEL_BARE.sub(" ", text)
        text = _SUBTEAM.sub(" ", text)
        previous = None
        while previous != text:  # "<!chan<!x>nel>" must not leave "<!channel>" behind
            previous, text = text, _SPECIAL.sub(" ", _USER_MENTION.sub(" ", text))
    text = html.unescape(text) if "&" in text else text
    if ":" in text:
        text = _EMOJI.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _strip_controls(text)
    return _SPACE.sub(" ", text).strip()
