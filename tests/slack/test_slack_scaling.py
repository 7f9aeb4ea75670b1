"""Scaling out and the curation loop: two app instances on different ports sharing one real
redis-server (REDIS_URL), and `framework-bot report --json` over the records a few signed
events leave in the store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import pytest
from paths import ROOT
from slack_standin import (
    app_mention,
    block_actions,
    buttons_of,
    message,
    new_channel,
    new_id,
    serve_app,
)


def counting_redis(url: str):
    """A redis-py client that notes the thread of every round trip it makes (a command, a
    pipeline or a script; not the handshake of a new connection)."""
    import redis

    trips: list[str] = []

    class Counting(redis.Connection):
        depth = 0

        def send_packed_command(self, command, check_health=True):
            if self.depth == 0:
                trips.append(threading.current_thread().name)
            self.depth += 1
            try:
                return super().send_packed_command(command, check_health)
            finally:
                self.depth -= 1

    pool = redis.ConnectionPool.from_url(url, connection_class=Counting, decode_responses=True)
    return redis.Redis(connection_pool=pool), trips


@pytest.fixture
def two_instances(standin, redis_url):
    """Instances A and B: separate Bolt apps, engines and Redis connections (as two hosts
    behind a load balancer would have), one Redis; each with the store `serve` uses (its own
    dedupe window, contexts fetched with the claim, an answer's writes sent together)."""
    from bot.state.factory import open_serving_store

    stores = [open_serving_store({"REDIS_URL": redis_url}) for _ in range(2)]
    served = [serve_app(standin, store=store) for store in stores]
    assert served[0].url != served[1].url
    yield served
    for instance, store in zip(served, stores, strict=True):
        instance.close()
        store.close()


def posts(standin, channel: str):
    return standin.settle(
        lambda c: c.method == "chat.postMessage" and c.channel == channel and c.ok, 0.6
    )


def test_a_retry_answered_by_one_instance_is_not_answered_by_the_other(two_instances, standin):
    a, b = two_instances
    channel = new_channel()
    event, event_id = app_mention("what is flask built on?", channel=channel), new_id("Ev")
    assert a.send.event(event, event_id=event_id) == (200, "")
    standin.wait_for(lambda c: c.channel == channel and c.ok)
    for retry in (1, 2, 3):  # Slack's retries land on whichever instance
        instance = (b, a)[retry % 2]
        assert instance.send.event(event, event_id=event_id, retry=retry) == (200, "")
    # the message.channels twin of the mention, delivered to B under its own event id
    twin = message(event["text"], channel=channel, ts=event["ts"])
    assert b.send.event(twin) == (200, "")
    (reply,) = posts(standin, channel)
    assert "Werkzeug" in reply.text


def test_a_follow_up_sent_to_the_other_instance_uses_the_thread_context(two_instances, standin):
    a, b = two_instances
    channel = new_channel()
    question = app_mention("what is bottle?", channel=channel)
    a.send.event(question)
    standin.wait_for(lambda c: c.channel == channel and c.ok)
    # no mention: B answers only because the thread is marked as the bot's, in Redis
    b.send.event(message("who uses it?", channel=channel, thread_ts=question["ts"]))
    first, follow_up = standin.wait_for(lambda c: c.channel == channel and c.ok, 2)
    assert follow_up.args["thread_ts"] == question["ts"]
    assert "Bottle" in follow_up.text and "Bottle" in first.text
    # and back on A: the context B updated
    a.send.event(message("and what is it built on?", channel=channel, thread_ts=question["ts"]))
    *_, third = standin.wait_for(lambda c: c.channel == channel and c.ok, 3)
    assert "Bottle" in third.text

    dm = new_channel("D")
    b.send.event(message("what is sanic?", channel=dm, channel_type="im"))
    standin.wait_for(lambda c: c.channel == dm and c.ok)
    a.send.event(message("who uses it?", channel=dm, channel_type="im"))
    _, dm_follow_up = standin.wait_for(lambda c: c.channel == dm and c.ok, 2)
    assert "Sanic" in dm_follow_up.text


def test_many_deliveries_across_both_instances_give_one_answer_each(two_instances, standin):
    """Each question delivered four times (two event ids, each retried), spread over A and B
    from several threads at once: every question answered exactly once."""
    from concurrent.futures import ThreadPoolExecutor

    a, b = two_instances
    channels = [new_channel() for _ in range(12)]
    deliveries = []
    for channel in channels:
        mention = app_mention("what is tornado?", channel=channel)
        twin = message(mention["text"], channel=channel, ts=mention["ts"])
        for event in (mention, twin):
            event_id = new_id("Ev")
            deliveries += [(a, event, event_id, None), (b, event, event_id, 1)]
    with ThreadPoolExecutor(8) as pool:
        statuses = list(
            pool.map(lambda d: d[0].send.event(d[1], event_id=d[2], retry=d[3])[0], deliveries)
        )
    assert set(statuses) == {200}
    calls = standin.settle(lambda c: c.channel in channels and c.ok, 1.0)
    assert sorted(c.channel for c in calls) == sorted(channels)


def test_a_mention_costs_one_redis_round_trip_before_its_ack_and_one_to_answer(standin, redis_url):
    """Issue 14: at 300 events/s every round trip counts. The claim fetches the thread's
    context (on the request thread, before the 200); the answer's context, curation record and
    answered mark go in one pipeline; a duplicate in the same process costs none; a follow-up
    without a mention also two (its thread's mark comes with the claim)."""
    from bot.state.redis_store import RedisStore
    from bot.state.resilient import ResilientStore

    client, trips = counting_redis(redis_url)
    store = ResilientStore(lambda: RedisStore(redis_url, client=client), "redis")
    served = serve_app(standin, store=store)
    try:
        assert store.first_time("slack:warm-up", 60)  # loads the claim script
        channel = new_channel()
        question = app_mention("what is flask built on?", channel=channel)
        trips.clear()
        assert served.send.event(question) == (200, "")
        (reply,) = standin.wait_for(lambda c: c.channel == channel and c.ok)
        assert "Werkzeug" in reply.text
        time.sleep(0.3)
        assert len(trips) == 2, trips
        assert not trips[0].startswith("slack-listener")  # the claim, before the ack
        assert trips[1].startswith("slack-listener")

        trips.clear()
        twin = message(question["text"], channel=channel, ts=question["ts"])
        assert served.send.event(twin) == (200, "")
        assert served.send.event(question, retry=1) == (200, "")
        follow_up = message("who uses it?", channel=channel, thread_ts=question["ts"])
        assert served.send.event(follow_up) == (200, "")
        _, second = standin.wait_for(lambda c: c.channel == channel and c.ok, 2)
        assert second.args["thread_ts"] == question["ts"] and "Flask" in second.text
        time.sleep(0.3)
        assert len(trips) == 2, trips
    finally:
        served.close()
        store.close()


# -- the curation loop -----------------------------------------------------------------------


def test_report_json_after_signed_events(standin, tmp_path):
    """Answers, fallbacks on every surface and 👍/👎 land in the SQLite store with time,
    surface, intent and score, and `framework-bot report --json` reads them, without user ids."""
    from bot.state.sqlite import SQLiteStore

    db = tmp_path / "state.sqlite3"
    store = SQLiteStore(db)
    served = serve_app(standin, store=store)
    secret_user = "U0PRIVATE7"
    try:
        send = served.send
        answered = new_channel()
        send.event(app_mention("who uses flask?", channel=answered, user=secret_user))
        (reply,) = standin.wait_for(lambda c: c.channel == answered and c.ok)
        for fallen in ("what is pyramid?", "what is laravel?"):
            channel = new_channel()
            send.event(app_mention(fallen, channel=channel, user=secret_user))
            standin.wait_for(lambda c, ch=channel: c.channel == ch and c.ok)
        dm = new_channel("D")
        send.event(message("what is pyramid", channel=dm, channel_type="im", user=secret_user))
        standin.wait_for(lambda c: c.channel == dm and c.ok)
        _, _, hook = send.command("what is pyramid?", channel=new_channel(), user=secret_user)
        standin.wait_for(lambda c: c.args.get("_url", "").endswith(hook.rsplit("/", 1)[-1]))
        shown = {**reply.result["message"], "ts": reply.result["ts"]}
        for rating, user in (("down", secret_user), ("down", "U0OTHER22"), ("up", "U0THIRD33")):
            vote = next(b for b in buttons_of(reply.args) if b["action_id"] == f"feedback:{rating}")
            send.interact(block_actions(vote, channel=answered, user=user, message=shown))
        standin.wait_for(lambda c: c.channel == answered and c.method == "chat.postEphemeral", 3)
    finally:
        served.close()
        store.close()

    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_URL", "SLACK_"))}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "report", "--json", "--db", str(db)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert secret_user not in result.stdout and "U0OTHER22" not in result.stdout

    totals = report["totals"]
    assert totals["answered"] >= 1 and totals["fallback"] == 4 and totals["feedback"] == 3
    groups = {g["text"].lower().rstrip("?"): g for g in report["unanswered"]}
    pyramid = next(g for text, g in groups.items() if "pyramid" in text)
    assert pyramid["count"] == 3
    assert set(pyramid["surfaces"]) == {"channel", "dm", "command"}
    assert pyramid["best_guesses"] and pyramid["mean_score"] is not None
    worst = report["worst_rated"][0]
    assert worst["intent"] == "who_uses" and (worst["up"], worst["down"]) == (1, 2)
    assert worst["surfaces"] == {"channel": 3}
    rate = report["fallback_rate"][-1]
    assert rate["fallback"] == 4 and rate["answered"] >= 1 and 0 < rate["rate"] < 1

    # the records themselves: time, surface, intent and score; nobody's id
    store = SQLiteStore(db)
    try:
        for kind in ("fallback", "answered", "feedback"):
            for record in store.records_of(kind):
                assert {"time", "surface", "intent", "score"} <= set(record), (kind, record)
                assert secret_user not in json.dumps(record)
    finally:
        store.close()
