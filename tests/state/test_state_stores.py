"""One behaviour suite for every state store (memory, SQLite, Redis), plus each store's own extras.

Redis runs against a real redis-server (see conftest.py). Memory and SQLite take an injected
clock, so their expiry tests do not sleep; Redis expiry is real, with short TTLs.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot.state.factory import open_serving_store, open_store
from bot.state.local import LocalState
from bot.state.memory import MemoryStore
from bot.state.redis_store import RedisStore, redact_url
from bot.state.resilient import ResilientStore
from bot.state.sqlite import SQLiteStore, default_db_path


class FakeClock:
    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@dataclass
class Harness:
    """Makes stores of one kind that share their data (where the kind can), and moves time."""

    name: str
    make: Callable[[], Any]
    advance: Callable[[float], None]
    ttl: float  # a "short" TTL: fake-clock stores use 1 s; Redis a real 0.3 s
    opened: list[Any] = field(default_factory=list)

    def open(self):
        store = self.make()
        self.opened.append(store)
        return store


@pytest.fixture(params=["memory", "sqlite", "redis", "resilient"])
def harness(request, tmp_path):
    if request.param == "resilient":  # serve's wrapper over SQLite, each with its own window
        clock = FakeClock()
        path = tmp_path / "state" / "bot.sqlite3"

        def make():
            local = LocalState(clock=clock)
            return ResilientStore(lambda: SQLiteStore(path, clock=clock), "sqlite", local=local)

        h = Harness("resilient", make, _advance(clock), 1.0)
    elif request.param == "memory":
        clock = FakeClock()
        memory = MemoryStore(clock=clock)
        h = Harness("memory", lambda: memory, _advance(clock), 1.0)
    elif request.param == "sqlite":
        clock = FakeClock()
        path = tmp_path / "state" / "bot.sqlite3"
        h = Harness("sqlite", lambda: SQLiteStore(path, clock=clock), _advance(clock), 1.0)
    else:
        url = request.getfixturevalue("redis_url")
        h = Harness("redis", lambda: RedisStore(url), time.sleep, 0.3)
    yield h
    for store in h.opened:
        store.close()


def _advance(clock: FakeClock) -> Callable[[float], None]:
    def advance(seconds: float) -> None:
        clock.now += seconds

    return advance


# -- the shared behaviour -----------------------------------------------------------------------


def test_context_round_trip(harness):
    store = harness.open()
    assert store.get_context("thread:C1:1.0") is None
    value = {"entities": ["flask", "django"], "intent": "compare"}
    store.put_context("thread:C1:1.0", value, 60)
    got = store.get_context("thread:C1:1.0")
    assert got == value
    got["entities"].append("bottle")  # the caller's copy, not the store's
    assert store.get_context("thread:C1:1.0") == value
    store.put_context("thread:C1:1.0", {"entities": ["bottle"], "intent": "features"}, 60)
    assert store.get_context("thread:C1:1.0") == {"entities": ["bottle"], "intent": "features"}
    assert store.get_context("thread:C1:2.0") is None
    store.clear_context("thread:C1:1.0")
    assert store.get_context("thread:C1:1.0") is None
    store.clear_context("never-set")  # no error


def test_context_and_dedupe_keys_expire(harness):
    store, t = harness.open(), harness.ttl
    store.put_context("a", {"entities": ["flask"]}, t)
    store.put_context("b", {"entities": ["django"]}, t)
    assert store.first_time("event:Ev1", t) is True
    harness.advance(0.6 * t)
    store.put_context("a", {"entities": ["flask"]}, t)  # writing again restarts the clock
    assert store.get_context("b") == {"entities": ["django"]}
    assert store.first_time("event:Ev1", t) is False
    harness.advance(0.6 * t)
    assert store.get_context("b") is None
    assert store.get_context("a") == {"entities": ["flask"]}
    assert store.first_time("event:Ev1", t) is True  # expired, so new again
    assert store.first_time("event:Ev1", t) is False


def test_first_time_and_context_keys_are_separate(harness):
    store = harness.open()
    assert store.first_time("x", 60) is True
    assert store.first_time("y", 60) is True
    assert store.get_context("x") is None
    store.put_context("z", {"intent": "greet"}, 60)
    assert store.first_time("z", 60) is True


def test_first_time_many_claims_in_order_and_stops_at_a_taken_key(harness):
    store = harness.open()
    assert store.first_time_many(["event:Ev9", "msg:C1:1.0"], 60) == [True, True]
    assert store.first_time_many(["event:Ev10", "msg:C1:1.0"], 60) == [True, False]
    assert store.first_time("event:Ev10", 60) is False
    # the first key is taken: nothing after it is claimed
    assert store.first_time_many(["event:Ev9", "msg:C1:2.0"], 60) == [False, False]
    assert store.first_time("msg:C1:2.0", 60) is True
    assert store.first_time_many([], 60) == []


@pytest.mark.parametrize("harness", ["sqlite", "redis"], indirect=True)
def test_a_delivery_its_retry_and_its_twin_racing_give_exactly_one_winner(harness):
    """Original [event, msg], retry [event, msg], twin [event2, msg] at once from separate
    store instances (as from separate workers): exactly one claims both keys, every time."""
    stores = [harness.open() for _ in range(3)]
    for round_no in range(30):
        event, twin, msg = f"event:E{round_no}", f"event:T{round_no}", f"msg:C1:{round_no}.0"
        claims = [[event, msg], [event, msg], [twin, msg]]
        calls = [
            lambda s=s, k=k: all(s.first_time_many(k, 60))
            for s, k in zip(stores, claims, strict=True)
        ]
        results = _race(calls)
        assert sorted(results) == [False, False, True], round_no


def _race(calls: list[Callable[[], bool]]) -> list[bool]:
    barrier = threading.Barrier(len(calls))
    results: list[bool] = []
    lock = threading.Lock()

    def run(call):
        barrier.wait()
        result = call()
        with lock:
            results.append(result)

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return results


def test_first_time_is_atomic_under_8_threads(harness):
    store = harness.open()
    for round_no in range(20):
        key = f"event:Ev{round_no}"
        results = _race([lambda k=key: store.first_time(k, 60)] * 8)
        assert sorted(results) == [False] * 7 + [True], key


@pytest.mark.parametrize("harness", ["sqlite", "redis"], indirect=True)
def test_first_time_is_atomic_across_instances(harness):
    """Separate instances (separate connections, as in separate processes) on one store."""
    stores = [harness.open() for _ in range(8)]
    for round_no in range(10):
        key = f"msg:C1:{round_no}.000100"
        results = _race([lambda s=s, k=key: s.first_time(k, 60) for s in stores])
        assert sorted(results) == [False] * 7 + [True], key


def test_records_keep_kind_time_and_payload_oldest_first(harness):
    store = harness.open()
    before = time.time()
    store.record("fallback", {"text": "what's the weather", "surface": "channel", "score": 0.2})
    store.record("feedback", {"question": "what is flask", "vote": -1, "surface": "dm"})
    store.record("fallback", {"text": "tell me a joke", "surface": "dm", "intent": "fallback"})
    fallbacks = store.records_of("fallback")
    assert [r["text"] for r in fallbacks] == ["what's the weather", "tell me a joke"]
    assert all(r["kind"] == "fallback" for r in fallbacks)
    assert all(before - 1 <= r["time"] <= time.time() + 1 for r in fallbacks)
    assert fallbacks[0]["score"] == 0.2 and fallbacks[0]["surface"] == "channel"
    assert store.records_of("feedback")[0]["vote"] == -1
    assert store.records_of("answered") == []


def test_records_drop_user_ids(harness):
    store = harness.open()
    store.record(
        "feedback",
        {
            "question": "what is flask",
            "vote": 1,
            "user": "U0123ABCD",
            "user_id": "U0123ABCD",
            "USER_ID": "U0123ABCD",
            "meta": {"user": "U0123ABCD", "team": "T1"},
        },
    )
    (rec,) = store.records_of("feedback")
    assert "U0123ABCD" not in repr(rec)
    assert rec["meta"] == {"team": "T1"} and rec["question"] == "what is flask"


# -- SQLite ----------------------------------------------------------------------------------


def test_sqlite_survives_reopening(tmp_path):
    clock = FakeClock()
    path = tmp_path / "deep" / "dir" / "state.sqlite3"
    store = SQLiteStore(path, clock=clock)
    store.put_context("thread", {"entities": ["flask"]}, 60)
    store.put_context("short", {"entities": ["bottle"]}, 1)
    assert store.first_time("event:Ev1", 60)
    store.record("fallback", {"text": "hello there"})
    store.close()
    assert path.is_file()

    clock.now += 2
    again = SQLiteStore(path, clock=clock)
    try:
        assert again.get_context("thread") == {"entities": ["flask"]}
        assert again.get_context("short") is None
        assert again.first_time("event:Ev1", 60) is False
        assert [r["text"] for r in again.records_of("fallback")] == ["hello there"]
    finally:
        again.close()


def test_sqlite_uses_wal_and_purges(tmp_path):
    clock = FakeClock()
    path = tmp_path / "state.sqlite3"
    store = SQLiteStore(path, clock=clock, purge_every=10, max_records=3)
    try:
        for n in range(5):
            store.put_context(f"c{n}", {"n": n}, 1)
            store.first_time(f"e{n}", 1)
        for n in range(5):
            store.record("fallback", {"text": f"q{n}"})  # the 10th write purges
        clock.now += 5
        store.purge()
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert db.execute("SELECT COUNT(*) FROM context").fetchone()[0] == 0
            assert db.execute("SELECT COUNT(*) FROM seen").fetchone()[0] == 0
        assert [r["text"] for r in store.records_of("fallback")] == ["q2", "q3", "q4"]
    finally:
        store.close()


def test_sqlite_default_path_from_env(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    assert default_db_path(env) == tmp_path / "data" / "framework-bot" / "state.sqlite3"
    assert default_db_path({"FRAMEWORK_BOT_DB": str(tmp_path / "x.db")}) == tmp_path / "x.db"
    assert default_db_path({}).parts[-4:] == (".local", "share", "framework-bot", "state.sqlite3")


# -- Redis -----------------------------------------------------------------------------------


def test_two_redis_instances_share_dedupe_and_context(redis_url):
    a, b = RedisStore(redis_url), RedisStore(redis_url)
    try:
        assert a.first_time("event:Ev42", 60) is True
        assert b.first_time("event:Ev42", 60) is False  # a retry reaching instance B
        a.put_context(
            "thread:C1:1700000000.0001", {"entities": ["flask"], "intent": "features"}, 60
        )
        assert b.get_context("thread:C1:1700000000.0001") == {
            "entities": ["flask"],
            "intent": "features",
        }
        b.record("fallback", {"text": "from b"})
        a.record("fallback", {"text": "from a"})
        assert [r["text"] for r in a.records_of("fallback")] == ["from b", "from a"]
        b.clear_context("thread:C1:1700000000.0001")
        assert a.get_context("thread:C1:1700000000.0001") is None
    finally:
        a.close()
        b.close()


def test_redis_prefix_isolates_bots_and_keys_expire(redis_url):
    import redis

    one, two = RedisStore(redis_url), RedisStore(redis_url, prefix="other-bot:")
    raw = redis.Redis.from_url(redis_url, decode_responses=True)
    try:
        assert one.first_time("event:1", 60) and two.first_time("event:1", 60)
        one.put_context("t", {"intent": "greet"}, 30)
        assert two.get_context("t") is None
        keys = set(raw.keys("*"))
        assert keys == {
            "framework-bot:seen:event:1",
            "other-bot:seen:event:1",
            "framework-bot:ctx:t",
        }
        assert all(0 < raw.pttl(k) <= 60_000 for k in keys)
    finally:
        one.close()
        two.close()
        raw.close()


def test_redis_records_are_capped(redis_url):
    store = RedisStore(redis_url, max_records=3)
    try:
        for n in range(5):
            store.record("feedback", {"question": f"q{n}", "vote": 1})
        assert [r["question"] for r in store.records_of("feedback")] == ["q2", "q3", "q4"]
    finally:
        store.close()


def test_redis_url_password_is_never_shown():
    store = RedisStore("redis://:s3cret-token@127.0.0.1:1/0")
    assert "s3cret-token" not in repr(store)
    assert redact_url("redis://bot:pw@h:6379/2") == "redis://bot:***@h:6379/2"
    store.close()


# -- the factory ----------------------------------------------------------------------------


def test_open_store_picks_by_environment(tmp_path):
    redis_store = open_store({"REDIS_URL": "redis://127.0.0.1:1/0", "FRAMEWORK_BOT_DB": "x"})
    assert isinstance(redis_store, RedisStore) and redis_store.prefix == "framework-bot:"
    redis_store.close()
    prefixed = open_store({"REDIS_URL": "redis://h/0", "FRAMEWORK_BOT_REDIS_PREFIX": "b2:"})
    assert prefixed.prefix == "b2:"
    prefixed.close()
    assert isinstance(open_store({"FRAMEWORK_BOT_DB": ":memory:"}), MemoryStore)

    path = tmp_path / "new" / "state.sqlite3"
    sqlite_store = open_store({"FRAMEWORK_BOT_DB": str(path)})
    assert isinstance(sqlite_store, SQLiteStore) and Path(sqlite_store.path) == path
    assert path.is_file()
    sqlite_store.close()

    default = open_store({"XDG_DATA_HOME": str(tmp_path / "xdg")})
    assert default.path == tmp_path / "xdg" / "framework-bot" / "state.sqlite3"
    default.close()


# -- ResilientStore: what `serve` uses, through real outages ---------------------------------


def _wait_state(store: ResilientStore, want: str, timeout: float = 20.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        health = store.health()
        if health["state"] == want:
            return health
        time.sleep(0.05)
    raise AssertionError(f"the store never became {want!r}: {store.health()}")


def test_resilient_store_rides_out_a_redis_outage_and_copies_back(own_redis, caplog):
    """Redis stopped: claims, context and records keep working in-process (records dropped),
    logged once; restarted: the keys and contexts taken meanwhile are written to Redis."""
    store = ResilientStore(lambda: RedisStore(own_redis.url), "redis", retry_every=0.1)
    try:
        assert store.first_time("slack:event:Ev1", 60) is True
        own_redis.stop()
        with caplog.at_level("WARNING", logger="framework_bot.state"):
            assert store.first_time_many(["slack:event:Ev2", "slack:msg:C1:2.0"], 60) == [
                True,
                True,
            ]
            assert store.first_time("slack:event:Ev2", 60) is False  # the local window
            assert store.first_time("slack:event:Ev1", 60) is False
            store.put_context("T1:C1:2.0", {"entities": ["flask"]}, 60)
            assert store.get_context("T1:C1:2.0") == {"entities": ["flask"]}
            for n in range(5):
                store.record("answered", {"n": n})
            health = _wait_state(store, "degraded")
            assert health["store"] == "redis" and "Connection" in health["reason"]
        warnings = [r for r in caplog.records if "unavailable" in r.getMessage()]
        assert len(warnings) == 1

        own_redis.start()
        _wait_state(store, "ok")
        shared = RedisStore(own_redis.url)
        try:
            assert shared.first_time("slack:event:Ev2", 60) is False  # copied back
            assert shared.first_time("slack:msg:C1:2.0", 60) is False
            assert shared.get_context("T1:C1:2.0") == {"entities": ["flask"]}
            assert shared.records_of("answered") == []  # dropped, not replayed
            store.record("answered", {"n": 6})
            assert [r["n"] for r in shared.records_of("answered")] == [6]
        finally:
            shared.close()
        back = [r for r in caplog.records if "is back after" in r.getMessage()]
        assert "5 curation record(s) dropped" in back[0].getMessage()
    finally:
        store.close()


def test_the_local_window_catches_a_retry_after_redis_lost_its_keys(redis_url):
    """Redis restarted without persistence forgets every key; a redelivery reaching the same
    process is still a duplicate."""
    import redis

    store = open_serving_store({"REDIS_URL": redis_url})
    try:
        assert store.first_time_many(["slack:event:Ev7", "slack:msg:C7:1.0"], 3600) == [
            True,
            True,
        ]
        raw = redis.Redis.from_url(redis_url)
        raw.flushall()
        raw.close()
        assert store.first_time_many(["slack:event:Ev7", "slack:msg:C7:1.0"], 3600) == [
            False,
            False,
        ]
        # a twin under a new event id: the message key is still known here
        assert store.first_time_many(["slack:event:Ev8", "slack:msg:C7:1.0"], 3600) == [
            True,
            False,
        ]
    finally:
        store.close()


def test_resilient_store_starts_without_its_sqlite_file_and_opens_it_later(tmp_path):
    """A store that cannot be opened (here: its directory is a file) gives a working, degraded
    store, not an exception; once the path is usable, the file is created and used."""
    blocker = tmp_path / "state"
    blocker.write_text("not a directory")
    path = blocker / "bot.sqlite3"
    store = ResilientStore(lambda: SQLiteStore(path), "sqlite", retry_every=0.1)
    try:
        assert store.health()["state"] == "degraded"
        assert store.first_time("slack:event:Ev1", 60) is True
        assert store.first_time("slack:event:Ev1", 60) is False
        blocker.unlink()
        _wait_state(store, "ok")
        assert path.is_file()
        other = SQLiteStore(path)
        try:
            assert other.first_time("slack:event:Ev1", 60) is False  # copied back
        finally:
            other.close()
    finally:
        store.close()


def test_local_window_is_bounded():
    clock = FakeClock()
    local = LocalState(window=60, max_keys=3, clock=clock)
    assert local.claim(["a", "b", "c", "d"], 3600) == [True] * 4
    assert len(local) == 3
    assert local.claim(["a"], 3600) == [True]  # the oldest went first
    assert local.claim(["d"], 3600) == [False]
    clock.now += 61  # the window caps a long ttl
    assert local.claim(["d"], 3600) == [True]


def test_workers_of_one_instance_share_the_window_while_the_store_is_down(tmp_path):
    """Two workers (two stores on one HostState file) with Redis unreachable: a twin or retry
    that gunicorn hands to the other worker is still a duplicate, and a follow-up there finds
    the thread's context."""
    from bot.state.hostlocal import HostState

    window = tmp_path / "window.sqlite3"
    workers = [
        ResilientStore(
            lambda: RedisStore("redis://127.0.0.1:1/0"), "redis", local=HostState(window)
        )
        for _ in range(2)
    ]
    a, b = workers
    try:
        assert a.first_time_many(["slack:event:Ev1", "slack:msg:C1:1.0"], 3600) == [True, True]
        assert b.first_time_many(["slack:event:Ev2", "slack:msg:C1:1.0"], 3600) == [True, False]
        assert b.first_time_many(["slack:event:Ev1", "slack:msg:C1:1.0"], 3600) == [False, False]
        a.put_context("T1:C1:1.0", {"entities": ["bottle"]}, 600)
        assert b.get_context("T1:C1:1.0") == {"entities": ["bottle"]}
        assert a.health()["state"] == b.health()["state"] == "degraded"
    finally:
        for store in workers:
            store.close()


