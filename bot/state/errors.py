"""How the state stores name a failure: one line for logs and /healthz.

Its own module so the resilient store and the instance's dedupe window (which it wraps) both
use it without importing each other.
"""

from __future__ import annotations

import sqlite3
import sys


def store_errors() -> tuple[type[BaseException], ...]:
    """What a store that cannot be used raises: the OS (disk, sockets), SQLite, and redis-py
    when it is loaded (only the Redis store loads it: importing it costs ~20 MiB a process).
    Anything else (a value that is not JSON, a bug) is not an outage and propagates."""
    errors: tuple[type[BaseException], ...] = (OSError, sqlite3.Error)
    redis = sys.modules.get("redis")
    if redis is not None:
        errors += (redis.RedisError,)
    return errors


def describe(exc: BaseException) -> str:
    """One line naming the failure, for logs and /healthz (store errors carry no secrets:
    Redis URLs are never part of redis-py's messages, passwords never)."""
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
