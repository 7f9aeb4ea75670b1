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
- Faults: every call first checks that the path still names the file this store opened, and
  raises `StateFileReplaced` if it was deleted or replaced (new connections would open an empty
  file, split from the writer's unlinked one). With `recover_corrupt`, a file that is not a
  database is moved aside (``….corrupt-<time>``) and a fresh one started. `ResilientStore`
  turns both into a re-open (bot/state/resilient.py).
- Expiry: every row stores ``expires_at`` (wall-clock epoch seconds, so it means the same after
  a restart); expired rows are ignored on read and purged every `purge_every` writes.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from bot.state.base import clean_payload

log = logging.getLogger("framework_bot.state")

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


class StateFileReplaced(sqlite3.OperationalError):
    """The state file was deleted or replaced while this store had it open."""


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


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
        recover_corrupt: bool = False,
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
        self._identity: tuple[int, int] | None = None
        # Writes: one connection per process, behind a lock, so that this process's threads
        # queue in Python (a quick hand-over) rather than in SQLite, whose busy handler sleeps
        # 1, 2, 5, 10 ... ms between attempts. Reads: a pool of connections, so that they never
        # wait for a write (WAL). ":memory:": the one connection for both (each connection
        # would be a database of its own).
        try:
            self._set_up()
        except sqlite3.DatabaseError as exc:
            if not (recover_corrupt and _is_corrupt(exc)):
                raise
            self._move_aside(exc)
            self._set_up()

    def _set_up(self) -> None:
        """Open the writer and create the tables (the writer is closed again on failure)."""
        if not self._memory:  # the file as found, for `_move_aside` should opening fail
            with contextlib.suppress(FileNotFoundError):
                self._identity = self._file_identity()
        self._writer = self._connect()
        try:
            self._create_tables()
        except BaseException:
            self._writer.close()
            raise

    def _create_tables(self) -> None:
        if not self._memory:
            self._identity = self._file_identity()
        with self._use(write=True) as db:
            if not self._memory:
                db.execute("PRAGMA journal_mode = WAL")
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self.purge()

    def _file_identity(self) -> tuple[int, int]:
        info = os.stat(self.path)
        return info.st_dev, info.st_ino

    def _check_file(self) -> None:
        """Raise `StateFileReplaced` when the path no longer names the file opened."""
        if self._identity is None:
            return
        try:
            same = self._file_identity() == self._identity
        except FileNotFoundError:
            same = False
        if not same:
            raise StateFileReplaced(f"the state file {self.path} was deleted or replaced")

    def _move_aside(self, exc: sqlite3.DatabaseError) -> None:
        """Rename a corrupt state file (and its -wal, -shm) so that a fresh one can start, under
        a lock and only if no other process already did, so that workers cannot move each
        other's fresh files."""
        with open(f"{self.path}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if self._identity is not None and self._file_identity() != self._identity:
                    return  # another process moved it and started a fresh one
            except FileNotFoundError:
                return
            aside = f"{self.path}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.replace(f"{self.path}{suffix}", f"{aside}{suffix}")
        log.error(
            "the state file %s is corrupt (%s): moved it to %s and started a fresh one",
            self.path,
            exc,
            aside,
        )

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: autocommit; every statement below is its own transaction.
        db = sqlite3.connect(
            ":memory:" if self._memory else str(self.path),
            timeout=self._timeout,
            isolation_level=None,
            check_same_thread=False,
        )
        try:
            db.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")
            db.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            db.close()
            raise
        return db

    @contextlib.contextmanager
    def _use(self, write: bool) -> Iterator[sqlite3.Connection]:
        """The writer under its lock, or an idle pooled reader (":memory:": the writer)."""
        self._check_file()
        if write or self._memory:
            # bounded like SQLite's own wait: threads queued behind a writer that waits for
            # another process's lock must not wait one after the other
            if not self._write_lock.acquire(timeout=self._timeout):
                raise sqlite3.OperationalError("database is locked (this process's writer waits)")
            try:
                yield self._writer
            finally:
                self._write_lock.release()
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

    def hold(self, items: Sequence[tuple[str, float]]) -> None:
        """Claim each free key (new or expired) for its ttl; held keys are left alone."""
        now = self._clock()
        with self._use(write=True) as db:
            db.executemany(
                "INSERT INTO seen (key, expires_at) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at "
                "WHERE seen.expires_at <= ?",
                [(key, now + ttl, now) for key, ttl in items],
            )

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

    def ping(self) -> None:
        """A write, so that a full disk or a read-only file shows, not only a lost file."""
        with self._use(write=True) as db:
            db.execute(
                "INSERT INTO seen (key, expires_at) VALUES ('framework-bot:ping', 0) "
                "ON CONFLICT (key) DO UPDATE SET expires_at = 0"
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
