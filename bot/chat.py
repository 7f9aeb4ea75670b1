"""framework-bot chat: a terminal conversation with context, /reset, /explain, /history and the
guided "help me choose" flow with numbered options."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TextIO

from bot.answers.model import Answer
from bot.engine import Engine
from bot.render.explain import explain_lines
from bot.render.text import ansi_bold, plain, render_text

BANNER = (
    "framework-bot — ask about Python web frameworks. Try “what is flask?”, “flask vs django”,\n"
    "“help me choose”. Commands: /more /reset /explain /history /choose /quit. A number "
    "picks an option."
)


class ChatSession:
    """Holds what a terminal user can refer to: the last options, the history, the thread."""

    def __init__(self, engine: Engine, bold: Callable[[str], str] | None = None) -> None:
        self.engine = engine
        self.bold = bold
        self.last: Answer | None = None
        self.conversation = f"chat:{uuid.uuid4().hex[:12]}"
        self.explain = False
        self.history: list[tuple[str, str]] = []
        self.options: list = []

    def handle(self, line: str) -> str | None:
        """One line in, the text to print out (None means quit)."""
        line = line.strip()
        if not line:
            return ""
        command = line.lower()
        if command in ("/quit", "/exit", "quit", "exit"):
            return None
        if command == "/reset":
            self.engine.reset(self.conversation)
            self.conversation = f"chat:{uuid.uuid4().hex[:12]}"
            self.options = []
            return "Context cleared. New conversation."
        if command == "/more":
            if self.last is None or not self.last.details:
                return "Nothing more to show for the last answer."
            return "\n".join(f"• {plain(d)}" for d in self.last.details)
        if command == "/explain":
            self.explain = not self.explain
            return f"Explain mode {'on' if self.explain else 'off'}."
        if command == "/history":
            if not self.history:
                return "No questions yet."
            return "\n".join(
                f"{i}. {q} → {intent}" for i, (q, intent) in enumerate(self.history, 1)
            )
        if command in ("/choose", "/help-me-choose"):
            return self._show(self.engine.choose("", self.conversation), line)
        if line.isdigit() and self.options:
            return self._pick(int(line))
        result = self.engine.run(line, self.conversation)
        out = self._show(result.answer, line)
        if self.explain:
            out += "\n" + "\n".join(explain_lines(result.parse))
        return out

    def _pick(self, number: int) -> str:
        if not 1 <= number <= len(self.options):
            return f"Pick a number from 1 to {len(self.options)}."
        choice = self.options[number - 1]
        if choice.action == "choose":
            return self._show(self.engine.choose(choice.value, self.conversation), choice.label)
        if not choice.question:
            self.options = []
            return "OK — ask me another way, or type “help”."
        return self.handle(choice.question) or ""

    def _show(self, answer: Answer, question: str) -> str:
        self.history.append((question, answer.intent))
        self.options = list(answer.choices)
        self.last = answer
        text = render_text(
            answer,
            suggestions=not answer.choices,
            bold=self.bold,
            more_hint="({count} more points: /more)",
        )
        asks = answer.choices and not any(c.action == "choose" for c in answer.choices)
        if asks and not answer.clarify:
            text += "\n" + "\n".join(f"{i}. {c.label}" for i, c in enumerate(answer.choices, 1))
        return text


def run_chat(engine: Engine, stdin: TextIO, stdout: TextIO) -> int:
    session = ChatSession(engine, bold=ansi_bold if stdout.isatty() else None)
    interactive = stdin.isatty()
    stdout.write(BANNER + "\n")
    while True:
        if interactive:
            stdout.write("\nyou> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        reply = session.handle(line)
        if reply is None:
            break
        if reply:
            stdout.write(reply + "\n")
            stdout.flush()
    return 0
