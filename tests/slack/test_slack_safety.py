"""Safe output end to end: nothing a person types (or forges into a button) reaches Slack as a
mention or a link, whichever path echoes it; overlong questions and answers; and no secret in
any log line, even when things fail. Real Bolt app over HTTP, the local Web API stand-in."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time

import pytest
from slack_replies import hook_calls
from slack_replies import replies as posted
from slack_standin import (
    BOT_TOKEN,
    SIGNING_SECRET,
    SlackSender,
    app_mention,
    block_actions,
    buttons_of,
    message,
    new_channel,
    new_id,
    new_ts,
)

from bot.answers.model import Answer, SourceRef
from bot.engine import Result
from bot.render.values import encode_value

# Everything Slack would turn into a ping or a disguised link, plus bare control characters.
HOSTILE = (
    "<!channel> <!here|here> <!everyone> <!subteam^S0123|@admins> <@U0VICTIM> "
    "<#C0123|general> <http://evil.example|label> <mailto:a@evil.example|mail> a & b < c > d "
    "@here @channel"
)
CONTROL = ("<!", "<@", "<#", "<http", "<mailto", "|label>")


def assert_inert(calls) -> None:
    """No Slack control sequence anywhere in what was sent: texts are escaped (&lt; …), button
    values carry < > & as JSON escapes. (checked_messages also checks every rendered text.)"""
    assert calls
    for call in calls:
        dumped = json.dumps(call.args, ensure_ascii=False)
        for token in CONTROL:
            assert token not in dumped, (call.method, token, dumped[:300])
        assert "<" not in dumped and ">" not in dumped, (call.method, dumped[:300])


def button(label: str, action_id: str, value: dict) -> dict:
    return {
        "action_id": action_id,
        "text": {"type": "plain_text", "text": label},
        "value": encode_value(value),
    }


# -- every path that echoes ----------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        f"what is pyramid {HOSTILE}",  # falls back ("... is not in my sources")
        f"who uses fastpi {HOSTILE}",  # "Taking *fastpi* as FastAPI"
        f"what is flsk built on? {HOSTILE}",
        f"compare flsk and {HOSTILE}",  # "Compare Flask with what?"
        HOSTILE,
    ],
)
@pytest.mark.parametrize("surface", ["mention", "dm", "command", "why"])
def test_questions_are_never_echoed_as_mentions_or_links(slack, question, surface):
    if surface in ("command", "why"):
        text = f"why {question}" if surface == "why" else question
        status, _, hook = slack.send.command(text, channel=new_channel())
        assert status == 200
        assert_inert(hook_calls(slack, hook))
        return
    channel = new_channel("D" if surface == "dm" else "C")
    if surface == "dm":
        slack.send.event(message(question, channel=channel, channel_type="im"))
    else:
        slack.send.event(app_mention(question, channel=channel))
    assert_inert(posted(slack, channel))


def test_did_you_mean_choice_labels_and_values_are_escaped(slack):
    """A "Did you mean" click: the label is echoed ("You picked: ..."), the question answered;
    "None of these" keeps the original question for the curators."""
    channel = new_channel()
    shown = {
        "ts": new_ts(),
        "text": "Did you mean ...?",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": "Did you mean ...?"}},
            {
                "type": "actions",
                "block_id": "clarify",
                "elements": [
                    button(HOSTILE[:75], "clarify:0", {"q": f"what is flask {HOSTILE}"}),
                    button("None of these", "clarify:1", {"q": "", "o": HOSTILE}),
                ],
            },
        ],
    }
    elements = shown["blocks"][1]["elements"]
    slack.send.interact(block_actions(elements[0], channel=channel, message=shown))
    answer = posted(slack, channel)
    update = posted(slack, channel, method="chat.update")
    assert "You picked" in update[0].text
    slack.send.interact(block_actions(elements[1], channel=channel, message=shown))
    updates = posted(slack, channel, 2, method="chat.update")
    assert_inert([*answer, *updates])
    records = slack.engine.store.records_of("fallback")
    assert any(r["text"] == HOSTILE for r in records)  # stored as typed; reports scrub


def test_guided_flow_values_are_escaped(slack):
    channel = new_channel()
    forged = button("Pick", "choose:0", {"c": f"0,1,{HOSTILE}"})
    shown = {"ts": new_ts(), "text": "Question 1", "blocks": []}
    slack.send.interact(block_actions(forged, channel=channel, message=shown))
    update = posted(slack, channel, method="chat.update")
    hook = slack.standin.response_url(new_id("flow"))
    slack.send.interact(block_actions(forged, channel=channel, ephemeral=True, response_url=hook))
    assert_inert([*update, *hook_calls(slack, hook)])


@pytest.mark.parametrize(
    "value",
    [
        {"q": f"what is django {HOSTILE}", "k": HOSTILE},
        {"q": HOSTILE, "k": ""},
        {"c": f"1,{HOSTILE}", "q": HOSTILE},
    ],
)
def test_share_in_channel_echoes_nothing_unescaped(slack, value):
    channel = new_channel()
    hook = slack.standin.response_url(new_id("share"))
    forged = button("Share in channel", "share:0", value)
    slack.send.interact(block_actions(forged, channel=channel, ephemeral=True, response_url=hook))
    shared = posted(slack, channel)
    assert "Shared from /framework" in shared[0].text
    assert_inert([*shared, *hook_calls(slack, hook)])


def test_suggestion_and_feedback_buttons_with_forged_values(slack):
    channel = new_channel()
    shown = {"ts": new_ts(), "text": "an answer", "blocks": []}
    ask = button(HOSTILE[:75], "ask:0", {"q": f"who uses flask {HOSTILE}"})
    slack.send.interact(block_actions(ask, channel=channel, message=shown))
    answer = posted(slack, channel)
    feedback = button(
        "👎", "feedback:down", {"r": "down", "i": HOSTILE, "h": HOSTILE, "q": HOSTILE, "s": HOSTILE}
    )
    slack.send.interact(block_actions(feedback, channel=channel, message=shown))
    thanks = posted(slack, channel, method="chat.postEphemeral")
    assert_inert([*answer, *thanks])


# -- long questions, long answers ----------------------------------------------------------


@pytest.mark.parametrize("surface", ["mention", "dm", "command"])
def test_a_question_over_4000_characters_gets_a_short_polite_reply(slack, surface):
    question = "what is flask? " + "please tell me more " * 250  # 5,015 characters
    assert len(question) > 4000
    if surface == "command":
        _, _, hook = slack.send.command(question, channel=new_channel())
        (reply,) = hook_calls(slack, hook)
    else:
        channel = new_channel("D" if surface == "dm" else "C")
        event = (
            message(question, channel=channel, channel_type="im")
            if surface == "dm"
            else app_mention(question, channel=channel)
        )
        slack.send.event(event)
        (reply,) = posted(slack, channel)
    assert "4,000 characters" in reply.text and "short" in reply.text
    assert len(json.dumps(reply.args)) < 2000  # the question is not echoed back


def test_a_long_answer_is_split_within_block_kit_limits(slack, monkeypatch):
    huge = Answer(
        intent="features",
        confidence=0.9,
        entities=["flask"],
        headline="Flask: everything " + "x" * 300,
        text=("One long paragraph about Flask. " * 200 + "\n") * 3,
        facts=[f"Fact {i}: " + "detail " * 80 for i in range(120)],
        sources=[SourceRef(id="myers", title="Myers", short="Myers")],
        suggestions=["What is Django?"],
    )
    real_run = slack.engine.run

    def run(text, conversation=None, remember=True):
        result = real_run(text, conversation, remember)
        return Result(huge, result.parse) if "everything about flask" in text else result

    monkeypatch.setattr(slack.engine, "run", run)
    channel = new_channel()
    slack.send.event(app_mention("tell me everything about flask", channel=channel))
    (reply,) = posted(slack, channel)
    blocks = reply.args["blocks"]
    sections = [b for b in blocks if b["type"] == "section"]
    assert len(blocks) <= 50 and len(sections) > 10
    assert all(len(b["text"]["text"]) <= 3000 for b in sections)
    assert "Fact 0:" in reply.text and "One long paragraph" in sections[0]["text"]["text"]
    assert {"feedback:up", "feedback:down"} <= {b["action_id"] for b in buttons_of(reply.args)}
    # (checked_messages checks the rest of Block Kit's limits)


# -- secrets -------------------------------------------------------------------------------


def test_no_secret_in_logs_when_slack_rejects_the_token_or_a_listener_fails(
    slack, caplog, monkeypatch
):
    real_run = slack.engine.run

    def run(text, conversation=None, remember=True):
        if "explode" in text:  # a bug that puts a secret into an exception message
            raise RuntimeError(f"boom: client token {BOT_TOKEN}, secret {SIGNING_SECRET}")
        return real_run(text, conversation, remember)

    monkeypatch.setattr(slack.engine, "run", run)
    rejected, exploded = new_channel(), new_channel()
    with caplog.at_level(logging.DEBUG):
        slack.standin.rejected_tokens.add(BOT_TOKEN)
        try:
            slack.send.event(app_mention("what is flask?", channel=rejected))
            slack.standin.wait_for(
                lambda c: c.channel == rejected and c.method == "chat.postEphemeral"
            )
        finally:
            slack.standin.rejected_tokens.discard(BOT_TOKEN)
        slack.send.event(app_mention("explode please", channel=exploded))
        deadline = time.monotonic() + 10
        while "boom" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.05)
    text = caplog.text
    assert "invalid_auth" in text  # Slack's error code is logged ...
    assert "RuntimeError: boom" in text and "Traceback" in text  # ... and the failure
    assert "[redacted]" in text
    assert BOT_TOKEN not in text and SIGNING_SECRET not in text
    assert "xoxb-" not in text


@pytest.mark.slow
def test_no_secret_in_the_servers_output_at_debug_level(standin, tmp_path):
    from serve_process import start_http, stop, wait_healthy

    process, url = start_http(
        standin, FRAMEWORK_BOT_LOG_LEVEL="DEBUG", FRAMEWORK_BOT_PIDFILE=str(tmp_path / "serve.pid")
    )
    try:
        wait_healthy(url, process)
        send = SlackSender(url, SIGNING_SECRET, standin)
        answered = new_channel()
        send.event(app_mention("what is flask?", channel=answered))
        standin.wait_for(lambda c: c.channel == answered and c.ok)
        rejected = new_channel()
        standin.rejected_tokens.add(BOT_TOKEN)
        try:
            send.event(app_mention("what is django?", channel=rejected))
            standin.wait_for(lambda c: c.channel == rejected and c.method == "chat.postEphemeral")
        finally:
            standin.rejected_tokens.discard(BOT_TOKEN)
        broken = app_mention("what is bottle?", channel=new_channel())
        del broken["ts"]  # a listener fails on it (KeyError) and logs a traceback
        assert send.event(broken)[0] == 200
        bad = json.dumps({"type": "event_callback"}).encode()
        assert send.post(bad, "application/json", signature="v0=" + "1" * 64)[0] == 401
        time.sleep(0.5)
    finally:
        output = stop(process)
    assert "invalid_auth" in output and "KeyError" in output and "Traceback" in output
    assert "Sending a request" in output  # slack_sdk's debug lines are on ...
    assert BOT_TOKEN not in output and SIGNING_SECRET not in output  # ... and clean
    assert "xoxb-" not in output
