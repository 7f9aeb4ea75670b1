"""Plain-text rendering for the terminal and the JSON contract."""

from __future__ import annotations

from bot.answers.model import Answer

MAX_CHARS = 2900


def assumption_lines(answer: Answer) -> list[str]:
    return [f"Taking “{a.typed}” as {a.meant}." for a in answer.assumptions]


def render_text(answer: Answer, suggestions: bool = False) -> str:
    """Headline, assumptions, text, bullet facts, numbered choices; capped below 3,000 chars."""
    parts = [f"*{answer.headline}*"]
    parts += assumption_lines(answer)
    # the citation line closes the answer, after the facts it covers
    body = answer.text.split("\n")
    cites = [line for line in body if line.startswith("_Source")]
    parts.append("\n".join(line for line in body if not line.startswith("_Source")))
    parts += [f"• {fact}" for fact in answer.facts]
    if (answer.choices and answer.clarify) or (
        answer.choices and answer.choices[0].action == "choose"
    ):
        parts += [f"{i}. {c.label}" for i, c in enumerate(answer.choices, 1)]
    tail = list(cites)
    if suggestions and answer.suggestions:
        tail.append("You could ask: " + " · ".join(answer.suggestions))
    text = "\n".join(p for p in parts if p)
    ending = "\n".join(tail)
    room = MAX_CHARS - len(ending) - 3
    if len(text) > room:  # cut the body, never the sources
        text = text[: max(room, 0)].rsplit("\n", 1)[0] + "\n…"
    return f"{text}\n{ending}" if ending else text
