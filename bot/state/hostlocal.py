"""The dedupe window and outage context shared by the workers of one `serve --http` instance.

`LocalState` (bot/state/local.py) is per process: while the shared store is down, a retry or
an `app_mention`/`message.*` twin that gunicorn hands to the *other* worker would be answered
there too. `HostState` keeps the same window in an SQLite file in RAM (``/dev/shm``), which
the master names before forking (``FRAMEWORK_BOT_LOCAL_STATE``) and removes on exit, so that
every worker of the instance sees every claim. RAM, not the data disk: it must work when the
disk is full or read-only. If that file fails too, each call falls back to `LocalState`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.state.errors import describe
from bot.state.local import DEDUPE_WINDOW, LocalState
from bot.state.sqlite import SQLiteStore

log = logging.getLogger("framework_bot.state")

ENV = "FRAMEWORK_BOT_LOCAL_STATE"
CONTEXT_CAP = 3600.0  # seconds: outage context only has to outlive the outage
RETRY_EVERY = 5.0  # seconds between attempts to use a failing window file again


def host_state_path() -> Path:
    """A fresh path in RAM (``/dev/shm`` where there is one) for one instance's window."""
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    handle, name = tempfile.mkstemp(prefix="framework-bot-window-", suffix=".sqlite3", dir=base)
    os.close(handle)
    return Path(name)


def remove_host_state(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")


class HostState:
    """`LocalState`'s interface over an SQLite file shared by the instance's workers."""

    def __init__(self, path: str | os.PathLike[str], window: float = DEDUPE_WINDOW) -> None:
        self.window = window
        self._path = path
        self._memory = LocalState(window)
        self._db: SQLiteStore | None = None
        self._retry_at = 0.0  # while the file fails: per process until then
        self._open()

    def _open(self) -> SQLiteStore | None:
        try:
            self._db = SQLiteStore(self._path, timeout=0.5, purge_every=5000)
        except Exception as exc:
            self._failed(exc)
        return self._db

    def _failed(self, exc: BaseException) -> None:
        if self._retry_at == 0.0:
            log.warning(
                "the instance's shared dedupe window failed (%s): per process until it works",
                describe(exc),
            )
        self._retry_at = time.monotonic() + RETRY_EVERY

    def _shared(self, op, fallback):
        if self._retry_at:
            if time.monotonic() < self._retry_at:
                return fallback()
            self._retry_at = -1.0  # trying again (the one call that does waits <= 0.5 s)
        db = self._db or self._open()
        if db is not None:
            try:
                result = op(db)
            except Exception as exc:
                self._failed(exc)
            else:
                self._retry_at = 0.0
                return result
        return fallback()

    def claim(self, keys: Sequence[str], ttl: float) -> list[bool]:
        ttl = min(ttl, self.window)
        return self._shared(
            lambda db: db.first_time_many(keys, ttl), lambda: self._memory.claim(keys, ttl)
        )

    def get_context(self, key: str) -> dict[str, Any] | None:
        return self._shared(lambda db: db.get_context(key), lambda: self._memory.get_context(key))

    def put_context(self, key: str, value: dict[str, Any], ttl: float) -> None:
        ttl = min(ttl, CONTEXT_CAP)
        self._shared(
            lambda db: db.put_context(key, value, ttl),
            lambda: self._memory.put_context(key, value, ttl),
        )

    def clear_context(self, key: str) -> None:
        self._memory.clear_context(key)
        self._shared(lambda db: db.clear_context(key), lambda: None)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
