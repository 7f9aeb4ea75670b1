"""Exactly one answer, whatever Slack and its Web API do: duplicate deliveries, events the bot
does not handle, bot loops, rate limits, 5xx answers, dropped connections, persistent API errors,
a busy listener pool, and Socket Mode losing its connection. Real Bolt app over HTTP on
127.0.0.1, signed requests, the local Web API stand-in."""

from __future__ import annotations

import json
import logging
import time

import pytest
from slack_replies import replies, settled
from slack_standin import (
    APP_ID,
    BOT_ID,
    BOT_USER,
    TEAM,
    Fault,
    app_mention,
    connect_socket_app,
    event_callback,
    message,
    new_channel,
    new_id,
    new_ts,
    serve_app,
)


def accepted(calls):
    return [c for c in calls if c.ok]


# -- exactly one answer --------------------------------------------------------------------


@pytest.mark.parametrize("first", ["app_mention", "message"])
def test_a_mention_and_its_twin_and_their_retries_give_one_answer(slack, first):
    """app_mention + message.channels for one question, each re-delivered by Slack with
    X-Slack-Retry-Num: six deliveries, all acknowledged with 200, one answer."""
    channel = new_channel()
    mention = app_mention("who uses django?", channel=channel)
    twin = message(mention["text"], channel=channel, ts=mention["ts"])
    deliveries = [(mention, new_id("Ev")), (twin, new_id("Ev"))]
    if first == "message":
        deliveries.reverse()
    for event, event_id in deliveries:
        assert slack.send.event(event, event_id=event_id) == (200, "")
    for retry in (1, 2):
        for event, event_id in deliveries:
            assert slack.send.event(event, event_id=event_id, retry=retry) == (200, "")
    (reply,) = settled(slack, channel)
    assert reply.args["thread_ts"] == mention["ts"] and "Django" in reply.text


def test_a_mention_in_a_thread_and_in_a_dm_is_answered_once(slack):
    channel = new_channel()
    top = app_mention("what is flask?", channel=channel)
    slack.send.event(top)
    replies(slack, channel)
    mention = app_mention("who uses it?", channel=channel, thread_ts=top["ts"])
    slack.send.event(
        message(mention["text"], channel=channel, ts=mention["ts"], thread_ts=top["ts"])
    )
    slack.send.event(mention)
    assert len(settled(slack, channel)) == 2

    dm = new_channel("D")
    in_dm = app_mention("what is bottle?", channel=dm)
    slack.send.event(in_dm)
    slack.send.event(message(in_dm["text"], channel=dm, ts=in_dm["ts"], channel_type="im"))
    (reply,) = settled(slack, dm)
    assert "Bottle" in reply.text


def test_retries_are_acknowledged_at_once(slack):
    channel = new_channel()
    event, event_id = app_mention("what is sanic?", channel=channel), new_id("Ev")
    slack.send.event(event, event_id=event_id)
    started = time.monotonic()
    for retry in (1, 2, 3):
        assert slack.send.event(event, event_id=event_id, retry=retry) == (200, "")
    assert time.monotonic() - started < 1.0
    assert len(settled(slack, channel)) == 1


def test_payloads_the_bot_does_not_handle_get_200_never_404(slack):
    channel = new_channel()
    events = [
        {
            "type": "message",
            "subtype": "message_replied",
            "channel": channel,
            "hidden": True,
            "ts": new_ts(),
            "message": {"type": "message", "user": "U1", "text": "x", "ts": new_ts()},
        },
        message("set the topic", channel=channel, subtype="channel_topic"),
        message("a huddle", channel=channel, subtype="huddle_thread"),
        message("hi", channel=channel, subtype="ekm_access_denied"),
        {"type": "pin_added", "user": "U1", "channel_id": channel, "event_ts": new_ts()},
        {"type": "a_brand_new_event", "event_ts": new_ts()},
        {"type": "app_mention", "channel": channel, "event_ts": new_ts()},  # no user, no ts
    ]
    for event in events:
        assert slack.send.event(event) == (200, ""), event
    bodies = [
        {
            "token": "t",
            "type": "app_rate_limited",
            "team_id": TEAM,
            "minute_rate_limited": 1518467820,
            "api_app_id": APP_ID,
        },
        {"token": "t", "type": "some_future_envelope", "team_id": TEAM, "api_app_id": APP_ID},
        {k: v for k, v in event_callback({"type": "x"}).items() if k != "event"},
    ]
    for body in bodies:
        status, _ = slack.send.post(json.dumps(body).encode(), "application/json")
        assert status == 200, body
    status, _ = slack.send.post(b"{not json", "application/json")
    assert status == 400  # never from Slack: no traceback, no 500
    assert settled(slack, channel) == []


