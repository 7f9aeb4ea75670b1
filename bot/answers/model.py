"""The one answer model every surface renders: terminal text, JSON and Slack Block Kit.

Plain dataclasses, not pydantic: the answer is built by our own code, never parsed from input,
and keeping pydantic off the `ask` path saves a fifth of a second per command.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal


@dataclass(slots=True)
class SourceRef:
    id: str
    title: str
    short: str


@dataclass(slots=True)
class Assumption:
    """What the bot took a fuzzy name to mean ('Taking *fastpi* as FastAPI')."""

    typed: str
    meant: str
    entity: str


@dataclass(slots=True)
class Choice:
    """A button or numbered option. `ask` choices ask `question` when picked; `choose` choices
    step the guided "help me choose" flow with `value` (the answers so far, e.g. "0,1")."""

    label: str
    question: str = ""
    action: Literal["ask", "choose"] = "ask"
    value: str = ""


@dataclass(slots=True)
class TeamNote:
    """What the team said in Slack (bot/team.py), cited apart from the documents: `author` is
    the Slack user id of who answered (shown as a mention in Slack), `date` is ISO."""

    text: str
    author: str
    date: str
    permalink: str = ""


@dataclass(slots=True, kw_only=True)
class Answer:
    intent: str
    headline: str
    text: str
    confidence: float = 0.0
    entities: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # glossary term ids the question named
    facts: list[str] = field(default_factory=list)
    # supporting points past the first few: behind "More details" in Slack, `--full` in a terminal
    details: list[str] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)
    clarify: bool = False
    # what follow-ups refer to ("compare them"), e.g. the recommended framework ids
    subjects: list[str] = field(default_factory=list)
    # the team's answers (not from the documents); empty unless a team directory is configured
    team: list[TeamNote] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.confidence = min(1.0, max(0.0, float(self.confidence)))
        self.sources = [s if isinstance(s, SourceRef) else SourceRef(**s) for s in self.sources]
        self.choices = [c if isinstance(c, Choice) else Choice(**c) for c in self.choices]
        self.assumptions = [
            a if isinstance(a, Assumption) else Assumption(**a) for a in self.assumptions
        ]
        self.team = [t if isinstance(t, TeamNote) else TeamNote(**t) for t in self.team]

    @property
    def is_fallback(self) -> bool:
        return self.intent == "fallback"

    def model_dump(self) -> dict[str, Any]:
        return asdict(self)

    def model_dump_json(self, indent: int | None = None) -> str:
        return json.dumps(self.model_dump(), indent=indent, ensure_ascii=False)

    @property
    def is_small_talk(self) -> bool:
        """A hello, a thank-you or the help text: nothing to rate, nothing to volunteer."""
        return self.intent in SMALL_TALK


# the intents of small talk (bot/answers/smalltalk.py), apart from the fallback
SMALL_TALK = frozenset({"greet", "thanks", "help"})