# -- round trips: a claim that fetches, writes that go together --------------------------------


def test_a_redis_claim_fetches_the_answers_contexts_in_the_same_round_trip(redis_url):
    """The dedupe claim of a delivery also returns the contexts its answer will read; a
    duplicate gets nothing, and a context that is not JSON is left for a later read."""
    import redis

    store = RedisStore(redis_url)
    raw = redis.Redis.from_url(redis_url)
    try:
        store.put_context("T1:C1:1.0", {"entities": ["flask"]}, 60)
        raw.set("framework-bot:ctx:T1:C1:bad", "{not json")
        claimed, fetched = store.claim_and_fetch(
            ["slack:event:Ev1", "slack:msg:C1:1.0"],
            60,
            ["T1:C1:1.0", "T1:C1:none", "T1:C1:bad"],
        )
        assert claimed == [True, True]
        assert fetched == {"T1:C1:1.0": {"entities": ["flask"]}, "T1:C1:none": None}
        # the retry stops at its event id, claims nothing and fetches nothing
        claimed, fetched = store.claim_and_fetch(
            ["slack:event:Ev1", "slack:msg:C1:2.0"], 60, ["T1:C1:1.0"]
        )
        assert (claimed, fetched) == ([False, False], {})
        assert store.first_time("slack:msg:C1:2.0", 60) is True
    finally:
        raw.close()
        store.close()


