"""The one answer model every surface renders: terminal text, JSON and Slack Block Kit."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class SourceRef(BaseModel):
    id: str
    title: str
    short: str


class Assumption(BaseModel):
    """What the bot took a fuzzy name to mean ('Taking *fastpi* as FastAPI')."""

    typed: str
    meant: str
    entity: str


class Choice(BaseModel):
    """A button or numbered option. `ask` choices ask `question` when picked; `choose` choices
    step the guided "help me choose" flow with `value` (the answers so far, e.g. "0,1")."""

    label: str
    question: str = ""
    action: Literal["ask", "choose"] = "ask"
    value: str = ""


class Answer(BaseModel):
    intent: str
    confidence: float = Field(ge=0.0, le=1.0)
    entities: list[str] = []
    terms: list[str] = Field(default=[], description="Glossary term ids the question named.")
    headline: str
    text: str
    facts: list[str] = []
    sources: list[SourceRef] = []
    suggestions: list[str] = []
    choices: list[Choice] = []
    assumptions: list[Assumption] = []
    clarify: bool = False
    subjects: list[str] = Field(
        default=[], description="What follow-ups refer to ('compare them'): e.g. recommended ids."
    )

    @property
    def is_fallback(self) -> bool:
        return self.intent == "fallback"

    def contract(self, item_id: object) -> dict[str, object]:
        """The `ask --jsonl` line: {"id", "intent", "confidence", "entities", "text", "sources"}."""
        from bot.render.text import render_text

        return {
            "id": item_id,
            "intent": self.intent,
            "confidence": round(self.confidence, 3),
            "entities": self.entities,
            "text": render_text(self),
            "sources": [s.id for s in self.sources],
        }