def test_no_bot_loops_in_a_thread_the_bot_answered(slack):
    """The bot's own reply and another bot's replies come back as message events in the
    thread; none of them is answered."""
    channel = new_channel()
    question = app_mention("what is tornado?", channel=channel)
    slack.send.event(question)
    (reply,) = replies(slack, channel)
    thread = question["ts"]
    own = message(
        reply.args["text"],
        channel=channel,
        user=BOT_USER,
        bot_id=BOT_ID,
        ts=reply.result["ts"],
        thread_ts=thread,
    )
    other = message(
        "who uses tornado?", channel=channel, user="U0THERBOT", bot_id="B0THER", thread_ts=thread
    )
    profile = message(
        "who uses tornado?",
        channel=channel,
        user="U0THERBOT",
        thread_ts=thread,
        bot_profile={"id": "B0THER", "name": "other"},
    )
    broadcast = message(
        "who uses tornado?",
        channel=channel,
        subtype="bot_message",
        bot_id="B0THER",
        thread_ts=thread,
    )
    for event in (own, other, profile, broadcast):
        assert slack.send.event(event)[0] == 200
    assert len(settled(slack, channel)) == 1


# -- the Web API misbehaving ---------------------------------------------------------------


def test_a_rate_limited_post_waits_for_retry_after_and_posts_once(slack):
    channel = new_channel()
    slack.standin.faults.append(Fault("429", channel=channel, times=2, retry_after=1))
    question = app_mention("what is flask built on?", channel=channel)
    started = time.monotonic()
    assert slack.send.event(question)[0] == 200
    assert time.monotonic() - started < 0.5  # acknowledged at once; the wait is elsewhere
    (reply,) = replies(slack, channel, timeout=15)
    calls = settled(slack, channel, wait=0.3)
    assert [c.result.get("fault") for c in calls] == ["429", "429", None]
    assert calls[1].at - calls[0].at >= 1.0 and calls[2].at - calls[1].at >= 1.0
    assert "Werkzeug" in reply.text and reply.args["thread_ts"] == question["ts"]


@pytest.mark.parametrize(
    ("kinds", "question", "expected"),
    [
        (["500", "503"], "what is django?", "Django"),
        (["502", "504"], "what is bottle?", "Bottle"),
        (["drop"], "what is sanic?", "Sanic"),
        (["reset", "500"], "what is tornado?", "Tornado"),
    ],
)
def test_server_errors_and_dropped_connections_are_retried(slack, kinds, question, expected):
    channel = new_channel()
    for kind in kinds:
        slack.standin.faults.append(Fault(kind, channel=channel, times=1))
    slack.send.event(app_mention(question, channel=channel))
    (reply,) = replies(slack, channel)
    calls = settled(slack, channel, wait=0.3)
    assert [c.result.get("fault") for c in calls] == [*kinds, None]
    assert expected in reply.text


def test_a_rate_limited_channel_does_not_hold_up_other_channels(slack):
    slow = new_channel()
    slack.standin.faults.append(Fault("429", channel=slow, times=1, retry_after=2))
    slack.send.event(app_mention("what is flask?", channel=slow))
    slack.standin.wait_for(lambda c: c.channel == slow and c.result.get("fault") == "429")
    started = time.monotonic()
    others = [new_channel() for _ in range(12)]
    for channel in others:
        slack.send.event(app_mention("what is django?", channel=channel))
    for channel in others:
        replies(slack, channel)
    assert time.monotonic() - started < 1.5
    assert not accepted(slack.standin.find(lambda c: c.channel == slow))  # still waiting
    replies(slack, slow, timeout=10)


