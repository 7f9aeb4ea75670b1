"""The curation records Slack adds to the store (read by `framework-bot report` and the
digest): every question answered or declined, and every rating. No user ids, ever."""

from __future__ import annotations

import time
from typing import Any

from bot.engine import Result
from bot.state.base import StateStore


def record_result(store: StateStore, result: Result, surface: str) -> None:
    """A question that fell back as "fallback" (its text, the best guess and its score);
    any other as "answered" (intent and score only), for the fallback rate over time."""
    if result.answer.is_fallback:
        parse = result.parse
        record_fallback(store, parse.text, surface, parse.intent, parse.confidence)
    else:
        store.record(
            "answered",
            {
                "surface": surface,
                "intent": result.answer.intent,
                "score": round(result.parse.confidence, 3),
                "time": time.time(),
            },
        )


def record_fallback(store: StateStore, text: str, surface: str, intent: str, score: float) -> None:
    store.record(
        "fallback",
        {
            "text": text,
            "surface": surface,
            "intent": intent,
            "score": round(score, 3),
            "time": time.time(),
        },
    )


def record_feedback(
    store: StateStore, value: dict[str, Any], rating: str, previous: str | None
) -> None:
    """A 👍/👎 with what the button carried (intent, score, headline, question, surface); a
    changed vote says which one it replaces, so the report counts the latest only."""
    score = value.get("p")
    record = {
        "vote": 1 if rating == "up" else -1,
        "rating": rating,
        "score": score if isinstance(score, int | float) else None,
        "intent": str(value.get("i") or ""),
        "headline": str(value.get("h") or ""),
        "question": str(value.get("q") or ""),
        "surface": str(value.get("s") or ""),
        "time": time.time(),
    }
    if previous in ("up", "down"):
        record["replaces"] = 1 if previous == "up" else -1
    store.record("feedback", record)
