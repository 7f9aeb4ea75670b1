"""Make any text safe to send to Slack.

Slack reads `&`, `<` and `>` as control characters: `<!channel>`, `<!here>`, `<!everyone>`,
`<!subteam^ID>`, `<@U123>`, `<#C123>` and `<https://evil|a label>` are mentions and links. Every
string the bot sends (its own words and anything echoed from a user) passes through `escape`, so a
question can never make the bot ping a channel, a group or a person, or hide a link behind a label.
"""

from __future__ import annotations

import re

# '@here' typed as a plain word is not a mention for API posts, but mrkdwn with verbatim=false
# and clients that "link names" can turn it into one: a word joiner after '@' defuses it.
_BROADCAST = re.compile(r"@(here|channel|everyone|group)\b", re.IGNORECASE)
WORD_JOINER = "\u2060"
ELLIPSIS = "…"


def escape(text: str) -> str:
    """Escape &, < and > as Slack requires, and defuse bare @here/@channel/@everyone."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub(lambda m: "@" + WORD_JOINER + m.group(1), text)


def truncate(text: str, limit: int) -> str:
    """Cut escaped text to at most `limit` characters, never inside an entity such as &amp;."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - len(ELLIPSIS))]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut.rstrip() + ELLIPSIS


def safe(text: str, limit: int | None = None) -> str:
    """escape() then truncate() — the one call most renderers need."""
    out = escape(text)
    return truncate(out, limit) if limit is not None else out


def code_safe(text: str) -> str:
    """For text inside a ``` block: escaped, and unable to close the block early."""
    return escape(text).replace("```", "'''")
