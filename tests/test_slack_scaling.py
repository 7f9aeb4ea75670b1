"""Scaling out and the curation loop: two app instances on different ports sharing one real
redis-server (REDIS_URL), and `framework-bot report --json` over the records a few signed
events leave in the store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from slack_standin import (  # the fixtures among these are used by pytest
    app_mention,
    block_actions,
    buttons_of,
    checked_messages,
    message,
    new_channel,
    new_id,
    serve_app,
    standin,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def two_instances(standin, redis_url):
    """Instances A and B: separate Bolt apps, engines and Redis connections (as two hosts
    behind a load balancer would have), one Redis."""
    from bot.state.redis_store import RedisStore

    stores = [RedisStore(redis_url), RedisStore(redis_url)]
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
