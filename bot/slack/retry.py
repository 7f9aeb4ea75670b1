"""Retries for Web API calls, through slack_sdk's retry handlers (slack_sdk.http_retry).

Every WebClient the app uses (and the per-request copies Bolt makes of it) carries these:

- 429 rate limits: wait `Retry-After` seconds (plus up to 1 s of jitter), up to
  `RATE_LIMIT_RETRIES` times. A `Retry-After` longer than `MAX_RETRY_AFTER` is not waited for:
  the call fails with Slack's `ratelimited` error instead of holding a listener thread for
  minutes (the asker gets a short note when possible).
- 5xx answers (500, 502, 503, 504) and dropped connections (reset, closed without an answer,
  connection refused): exponential backoff with jitter (0.25 s, 0.5 s, 1 s, ... plus up to half
  as much again), up to `SERVER_ERROR_RETRIES` / `CONNECTION_RETRIES` times.

A retry holds the listener thread it runs on, so the slow path (answering, posting) runs on
the listener executor and never on the path that acknowledges requests: acknowledgements stay
fast whatever the Web API does (see bot/slack/listeners/__init__.py).

Retrying chat.postMessage after a 5xx or a dropped connection can, in rare cases, post twice
(if Slack stored the message and then failed to answer); Slack offers no idempotency key for
chat.postMessage. Read timeouts are therefore not retried: a slow answer may well have been
posted.
"""

from __future__ import annotations

import random
from typing import Any

from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.jitter import Jitter

RATE_LIMIT_RETRIES = 3
SERVER_ERROR_RETRIES = 3
CONNECTION_RETRIES = 3
MAX_RETRY_AFTER = 30  # seconds; longer waits fail fast instead of holding a thread
BACKOFF_FACTOR = 0.25
RETRIED_STATUSES = frozenset({500, 502, 503, 504})


class ProportionalJitter(Jitter):
    """Up to +50% of the interval (slack_sdk's default adds up to a whole second)."""

    def recalculate(self, duration: float) -> float:
        return duration * (1.0 + random.random() / 2)


_backoff = BackoffRetryIntervalCalculator(
    backoff_factor=BACKOFF_FACTOR, jitter=ProportionalJitter()
)


def _retry_after(response: Any) -> float | None:
    headers = getattr(response, "headers", None) or {}
    for key, value in headers.items():
        if key.lower() == "retry-after":
            raw = value[0] if isinstance(value, list | tuple) else value
            try:
                return float(raw)
            except (TypeError, ValueError):
                return None
    return None


class BoundedRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """slack_sdk's 429 handler (it sleeps Retry-After + jitter), declining long waits."""

    def __init__(
        self, max_retry_count: int = RATE_LIMIT_RETRIES, max_wait: float = MAX_RETRY_AFTER
    ):
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait = max_wait

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        if not super()._can_retry(state=state, request=request, response=response, error=error):
            return False
        wait = _retry_after(response)
        return wait is None or wait <= self.max_wait


class ServerErrorsRetryHandler(ServerErrorRetryHandler):
    """slack_sdk's 5xx handler, for 502 and 504 too (it knows only 500 and 503)."""

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        return response is not None and response.status_code in RETRIED_STATUSES


def retry_handlers() -> list[RetryHandler]:
    """A fresh set for one WebClient (Bolt copies the list into every per-request client)."""
    return [
        BoundedRateLimitRetryHandler(),
        ServerErrorsRetryHandler(
            max_retry_count=SERVER_ERROR_RETRIES, interval_calculator=_backoff
        ),
        ConnectionErrorRetryHandler(
            max_retry_count=CONNECTION_RETRIES, interval_calculator=_backoff
        ),
    ]
