"""Hostile and malformed input over real HTTP on 127.0.0.1 (issue 16, items 5 and 6): junk
bodies, odd but signed payloads, and replayed signed commands and clicks. The real Bolt app and
WSGI callable `serve --http` runs, signed requests, the local Web API stand-in."""

from __future__ import annotations

import json
import logging
import time
import urllib.parse

import pytest
from slack_standin import (
    APP_ID,
    BOT_USER,
    TEAM,
    app_mention,
    block_actions,
    buttons_of,
    connect_socket_app,
    event_callback,
    new_channel,
    new_id,
)

UNSIGNED = "v0=" + "0" * 64
NESTED = b"[" * 5000 + b"]" * 5000
FORM = "application/x-www-form-urlencoded"
JUNK = [
    (b"[1]", "application/json"),
    (b'"x"', "application/json"),
    (b"null", "application/json"),
    (b"12", "application/json"),
    (NESTED, "application/json"),
    (b"payload=%5B1%5D", FORM),
    (b"payload=null", FORM),
    (b"payload=" + urllib.parse.quote(NESTED.decode()).encode(), FORM),
    (b"\xff\xfe{not json", "application/json"),
]


def tracebacks(capfd, caplog) -> list[str]:
    err = capfd.readouterr().err
    found = [line for line in err.splitlines() if "Traceback" in line]
    return found + [r.getMessage() for r in caplog.records if r.exc_info]


@pytest.mark.parametrize(("body", "content_type"), JUNK)
def test_unsigned_junk_gets_401_and_no_traceback(slack, capfd, caplog, body, content_type):
    status, _ = slack.send.post(body, content_type, signature=UNSIGNED)
    assert status == 401
    assert tracebacks(capfd, caplog) == []


@pytest.mark.parametrize(("body", "content_type"), JUNK)
def test_signed_junk_gets_400_and_no_traceback(slack, capfd, caplog, body, content_type):
    status, _ = slack.send.post(body, content_type)
    assert status == 400
    assert tracebacks(capfd, caplog) == []


@pytest.mark.parametrize("timestamp", ["abc", "", "1e9", "-5", "99999999999999999999"])
def test_a_malformed_timestamp_gets_401_and_no_traceback(slack, capfd, caplog, timestamp):
    body = json.dumps(event_callback(app_mention("what is flask?", channel=new_channel())))
    status, _ = slack.send.post(
        body.encode(),
        "application/json",
        signature=UNSIGNED,
        headers={"X-Slack-Request-Timestamp": timestamp},
    )
    assert status == 401
    assert tracebacks(capfd, caplog) == []


def _odd_events(channel: str) -> list[dict]:
    mention = app_mention("what is flask?", channel=channel)
    return [
        event_callback("app_mention"),  # type: ignore[arg-type]
        event_callback([mention]),  # type: ignore[arg-type]
        event_callback(mention | {"text": 12}),
        event_callback(mention | {"text": True}),
        event_callback(mention | {"channel": 12345}),
        event_callback(mention | {"ts": ["1.2"]}),
        event_callback(mention | {"type": {"x": 1}}),
        event_callback(mention) | {"authorizations": "x"},
        event_callback(mention) | {"authorizations": [None]},
    ]


def _odd_actions(channel: str) -> list[dict]:
    button = {"action_id": "ask:0", "text": {"type": "plain_text", "text": "x"}, "value": "{}"}
    click = block_actions(button, channel=channel, message={"ts": "1.000001", "blocks": []})
    return [
        click | {"actions": "ask:0"},
        click | {"actions": [1, 2]},
        click | {"actions": []},
        click | {"actions": [{"action_id": 7, "value": "{}"}]},
        click | {"actions": [{"action_id": "ask:0", "value": {"q": "x"}}]},
        click | {"user": "U1"},
        click | {"channel": ["C1"]},
        click | {"container": 5},
        click | {"enterprise": True},
        click | {"actions": [{"a": 1}]},
    ]


def test_signed_events_in_odd_shapes_get_200_and_one_log_line_each(slack, capfd, caplog):
    channel = new_channel()
    bodies = _odd_events(channel)
    caplog.set_level(logging.INFO, logger="framework_bot")
    caplog.clear()
    for body in bodies:
        assert slack.send.post(json.dumps(body).encode(), "application/json") == (200, "")
    assert slack.standin.settle(lambda c: c.channel == channel, 0.5) == []
    assert tracebacks(capfd, caplog) == []
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == len(bodies), [r.getMessage() for r in warnings]
    # The line names the problem, never the value (no user text in logs).
    assert "event.text is a int" in "\n".join(r.getMessage() for r in warnings)


def test_signed_clicks_with_malformed_actions_get_200_and_one_log_line_each(slack, capfd, caplog):
    channel = new_channel()
    payloads = _odd_actions(channel)
    caplog.set_level(logging.INFO, logger="framework_bot")
    caplog.clear()
    for payload in payloads:
        assert slack.send.interact(payload) == (200, "")
    assert slack.standin.settle(lambda c: c.channel == channel, 0.5) == []
    assert tracebacks(capfd, caplog) == []
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == len(payloads), [r.getMessage() for r in warnings]


def test_a_well_formed_mention_still_gets_its_answer(slack):
    channel = new_channel()
    event = app_mention("what is flask built on?", channel=channel)
    assert slack.send.event(event) == (200, "")
    (reply,) = slack.standin.wait_for(
        lambda c: c.method == "chat.postMessage" and c.channel == channel
    )
    assert "Werkzeug" in reply.text


# -- replayed signed requests (item 6) -----------------------------------------------------


