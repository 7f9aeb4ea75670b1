"""Embedded state in one SQLite file: thread context, dedupe keys and curation records.

The default store. The file survives restarts and may be shared by several processes on one
host (WAL mode, a busy timeout, and single-statement atomic writes); for several hosts use Redis.

- Path: the `path` argument, else ``$FRAMEWORK_BOT_DB``, else
  ``$XDG_DATA_HOME/framework-bot/state.sqlite3`` (``~/.local/share/...``). Parent directories
  are created.
- Thread safety: writes go through one connection per store behind a lock (threads hand it
  over in Python; SQLite's own busy handler, for writers in other processes, sleeps between
  attempts); reads use a pool of connections and never wait for a write (WAL). The Slack app
  acknowledges on request threads and answers on a pool, so an acknowledgement's dedupe check
  waits only for other writes. ``:memory:`` uses the one connection for everything.
- Expiry: every row stores ``expires_at`` (wall-clock epoch seconds, so it means the same after
  a restart); expired rows are ignored on read and purged every `purge_every` writes.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from bot.state.base import clean_payload

SCHEMA_VERSION = 1
DEFAULT_MAX_RECORDS = 100_000  # per kind, like the Redis store

_SCHEMA = """
CREATE TABLE IF NOT EXISTS context (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS seen (
    key TEXT PRIMARY KEY,
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    time REAL NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_kind ON records (kind, id);
CREATE INDEX IF NOT EXISTS context_expiry ON context (expires_at);
CREATE INDEX IF NOT EXISTS seen_expiry ON seen (expires_at);
"""


def default_db_path(env: Mapping[str, str] | None = None) -> Path:
    """``$FRAMEWORK_BOT_DB``, else the user's data directory."""
    env = os.environ if env is None else env
    if env.get("FRAMEWORK_BOT_DB"):
        return Path(env["FRAMEWORK_BOT_DB"]).expanduser()
    data_home = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "framework-bot" / "state.sqlite3"


class SQLiteStore:
    """Same interface as MemoryStore and RedisStore, kept in one SQLite file."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        clock: Callable[[], float] = time.time,
        purge_every: int = 1000,
        max_records: int = DEFAULT_MAX_RECORDS,
        timeout: float = 30.0,
    ) -> None:
        self.path = Path(path).expanduser() if path is not None else default_db_path()
        memory = str(path) == ":memory:"
        if not memory:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._clock = clock
        self._purge_every = max(1, purge_every)
        self._max_records = max_records
        self._writes = 0
        self._lock = threading.Lock()  # the pool's list
        self._write_lock = threading.Lock()
        self._memory = memory
        self._timeout = timeout
        self._idle: list[sqlite3.Connection] = []
        self._closed = False
        # Writes: one connection per process, behind a lock, so that this process's threads
        # queue in Python (a quick hand-over) rather than in SQLite, whose busy handler sleeps
        # 1, 2, 5, 10 ... ms between attempts. Reads: a pool of connections, so that they never
        # wait for a write (WAL). ":memory:": the one connection for both (each connection
        # would be a database of its own).
        self._writer = self._connect()
        with self._use(write=True) as db:
            if not memory:
                db.execute("PRAGMA journal_mode = WAL")
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self.purge()

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: autocommit; every statement below is its own transaction.
        db = sqlite3.connect(
            ":memory:" if self._memory else str(self.path),
            timeout=self._timeout,
            isolation_level=None,
            check_same_thread=False,
        )
        db.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")
        db.execute("PRAGMA synchronous = NORMAL")
        return db

    @contextlib.contextmanager
    def _use(self, write: bool) -> Iterator[sqlite3.Connection]:
        """The writer under its lock, or an idle pooled reader (":memory:": the writer)."""
        if write or self._memory:
            with self._write_lock:
                yield self._writer
            return
        with self._lock:
            db = self._idle.pop() if self._idle else None
        if db is None:
            db = self._connect()
        try:
            yield db
        finally:
            with self._lock:
                keep = not self._closed
                if keep:
                    self._idle.append(db)
            if not keep:
                db.close()

    # -- context ------------------------------------------------------------------------------

    def get_context(self, key: str) -> dict[str, Any] | None:
        with self._use(write=False) as db:
            row = db.execute(
                "SELECT value FROM context WHERE key = ? AND expires_at > ?",
                (key, self._clock()),
            ).fetchone()
        return json.loads(row[0]) if row else None

    def put_context(self, key: str, value: dict[str, Any], ttl: float) -> None:
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        with self._use(write=True) as db:
            db.execute(
                "INSERT INTO context (key, value, expires_at) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                "expires_at = excluded.expires_at",
                (key, data, self._clock() + ttl),
            )
        self._wrote()

    def clear_context(self, key: str) -> None:
        with self._use(write=True) as db:
            db.execute("DELETE FROM context WHERE key = ?", (key,))

    # -- dedupe -------------------------------------------------------------------------------

    def first_time(self, key: str, ttl: float) -> bool:
        """True the first time `key` is seen within `ttl` seconds.

        One statement: insert the key, or take over an expired row; a live row is left alone
        and nothing changes. SQLite runs it under its write lock, so it is atomic across the
        threads of this process and across processes sharing the file.
        """
        return self.first_time_many([key], ttl)[0]

    def first_time_many(self, keys: Sequence[str], ttl: float) -> list[bool]:
        """`first_time` for each key in order, stopping at the first key already seen."""
        now = self._clock()
        fresh = [False] * len(keys)
        with self._use(write=True) as db:
            for i, key in enumerate(keys):
                cursor = db.execute(
                    "INSERT INTO seen (key, expires_at) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at "
                    "WHERE seen.expires_at <= ?",
                    (key, now + ttl, now),
                )
                if cursor.rowcount != 1:
                    break
                fresh[i] = True
        self._wrote()
        return fresh

    # -- curation records ---------------------------------------------------------------------

    def record(self, kind: str, payload: dict[str, Any]) -> None:
        payload = clean_payload(payload)
        when = payload.get("time")
        if not isinstance(when, int | float) or isinstance(when, bool):
            when = time.time()
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
        with self._use(write=True) as db:
            db.execute(
                "INSERT INTO records (kind, time, payload) VALUES (?, ?, ?)",
                (kind, float(when), data),
            )
        self._wrote()

    def records_of(self, kind: str) -> list[dict[str, Any]]:
        with self._use(write=False) as db:
            rows = db.execute(
                "SELECT time, payload FROM records WHERE kind = ? ORDER BY id", (kind,)
            ).fetchall()
        return [{"kind": kind, "time": when, **json.loads(data)} for when, data in rows]

    # -- housekeeping -------------------------------------------------------------------------

    def _wrote(self) -> None:
        self._writes += 1  # a lost increment under a race only delays the purge a little
        if self._writes % self._purge_every == 0:
            self.purge()

    def purge(self) -> None:
        """Delete expired context and dedupe rows; keep the newest `max_records` per kind."""
        now = self._clock()
        with self._use(write=True) as db:
            db.execute("DELETE FROM context WHERE expires_at <= ?", (now,))
            db.execute("DELETE FROM seen WHERE expires_at <= ?", (now,))
            kinds = [row[0] for row in db.execute("SELECT DISTINCT kind FROM records")]
            for kind in kinds:
                db.execute(
                    "DELETE FROM records WHERE kind = ? AND id <= ("
                    "SELECT id FROM records WHERE kind = ? ORDER BY id DESC LIMIT 1 OFFSET ?)",
                    (kind, kind, self._max_records),
                )

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        with self._write_lock:
            for db in [*idle, self._writer]:
                db.close()

    def __repr__(self) -> str:
        return f"SQLiteStore({str(self.path)!r})"
