"""Bolt listeners, grouped by Slack feature as in Slack's bolt-python starter template.

Every listener is split the way Bolt's lazy listeners are meant for (the app runs with
process_before_response=True): an ack function that only acknowledges, on the thread that
received the request, and a lazy function that does the work on the listener executor. An
acknowledgement therefore never waits behind answers that are computing, posting or sitting
out a rate limit.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App

from bot.slack.responder import Responder

log = logging.getLogger("framework_bot.slack")


def acknowledge(ack: Ack) -> None:
    ack()


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """A lazy function that logs its own failure with a traceback (Bolt's lazy runner logs only
    the message) and never raises. Bolt injects arguments by name, which functools.wraps keeps
    visible through __wrapped__."""

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            func(*args, **kwargs)
        except Exception:
            log.exception("%s failed", func.__name__)

    return run


def lazily(func: Callable[..., Any]) -> dict[str, Any]:
    """Keyword arguments for a Bolt listener decorator: acknowledge now, run `func` later."""
    return {"ack": acknowledge, "lazy": [guarded(func)]}


def register_listeners(app: App, responder: Responder) -> None:
    from bot.slack.listeners import actions, commands, events, views

    # Each module registers a catch-all last, so that anything the bot does not handle is
    # acknowledged with 200 (Slack retries a 404) and never answered.
    events.register(app, responder)
    commands.register(app, responder)
    actions.register(app, responder)
    views.register(app, responder)
