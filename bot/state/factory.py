"""Pick the state store from the environment.

- ``REDIS_URL`` set: `RedisStore` (shared by every instance pointing at that Redis; key prefix
  from ``FRAMEWORK_BOT_REDIS_PREFIX``, default ``framework-bot:``; reply timeout
  ``FRAMEWORK_BOT_REDIS_TIMEOUT`` seconds, default 0.5).
- else ``FRAMEWORK_BOT_DB=":memory:"``: `MemoryStore` (one process, forgets on exit).
- else `SQLiteStore` at ``FRAMEWORK_BOT_DB``, by default
  ``~/.local/share/framework-bot/state.sqlite3``.

`open_store` is for commands (report, teach) and start-up checks: errors raise. `serve` uses
`open_serving_store`: the same store inside a `ResilientStore`, which never raises and answers
from in-process state while the store is unusable (bot/state/resilient.py).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from bot.state.base import StateStore
from bot.state.memory import MemoryStore

# seconds a write waits for another process's lock while serving (then: degraded), so that an
# acknowledgement stays well inside Slack's 3 s
SERVING_SQLITE_TIMEOUT = 1.0


def store_kind(env: Mapping[str, str] = os.environ) -> str:
    if (env.get("REDIS_URL") or "").strip():
        return "redis"
    if (env.get("FRAMEWORK_BOT_DB") or "").strip() == ":memory:":
        return "memory"
    return "sqlite"


def _redis_timeout(env: Mapping[str, str]) -> float:
    from bot.state.redis_store import DEFAULT_TIMEOUT

    try:
        value = float(env.get("FRAMEWORK_BOT_REDIS_TIMEOUT") or DEFAULT_TIMEOUT)
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


def open_store(env: Mapping[str, str] = os.environ, serving: bool = False) -> StateStore:
    """The store the environment names. `serving`: short SQLite lock waits, and a corrupt
    SQLite file is moved aside for a fresh one rather than failing every call."""
    kind = store_kind(env)
    if kind == "redis":
        from bot.state.redis_store import DEFAULT_PREFIX, RedisStore

        return RedisStore(
            (env.get("REDIS_URL") or "").strip(),
            prefix=env.get("FRAMEWORK_BOT_REDIS_PREFIX") or DEFAULT_PREFIX,
            socket_timeout=_redis_timeout(env),
        )
    if kind == "memory":
        return MemoryStore()
    from bot.state.sqlite import SQLiteStore, default_db_path

    if serving:
        return SQLiteStore(
            default_db_path(env), timeout=SERVING_SQLITE_TIMEOUT, recover_corrupt=True
        )
    return SQLiteStore(default_db_path(env))


def open_serving_store(env: Mapping[str, str] = os.environ) -> StateStore:
    """The store for `serve`: never raises; degraded (in-process state) while unusable."""
    kind = store_kind(env)
    if kind == "memory":
        return MemoryStore()
    from bot.state.hostlocal import ENV, HostState
    from bot.state.local import LocalState
    from bot.state.resilient import ResilientStore

    env = dict(env)
    shared_window = (env.get(ENV) or "").strip()
    local = HostState(shared_window) if shared_window else LocalState()
    return ResilientStore(lambda: open_store(env, serving=True), kind, local=local)


def check_store(env: Mapping[str, str] = os.environ) -> None:
    """Open the store and make one round trip (a Redis PING, an SQLite write); raises."""
    store = open_store(env)
    try:
        store.ping()
    finally:
        store.close()
