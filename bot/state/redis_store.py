"""Shared state in Redis, for several bot instances behind a load balancer.

Same interface as MemoryStore and SQLiteStore. Every key lives under a prefix (default
``framework-bot:``) so that several bots can share one Redis:

- ``{prefix}ctx:{key}``: the conversation's context as JSON, with an expiry (``SET ... PX``).
- ``{prefix}seen:{key}``: a dedupe key, ``SET ... NX PX`` — atomic in Redis, so exactly one
  instance wins a key however many race for it (several keys: one Lua script, in order).
- ``{prefix}records:{kind}``: a capped list of JSON records, newest first (``LPUSH`` +
  ``LTRIM`` in one MULTI), keeping the newest `max_records`.

Round trips: a delivery's claim also fetches the contexts its answer will read
(`claim_and_fetch`), and an answer's writes go in one pipeline (`write_many`), so an answered
mention costs two round trips, one of them before the acknowledgement (bot/state/batch.py).

The client is redis-py's, which is thread-safe (a connection pool) and reconnects by itself.
Its timeouts are short (`DEFAULT_TIMEOUT`, ``FRAMEWORK_BOT_REDIS_TIMEOUT``): a dedupe claim runs
before Slack's 3-second acknowledgement deadline, and a hung Redis must cost an acknowledgement
half a second, not five (`ResilientStore` then answers from in-process state).

Run Redis with persistence (``appendonly yes``, or an equivalent managed setting): a Redis
restarted without it has forgotten the dedupe keys, and retries reaching another instance are
answered again (docs/reliability.md).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import redis

from bot.state.base import clean_payload
from bot.state.batch import Write

DEFAULT_PREFIX = "framework-bot:"
DEFAULT_MAX_RECORDS = 100_000
DEFAULT_TIMEOUT = 0.5  # seconds, to connect and for each reply


def redact_url(url: str) -> str:
    """The URL without its password, for logs and error messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


# Claim the first N KEYS in order (SET NX PX with a token per key), stopping at the first key
# held by someone else; reply {claimed} then, or, when all N were claimed, {N, GET of each
# further KEY} (nil for a missing one): the contexts the delivery's answer will read, in the
# same round trip. A key already holding our token counts as ours: a client that lost the reply
# and ran the script again must not lose its own claims. ARGV: N tokens, N, the TTL in ms.
_CLAIM = """
local n = tonumber(ARGV[#ARGV - 1])
local ttl = ARGV[#ARGV]
for i = 1, n do
  if not redis.call('SET', KEYS[i], ARGV[i], 'NX', 'PX', ttl) then
    if redis.call('GET', KEYS[i]) ~= ARGV[i] then
      return {i - 1}
    end
  end
end
local reply = {n}
for i = n + 1, #KEYS do
  reply[i - n + 1] = redis.call('GET', KEYS[i])
end
return reply
"""


def _millis(ttl: float) -> int:
    return max(1, round(ttl * 1000))


