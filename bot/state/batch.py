"""Fewer round trips to the shared store per Slack event.

Answering a mention used to cost five round trips to Redis: the dedupe claim, a context read,
a context write, the curation record and the thread's "answered" mark. Two are left:

- the claim fetches, in the same round trip, the contexts the delivery's answer will read
  (`RedisStore.claim_and_fetch`, one Lua script). `ResilientStore` keeps them in `Prefetched`
  for this process's reads in the next `PREFETCH_TTL` seconds (the listener runs on another
  thread a few milliseconds after the acknowledgement);
- the writes of one answer (context, answered mark, curation record) are buffered per thread
  (`ResilientStore.batch`) and sent together before the reply is posted
  (`RedisStore.write_many`, one pipeline).

Stores without these methods (memory, SQLite, a bare RedisStore in tests) work as before:
`claim` falls back to `first_time_many`, `batched` to doing each write at once.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal, NamedTuple

PREFETCH_TTL = 2.0  # seconds a fetched context serves reads (ack to listener: milliseconds)
PREFETCH_CAP = 10_000  # entries kept per process, oldest out


class Write(NamedTuple):
    """One buffered write: ``put`` (key, value, ttl), ``clear`` (key) or ``record`` (the kind
    in `key`, the payload in `value`)."""

    op: Literal["put", "clear", "record"]
    key: str
    value: Any = None
    ttl: float = 0.0


def apply_writes(store: Any, writes: Sequence[Write]) -> None:
    """`writes` in order: one round trip where the store can (`write_many`), else one by one."""
    write_many = getattr(store, "write_many", None)
    if write_many is not None:
        write_many(writes)
        return
    for write in writes:
        if write.op == "put":
            store.put_context(write.key, write.value, write.ttl)
        elif write.op == "clear":
            store.clear_context(write.key)
        else:
            store.record(write.key, write.value)


def claim(store: Any, keys: Sequence[str], ttl: float, fetch: Sequence[str] = ()) -> list[bool]:
    """`store.first_time_many(keys, ttl)`, also fetching the contexts `fetch` names for the
    reads that follow where the store can do both in one round trip."""
    prefetching = getattr(store, "claim_prefetching", None)
    if prefetching is not None and fetch:
        return prefetching(keys, ttl, fetch)
    return store.first_time_many(keys, ttl)


def batched(store: Any) -> contextlib.AbstractContextManager[Any]:
    """The store's write batch for this thread, or nothing where it has none."""
    batch = getattr(store, "batch", None)
    return batch() if batch is not None else contextlib.nullcontext()


class Prefetched:
    """Contexts fetched with a dedupe claim, served to reads for `ttl` seconds. This process's
    own writes of a key update its entry, so a read after a write sees the write; a write by
    another process in those seconds is not seen (the same race two messages in one thread on
    two workers always have)."""

    def __init__(
        self,
        ttl: float = PREFETCH_TTL,
        cap: int = PREFETCH_CAP,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl = ttl
        self._cap = cap
        self._clock = clock
        self._lock = threading.Lock()
        self._items: OrderedDict[str, tuple[float, dict[str, Any] | None]] = OrderedDict()

    def put_many(self, values: dict[str, dict[str, Any] | None]) -> None:
        expires = self._clock() + self._ttl
        with self._lock:
            for key, value in values.items():
                self._items[key] = (expires, value)
                self._items.move_to_end(key)
            while len(self._items) > self._cap:
                self._items.popitem(last=False)

    def get(self, key: str) -> tuple[bool, dict[str, Any] | None]:
        """(True, a copy of the value) for a live entry, else (False, None)."""
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return False, None
            if item[0] <= self._clock():
                del self._items[key]
                return False, None
            return True, (dict(item[1]) if item[1] is not None else None)

    def update(self, key: str, value: dict[str, Any] | None) -> None:
        """This process wrote `key`: a live entry takes the new value (None: cleared)."""
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items[key] = (item[0], dict(value) if value is not None else None)

    def forget(self) -> None:
        with self._lock:
            self._items.clear()


class WriteBuffer:
    """Per-thread write buffers: `collect` opens one for the thread (a nested call joins the
    open one) and hands the writes to `flush` when it closes, also after an exception (the
    writes made until then would have been made without the buffer)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def current(self) -> list[Write] | None:
        return getattr(self._local, "writes", None)

    @contextlib.contextmanager
    def collect(self, flush: Callable[[list[Write]], None]) -> Iterator[None]:
        if self.current() is not None:
            yield
            return
        writes: list[Write] = []
        self._local.writes = writes
        try:
            yield
        finally:
            self._local.writes = None
            if writes:
                flush(writes)

    def read(self, key: str) -> tuple[bool, dict[str, Any] | None]:
        """(True, value) when this thread's open buffer wrote `key` (None: cleared)."""
        for write in reversed(self.current() or ()):
            if write.key == key and write.op in ("put", "clear"):
                return True, (dict(write.value) if write.op == "put" else None)
        return False, None
