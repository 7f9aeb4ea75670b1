"""Reading the curation records: the fields a report may show, with user ids scrubbed."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from typing import Any

from bot.state.base import StateStore
from bot.text.tokens import fold, tokens

MAX_UTTERANCE = 200  # characters of a question shown (and of a taught example)
DAY = 86_400.0


# -- privacy ---------------------------------------------------------------------------------

_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
_USER_ID = re.compile(r"\b[UW](?=[A-Z0-9]*\d)[A-Z0-9]{8,}\b")
_SPACE = re.compile(r"\s+")


def scrub(text: Any, limit: int = 300) -> str:
    """Printable text without Slack user mentions or user ids, collapsed and cut to `limit`."""
    if text is None:
        return ""
    text = _MENTION.sub("@someone", str(text))
    text = _USER_ID.sub("@someone", text)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- reading records -------------------------------------------------------------------------


def _epoch(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and value:
        try:
            when = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            try:
                return float(value)
            except ValueError:
                return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.timestamp()
    return None


def iso_time(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def day_of(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).date().isoformat()


def vote_of(value: Any) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int | float):
        return (value > 0) - (value < 0)
    text = str(value or "").strip().lower()
    if text in {"+1", "1", "up", "+", "👍", "thumbsup", ":+1:", "good", "yes"}:
        return 1
    if text in {"-1", "down", "-", "👎", "thumbsdown", ":-1:", "bad", "no"}:
        return -1
    return 0


def score_of(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def label_of(value: Any, default: str = "unknown") -> str:
    return scrub(value, 60) or default


def question_key(text: str) -> str:
    return " ".join(tokens(fold(text)))


def records_since(store: StateStore, kind: str, since: float | None) -> list[tuple[float, dict]]:
    out = []
    for record in store.records_of(kind):
        when = _epoch(record.get("time"))
        if when is None:
            continue
        if since is not None and when < since:
            continue
        out.append((when, record))
    return out
