"""Posting and updating messages. A failed Web API call never crashes a listener: it is logged
with Slack's error code (never the upstream body's text), and the asker is told where it
matters."""

from __future__ import annotations

import logging
from typing import Any

from bot.render.blocks import render_notice
from bot.render.kit import Message
from bot.slack.apierror import describe
from bot.slack.places import Where

log = logging.getLogger("framework_bot.slack")


def error_code(exc: Exception) -> str:
    """Slack's error code, an HTTP status or a fixed word: never the upstream body's text."""
    return describe(exc).code


def post(client: Any, where: Where, message: Message, user: str | None = None) -> str | None:
    """chat.postMessage; on an API error, log Slack's error code and tell the asker."""
    try:
        response = client.chat_postMessage(
            channel=where.channel,
            thread_ts=where.thread_ts,
            unfurl_links=False,
            unfurl_media=False,
            **message.kwargs(),
        )
    except Exception as exc:  # SlackApiError or a network error: never crash a listener
        failure = describe(exc)
        log.error("chat.postMessage failed in %s: %s", where.channel, failure.code)
        if user and where.surface != "dm":
            # A timeout says nothing about the outcome: Slack may well have posted it.
            note = (
                "Slack was slow to confirm my answer here. If you don't see it, please ask again."
                if failure.maybe_done
                else f"Sorry, I couldn't post my answer here ({failure.code})."
            )
            notify(client, where.channel, user, where.thread_ts, note)
        return None
    return response.get("ts")


def notify(client: Any, channel: str, user: str, thread_ts: str | None, text: str) -> None:
    """A short ephemeral note to one person; failures are only logged."""
    post_ephemeral(client, channel, user, thread_ts, render_notice(text))


def post_ephemeral(
    client: Any, channel: str, user: str, thread_ts: str | None, message: Message
) -> None:
    """A message only `user` sees; failures are only logged."""
    try:
        client.chat_postEphemeral(
            channel=channel, user=user, thread_ts=thread_ts, **message.kwargs()
        )
    except Exception as exc:
        log.error("chat.postEphemeral failed in %s: %s", channel, error_code(exc))


def update(
    client: Any, channel: str | None, ts: str | None, blocks: list[dict[str, Any]], text: str
) -> None:
    """chat.update of a message the bot posted; failures are only logged."""
    try:
        client.chat_update(channel=channel, ts=ts, text=text or "framework-bot", blocks=blocks)
    except Exception as exc:
        log.error("chat.update failed in %s: %s", channel, error_code(exc))
