"""Block Kit's building blocks: the message, sections, buttons, and fitting inside the limits.

Every string that reaches Slack goes through `bot.render.escape`; every helper here keeps its
block inside Block Kit's limits (https://api.slack.com/reference/block-kit), so the renderers
built on them (answers, help and home, the team's messages, the digest) cannot overflow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.render.escape import escape, safe, truncate
from bot.render.values import encode_value

MAX_BLOCKS = 50  # per message
MAX_HOME_BLOCKS = 100  # per App Home view
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTION_ELEMENTS = 25
# Our own cap for the plain `text` that notifications and screen readers use.
MAX_FALLBACK_TEXT = 1000


@dataclass
class Message:
    """A chat message: the plain `text` fallback and its blocks."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)

    def kwargs(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


def mrkdwn(text: str) -> dict[str, Any]:
    # verbatim: no auto-linking of URLs, channel names or @-words that came from user text.
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": plain(safe(text, MAX_HEADER_TEXT))}


def section(escaped: str) -> dict[str, Any]:
    return {"type": "section", "text": mrkdwn(truncate(escaped, MAX_SECTION_TEXT))}


def context(*escaped: str) -> dict[str, Any]:
    elements = [mrkdwn(truncate(t, MAX_SECTION_TEXT)) for t in escaped if t]
    return {"type": "context", "elements": elements[:MAX_CONTEXT_ELEMENTS]}


def button(
    label: str, action_id: str, value: dict[str, Any], style: str | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "button",
        "text": plain(safe(label, MAX_BUTTON_TEXT)),
        "action_id": action_id,
        "value": encode_value(value),
    }
    if style:
        out["style"] = style
    return out


def actions(buttons: list[dict[str, Any]], block_id: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "actions", "elements": buttons[:MAX_ACTION_ELEMENTS]}
    if block_id:
        out["block_id"] = block_id
    return out


def split_text(escaped: str, limit: int = MAX_SECTION_TEXT) -> list[str]:
    """Split escaped mrkdwn into chunks of at most `limit` characters, at line breaks if
    possible."""
    chunks: list[str] = []
    current = ""
    for line in escaped.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            amp = line.rfind("&", 0, cut)
            if amp != -1 and ";" not in line[amp:cut]:
                cut = amp
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        chunks.append(current)
    return [c for c in chunks if c.strip()]


def fallback_text(*parts: str) -> str:
    """The notification text: escaped, short, never empty."""
    text = " — ".join(p.strip() for p in parts if p and p.strip()) or "framework-bot"
    text = re.sub(r"\s+", " ", text)
    return safe(text, MAX_FALLBACK_TEXT)


def fit(head: list[dict[str, Any]], tail: list[dict[str, Any]], limit: int) -> list[dict]:
    """head + tail within `limit` blocks; the head is shortened, the buttons in tail are kept."""
    if len(head) + len(tail) <= limit:
        return head + tail
    room = max(1, limit - len(tail) - 1)
    return [*head[:room], context("_… shortened to fit in one message._"), *tail][:limit]


_SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")


def user_mention(user: str) -> str:
    """Slack's mention syntax for a user id our code checked; anything else as plain text."""
    return f"<@{user}>" if _SLACK_USER.match(user) else escape("@" + user)
