"""Block Kit for finding one's way: the /framework help, the welcome for newcomers, App Home.

The example questions shown as buttons are data (intents/lexicon/slack.yaml,
`example_questions`), so a curator can change them without touching code.
"""

from __future__ import annotations

from typing import Any

from bot.render.escape import escape
from bot.render.kit import (
    MAX_HOME_BLOCKS,
    Message,
    actions,
    button,
    context,
    fallback_text,
    fit,
    header,
    section,
    split_text,
)
from bot.render.values import ASK, CHOOSE
from bot.text.lexicon import LEXICON

EXAMPLES = LEXICON.phrases("example_questions")  # in order: help shows the first two


def _help_lines(command: str) -> list[str]:
    return [
        f"`{command} flask` — an overview of one framework",
        f"`{command} compare flask django` — how two frameworks differ",
        f"`{command} list [category]` — the frameworks I know (micro, full-stack, async)",
        f"`{command} choose` — a few quick questions, then a recommendation",
        f"`{command} why <question>` — the answer, and how I understood the question",
        f"`{command} <any question>` — for example “who uses FastAPI?”",
    ]


def choose_button(label: str = "Help me choose a framework") -> dict[str, Any]:
    return button(label, f"{CHOOSE}:start", {"c": ""}, style="primary")


def render_help(command: str = "/framework") -> Message:
    lines = "\n".join(f"• {escape(line)}" for line in _help_lines(command))
    blocks = [
        header(f"How to use {command}"),
        section(lines),
        section(
            escape(
                "You can also mention me in a channel (I answer in a thread, and follow-ups in "
                "that thread need no mention) or send me a direct message. Answers come from a "
                "small set of sourced articles; only you see the answers to "
            )
            + f"`{escape(command)}`"
            + escape(" until you share them.")
        ),
        actions(
            [
                choose_button(),
                *(button(q, f"{ASK}:{i}", {"q": q}) for i, q in enumerate(EXAMPLES[:2])),
            ],
            block_id="help",
        ),
    ]
    return Message(fallback_text(f"How to use {command}"), blocks)


def render_welcome(command: str = "/framework") -> Message:
    blocks = [
        section(
            escape(
                "👋 Welcome! I'm framework-bot. I answer questions about Python web frameworks "
                "— what they are, how they compare, who uses them — from sourced articles."
            )
        ),
        section(
            escape("Mention me with a question, send me a direct message, or use ")
            + f"`{escape(command)}`"
            + escape(
                ". Not sure where to start? I can help you pick a framework in four questions."
            )
        ),
        actions([choose_button()], block_id="welcome"),
    ]
    return Message(
        fallback_text("Welcome! I answer questions about Python web frameworks."), blocks
    )


HOME_LINE = 160  # characters of a framework's one-liner on the App Home


def _one_liner(fw: Any) -> str:
    """A whole summary sentence that fits the Home line: the first that fits and says what
    the framework is, not how an article quoted it ('one of the "old men"')."""
    fitting = [f.text for f in fw.summary if len(f.text) <= HOME_LINE]
    plain = [t for t in fitting if '"' not in t and not t.startswith("The article")]
    if plain or fitting:
        return (plain or fitting)[0]
    first = fw.summary[0].text if fw.summary else ""
    cut = first[:HOME_LINE].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…" if cut != first else first


def render_home(knowledge: Any, command: str = "/framework", notice: str = "") -> dict[str, Any]:
    """The App Home tab: what the bot knows by category, how to ask, examples, Help me choose.
    `notice` (escaped here) is shown at the top, e.g. where a button's answer went."""
    head: list[dict[str, Any]] = [
        header("framework-bot"),
        *([context("✅ " + escape(notice))] if notice else []),
        section(
            escape(
                f"I answer questions about Python web frameworks from {len(knowledge.sources)} "
                "sourced articles, and say which article each answer comes from."
            )
        ),
        actions([choose_button()], block_id="home_choose"),
        {"type": "divider"},
        section("*How to ask*"),
        section(
            "\n".join(
                [
                    "• "
                    + escape(
                        "Mention me in a channel: I answer in a thread, and you can ask "
                        "follow-ups there without mentioning me again."
                    ),
                    "• " + escape("Send me a direct message here, in the Messages tab."),
                    "• "
                    + escape("Use ")
                    + f"`{escape(command)}`"
                    + escape(" anywhere: only you see the answer until you share it."),
                ]
            )
        ),
        section("*Example questions*"),
        actions([button(q, f"{ASK}:{i}", {"q": q}) for i, q in enumerate(EXAMPLES)], "examples"),
        {"type": "divider"},
        section("*What I know*"),
    ]
    for cid, category in knowledge.categories.items():
        # each framework once, under its main (first) kind
        members = [fw for fw in knowledge.members(cid) if fw.category_ids[:1] == [cid]]
        python = [fw for fw in members if fw.language == "python"]
        other = [fw for fw in members if fw.language != "python"]
        if not python and not other:
            continue
        lines = [f"*{escape(category.name)}s*"]
        for fw in python:
            also = [knowledge.categories[c].name.lower() for c in fw.category_ids[1:]]
            note = f" _(also {escape(' and '.join(also))})_" if also else ""
            lines.append(f"• *{escape(fw.name)}*{note} — {escape(_one_liner(fw))}")
        if other:
            names = ", ".join(fw.name for fw in other)
            lines.append(f"_{escape('For comparison (Ruby): ' + names)}_")
        head += [section(chunk) for chunk in split_text("\n".join(lines))]
    titles = ", ".join(s.title for s in knowledge.sources.values())
    tail = [context(escape("Sources: " + titles))]
    return {"type": "home", "blocks": fit(head, tail, MAX_HOME_BLOCKS)}
