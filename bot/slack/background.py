"""Acknowledge at once, work in the background: how every listener runs.

Every listener acknowledges on the thread that received the request (the app runs with
process_before_response=True) and hands the work (answering, posting, retrying) to the
listener executor: an acknowledgement never waits behind answers that are computing, posting or
sitting out a rate limit. This is Bolt's lazy-listener pattern without its per-request deep
copy of the request (about a third of the acknowledgement's CPU time under load).
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

from slack_bolt import Ack

log = logging.getLogger("framework_bot.slack")

# What a background function may ask for, by name, as in a Bolt listener (and `services`).
_INJECTED = ("body", "context", "client", "respond", "event", "action", "command", "services")


def guarded(func: Callable[..., Any]) -> Callable[..., None]:
    """`func`, logging its own failure with a traceback and never raising."""

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            func(*args, **kwargs)
        except Exception:
            log.exception("%s failed", func.__name__)

    return run


def in_background(
    executor: Executor,
    func: Callable[..., Any],
    claim: Callable[[dict[str, Any]], bool] | None = None,
    services: Any = None,
) -> Callable[..., None]:
    """A Bolt listener that acknowledges, then runs `func` on `executor` with the arguments it
    names (any of body, context, client, respond, event, action, command, and `services`,
    given here). With `claim`, a request it refuses (a replay: see
    bot.slack.dedupe.claim_request) is acknowledged and dropped."""
    wanted = [name for name in inspect.signature(func).parameters if name in _INJECTED]
    task = guarded(func)

    def listener(ack: Ack, body, context, client, respond, event, action, command) -> None:
        ack()
        if claim is not None and not claim(body):
            log.debug("replayed %s request acknowledged, not run again", func.__name__)
            return
        given = {
            "body": body,
            "context": context,
            "client": client,
            "respond": respond,
            "event": event,
            "action": action,
            "command": command,
            "services": services,
        }
        executor.submit(task, **{name: given[name] for name in wanted})

    listener.__name__ = func.__name__
    return listener
