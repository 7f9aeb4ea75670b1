"""A state store that keeps the bot answering when the shared store (SQLite, Redis) fails.

`framework-bot serve` wraps its store in `ResilientStore`:

- Every dedupe claim is taken in a bounded window first — the instance's (`HostState`, shared
  by the gunicorn workers through a file in RAM) or the process's (`LocalState`) — and then in
  the shared store, so a redelivery reaching this instance is caught even when the shared store
  lost its keys (Redis restarted without persistence) or is down.
- When a store call fails (Redis refused or timed out, SQLite read-only, full, deleted,
  corrupt), the call is answered from the in-process state instead, the outage is logged once,
  and calls stop going to the shared store: nothing waits on a store known to be down.
  Curation records are dropped (and counted) meanwhile.
- A recovery thread re-opens the shared store every `retry_every` seconds (a fresh SQLite
  connection, which also notices a deleted file or moves a corrupt one aside; a fresh Redis
  client), pings it, copies back the dedupe keys and contexts written during the outage, and
  only then sends calls to it again, logging once that it is back.
- A store that cannot be opened at all makes the process start degraded instead of failing:
  a gunicorn worker must boot whatever the store's condition.
- Round trips (bot/state/batch.py): `claim_prefetching` fetches the contexts a delivery's
  answer will read with its claim, and `batch` sends one answer's writes together. A batch
  that fails is applied as each write would have been: locally, pending for the copy-back.

What can still double: while the shared store is down, each instance dedupes on its own, so a
retry or an `app_mention`/`message.*` twin delivered to another instance during the outage can
be answered there too (docs/reliability.md).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from bot.state.base import DedupeWindow, StateStore
from bot.state.batch import Prefetched, Write, WriteBuffer, apply_writes
from bot.state.errors import describe, store_errors
from bot.state.local import MAX_CONTEXTS, MAX_KEYS, LocalState

log = logging.getLogger("framework_bot.state")

T = TypeVar("T")

RETRY_EVERY = 1.0  # seconds between attempts to get the shared store back
PROBE_EVERY = 2.0  # /healthz checks a store that has been quiet for this long


class ResilientStore:
    """The `StateStore` interface over a shared store that may fail; see the module doc."""

    def __init__(
        self,
        open_primary: Callable[[], StateStore],
        kind: str,
        *,
        retry_every: float = RETRY_EVERY,
        local: DedupeWindow | None = None,
    ) -> None:
        self.kind = kind
        self.local: DedupeWindow = local if local is not None else LocalState()
        self._open = open_primary
        self._retry_every = retry_every
        self._lock = threading.Lock()
        self._probe_lock = threading.Lock()
        self._wake = threading.Event()
        self._closed = False
        self._primary: StateStore | None = None
        self._down_since: float | None = None
        self._reason = ""
        self._last_ok = time.monotonic()
        self._dropped = 0
        self._recovery: threading.Thread | None = None
        self._prefetched = Prefetched()
        self._writes = WriteBuffer()
        # written while degraded, copied back when the store returns (bounded, oldest out)
        self._pending_keys: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._pending_context: OrderedDict[str, tuple[dict[str, Any] | None, float, float]] = (
            OrderedDict()
        )
        try:
            self._primary = open_primary()
        except Exception as exc:
            self._fault(exc, None)
        self._errors = store_errors()  # after the first open, which loads the store's client

    # -- the state machine -----------------------------------------------------------------

    @property
    def degraded(self) -> bool:
        return self._down_since is not None

    def _call(self, op: Callable[[StateStore], T], fallback: Callable[[], T]) -> T:
        primary = self._primary
        if primary is None or self._down_since is not None:
            return fallback()
        try:
            result = op(primary)
        except self._errors as exc:
            self._fault(exc, primary)
            return fallback()
        self._last_ok = time.monotonic()
        return result

    def _fault(self, exc: BaseException, primary: StateStore | None) -> None:
        """The first failure of an outage: log once, send calls to the in-process state and
        start the recovery thread. Failures of a store already replaced are ignored."""
        with self._lock:
            if self._closed or (primary is not None and primary is not self._primary):
                return
            self._reason = describe(exc)
            if self._down_since is not None:
                return
            self._down_since = time.monotonic()
            log.warning(
                "state store (%s) unavailable (%s): answering from in-process state, dropping "
                "curation records, until it is back",
                self.kind,
                self._reason,
            )
            if self._recovery is None or not self._recovery.is_alive():
                self._recovery = threading.Thread(
                    target=self._recover, name="state-store-recovery", daemon=True
                )
                self._recovery.start()

    def _recover(self) -> None:
        """Re-open, ping, copy back, switch over; every `retry_every` s until it works."""
        while not self._closed:
            self._wake.wait(self._retry_every)
            if self._closed:
                return
            fresh = None
            try:
                fresh = self._open()
                fresh.ping()
                if self._copy_back_and_switch(fresh):
                    return
            except Exception as exc:
                self._reason = describe(exc)
            if fresh is not None:
                _close_quietly(fresh)

    def _copy_back_and_switch(self, fresh: StateStore) -> bool:
        """Write what the outage left in this process to the store, then send calls to it.
        The switch happens under the lock once nothing is pending, so no write made while
        degraded is left behind; False when new writes kept arriving (try again later)."""
        keys = contexts = 0
        for _round in range(20):
            with self._lock:
                if not self._pending_keys and not self._pending_context:
                    old, self._primary = self._primary, fresh
                    down_for = time.monotonic() - (self._down_since or time.monotonic())
                    dropped, self._dropped = self._dropped, 0
                    self._down_since = None
                    self._reason = ""
                    self._last_ok = time.monotonic()
                    break
                batch_keys, self._pending_keys = self._pending_keys, OrderedDict()
                batch_context, self._pending_context = self._pending_context, OrderedDict()
            try:
                live = _copy(fresh, batch_keys, batch_context)
            except Exception:
                self._repend(batch_keys, batch_context)
                raise
            keys += len(live)
            contexts += len(batch_context)
        else:
            return False
        if old is not None and old is not fresh:
            _close_quietly(old)
        log.warning(
            "state store (%s) is back after %.1f s: %d dedupe key(s) and %d context(s) "
            "copied back, %d curation record(s) dropped",
            self.kind,
            down_for,
            keys,
            contexts,
            dropped,
        )
        return True

    def _repend(self, keys: OrderedDict, contexts: OrderedDict) -> None:
        """Put back a batch that could not be copied (newer writes win)."""
        with self._lock:
            self._pending_keys = OrderedDict({**keys, **self._pending_keys})
            self._pending_context = OrderedDict({**contexts, **self._pending_context})

    # -- context ---------------------------------------------------------------------------

    def get_context(self, key: str) -> dict[str, Any] | None:
        """This thread's buffered write of `key`, else a context fetched with the delivery's
        claim, else the store; while it is down, the context kept locally meanwhile (which is
        copied to the store before it is used again, so nothing newer is left behind)."""
        for source in (self._writes.read, self._prefetched.get):
            found, value = source(key)
            if found:
                return value
        return self._call(lambda p: p.get_context(key), lambda: self.local.get_context(key))

    def put_context(self, key: str, value: dict[str, Any], ttl: float) -> None:
        self._write(Write("put", key, dict(value), ttl))

    def clear_context(self, key: str) -> None:
        self.local.clear_context(key)
        self._write(Write("clear", key))

    def _write(self, write: Write) -> None:
        """Into this thread's open batch, else to the store at once."""
        if write.op != "record":
            self._prefetched.update(write.key, write.value)
        buffered = self._writes.current()
        if buffered is not None:
            buffered.append(write)
        else:
            self._flush([write])

    def _flush(self, writes: list[Write]) -> None:
        def locally() -> None:
            for write in writes:
                self._write_locally(write)

        self._call(lambda p: apply_writes(p, writes), locally)

    def _write_locally(self, write: Write) -> None:
        """A write the store could not take: context kept here and copied back later, a
        curation record dropped (and counted)."""
        if write.op == "put":
            self.local.put_context(write.key, write.value, write.ttl)
            self._pend_context(write.key, write.value, write.ttl)
        elif write.op == "clear":
            self._pend_context(write.key, None, 0.0)
        else:
            with self._lock:
                self._dropped += 1

    def batch(self) -> contextlib.AbstractContextManager[None]:
        """Context writes, clears and records made on this thread inside the `with` go to the
        store together when it ends (one round trip in Redis); reads inside see them."""
        return self._writes.collect(self._flush)

    def _pend_context(self, key: str, value: dict[str, Any] | None, ttl: float) -> None:
        with self._lock:
            self._pending_context[key] = (value, ttl, time.monotonic())
            self._pending_context.move_to_end(key)
            while len(self._pending_context) > MAX_CONTEXTS:
                self._pending_context.popitem(last=False)

    # -- dedupe ----------------------------------------------------------------------------

    def first_time(self, key: str, ttl: float) -> bool:
        return self.first_time_many([key], ttl)[0]

    def first_time_many(self, keys: Sequence[str], ttl: float) -> list[bool]:
        """Claimed here first (a key this process saw is a duplicate without a round trip),
        then in the shared store; with the store down, the local claim decides."""
        return self.claim_prefetching(keys, ttl, ())

    def claim_prefetching(
        self, keys: Sequence[str], ttl: float, fetch: Sequence[str]
    ) -> list[bool]:
        """`first_time_many`, fetching the contexts `fetch` names in the same round trip where
        the store can (Redis), for this process's reads of them in the next seconds."""
        local = self.local.claim(keys, ttl)
        if not all(local):
            return local

        def degraded() -> list[bool]:
            with self._lock:
                now = time.monotonic()
                for key in keys:
                    self._pending_keys[key] = (ttl, now)
                    self._pending_keys.move_to_end(key)
                while len(self._pending_keys) > MAX_KEYS:
                    self._pending_keys.popitem(last=False)
            return local

        def shared(primary: StateStore) -> list[bool]:
            claim_and_fetch = getattr(primary, "claim_and_fetch", None)
            if claim_and_fetch is None or not fetch:
                return primary.first_time_many(keys, ttl)
            claimed, fetched = claim_and_fetch(keys, ttl, fetch)
            if fetched:
                self._prefetched.put_many(fetched)
            return claimed

        return self._call(shared, degraded)

    # -- curation records ------------------------------------------------------------------

    def record(self, kind: str, payload: dict[str, Any]) -> None:
        self._write(Write("record", kind, payload))

    def records_of(self, kind: str) -> list[dict[str, Any]]:
        return self._call(lambda p: p.records_of(kind), list)

    # -- health ----------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        """The store's state for /healthz. A store quiet for `PROBE_EVERY` s is pinged first
        (one caller at a time; the others get the last known state), so an outage shows
        here even without traffic."""
        primary = self._primary
        quiet = time.monotonic() - self._last_ok > PROBE_EVERY
        if primary is not None and not self.degraded and quiet and self._probe_lock.acquire(False):
            try:
                primary.ping()
                self._last_ok = time.monotonic()
            except self._errors as exc:
                self._fault(exc, primary)
            finally:
                self._probe_lock.release()
        down_since = self._down_since
        if down_since is None:
            return {"store": self.kind, "state": "ok"}
        return {
            "store": self.kind,
            "state": "degraded",
            "down_for_s": round(time.monotonic() - down_since, 1),
            "reason": self._reason,
        }

    def close(self) -> None:
        with self._lock:
            self._closed = True
            primary, self._primary = self._primary, None
        self._wake.set()
        if primary is not None:
            _close_quietly(primary)
        close_local = getattr(self.local, "close", None)
        if close_local is not None:
            close_local()

    def __repr__(self) -> str:
        return f"ResilientStore({self.kind!r}, {self._primary!r})"


def _copy(fresh: StateStore, keys: OrderedDict, contexts: OrderedDict) -> list[Any]:
    """Hold the dedupe keys and write the contexts left by an outage, for what is left of
    their time to live; the keys held."""
    now = time.monotonic()
    live = [(k, ttl - (now - t)) for k, (ttl, t) in keys.items() if ttl > now - t]
    if live:
        fresh.hold(live)
    for key, (value, ttl, t) in contexts.items():
        if value is None:
            fresh.clear_context(key)
        elif ttl > now - t:
            fresh.put_context(key, value, ttl - (now - t))
    return live


def _close_quietly(store: StateStore) -> None:
    try:
        store.close()
    except Exception as exc:  # closing a broken store: nothing more to lose
        log.debug("closing the state store failed: %s", describe(exc))
