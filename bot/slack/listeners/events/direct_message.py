"""A direct message to the bot: every DM is a question."""

from __future__ import annotations

from typing import Any

from bot.slack.answering import answer_in
from bot.slack.conversations import copy_context
from bot.slack.keys import conversation_key
from bot.slack.places import Where
from bot.slack.services import Services


def answer_dm(services: Services, event: dict[str, Any], team: str, client) -> None:
    """Top-level DMs share one conversation and get top-level replies; a DM thread is its
    own conversation, answered in the thread."""
    channel, ts = event["channel"], event["ts"]
    thread = event.get("thread_ts")
    conversation = conversation_key(team, channel, thread or "main")
    where = Where(channel, thread, conversation, "dm")
    posted = answer_in(services, client, where, event.get("text") or "", event.get("user"))
    if posted and thread is None:
        # A thread started later on the question or on the answer continues this subject.
        copy_context(
            services.engine,
            conversation,
            conversation_key(team, channel, ts),
            conversation_key(team, channel, posted),
        )