def test_a_batch_reaches_redis_when_it_ends_and_reads_inside_see_it(redis_url):
    store = open_serving_store({"REDIS_URL": redis_url})
    shared = RedisStore(redis_url)
    try:
        with store.batch():
            store.put_context("T1:C1:1.0", {"entities": ["bottle"]}, 60)
            store.record("answered", {"intent": "define"})
            store.put_context("slack:answered:T1:C1:1.0", {"answered": True}, 60)
            assert store.get_context("T1:C1:1.0") == {"entities": ["bottle"]}
            assert shared.get_context("T1:C1:1.0") is None  # not sent yet
            assert shared.records_of("answered") == []
        assert shared.get_context("T1:C1:1.0") == {"entities": ["bottle"]}
        assert shared.get_context("slack:answered:T1:C1:1.0") == {"answered": True}
        assert [r["intent"] for r in shared.records_of("answered")] == ["define"]
        with store.batch():
            store.clear_context("T1:C1:1.0")
            assert store.get_context("T1:C1:1.0") is None
        assert shared.get_context("T1:C1:1.0") is None
    finally:
        shared.close()
        store.close()


def test_a_prefetched_context_serves_reads_and_follows_this_process_s_writes(redis_url):
    store = open_serving_store({"REDIS_URL": redis_url})
    shared = RedisStore(redis_url)
    try:
        shared.put_context("T1:C1:1.0", {"entities": ["flask"]}, 60)
        assert store.claim_prefetching(["slack:event:Ev1"], 60, ["T1:C1:1.0"]) == [True]
        assert store.get_context("T1:C1:1.0") == {"entities": ["flask"]}
        store.put_context("T1:C1:1.0", {"entities": ["django"]}, 60)
        assert store.get_context("T1:C1:1.0") == {"entities": ["django"]}
        assert shared.get_context("T1:C1:1.0") == {"entities": ["django"]}
    finally:
        shared.close()
        store.close()


