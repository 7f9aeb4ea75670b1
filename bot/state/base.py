"""The state-store interface shared by the memory, SQLite and Redis stores.

Privacy: curation records (``record(kind, payload)``) are for reports that curators read, so a
payload must never carry who asked. Callers must not put user ids (or names) in a payload; as a
safety net every store drops keys named ``user``, ``user_id``, ``userid``, ``username`` and
``user_name`` (at any depth) before storing, see `clean_payload`. Context and dedupe keys may be
built from channel and thread ids, but keep user ids out of them too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

PRIVATE_KEYS = frozenset({"user", "user_id", "userid", "username", "user_name"})


def clean_payload(value: Any) -> Any:
    """A copy of `value` without keys naming a user, at any depth (dicts inside lists too)."""
    if isinstance(value, dict):
        return {
            k: clean_payload(v)
            for k, v in value.items()
            if not (isinstance(k, str) and k.lower() in PRIVATE_KEYS)
        }
    if isinstance(value, list | tuple):
        return [clean_payload(v) for v in value]
    return value


class StateStore(Protocol):
    """Thread context, dedupe keys and curation records. Every key expires.

    - ``get_context``/``put_context``/``clear_context``: a JSON-able dict per conversation,
      forgotten `ttl` seconds after it was last written.
    - ``first_time(key, ttl)``: True for exactly one caller per key within `ttl` seconds, even
      under concurrent callers (and, for shared stores, across processes and hosts).
    - ``first_time_many(keys, ttl)``: claims the keys in order, in one round trip, and stops at
      the first key already seen: True for each key claimed, then False for that key and every
      key after it (those are left unclaimed). Two callers racing with [a, b] and [a, c] never
      both fail on different keys: whoever loses `a` claims nothing.
    - ``record(kind, payload)``: append a curation record (kind "answered", "fallback",
      "feedback", ...). The payload must be JSON-able and must not contain user ids.
    - ``records_of(kind)``: oldest first, each ``{"kind": kind, "time": epoch seconds, **payload}``.
    - ``hold(items)``: claim each ``(key, ttl)`` where it is free, ignoring the ones held (no
      order, no answer): dedupe keys taken while the store was down, copied back.
    - ``ping()``: raise when the store cannot be used (a cheap round trip; SQLite: a write).
    """

    def get_context(self, key: str) -> dict[str, Any] | None: ...

    def put_context(self, key: str, value: dict[str, Any], ttl: float) -> None: ...

    def clear_context(self, key: str) -> None: ...

    def first_time(self, key: str, ttl: float) -> bool: ...

    def first_time_many(self, keys: Sequence[str], ttl: float) -> list[bool]: ...

    def hold(self, items: Sequence[tuple[str, float]]) -> None: ...

    def record(self, kind: str, payload: dict[str, Any]) -> None: ...

    def records_of(self, kind: str) -> list[dict[str, Any]]: ...

    def ping(self) -> None: ...

    def close(self) -> None: ...


class DedupeWindow(Protocol):
    """The bounded window every dedupe claim passes first (`LocalState` in a process,
    `HostState` shared by an instance's workers), which also keeps context through an outage."""

    def claim(self, keys: Sequence[str], ttl: float) -> list[bool]: ...

    def get_context(self, key: str) -> dict[str, Any] | None: ...

    def put_context(self, key: str, value: dict[str, Any], ttl: float) -> None: ...

    def clear_context(self, key: str) -> None: ...
