"""`framework-bot serve` as it runs in production, in a subprocess on 127.0.0.1:
HTTP mode under gunicorn, and Socket Mode against a local websocket stand-in for Slack."""

from __future__ import annotations

import json
import time

import pytest
from serve_process import start, start_http, stop, wait_healthy
from slack_standin import (
    APP_TOKEN,
    BOT_TOKEN,
    BOT_USER,
    SIGNING_SECRET,
    TEAM,
    SlackSender,
    app_mention,
    event_callback,
    new_channel,
    new_id,
)

pytestmark = pytest.mark.slow


def test_serve_http_under_gunicorn(standin):
    process, url = start_http(standin)
    try:
        wait_healthy(url, process)
        send = SlackSender(url, SIGNING_SECRET, standin)
        channel = new_channel()
        event = app_mention("what is flask built on?", channel=channel)
        assert send.event(event)[0] == 200
        (reply,) = standin.wait_for(
            lambda c: c.method == "chat.postMessage" and c.channel == channel
        )
        assert reply.args["thread_ts"] == event["ts"] and "Werkzeug" in reply.text

        status, _, hook = send.command("compare flask django", channel=channel)
        assert status == 200
        (answer,) = standin.wait_for(lambda c: c.args.get("_url") == "/" + hook.split("/", 3)[-1])
        assert answer.args["response_type"] == "ephemeral" and "Django" in answer.text

        quiet = new_channel()
        body = json.dumps(event_callback(app_mention("what is flask?", channel=quiet))).encode()
        assert send.post(body, "application/json", signature="v0=" + "f" * 64)[0] == 401
        assert send.post(body, "application/json", timestamp=int(time.time()) - 301)[0] == 401
        assert standin.settle(lambda c: c.channel == quiet, 0.3) == []
    finally:
        output = stop(process)
    assert process.returncode == 0, output
    assert BOT_TOKEN not in output and SIGNING_SECRET not in output
    assert "Booting worker" in output  # gunicorn, not Bolt's development server


def test_socket_mode_acknowledges_envelopes_and_replies(standin, socket_mode):
    ws = socket_mode
    process = start([], SLACK_APP_TOKEN=APP_TOKEN, SLACK_API_URL=standin.api_url)
    try:
        ws.wait_connected()
        opened = standin.find(lambda c: c.method == "apps.connections.open")
        assert opened and opened[-1].token == APP_TOKEN

        channel = new_channel()
        event = app_mention("who uses django?", channel=channel)
        envelope_id = new_id("env-")
        ws.send(
            {
                "envelope_id": envelope_id,
                "type": "events_api",
                "accepts_response_payload": False,
                "retry_attempt": 0,
                "retry_reason": "",
                "payload": event_callback(event),
            }
        )
        ack = ws.wait_for_ack(envelope_id)
        assert set(ack) <= {"envelope_id", "payload"}
        (reply,) = standin.wait_for(
            lambda c: c.method == "chat.postMessage" and c.channel == channel
        )
        assert reply.args["thread_ts"] == event["ts"] and "Django" in reply.text
        assert reply.token == BOT_TOKEN

        hook = standin.response_url(new_id("sock"))
        command_id = new_id("env-")
        ws.send(
            {
                "envelope_id": command_id,
                "type": "slash_commands",
                "accepts_response_payload": True,
                "payload": {
                    "team_id": TEAM,
                    "channel_id": channel,
                    "user_id": "U1",
                    "command": "/framework",
                    "text": "what is tornado?",
                    "response_url": hook,
                    "trigger_id": "t",
                    "api_app_id": "A1",
                },
            }
        )
        ws.wait_for_ack(command_id)
        (answer,) = standin.wait_for(lambda c: c.args.get("_url") == "/" + hook.split("/", 3)[-1])
        assert "Tornado" in answer.text and answer.args["response_type"] == "ephemeral"
    finally:
        output = stop(process)
    assert process.returncode == 0, output
    assert APP_TOKEN not in output and BOT_TOKEN not in output


def test_serve_http_with_two_workers_sharing_a_sqlite_store(standin, tmp_path):
    """Each gunicorn worker builds its own app after the fork; the dedupe keys live in the
    shared store, so a delivery and its retries are answered once whichever worker gets them."""
    process, url = start_http(
        standin, "--workers", "2", FRAMEWORK_BOT_DB=str(tmp_path / "state.sqlite3")
    )
    try:
        wait_healthy(url, process)
        send = SlackSender(url, SIGNING_SECRET, standin)
        channel = new_channel()
        event, event_id = app_mention("what is sanic?", channel=channel), new_id("Ev")
        for retry in range(6):
            assert send.event(event, event_id=event_id, retry=retry or None)[0] == 200
        replies = standin.settle(
            lambda c: c.method == "chat.postMessage" and c.channel == channel, 1.0
        )
        assert len(replies) == 1 and "Sanic" in replies[0].text
    finally:
        output = stop(process)
    assert process.returncode == 0, output
