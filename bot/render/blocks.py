"""Block Kit for answers: the answer itself, its buttons, its details, "Did you mean" choices.

Pure functions from the answer model to Slack message payloads; no Slack SDK import, so the
renderer is cheap to test. Every string that reaches Slack goes through `bot.render.escape`,
and every payload stays inside Block Kit's limits (bot.render.kit). Help, the welcome and App
Home are in bot.render.home; button values and action ids in bot.render.values.
"""

from __future__ import annotations

from typing import Any

from bot.answers.model import Answer
from bot.render.escape import code_safe, escape
from bot.render.kit import (
    MAX_BLOCKS,
    Message,
    actions,
    button,
    context,
    fallback_text,
    fit,
    header,
    section,
    split_text,
    user_mention,
)
from bot.render.values import ASK, CHOOSE, CLARIFY, FEEDBACK, MORE, SHARE, TEAM_ASK

MAX_SUGGESTIONS = 3
DETAILS_BLOCK = "details"  # block_id of the expanded details


def is_flow_question(answer: Answer) -> bool:
    """A step of the guided flow: options to pick from, nothing recommended yet. (The
    recommendation's only choice is "Start over", whose value is empty.)"""
    return bool(answer.choices) and all(c.action == "choose" and c.value for c in answer.choices)


def _split_cite(answer: Answer) -> tuple[str, str]:
    """The answer text, and its trailing '_Sources: ..._' line (shown in the context line)."""
    lines = answer.text.rstrip().split("\n")
    last = lines[-1].strip() if lines else ""
    if len(lines) > 1 and last.startswith("_Source") and last.endswith("_"):
        return "\n".join(lines[:-1]), last
    return answer.text, ""


def _assumption_line(answer: Answer) -> str:
    parts = [
        f"Taking *{escape(a.typed.replace('*', ''))}* as {escape(a.meant)}"
        for a in answer.assumptions
    ]
    return "; ".join(parts)


def _suggested_questions(answer: Answer) -> list[str]:
    questions: list[str] = []
    if not answer.clarify:
        questions += [c.question for c in answer.choices if c.action == "ask" and c.question]
    questions += [s for s in answer.suggestions if s]
    return list(dict.fromkeys(questions))[:MAX_SUGGESTIONS]


def render_answer(
    answer: Answer,
    *,
    question: str = "",
    surface: str = "channel",
    feedback: bool = True,
    share: dict[str, Any] | None = None,
    note: str = "",
    explain: list[str] | None = None,
    why: list[str] | None = None,
    ask_team: bool = False,
) -> Message:
    """One answer as a message.

    `question` is what was asked (kept in button values, never shown unescaped); `surface` is
    channel, dm or command; `share` is the value of a "Share in channel" button (ephemeral
    answers only); `note` is an extra context line (escaped here); `explain` adds the
    --explain lines as a code block (for curators); `why` adds the plain explanation that
    `/framework why` gives its asker; `ask_team` adds "Ask the team" to a decline.
    """
    head: list[dict[str, Any]] = []
    tail: list[dict[str, Any]] = []
    if answer.headline.strip():
        head.append(header(answer.headline))
    body, cite = _split_cite(answer)
    for chunk in split_text(escape(body.strip())):
        head.append(section(chunk))
    if answer.facts:
        bullets = "\n".join(f"• {escape(f)}" for f in answer.facts if f.strip())
        head += [section(chunk) for chunk in split_text(bullets)]
    for said in answer.team:
        head += team_note_blocks(said)
    if explain:
        for chunk in split_text("\n".join(code_safe(line) for line in explain), 2900):
            head.append(section(f"```{chunk}```"))
    if why:
        head.append(context(escape("Why this answer: " + " ".join(why))))

    flow_question = is_flow_question(answer)
    if answer.clarify and answer.choices:
        buttons = [
            button(
                c.label or "None of these",
                f"{CLARIFY}:{i}",
                {"q": c.question, "o": "" if c.question else question[:1000]},
            )
            for i, c in enumerate(answer.choices)
        ]
        tail.append(actions(buttons, block_id="clarify"))
    elif answer.choices and all(c.action == "choose" for c in answer.choices):
        buttons = [
            button(c.label, f"{CHOOSE}:{i}", {"c": c.value}, style=None)
            for i, c in enumerate(answer.choices)
        ]
        tail.append(actions(buttons, block_id="choose"))

    context_parts = [_assumption_line(answer)]
    if cite:
        context_parts.append(escape(cite))
    elif answer.sources:
        context_parts.append(
            "_Sources: " + escape(", ".join(s.short for s in answer.sources)) + "_"
        )
    if note:
        context_parts.append(escape(note))
    if any(context_parts):
        tail.append(context(*context_parts))

    if not flow_question:
        asks = [
            button(q, f"{ASK}:{i}", {"q": q}) for i, q in enumerate(_suggested_questions(answer))
        ]
        if asks:
            tail.append(actions(asks, block_id="suggestions"))

    footer: list[dict[str, Any]] = []
    if answer.details and not answer.clarify and not flow_question:
        footer.append(button("More details", f"{MORE}:0", {"x": "\n".join(answer.details)}))
    # small talk and help are not answers to rate
    rateable = not answer.is_small_talk and not answer.is_fallback
    if feedback and rateable and not answer.clarify and not flow_question:
        meta = {
            "i": answer.intent,
            "p": round(answer.confidence, 2),  # the score, kept with the rating
            "s": surface,
            "h": answer.headline[:150],
            "q": question[:1000],
        }
        footer.append(button("👍 Helpful", f"{FEEDBACK}:up", {"r": "up", **meta}))
        footer.append(button("👎 Not helpful", f"{FEEDBACK}:down", {"r": "down", **meta}))
    if ask_team and answer.is_fallback and not answer.clarify:
        footer.append(button("Ask the team", f"{TEAM_ASK}:0", {"q": question[:1000]}))
    if share is not None and not answer.clarify and not flow_question and not answer.is_fallback:
        footer.append(button("Share in channel", f"{SHARE}:0", share, style="primary"))
    if footer:
        tail.append(actions(footer, block_id="footer"))

    if not head and not tail:
        head.append(section(escape("I have nothing to say to that.")))
    first_line = body.strip().split("\n", 1)[0] if body.strip() else ""
    if (not first_line or first_line.endswith(":")) and answer.facts:
        first_line = answer.facts[0]  # a lead-in says nothing in a notification; its point does
    return Message(fallback_text(answer.headline, first_line), fit(head, tail, MAX_BLOCKS))