class RedisStore:
    def __init__(
        self,
        url: str = "redis://localhost:6379/0",
        prefix: str = DEFAULT_PREFIX,
        max_records: int = DEFAULT_MAX_RECORDS,
        client: redis.Redis | None = None,
        socket_timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.url = url
        self.prefix = prefix
        self.max_records = max_records
        self._redis: redis.Redis = client or redis.Redis.from_url(
            url,
            decode_responses=True,
            socket_timeout=socket_timeout,
            socket_connect_timeout=socket_timeout,
            health_check_interval=30,
        )

    @property
    def _claim(self):
        script = getattr(self, "_claim_script", None)
        if script is None:
            script = self._claim_script = self._redis.register_script(_CLAIM)
        return script

    def _key(self, space: str, key: str) -> str:
        return f"{self.prefix}{space}:{key}"

    # -- context ------------------------------------------------------------------------------

    def get_context(self, key: str) -> dict[str, Any] | None:
        data = self._redis.get(self._key("ctx", key))
        return json.loads(data) if data else None

    def put_context(self, key: str, value: dict[str, Any], ttl: float) -> None:
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        self._redis.set(self._key("ctx", key), data, px=_millis(ttl))

    def clear_context(self, key: str) -> None:
        self._redis.delete(self._key("ctx", key))

    # -- dedupe -------------------------------------------------------------------------------

    def first_time(self, key: str, ttl: float) -> bool:
        """True the first time `key` is seen within `ttl` seconds, across all instances.

        The value is a token unique to this call: if the reply to our SET was lost and the
        client retried it, the retry finds our own token and still answers True (a lost reply
        must not turn the one answer into none).
        """
        return self.first_time_many([key], ttl)[0]

    def first_time_many(self, keys: Sequence[str], ttl: float) -> list[bool]:
        """`first_time` for each key in order, stopping at the first key already seen, in one
        round trip (a Lua script, which Redis runs atomically)."""
        return self.claim_and_fetch(keys, ttl, ())[0]

    def claim_and_fetch(
        self, keys: Sequence[str], ttl: float, fetch: Sequence[str]
    ) -> tuple[list[bool], dict[str, dict[str, Any] | None]]:
        """`first_time_many(keys, ttl)` and, when every key was claimed, the contexts `fetch`
        names (None where there is none), in the same round trip (one Lua script). A
        duplicate fetches nothing; a context that is not JSON is left out (read it later)."""
        if not keys:
            return [], {}
        names = [self._key("seen", key) for key in keys]
        tokens = [uuid.uuid4().hex for _ in keys]
        reply = self._claim(
            keys=[*names, *(self._key("ctx", key) for key in fetch)],
            args=[*tokens, len(keys), _millis(ttl)],
        )
        claimed = int(reply[0])
        fetched: dict[str, dict[str, Any] | None] = {}
        if claimed == len(keys):
            for key, data in zip(fetch, reply[1:], strict=False):
                try:
                    fetched[key] = json.loads(data) if data else None
                except ValueError:
                    continue
        return [i < claimed for i in range(len(keys))], fetched

    def hold(self, items: Sequence[tuple[str, float]]) -> None:
        """SET NX PX each key (a pipeline, one round trip); held keys are left alone."""
        if not items:
            return
        with self._redis.pipeline(transaction=False) as pipe:
            for key, ttl in items:
                pipe.set(self._key("seen", key), "held", nx=True, px=_millis(ttl))
            pipe.execute()

    # -- curation records ---------------------------------------------------------------------

    def record(self, kind: str, payload: dict[str, Any]) -> None:
        with self._redis.pipeline(transaction=True) as pipe:
            self._push_record(pipe, kind, payload)
            pipe.execute()

    def _push_record(self, pipe: Any, kind: str, payload: dict[str, Any]) -> None:
        item = {"time": time.time(), **clean_payload(payload)}
        data = json.dumps(item, ensure_ascii=False, separators=(",", ":"), default=str)
        key = self._key("records", kind)
        pipe.lpush(key, data)
        pipe.ltrim(key, 0, self.max_records - 1)

    def write_many(self, writes: Sequence[Write]) -> None:
        """Contexts, clears and curation records in order, in one round trip (a pipeline, not
        a transaction: each write stands alone, as when they were sent one by one)."""
        if not writes:
            return
        with self._redis.pipeline(transaction=False) as pipe:
            for write in writes:
                if write.op == "put":
                    data = json.dumps(write.value, ensure_ascii=False, separators=(",", ":"))
                    pipe.set(self._key("ctx", write.key), data, px=_millis(write.ttl))
                elif write.op == "clear":
                    pipe.delete(self._key("ctx", write.key))
                else:
                    self._push_record(pipe, write.key, write.value)
            pipe.execute()

    def records_of(self, kind: str) -> list[dict[str, Any]]:
        items = self._redis.lrange(self._key("records", kind), 0, -1)
        return [{"kind": kind, **json.loads(data)} for data in reversed(items)]

    # -- housekeeping -------------------------------------------------------------------------

    def ping(self) -> None:
        if not self._redis.ping():
            raise redis.ConnectionError("Redis did not answer PING")

    def close(self) -> None:
        self._redis.close()

    def __repr__(self) -> str:
        return f"RedisStore({redact_url(self.url)!r}, prefix={self.prefix!r})"
