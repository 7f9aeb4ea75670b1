"""Asking the engine from Slack: every question recorded for the curators, the answer drawn
for where it goes, and posted (or returned, for an answer only its asker sees)."""

from __future__ import annotations

from typing import Any

from bot.engine import Result
from bot.render.blocks import is_flow_question, render_answer
from bot.render.explain import why_lines
from bot.render.kit import Message
from bot.slack.conversations import mark_answered, own_flow, snapshot
from bot.slack.places import Surface, Where
from bot.slack.posting import post
from bot.slack.records import record_result
from bot.slack.services import Services
from bot.state.batch import batched


def run_and_record(
    services: Services, text: str, conversation: str | None, surface: Surface
) -> Result:
    """Ask the engine (an empty question asks for help); the result is recorded."""
    result = services.engine.run(text if text.strip() else "help", conversation)
    record_result(services.store, result, surface)
    return result


def answer_in(
    services: Services, client: Any, where: Where, text: str, user: str | None
) -> str | None:
    """Answer `text` where it was asked; the posted message's ts, or None. A guided flow
    started here belongs to `user` (see listeners/actions/choose.py)."""
    store = services.store
    with batched(store):  # the answer's writes in one round trip, before posting
        result = run_and_record(services, text, where.conversation, where.surface)
        message = render_answer(
            result.answer,
            question=result.parse.text,
            surface=where.surface,
            ask_team=services.desk is not None,
        )
        if where.surface == "channel":
            # Before posting: a quick reply to the answer must find the thread marked.
            mark_answered(store, where.conversation)
    posted = post(client, where, message, user)
    if posted and user and is_flow_question(result.answer):
        own_flow(store, where.channel, posted, user)
    return posted


def private_answer(
    services: Services, question: str, conversation: str, explain: bool = False
) -> Message:
    """An answer only its asker sees, with the snapshot "Share in channel" posts."""
    kept = snapshot(services.store, conversation)
    result = run_and_record(services, question, conversation, "command")
    return render_answer(
        result.answer,
        question=result.parse.text,
        surface="command",
        share={"q": question, "k": kept},
        why=why_lines(result.parse, result.answer) if explain else None,
    )
