"""A slow or failing Web API (issue 16, item 9): what the asker is told must be true, and must
never quote what the upstream server sent. Real Bolt app over HTTP on 127.0.0.1, signed
requests, the local Web API stand-in made slow or failing."""

from __future__ import annotations

import time

import pytest
from slack_standin import (
    Fault,
    app_mention,
    new_channel,
    serve_app,
    slack_env,
)

from bot.slack.app import make_client
from bot.slack.config import load_config

CLIENT_TIMEOUT = 1.0  # seconds; the app's own is 10 s, and the delay was 12 s


@pytest.fixture
def slow_client_app(standin):
    """The app with a Web API client that gives up after CLIENT_TIMEOUT (as the real one does
    after 10 s), so that a delay longer than that is quick to test."""
    client = make_client(load_config(slack_env(standin), "http"))
    client.timeout = CLIENT_TIMEOUT
    served = serve_app(standin, client=client)
    yield served
    served.close()
    standin.fault_hook = None


def notes(standin, channel: str, wait: float = 0.5):
    return standin.settle(lambda c: c.method == "chat.postEphemeral" and c.channel == channel, wait)


def test_an_answer_posted_slowly_is_not_reported_as_not_posted(slow_client_app, standin):
    channel = new_channel()

    def slow(method, args):
        if method == "chat.postMessage" and args.get("channel") == channel:
            time.sleep(CLIENT_TIMEOUT + 1.0)  # then the stand-in posts it
        return None

    standin.fault_hook = slow
    assert slow_client_app.send.event(app_mention("what is flask?", channel=channel)) == (200, "")
    (posted,) = standin.wait_for(
        lambda c: c.method == "chat.postMessage" and c.channel == channel and c.ok, timeout=15
    )
    assert "Flask" in posted.text
    (note,) = notes(standin, channel, 1.0)  # true either way: it did land, this time
    assert "couldn't post" not in note.text and "could not post" not in note.text
    assert "If you don't see it" in note.text
    posts = standin.find(lambda c: c.method == "chat.postMessage" and c.channel == channel)
    assert len(posts) == 1  # a read timeout is not retried: it may have been posted


def test_a_persistent_5xx_note_never_quotes_the_upstream_body(slack, standin):
    channel = new_channel()
    standin.faults.append(Fault("503", channel=channel, times=None))
    try:
        assert slack.send.event(app_mention("what is django?", channel=channel)) == (200, "")
        (note,) = standin.wait_for(
            lambda c: c.method == "chat.postEphemeral" and c.channel == channel, timeout=15
        )
    finally:
        standin.faults.clear()
    assert "couldn't post" in note.text
    for upstream in ("html", "Server Error", "non-JSON", "<", "&lt;"):
        assert upstream not in note.text, note.text
    assert "503" in note.text or "unavailable" in note.text.lower()
