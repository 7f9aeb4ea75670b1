"""Pick the state store from the environment.

- ``REDIS_URL`` set: `RedisStore` (shared by every instance pointing at that Redis; key prefix
  from ``FRAMEWORK_BOT_REDIS_PREFIX``, default ``framework-bot:``).
- else ``FRAMEWORK_BOT_DB=":memory:"``: `MemoryStore` (one process, forgets on exit).
- else `SQLiteStore` at ``FRAMEWORK_BOT_DB``, by default
  ``~/.local/share/framework-bot/state.sqlite3``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from bot.state.base import StateStore
from bot.state.memory import MemoryStore


def open_store(env: Mapping[str, str] = os.environ) -> StateStore:
    url = (env.get("REDIS_URL") or "").strip()
    if url:
        from bot.state.redis_store import DEFAULT_PREFIX, RedisStore

        return RedisStore(url, prefix=env.get("FRAMEWORK_BOT_REDIS_PREFIX") or DEFAULT_PREFIX)
    if (env.get("FRAMEWORK_BOT_DB") or "").strip() == ":memory:":
        return MemoryStore()
    from bot.state.sqlite import SQLiteStore, default_db_path

    return SQLiteStore(default_db_path(env))
