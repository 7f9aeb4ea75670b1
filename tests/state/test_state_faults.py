"""State-store faults while `framework-bot serve --http` runs under real gunicorn (2 workers):
SQLite that cannot be written, deleted, corrupted or out of space; Redis unreachable, killed
or hung (SIGSTOP). Every event is signed and every reply goes to the Web API stand-in.

What the operator must see in each: every delivery acknowledged with 200 within Slack's 3 s,
every question answered exactly once, /healthz answering 200 with the store's state in its
body, and the store used again once the fault clears (issues 14 and 16).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import sqlite3
import subprocess
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from serve_process import start_http, stop, wait_healthy
from slack_standin import (  # the fixtures among these are used by pytest
    SIGNING_SECRET,
    SlackSender,
    app_mention,
    checked_messages,
    new_channel,
    new_id,
    standin,
)

pytestmark = pytest.mark.slow

SLACK_ACK_DEADLINE = 3.0  # seconds: Slack retries a delivery not acknowledged by then


class Server:
    """A `serve --http` process with 2 workers x 8 threads and helpers to talk to it."""

    def __init__(self, standin, **env: str) -> None:
        self.process, self.url = start_http(standin, "--workers", "2", **env)
        self.standin = standin
        self.send = SlackSender(self.url, SIGNING_SECRET, standin)
        self.output = ""

    def healthy(self) -> Server:
        wait_healthy(self.url, self.process)
        return self

    def health(self, timeout: float = 5.0) -> dict:
        with urllib.request.urlopen(self.url + "/healthz", timeout=timeout) as response:
            assert response.status == 200
            return json.loads(response.read())

    def workers(self) -> list[int]:
        pid = self.process.pid
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            return [int(p) for p in children.read().split()]

    def states(self, want: str, timeout: float = 30.0) -> dict[int, dict]:
        """/healthz until every worker has reported state `want` (a bounded wait)."""
        deadline = time.monotonic() + timeout
        seen: dict[int, dict] = {}
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "serve exited:\n" + self.stop()
            body = self.health()
            seen[body.get("worker", 0)] = body.get("store") or {}
            workers = set(self.workers())
            if workers and all(seen.get(w, {}).get("state") == want for w in workers):
                return {w: seen[w] for w in workers}
            time.sleep(0.05)
        raise AssertionError(f"workers never all reported {want!r}: {seen}")

    def ask(self, count: int, text: str = "what is flask built on?") -> list[tuple]:
        """`count` questions in new channels, sent at once; (channel, event_id, event, status,
        seconds to the acknowledgement) for each."""

        def one(_n: int) -> tuple:
            channel, event_id = new_channel(), new_id("Ev")
            event = app_mention(text, channel=channel)
            began = time.monotonic()
            try:
                status = self.send.event(event, event_id=event_id)[0]
            except OSError:  # no answer in 10 s: Slack would retry
                status = 0
            return channel, event_id, event, status, time.monotonic() - began

        with ThreadPoolExecutor(8) as pool:
            return list(pool.map(one, range(count)))

    def replies(self, channels: list[str], wait: float = 1.0) -> dict[str, int]:
        """How many replies each channel got, after the answers have settled."""
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            got = self.standin.find(lambda c: c.channel in channels and c.ok)
            if {c.channel for c in got} >= set(channels):
                break
            time.sleep(0.1)
        got = self.standin.settle(lambda c: c.channel in channels and c.ok, wait)
        return {channel: sum(c.channel == channel for c in got) for channel in channels}

    def stop(self) -> str:
        self.output += stop(self.process)
        return self.output


@pytest.fixture
def servers():
    made: list[Server] = []
    yield made
    for server in made:
        server.stop()


def answered_once(server: Server, asked: list[tuple]) -> None:
    statuses = [status for _c, _e, _ev, status, _s in asked]
    assert statuses == [200] * len(asked), statuses
    channels = [channel for channel, *_ in asked]
    assert server.replies(channels) == dict.fromkeys(channels, 1)


def seen_keys(db: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return {row[0] for row in conn.execute("SELECT key FROM seen")}


def chattr(flag: str, path: Path) -> None:
    result = subprocess.run(["chattr", flag, str(path)], capture_output=True, text=True)
    if result.returncode != 0:
        message = f"chattr {flag} is not supported here: {result.stderr.strip()}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


# -- SQLite --------------------------------------------------------------------------------


def test_a_worker_restarted_while_sqlite_cannot_be_written_boots_degraded_and_recovers(
    standin, tmp_path, servers
):
    """Issue 16.1: WAL file immutable, one worker killed: the new worker must boot (in-process
    state), the server must keep answering, and both workers use the file again afterwards."""
    db = tmp_path / "state.sqlite3"
    server = Server(standin, FRAMEWORK_BOT_DB=str(db)).healthy()
    servers.append(server)
    answered_once(server, server.ask(2))
    wal = Path(f"{db}-wal")
    assert wal.is_file()
    chattr("+i", wal)
    try:
        victim = server.workers()[0]
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (
            victim in server.workers() or len(server.workers()) < 2
        ):
            assert server.process.poll() is None, "serve exited:\n" + server.stop()
            time.sleep(0.1)
        assert server.process.poll() is None, "serve exited:\n" + server.stop()
        states = server.states("degraded")  # the new worker booted without its store
        assert all("reason" in state for state in states.values())
        during = server.ask(6)
        answered_once(server, during)
    finally:
        subprocess.run(["chattr", "-i", str(wal)], check=False)
    server.states("ok")
    after = server.ask(2)
    answered_once(server, after)
    keys = seen_keys(db)
    # written after the fault cleared, and copied back from the outage
    assert {f"slack:event:{e}" for _c, e, *_ in during + after} <= keys
    output = server.stop()
    assert server.process.returncode == 0, output
    assert "Traceback" not in output


def test_sqlite_deleted_while_serving_keeps_answering_into_a_new_file(standin, tmp_path, servers):
    """Issue 16.4: the state file deleted under a running server: no answer lost behind a 200,
    and the state goes on in a new file at the same path (not an unlinked one)."""
    db = tmp_path / "state.sqlite3"
    server = Server(standin, FRAMEWORK_BOT_DB=str(db)).healthy()
    servers.append(server)
    answered_once(server, server.ask(4))
    db.unlink()
    during = server.ask(12)
    answered_once(server, during)
    server.states("ok")
    after = server.ask(4)
    answered_once(server, after)
    assert db.is_file()
    assert {f"slack:event:{e}" for _c, e, *_ in during + after} <= seen_keys(db)
    output = server.stop()
    assert server.process.returncode == 0, output


def test_sqlite_corrupted_while_serving_is_moved_aside_and_answers_go_on(
    standin, tmp_path, servers
):
    """Issue 16.4: a corrupted state file must not turn every event into a 500: it is moved
    aside (kept for inspection) and a fresh file takes over."""
    db = tmp_path / "state.sqlite3"
    server = Server(standin, FRAMEWORK_BOT_DB=str(db)).healthy()
    servers.append(server)
    answered_once(server, server.ask(2))
    for path in (db, Path(f"{db}-wal")):  # garbage over every byte, as a failing disk might
        size = path.stat().st_size
        with open(path, "r+b") as file:
            file.write((bytes(range(256)) * (size // 256 + 1))[:size])
    during = server.ask(8)
    answered_once(server, during)
    server.states("ok")
    after = server.ask(2)
    answered_once(server, after)
    assert list(tmp_path.glob("state.sqlite3.corrupt-*"))
    assert {f"slack:event:{e}" for _c, e, *_ in after} <= seen_keys(db)
    output = server.stop()
    assert "is corrupt" in output and "Traceback" not in output


def test_sqlite_locked_by_another_process_keeps_acks_within_slacks_deadline(
    standin, tmp_path, servers
):
    """A process holding SQLite's write lock (an operator's `BEGIN EXCLUSIVE`, a stuck job):
    writes used to wait 30 s for it, one thread after another, so acknowledgements blew
    Slack's 3 s. Now a write gives up after 1 s, the worker goes degraded, and every delivery
    is acknowledged in time and answered once."""
    db = tmp_path / "state.sqlite3"
    server = Server(standin, FRAMEWORK_BOT_DB=str(db)).healthy()
    servers.append(server)
    answered_once(server, server.ask(2))
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        during = server.ask(16, text="what is bottle?")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    slow = [(d[3], round(d[4], 2)) for d in during if d[3] != 200 or d[4] > SLACK_ACK_DEADLINE]
    assert slow == []
    answered_once(server, during)
    server.states("ok")
    answered_once(server, server.ask(2))


def test_sqlite_disk_full_keeps_answering_and_recovers(standin, tmp_path, servers):
    """Issue 14: a full disk (here: every worker's file-size limit at 0, so no file can grow)
    loses no answer and no acknowledgement; curation records are dropped with one warning per
    worker, and the store is used again when space returns."""
    db = tmp_path / "state.sqlite3"
    server = Server(standin, FRAMEWORK_BOT_DB=str(db)).healthy()
    servers.append(server)
    answered_once(server, server.ask(2))
    workers = server.workers()
    for pid in workers:
        resource.prlimit(pid, resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))
    try:
        during = server.ask(10, text="what is sanic?")
        answered_once(server, during)
        server.states("degraded")
    finally:
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                resource.prlimit(
                    pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY)
                )
    server.states("ok")
    after = server.ask(2)
    answered_once(server, after)
    assert {f"slack:event:{e}" for _c, e, *_ in during + after} <= seen_keys(db)
    output = server.stop()
    assert server.process.returncode == 0, output
    assert output.count("state store (sqlite) unavailable") <= len(workers)
    assert "Traceback" not in output


# -- Redis ---------------------------------------------------------------------------------


def test_unreachable_redis_at_start_up_is_one_clear_line(standin):
    """Issue 16.2: start-up pings Redis; an unreachable one is one line, no password."""
    process, _url = start_http(standin, REDIS_URL="redis://:hunter2-secret@127.0.0.1:1/0")
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("serve started although Redis cannot be reached:\n" + stop(process))
    output = stop(process)
    assert process.returncode == 2, output
    lines = output.strip().splitlines()
    assert len(lines) == 1 and "state store" in lines[0] and "redis" in lines[0], output
    assert "hunter2-secret" not in output and "Traceback" not in output


def test_started_degraded_without_redis_answers_and_resumes_when_it_comes(
    standin, own_redis, servers
):
    """Issue 16.2: FRAMEWORK_BOT_START_DEGRADED=1 starts without Redis; /healthz says 200 with
    "degraded" in the body, events are answered (not 500), and Redis is used once it is up."""
    own_redis.stop()
    server = Server(standin, REDIS_URL=own_redis.url, FRAMEWORK_BOT_START_DEGRADED="1")
    server.healthy()
    servers.append(server)
    answered_once(server, server.ask(4))
    states = server.states("degraded")
    assert all(s["store"] == "redis" and "Connection" in s["reason"] for s in states.values())
    own_redis.start()
    server.states("ok")
    after = server.ask(3)
    answered_once(server, after)
    import redis

    client = redis.Redis.from_url(own_redis.url)
    assert all(client.exists(f"framework-bot:seen:slack:event:{e}") for _c, e, *_ in after)
    client.close()


def test_redis_killed_while_serving_acks_200_answers_once_and_resumes(standin, own_redis, servers):
    """Issue 14 / 16.10: Redis down under traffic: no 5xx, no lost answer, one warning per
    worker; once it is back (empty: no persistence) late retries are not answered again on
    either worker — of questions from the outage (their keys were copied back) or from before
    it (the instance's window)."""
    server = Server(standin, REDIS_URL=own_redis.url).healthy()
    servers.append(server)
    before = server.ask(4)
    answered_once(server, before)
    own_redis.stop()
    during = server.ask(12)
    answered_once(server, during)
    server.states("degraded")
    own_redis.start()  # without persistence: the keys taken before the outage are gone
    server.states("ok")
    for _channel, event_id, event, *_ in before + during:  # late retries, on either worker
        assert server.send.event(event, event_id=event_id, retry=1)[0] == 200
    channels = [c for c, *_ in before + during]
    assert server.replies(channels) == dict.fromkeys(channels, 1)
    output = server.stop()
    assert output.count("state store (redis) unavailable") <= 2, output
    assert "Traceback" not in output


def test_hung_redis_costs_no_answer_and_acks_stay_fast(standin, own_redis, servers):
    """Issue 16.3: Redis stopped with SIGSTOP: acknowledgements stay within Slack's 3 s,
    /healthz answers, and when Redis resumes (applying the claims whose replies timed out)
    Slack's retries of slow deliveries find every question answered exactly once."""
    server = Server(standin, REDIS_URL=own_redis.url).healthy()
    servers.append(server)
    answered_once(server, server.ask(2))
    own_redis.pause()
    try:
        during = server.ask(24)
        try:
            health = server.health(timeout=SLACK_ACK_DEADLINE)
        except OSError as exc:
            health = {"error": repr(exc)}
    finally:
        own_redis.resume()
    slow = [d for d in during if d[3] != 200 or d[4] > SLACK_ACK_DEADLINE]
    for _channel, event_id, event, *_ in slow:  # what Slack does with a slow or failed ack
        with contextlib.suppress(OSError):
            server.send.event(event, event_id=event_id, retry=1)
    channels = [c for c, *_ in during]
    assert server.replies(channels) == dict.fromkeys(channels, 1)
    assert slow == [], [(d[3], round(d[4], 2)) for d in slow]
    assert health.get("store", {}).get("store") == "redis", health
    server.states("ok")
