"""A reply without a mention in a thread the bot answered: answered only when the bot is sure
(people talk to each other in threads too); otherwise recorded, with a hint at most once."""

from __future__ import annotations

import logging
from typing import Any

from bot.engine import Result
from bot.render.blocks import render_answer
from bot.slack.conversations import ANSWERED_TTL, mark_answered, was_answered
from bot.slack.incoming import looks_like_question
from bot.slack.keys import conversation_key
from bot.slack.places import Where
from bot.slack.posting import notify, post
from bot.slack.records import record_fallback, record_result
from bot.slack.services import Services
from bot.state.batch import batched

log = logging.getLogger("framework_bot.slack")

QUIET_HINT = (
    "I only answer follow-ups here when I'm sure what you mean. Mention me to get an answer."
)


def answer_follow_up(services: Services, event: dict[str, Any], team: str, client) -> None:
    channel, thread = event["channel"], event["thread_ts"]
    conversation = conversation_key(team, channel, thread)
    text = event.get("text") or ""
    store = services.store
    if "<@" in text or "<!" in text or not was_answered(store, conversation):
        return  # addressed to someone else (or everyone), or not the bot's thread
    engine = services.engine
    result = engine.run(text, conversation, remember=False)
    answer = result.answer
    if (
        answer.is_fallback
        or answer.clarify
        or answer.is_small_talk
        or result.parse.confidence < services.config.followup_confidence
    ):
        log.debug("staying quiet in %s (%s %.2f)", channel, answer.intent, result.parse.confidence)
        stay_quiet(services, client, event, conversation, result)
        return
    with batched(store):  # one round trip for these writes
        engine.remember(conversation, result)  # only what the bot said shapes it
        record_result(store, result, "channel")
        message = render_answer(answer, question=result.parse.text, surface="channel")
        mark_answered(store, conversation)  # refresh the TTL
    post(client, Where(channel, thread, conversation, "channel"), message, event.get("user"))


def stay_quiet(
    services: Services, client, event: dict[str, Any], conversation: str, result: Result
) -> None:
    """A follow-up the bot won't answer: recorded for the report; the first time in a
    thread that this is a real question (not small talk), the asker gets a private hint."""
    answer = result.answer
    if answer.is_small_talk and not answer.is_fallback:
        return
    parse = result.parse
    record_fallback(services.store, parse.text, "thread_quiet", parse.intent, parse.confidence)
    if looks_like_question(parse.text) and services.store.first_time(
        f"slack:quiet-hint:{conversation}", ANSWERED_TTL
    ):
        user = event.get("user")
        if user:
            notify(client, event["channel"], user, event.get("thread_ts"), QUIET_HINT)
