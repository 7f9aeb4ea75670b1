"""Button values and action ids: what a click carries back to the listeners.

An action id is "<kind>:<index>" (ids stay unique inside one actions block) and a listener
matches its kind with `action_pattern`. A value is compact JSON that fits Slack's limit and
never carries Slack's control characters; `decode_value` reads anything stale as empty.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_BUTTON_VALUE = 2000  # Block Kit's limit on a button's value

ASK = "ask"  # a suggested follow-up question
CLARIFY = "clarify"  # a "Did you mean" choice
CHOOSE = "choose"  # a step of the guided "help me choose" flow
FEEDBACK = "feedback"  # 👍 / 👎
SHARE = "share"  # "Share in channel" under an ephemeral answer
MORE = "more"  # "More details": the points kept back from the short answer
TEAM_ASK = "team_ask"  # "Ask the team" under a decline (bot/slack/team.py)
TEAM_ADD = "team_add"  # "Add to knowledge" under the team's answer
TEAM_VIEW = "team_fact"  # callback_id of the "Add to knowledge" modal
TEAM_TEACH = "team_teach"  # "Teach" on a declined question (action id and modal callback_id)


def action_pattern(kind: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(kind)}(?::[a-z0-9_]+)?$")


_ALWAYS = frozenset({"q", "c"})  # "" is meaningful for these: "None of these", "start the flow"


def _dumps(data: dict[str, Any]) -> str:
    # &, < and > as JSON \u escapes: even a button value never carries Slack control characters.
    value = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return value.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def encode_value(data: dict[str, Any]) -> str:
    """A compact JSON button value, shortened to fit Slack's 2,000-character limit."""
    data = {k: v for k, v in data.items() if k in _ALWAYS or v not in (None, [], "")}
    value = _dumps(data)
    for key in ("x", "o", "q", "h"):
        while len(value) > MAX_BUTTON_VALUE and isinstance(data.get(key), str) and data[key]:
            over = len(value) - MAX_BUTTON_VALUE  # an escaped character takes up to 6
            data[key] = data[key][: max(0, len(data[key]) - max(1, over // 6))]
            value = _dumps(data)
    if len(value) > MAX_BUTTON_VALUE:  # only unshortenable fields left: drop the question
        value = _dumps({k: v for k, v in data.items() if k not in ("x", "o", "q", "h")})
    return value


def decode_value(value: str | None) -> dict[str, Any]:
    """The dict behind a button value; {} for anything stale or malformed."""
    try:
        data = json.loads(value or "")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