def test_a_batch_redis_cannot_take_is_kept_locally_and_copied_back(own_redis, caplog):
    """Redis gone when an answer's writes go out: no exception, the contexts are kept here and
    written to Redis when it is back, the record is dropped and counted, one warning."""
    store = ResilientStore(lambda: RedisStore(own_redis.url), "redis", retry_every=0.1)
    try:
        assert store.claim_prefetching(["slack:event:Ev1"], 60, ["T1:C1:1.0"]) == [True]
        own_redis.stop()
        with caplog.at_level("WARNING", logger="framework_bot.state"):
            with store.batch():
                store.put_context("T1:C1:1.0", {"entities": ["sanic"]}, 60)
                store.record("answered", {"intent": "define"})
                store.put_context("slack:answered:T1:C1:1.0", {"answered": True}, 60)
            assert store.health()["state"] == "degraded"
            assert store.get_context("T1:C1:1.0") == {"entities": ["sanic"]}
            assert store.get_context("slack:answered:T1:C1:1.0") == {"answered": True}
            own_redis.start()
            _wait_state(store, "ok")
        shared = RedisStore(own_redis.url)
        try:
            assert shared.get_context("T1:C1:1.0") == {"entities": ["sanic"]}
            assert shared.get_context("slack:answered:T1:C1:1.0") == {"answered": True}
            assert shared.records_of("answered") == []
        finally:
            shared.close()
        assert len([r for r in caplog.records if "unavailable" in r.getMessage()]) == 1
        (back,) = [r for r in caplog.records if "is back after" in r.getMessage()]
        assert "2 context(s) copied back, 1 curation record(s) dropped" in back.getMessage()
    finally:
        store.close()
