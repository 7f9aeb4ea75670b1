"""The `ask --jsonl` contract: one JSON object per answer, for scripts and other programs.

A renderer like the others (it draws the answer model, with its text as the terminal shows
it), so the model itself knows nothing of how it is shown.
"""

from __future__ import annotations

from bot.answers.model import Answer
from bot.render.text import render_text


def contract(answer: Answer, item_id: object) -> dict[str, object]:
    """The `ask --jsonl` line: {"id", "intent", "confidence", "entities", "text", "sources"}."""
    return {
        "id": item_id,
        "intent": answer.intent,
        "confidence": round(answer.confidence, 3),
        "entities": answer.entities,
        "text": render_text(answer),
        "sources": [s.id for s in answer.sources],
    }