def _replay(slack, body: bytes, content_type: str, times: int = 3) -> None:
    """The very same signed request, sent `times` times within the 5-minute window (as an
    attacker who captured it, or a proxy retrying, would)."""
    timestamp = int(time.time())
    for _ in range(times):
        assert slack.send.post(body, content_type, timestamp=timestamp) == (200, "")


def test_a_replayed_slash_command_is_answered_once(slack):
    channel = new_channel()
    hook = slack.standin.response_url(new_id("replay"))
    form = {
        "team_id": TEAM,
        "channel_id": channel,
        "user_id": "U0REPLAY",
        "command": "/framework",
        "text": "what is flask?",
        "api_app_id": APP_ID,
        "response_url": hook,
        "trigger_id": new_id("trigger"),
    }
    _replay(slack, urllib.parse.urlencode(form).encode(), FORM)
    path = "/" + hook.split("/", 3)[-1]
    answers = slack.standin.settle(lambda c: c.args.get("_url") == path, 1.0)
    assert len(answers) == 1 and "Flask" in answers[0].text


def test_a_replayed_button_click_is_answered_once(slack):
    channel = new_channel()
    event = app_mention("what is django?", channel=channel)
    slack.send.event(event)
    (reply,) = slack.standin.wait_for(
        lambda c: c.method == "chat.postMessage" and c.channel == channel
    )
    posted = {
        "ts": reply.result["ts"],
        "thread_ts": event["ts"],
        "text": reply.args["text"],
        "blocks": reply.args["blocks"],
    }
    suggestion = next(b for b in buttons_of(reply.args) if b["action_id"].startswith("ask:"))
    click = block_actions(suggestion, channel=channel, message=posted)
    _replay(slack, urllib.parse.urlencode({"payload": json.dumps(click)}).encode(), FORM)
    answers = slack.standin.settle(
        lambda c: c.method == "chat.postMessage" and c.channel == channel, 1.0
    )
    assert len(answers) == 2  # the first answer and one answer to the click


def test_two_clicks_on_one_button_are_two_requests(slack):
    """Dedupe is per request (trigger_id), not per button: clicking again asks again."""
    channel = new_channel()
    hook = slack.standin.response_url(new_id("twice"))
    for _ in range(2):
        form = {
            "team_id": TEAM,
            "channel_id": channel,
            "user_id": "U0TWICE",
            "command": "/framework",
            "text": "what is bottle?",
            "response_url": hook,
            "trigger_id": new_id("trigger"),
        }
        status, _ = slack.send.post(urllib.parse.urlencode(form).encode(), FORM)
        assert status == 200
    path = "/" + hook.split("/", 3)[-1]
    assert len(slack.standin.wait_for(lambda c: c.args.get("_url") == path, 2)) == 2


# -- Socket Mode: the same checks on envelopes --------------------------------------------


@pytest.fixture
def socket_app(standin, socket_mode):
    """The real Bolt app in Socket Mode, connected to the websocket stand-in."""
    app = connect_socket_app(standin, "xapp-1-A111-222-shapes")
    socket_mode.wait_connected()
    yield socket_mode
    app.close()


def _envelope(kind: object, payload: object, **extra: object) -> dict:
    return {"envelope_id": new_id("env-"), "type": kind, "payload": payload, **extra}


def test_socket_mode_envelopes_in_odd_shapes_are_acked_and_logged_once_each(
    socket_app, standin, capfd, caplog
):
    """The HTTP gate's shape check, for Socket Mode: each odd envelope is acknowledged (Slack
    would send it again otherwise), logged in one line without a traceback, never answered;
    a well-formed mention afterwards still gets its answer."""
    channel = new_channel()
    hook = standin.response_url(new_id("sock"))
    command = {
        "team_id": TEAM,
        "channel_id": channel,
        "user_id": "U1",
        "command": "/framework",
        "text": "what is flask?",
        "response_url": hook,
        "trigger_id": new_id("trig"),
        "api_app_id": APP_ID,
    }
    envelopes = [_envelope("events_api", body) for body in _odd_events(channel)]
    envelopes += [_envelope("interactive", body) for body in _odd_actions(channel)]
    envelopes += [
        _envelope("slash_commands", command | {"text": 12}),
        _envelope("slash_commands", command | {"channel_id": ["C1"]}),
        _envelope("events_api", [1]),
        _envelope("events_api", None),
        _envelope("events_api", 12),
        _envelope(["events_api"], event_callback(app_mention("what is flask?", channel=channel))),
        {"envelope_id": new_id("env-"), "type": "events_api"},  # no payload
    ]
    caplog.set_level(logging.INFO, logger="framework_bot")
    caplog.clear()
    for envelope in envelopes:
        socket_app.send(envelope)
        ack = socket_app.wait_for_ack(envelope["envelope_id"])
        assert set(ack) == {"envelope_id"}
    hook_path = "/" + hook.split("/", 3)[-1]
    assert standin.settle(lambda c: c.channel == channel or c.args.get("_url") == hook_path) == []
    assert tracebacks(capfd, caplog) == []
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == len(envelopes), [r.getMessage() for r in warnings]
    logged = "\n".join(r.getMessage() for r in warnings)
    assert "event.text is a int" in logged and "payload is a list" in logged
    assert "what is flask" not in logged  # the field is named, never its value

    mention = app_mention("what is flask?", channel=channel)
    good = _envelope("events_api", event_callback(mention), retry_attempt=0)
    socket_app.send(good)
    socket_app.wait_for_ack(good["envelope_id"])
    (reply,) = standin.wait_for(lambda c: c.method == "chat.postMessage" and c.channel == channel)
    assert "Flask" in reply.text and reply.args["thread_ts"] == mention["ts"]
