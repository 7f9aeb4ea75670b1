"""In-process state: thread context with idle expiry, for the CLI, tests and one-process bots."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any

from bot.state.base import clean_payload


class MemoryStore:
    """Same interface as the SQLite and Redis stores; forgets everything on exit."""

    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._context: dict[str, tuple[float, dict[str, Any]]] = {}
        self._seen: dict[str, float] = {}
        self.records: list[dict[str, Any]] = []

    def get_context(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            item = self._context.get(key)
            if item is None:
                return None
            expires, value = item
            if expires <= self._clock():
                del self._context[key]
                return None
            return dict(value)

    def put_context(self, key: str, value: dict[str, Any], ttl: float) -> None:
        with self._lock:
            self._context[key] = (self._clock() + ttl, dict(value))

    def clear_context(self, key: str) -> None:
        with self._lock:
            self._context.pop(key, None)

    def first_time(self, key: str, ttl: float) -> bool:
        """True the first time `key` is seen within `ttl` seconds (dedupe)."""
        return self.first_time_many([key], ttl)[0]

    def first_time_many(self, keys: Sequence[str], ttl: float) -> list[bool]:
        now = self._clock()
        fresh = [False] * len(keys)
        with self._lock:
            for i, key in enumerate(keys):
                expires = self._seen.get(key)
                if expires is not None and expires > now:
                    break
                self._seen[key] = now + ttl
                fresh[i] = True
            if len(self._seen) > 100_000:
                self._seen = {k: v for k, v in self._seen.items() if v > now}
        return fresh

    def hold(self, items: Sequence[tuple[str, float]]) -> None:
        now = self._clock()
        with self._lock:
            for key, ttl in items:
                if self._seen.get(key, now) <= now:
                    self._seen[key] = now + ttl

    def record(self, kind: str, payload: dict[str, Any]) -> None:
        with self._lock:
            self.records.append({"kind": kind, "time": time.time(), **clean_payload(payload)})

    def records_of(self, kind: str) -> list[dict[str, Any]]:
        with self._lock:
            return [r for r in self.records if r["kind"] == kind]

    def ping(self) -> None:
        pass

    def close(self) -> None:
        pass