def test_acknowledgements_never_wait_for_a_busy_listener_pool(standin):
    """Two listener threads, both sitting out a Retry-After: a slash command, a button and an
    event are still acknowledged at once, and answered once the pool frees up."""
    served = serve_app(standin, listener_threads=2)
    try:
        busy = [new_channel(), new_channel()]
        for channel in busy:
            standin.faults.append(Fault("429", channel=channel, times=1, retry_after=2))
            served.send.event(app_mention("what is flask?", channel=channel))
        standin.wait_for(lambda c: c.channel in busy and c.result.get("fault") == "429", 2)
        channel = new_channel()
        started = time.monotonic()
        status, body, hook = served.send.command("what is bottle?", channel=channel)
        assert (status, body) == (200, "")
        assert served.send.event(app_mention("what is sanic?", channel=channel))[0] == 200
        assert time.monotonic() - started < 0.5
        answered = standin.wait_for(
            lambda c: c.args.get("_url", "").endswith(hook.rsplit("/", 1)[-1]), timeout=10
        )
        assert "Bottle" in answered[0].text
        standin.wait_for(lambda c: c.channel == channel and c.ok, timeout=10)
        for channel in busy:
            assert len(standin.wait_for(lambda c, ch=channel: c.channel == ch and c.ok)) == 1
    finally:
        served.close()


@pytest.mark.parametrize("code", ["not_in_channel", "channel_not_found", "is_archived"])
def test_persistent_api_errors_are_logged_with_slacks_code_and_the_asker_is_told(
    slack, caplog, code
):
    channel = new_channel()
    fault = Fault(code, channel=channel, times=None)
    slack.standin.faults.append(fault)
    try:
        with caplog.at_level(logging.INFO):
            slack.send.event(app_mention("what is cherrypy?", channel=channel, user="U0ASKER1"))
            (note,) = replies(slack, channel, method="chat.postEphemeral")
    finally:
        slack.standin.faults.remove(fault)
    assert note.args["user"] == "U0ASKER1"
    assert code in note.text and "couldn" in note.text
    assert fault.hits == 1  # a Slack error is not retried
    assert f"chat.postMessage failed in {channel}: {code}" in caplog.text


def test_a_retry_after_too_long_to_wait_fails_fast_with_a_note(slack, caplog):
    channel = new_channel()
    slack.standin.faults.append(Fault("429", channel=channel, times=1, retry_after=600))
    started = time.monotonic()
    with caplog.at_level(logging.INFO):
        slack.send.event(app_mention("what is zope?", channel=channel, user="U0ASKER2"))
        (note,) = replies(slack, channel, method="chat.postEphemeral")
    assert time.monotonic() - started < 3
    assert "ratelimited" in note.text and note.args["user"] == "U0ASKER2"
    assert "ratelimited" in caplog.text


# -- Socket Mode ---------------------------------------------------------------------------


@pytest.mark.parametrize("abrupt", [False, True], ids=["close-frame", "cut-connection"])
def test_socket_mode_reconnects_by_itself_and_still_answers(
    standin, socket_mode, monkeypatch, abrupt
):
    monkeypatch.setenv("FRAMEWORK_BOT_SOCKET_PING_INTERVAL", "0.5")
    app_token = f"xapp-1-A111-222-reconnect{'cut' if abrupt else 'close'}"
    ws = socket_mode
    opened = lambda: [  # noqa: E731
        c
        for c in standin.find(lambda c: c.method == "apps.connections.open")
        if c.token == app_token
    ]
    app = connect_socket_app(standin, app_token)
    try:
        ws.wait_connected()
        assert len(opened()) == 1
        assert ws.drop(abrupt=abrupt) == 1
        ws.wait_connections(2, timeout=15)
        assert len(opened()) == 2  # a fresh URL from apps.connections.open

        channel = new_channel()
        event = app_mention("what is flask?", channel=channel)
        envelope = new_id("env-")
        ws.send(
            {
                "envelope_id": envelope,
                "type": "events_api",
                "accepts_response_payload": False,
                "retry_attempt": 0,
                "retry_reason": "",
                "payload": event_callback(event),
            }
        )
        ws.wait_for_ack(envelope)
        (reply,) = standin.wait_for(
            lambda c: c.method == "chat.postMessage" and c.channel == channel
        )
        assert "Flask" in reply.text and reply.args["thread_ts"] == event["ts"]
    finally:
        app.close()
