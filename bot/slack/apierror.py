"""What a failed Web API call means, in words safe to log and to show the asker.

Two things went wrong before: a call that timed out was reported to the asker as "couldn't
post" although Slack had posted it (a read timeout says nothing about the outcome), and a 5xx
with an HTML body was quoted to the asker (slack_sdk puts up to 100 characters of the body in
its error message). `describe` returns only a Slack error code (`channel_not_found`), an HTTP
status (`HTTP 503`) or a fixed word, and says whether the call may have gone through.
"""

from __future__ import annotations

import http.client
import re
import socket
import urllib.error
from dataclasses import dataclass
from typing import Any

# Slack's error codes: lower-case words joined by underscores (not_in_channel, ratelimited).
_SLACK_CODE = re.compile(r"^[a-z][a-z0-9_]{1,63}$")

# The request was (or may have been) sent, and the answer never arrived.
_OUTCOME_UNKNOWN = (
    TimeoutError,
    socket.timeout,
    http.client.RemoteDisconnected,
    http.client.IncompleteRead,
    ConnectionResetError,
)


@dataclass(frozen=True)
class Failure:
    code: str  # safe to log and to show: never text from the upstream server
    maybe_done: bool  # the call may have succeeded (a timeout or a connection lost mid-call)


def _status(response: Any) -> int | None:
    status = getattr(response, "status_code", None)
    if status is None and isinstance(response, dict):
        status = response.get("status")
    return status if isinstance(status, int) else None


def _slack_error(response: Any) -> str | None:
    try:
        error = response.get("error")  # SlackResponse and dict alike
    except (AttributeError, TypeError, ValueError):
        return None
    return error if isinstance(error, str) and _SLACK_CODE.match(error) else None


def describe(exc: BaseException) -> Failure:
    """The failure behind `exc` (SlackApiError, URLError, a socket error, ...)."""
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, _OUTCOME_UNKNOWN):
        return Failure("timeout" if isinstance(reason, TimeoutError) else "connection_lost", True)
    response = getattr(exc, "response", None)
    if response is not None:
        error = _slack_error(response)
        if error:
            return Failure(error, False)
        status = _status(response)
        if status is not None and status != 200:
            return Failure(f"HTTP {status}", False)
        return Failure("unexpected_response", False)
    if isinstance(reason, OSError):
        return Failure("connection_error", False)
    return Failure(type(exc).__name__, False)