def team_note_blocks(note: Any) -> list[dict[str, Any]]:
    """The team's words (escaped), then who said it and when: never cited as a document."""
    blocks = [section(chunk) for chunk in split_text("*From the team*\n" + escape(note.text))]
    credit = f"According to the team ({user_mention(note.author)}, {escape(note.date)})"
    return [*blocks, context(credit + escape(" · not from the documents"))]


def details_section(details: list[str]) -> list[dict[str, Any]]:
    bullets = "\n".join(f"• {escape(d)}" for d in details if d.strip())
    blocks = [section(chunk) for chunk in split_text(bullets)]
    for i, block in enumerate(blocks):
        block["block_id"] = DETAILS_BLOCK if i == 0 else f"{DETAILS_BLOCK}_{i}"
    return blocks


def _is_more_button(element: dict[str, Any]) -> bool:
    return str(element.get("action_id", "")).startswith(MORE + ":")


def expand_details(blocks: list[dict[str, Any]], details: list[str]) -> list[dict[str, Any]]:
    """A posted answer with its details shown: the points go after the answer's own
    sections, the "More details" button goes. Expanding twice changes nothing."""
    if any(b.get("block_id") == DETAILS_BLOCK for b in blocks):
        return blocks
    kept: list[dict[str, Any]] = []
    for block in blocks:
        if block.get("type") == "actions":
            elements = [e for e in block.get("elements", []) if not _is_more_button(e)]
            if not elements:
                continue
            block = {**block, "elements": elements}
        kept.append(block)
    at = next((i for i, b in enumerate(kept) if b.get("type") in ("context", "actions")), len(kept))
    tail = kept[at:]
    return fit([*kept[:at], *details_section(details)], tail, MAX_BLOCKS)


def render_details(details: list[str]) -> Message:
    """The details alone, for an answer that cannot be edited (an ephemeral one)."""
    blocks = [context(escape("More details")), *details_section(details)]
    return Message(fallback_text("More details", details[0] if details else ""), blocks)


def render_notice(text: str) -> Message:
    """A one-line message (escaped) such as "Thanks for the feedback!"."""
    return Message(fallback_text(text), [section(escape(text))])


def clarify_done(blocks: list[dict[str, Any]], picked: str) -> list[dict[str, Any]]:
    """A "Did you mean" message once answered: its choice buttons replaced by what was picked."""
    kept = [
        b
        for b in blocks
        if not (
            b.get("type") == "actions"
            and any(
                str(e.get("action_id", "")).startswith(CLARIFY + ":") for e in b.get("elements", [])
            )
        )
    ]
    return [*kept, context(escape(picked))][:MAX_BLOCKS]
