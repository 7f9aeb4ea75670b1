"""Bounded in-process state: the dedupe window and thread context each process keeps for itself.

`ResilientStore` (bot/state/resilient.py) claims every dedupe key here as well as in the shared
store, so that a redelivery reaching the same process is caught even when the shared store lost
its keys (a Redis restart without persistence) or cannot be reached; and it keeps thread context
here while the shared store is down. Both maps are capped, oldest entries first out, so that a
long outage at a high event rate costs a bounded amount of memory.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

DEDUPE_WINDOW = 15 * 60.0  # Slack retries after about 0 s, 1 min and 5 min
MAX_KEYS = 100_000  # dedupe keys kept per process (a key and its expiry: ~150 bytes)
MAX_CONTEXTS = 20_000  # thread contexts kept per process while the shared store is down


class LocalState:
    """Dedupe keys and contexts with expiry, capped by count (the oldest go first)."""

    def __init__(
        self,
        window: float = DEDUPE_WINDOW,
        max_keys: int = MAX_KEYS,
        max_contexts: int = MAX_CONTEXTS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.window = window
        self._max_keys = max_keys
        self._max_contexts = max_contexts
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._context: OrderedDict[str, tuple[float, dict[str, Any]]] = OrderedDict()

    def claim(self, keys: Sequence[str], ttl: float) -> list[bool]:
        """Claim `keys` in order for min(ttl, window) seconds, stopping at the first key held
        (the `StateStore.first_time_many` rule)."""
        now = self._clock()
        expires = now + min(ttl, self.window)
        fresh = [False] * len(keys)
        with self._lock:
            for i, key in enumerate(keys):
                held = self._seen.get(key)
                if held is not None and held > now:
                    break
                self._seen[key] = expires
                self._seen.move_to_end(key)
                fresh[i] = True
            while len(self._seen) > self._max_keys:
                self._seen.popitem(last=False)
        return fresh

    def get_context(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            item = self._context.get(key)
            if item is None:
                return None
            if item[0] <= self._clock():
                del self._context[key]
                return None
            return dict(item[1])

    def put_context(self, key: str, value: dict[str, Any], ttl: float) -> None:
        with self._lock:
            self._context[key] = (self._clock() + ttl, dict(value))
            self._context.move_to_end(key)
            while len(self._context) > self._max_contexts:
                self._context.popitem(last=False)

    def clear_context(self, key: str) -> None:
        with self._lock:
            self._context.pop(key, None)

    def __len__(self) -> int:
        return len(self._seen)
