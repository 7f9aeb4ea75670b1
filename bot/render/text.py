"""Plain-text rendering for the terminal and the JSON contract.

Slack's mrkdwn (`*bold*`, `_italic_`) belongs to Slack: here it is taken out, and a terminal
that is a TTY gets its headline in bold through an ANSI escape instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.answers.model import Answer

MAX_CHARS = 2900

_BOLD = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_([^_\n]+)_(?![\w_])")
_CODE = re.compile(r"`([^`\n]+)`")


def plain(text: str) -> str:
    """`text` without Slack mrkdwn emphasis; the words stay as they are."""
    if "*" in text:
        text = _BOLD.sub(r"\1", text)
    if "_" in text:
        text = _ITALIC.sub(r"\1", text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    return text


def ansi_bold(text: str) -> str:
    return f"\033[1m{text}\033[0m"


def assumption_lines(answer: Answer) -> list[str]:
    return [f"Taking “{a.typed}” as {a.meant}." for a in answer.assumptions]


def render_text(
    answer: Answer,
    suggestions: bool = False,
    full: bool = False,
    bold: Callable[[str], str] | None = None,
    more_hint: str = "",
) -> str:
    """Headline, assumptions, text, bullet points (and, with `full`, the details), numbered
    choices; capped below 3,000 characters. `bold` styles the headline (a TTY's escape);
    `more_hint` is the line that says how to see details kept back."""
    strong = bold or (lambda s: s)
    parts = [strong(plain(answer.headline))] if answer.headline.strip() else []
    parts += assumption_lines(answer)
    # the citation line closes the answer, after the facts it covers
    body = answer.text.split("\n")
    cites = [plain(line) for line in body if line.startswith("_Source")]
    parts.append(plain("\n".join(line for line in body if not line.startswith("_Source"))))
    parts += [f"• {plain(fact)}" for fact in answer.facts]
    for note in answer.team:  # the team's words, cited apart from the documents
        parts.append(f"From the team: {note.text}")
        parts.append(
            f"According to the team (@{note.author}, {note.date}), not from the documents."
        )
    if full:
        parts += [f"• {plain(detail)}" for detail in answer.details]
    if (answer.choices and answer.clarify) or (
        answer.choices and answer.choices[0].action == "choose"
    ):
        parts += [f"{i}. {c.label}" for i, c in enumerate(answer.choices, 1)]
    tail = list(cites)
    if answer.details and not full and more_hint:
        count = len(answer.details)
        hint = more_hint.format(count=count)
        tail.append(hint.replace(" points", " point") if count == 1 else hint)
    if suggestions and answer.suggestions:
        tail.append("You could ask: " + " · ".join(answer.suggestions))
    text = "\n".join(p for p in parts if p)
    ending = "\n".join(tail)
    room = MAX_CHARS - len(ending) - 3
    if len(text) > room:  # cut the body, never the sources
        text = text[: max(room, 0)].rsplit("\n", 1)[0] + "\n…"
    return f"{text}\n{ending}" if ending else text
