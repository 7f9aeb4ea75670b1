"""The Slack app end to end over HTTP: events (mentions, DMs, threads), App Home, onboarding,
request signing, dedupe and escaping. Real Bolt app, real WSGI app, a Web API stand-in."""

from __future__ import annotations

import json
import time

from slack_replies import posts, settled
from slack_standin import (
    BOT_ID,
    BOT_USER,
    ONBOARDING_CHANNEL,
    TEAM,
    app_mention,
    block_actions,
    buttons_of,
    event_callback,
    message,
    new_channel,
    new_id,
    new_ts,
    sign,
)

# -- HTTP, signatures ---------------------------------------------------------------------


def test_healthz_and_url_verification(slack):
    import urllib.request

    with urllib.request.urlopen(slack.url + "/healthz", timeout=5) as response:
        assert response.status == 200
        assert json.loads(response.read()) == {"ok": True}
    body = json.dumps({"token": "t", "challenge": "c-123", "type": "url_verification"}).encode()
    status, text = slack.send.post(body, "application/json")
    assert status == 200 and "c-123" in text


def test_wrong_signature_gets_401_and_no_reply(slack):
    channel = new_channel()
    body = json.dumps(event_callback(app_mention("what is flask?", channel=channel))).encode()
    status, _ = slack.send.post(body, "application/json", signature="v0=" + "0" * 64)
    assert status == 401
    signed_elsewhere = sign("another-secret-entirely-1234", str(int(time.time())), body)
    status, _ = slack.send.post(body, "application/json", signature=signed_elsewhere)
    assert status == 401
    assert settled(slack, channel) == []


def test_correct_signature_older_than_five_minutes_gets_401(slack):
    channel = new_channel()
    event = app_mention("what is flask?", channel=channel)
    status, _ = slack.send.event(event, timestamp=int(time.time()) - 6 * 60)
    assert status == 401
    status, _ = slack.send.event(event, timestamp=int(time.time()) + 6 * 60)
    assert status == 401
    assert settled(slack, channel) == []


# -- mentions and threads -----------------------------------------------------------------


def test_mention_is_answered_in_the_thread_of_the_question(slack):
    channel = new_channel()
    event = app_mention("what is flask built on?", channel=channel)
    status, _ = slack.send.event(event)
    assert status == 200
    (reply,) = posts(slack, channel)
    assert reply.args["thread_ts"] == event["ts"]
    assert "Werkzeug" in reply.text
    assert reply.token.startswith("xoxb-")
    # The text fallback for notifications is set, and says what the answer is about.
    assert "Flask" in reply.args["text"]
    labels = [b["text"]["text"] for b in buttons_of(reply.args)]
    actions = [b["action_id"] for b in buttons_of(reply.args)]
    assert 2 <= sum(a.startswith("ask:") for a in actions) <= 3
    assert {"feedback:up", "feedback:down"} <= set(actions)
    assert any("Helpful" in label for label in labels)
    assert "share:0" not in actions  # visible answers are already shared


def test_mention_delivered_as_app_mention_and_message_is_answered_once(slack):
    channel = new_channel()
    mention = app_mention("who uses django?", channel=channel)
    same = message(mention["text"], channel=channel, ts=mention["ts"])
    assert slack.send.event(same)[0] == 200
    assert slack.send.event(mention)[0] == 200
    assert len(settled(slack, channel)) == 1


def test_retried_event_is_answered_once(slack):
    channel = new_channel()
    event, event_id = app_mention("what is bottle?", channel=channel), new_id("Ev")
    assert slack.send.event(event, event_id=event_id)[0] == 200
    assert slack.send.event(event, event_id=event_id, retry=1)[0] == 200
    assert slack.send.event(event, event_id=event_id, retry=2)[0] == 200
    assert len(settled(slack, channel)) == 1


def test_thread_follow_up_without_mention_uses_the_thread_context(slack):
    channel = new_channel()
    question = app_mention("what is flask?", channel=channel)
    slack.send.event(question)
    posts(slack, channel)
    thread = question["ts"]

    slack.send.event(message("who uses it?", channel=channel, thread_ts=thread))
    _, follow_up = posts(slack, channel, 2)
    assert follow_up.args["thread_ts"] == thread
    assert "Flask" in follow_up.text

    # Chatter in the same thread without a confident answer: the bot stays silent ...
    slack.send.event(message("lol nice", channel=channel, thread_ts=thread))
    slack.send.event(message("<@U0BOB> who uses it?", channel=channel, thread_ts=thread))
    slack.send.event(message("see you at lunch", channel=channel, thread_ts=thread))
    assert len(settled(slack, channel)) == 2
    # ... but an explicit mention always gets a reply, even "I don't know".
    slack.send.event(app_mention("what is pyramid?", channel=channel, thread_ts=thread))
    replies = posts(slack, channel, 3)
    assert replies[2].args["thread_ts"] == thread
    assert "know" in replies[2].text


def test_no_reply_in_threads_the_bot_has_not_answered(slack):
    channel = new_channel()
    top = message("what is flask?", channel=channel)  # no mention: not for the bot
    slack.send.event(top)
    slack.send.event(message("who uses flask?", channel=channel, thread_ts=top["ts"]))
    assert settled(slack, channel) == []


def test_direct_messages_are_questions_with_context(slack):
    channel = new_channel("D")
    first = message("what is django?", channel=channel, channel_type="im")
    slack.send.event(first)
    (reply,) = posts(slack, channel)
    assert reply.args.get("thread_ts") is None  # top-level DMs get top-level replies
    assert "Django" in reply.text
    slack.send.event(message("who uses it?", channel=channel, channel_type="im"))
    _, follow_up = posts(slack, channel, 2)
    assert "Django" in follow_up.text
    # A thread on the first question continues its subject and is answered in the thread.
    slack.send.event(
        message(
            "what are its drawbacks?", channel=channel, channel_type="im", thread_ts=first["ts"]
        )
    )
    replies = posts(slack, channel, 3)
    assert replies[2].args["thread_ts"] == first["ts"]
    assert "Django" in replies[2].text


def test_fallbacks_are_recorded_for_curation_without_user_ids(slack):
    channel = new_channel()
    slack.send.event(app_mention("what is pyramid?", channel=channel, user="U0SECRET1"))
    posts(slack, channel)
    records = [r for r in slack.engine.store.records_of("fallback") if "pyramid" in r["text"]]
    assert records and records[-1]["surface"] == "channel"
    assert "intent" in records[-1] and "score" in records[-1] and "time" in records[-1]
    assert "U0SECRET1" not in json.dumps(records) and BOT_USER not in json.dumps(records)


# -- what the bot must ignore ------------------------------------------------------------


def test_own_and_other_bots_messages_edits_and_unknown_events_get_200_and_no_reply(slack):
    channel = new_channel()
    ignored = [
        message(f"<@{BOT_USER}> what is flask?", channel=channel, user=BOT_USER),
        message("what is flask?", channel=channel, channel_type="im", user=BOT_USER, bot_id=BOT_ID),
        message(
            f"<@{BOT_USER}> what is flask?",
            channel=channel,
            user="U0THERBOT",
            bot_id="B0THER",
            subtype="bot_message",
        ),
        message(
            "what is flask?", channel=channel, channel_type="im", user="U0THERBOT", bot_id="B0THER"
        ),
        app_mention("what is flask?", channel=channel) | {"bot_id": "B0THER"},
        {
            "type": "message",
            "subtype": "message_changed",
            "channel": channel,
            "channel_type": "im",
            "hidden": True,
            "ts": new_ts(),
            "event_ts": new_ts(),
            "message": {
                "type": "message",
                "user": "U1",
                "text": f"<@{BOT_USER}> what is flask?",
                "ts": new_ts(),
            },
            "previous_message": {"type": "message", "user": "U1", "text": "x", "ts": new_ts()},
        },
        {
            "type": "message",
            "subtype": "message_deleted",
            "channel": channel,
            "hidden": True,
            "channel_type": "im",
            "ts": new_ts(),
            "deleted_ts": new_ts(),
            "event_ts": new_ts(),
        },
        message("joined", channel=channel, subtype="channel_join"),
        {
            "type": "reaction_added",
            "user": "U1",
            "reaction": "thumbsup",
            "item": {"type": "message", "channel": channel, "ts": new_ts()},
            "event_ts": new_ts(),
        },
        {"type": "some_future_event", "channel": channel, "event_ts": new_ts()},
    ]
    for event in ignored:
        status, _ = slack.send.event(event)
        assert status == 200, event
    assert settled(slack, channel) == []


def test_unhandled_interactions_are_acknowledged(slack):
    button = {
        "action_id": "someone_elses_button",
        "text": {"type": "plain_text", "text": "x"},
        "value": "x",
    }
    payload = block_actions(button, channel=new_channel(), message={"ts": new_ts()})
    assert slack.send.interact(payload)[0] == 200
    view = {
        "type": "view_submission",
        "team": {"id": TEAM},
        "user": {"id": "U1"},
        "view": {"id": "V9", "type": "modal", "callback_id": "unknown", "state": {}},
    }
    assert slack.send.interact(view)[0] == 200
    shortcut = {
        "type": "shortcut",
        "callback_id": "unknown",
        "team": {"id": TEAM},
        "user": {"id": "U1"},
        "trigger_id": "t",
    }
    assert slack.send.interact(shortcut)[0] == 200


# -- App Home and onboarding -------------------------------------------------------------


def test_app_home_shows_what_the_bot_knows(slack):
    user = new_id("U")
    slack.send.event(
        {
            "type": "app_home_opened",
            "user": user,
            "channel": "D0HOME",
            "tab": "messages",
            "event_ts": new_ts(),
        }
    )
    slack.send.event(
        {
            "type": "app_home_opened",
            "user": user,
            "channel": "D0HOME",
            "tab": "home",
            "event_ts": new_ts(),
        }
    )
    calls = slack.standin.wait_for(
        lambda c: c.method == "views.publish" and c.args.get("user_id") == user
    )
    time.sleep(0.3)
    calls = slack.standin.find(
        lambda c: c.method == "views.publish" and c.args.get("user_id") == user
    )
    assert len(calls) == 1  # the messages tab publishes nothing
    view = calls[0].args["view"]
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    text = calls[0].text
    for expected in (
        "Microframework",
        "Full-stack",
        "Flask",
        "Django",
        "How to ask",
        "/framework",
        "Example questions",
    ):
        assert expected in text
    actions = {b["action_id"] for b in buttons_of(view)}
    assert "choose:start" in actions and any(a.startswith("ask:") for a in actions)


def test_home_buttons_answer_in_the_apps_messages_tab(slack):
    user = new_id("U")
    home = slack.app  # noqa: F841  (the same app serves Home clicks)
    button = {
        "action_id": "ask:0",
        "text": {"type": "plain_text", "text": "What is Flask?"},
        "value": json.dumps({"q": "What is Flask?"}),
    }
    slack.send.interact(block_actions(button, channel=None, user=user, home=True))
    (reply,) = slack.standin.wait_for(
        lambda c: c.method == "chat.postMessage" and c.channel == user
    )
    assert "Flask" in reply.text
    choose = {
        "action_id": "choose:start",
        "text": {"type": "plain_text", "text": "Help"},
        "value": json.dumps({"c": ""}),
    }
    slack.send.interact(block_actions(choose, channel=None, user=user, home=True))
    _, flow = slack.standin.wait_for(
        lambda c: c.method == "chat.postMessage" and c.channel == user, 2
    )
    assert "Question 1" in flow.text


def test_onboarding_welcomes_people_who_join_listed_channels(slack):
    def joined(user: str, channel: str) -> None:
        slack.send.event(
            {
                "type": "member_joined_channel",
                "user": user,
                "channel": channel,
                "channel_type": "C",
                "team": TEAM,
                "inviter": "U0INVITER",
                "event_ts": new_ts(),
            }
        )

    joined(BOT_USER, ONBOARDING_CHANNEL)  # the bot itself: never
    other = new_channel()
    joined("U0NEWBIE2", other)  # not a listed channel
    joined("U0NEWBIE1", ONBOARDING_CHANNEL)
    (welcome,) = slack.standin.wait_for(
        lambda c: c.method == "chat.postEphemeral" and c.channel == ONBOARDING_CHANNEL
    )
    assert welcome.args["user"] == "U0NEWBIE1"
    assert "Python web frameworks" in welcome.text
    (start,) = [b for b in buttons_of(welcome.args) if b["action_id"].startswith("choose")]
    assert "Help me choose" in start["text"]["text"]
    time.sleep(0.3)
    assert (
        len(
            slack.standin.find(
                lambda c: (
                    c.method == "chat.postEphemeral" and c.channel in (ONBOARDING_CHANNEL, other)
                )
            )
        )
        == 1
    )

    # The welcome's button starts the guided flow in place (ephemeral → response_url).
    hook = slack.standin.response_url(new_id("welcome"))
    slack.send.interact(
        block_actions(
            start, channel=ONBOARDING_CHANNEL, user="U0NEWBIE1", ephemeral=True, response_url=hook
        )
    )
    (step,) = slack.standin.wait_for(lambda c: c.args.get("_url", "").endswith(hook[-12:]))
    assert step.args["replace_original"] is True
    assert "Question 1" in step.text


def test_onboarding_everywhere_with_a_star():
    from bot.slack.config import load_config

    config = load_config(
        {
            "SLACK_BOT_TOKEN": "xoxb-1-2",
            "SLACK_SIGNING_SECRET": "a" * 32,
            "ONBOARDING_CHANNELS": "*",
        }
    )
    assert config.wants_onboarding("C0ANYTHING") and config.wants_onboarding("G0PRIVATE")
    listed = load_config(
        {
            "SLACK_BOT_TOKEN": "xoxb-1-2",
            "SLACK_SIGNING_SECRET": "a" * 32,
            "ONBOARDING_CHANNELS": "C0ONE, C0TWO",
        }
    )
    assert listed.wants_onboarding("C0TWO") and not listed.wants_onboarding("C0THREE")


# -- escaping ----------------------------------------------------------------------------

HOSTILE = [
    "what is fastpi <!channel> and <!here|here> <!everyone>?",
    "what is flsk <!subteam^S0123|@admins> <@U0VICTIM> <#C0123|general>",
    "what is &lt;!channel&gt; fastpi &amp;lt;!here&amp;gt; @here @channel @everyone",
    "who uses fastpi<https://evil.example/login|click here> <https://evil.example>",
    "what is @here-flsk &lt;@U0VICTIM&gt; flaskk&lt;!channel&gt;?",
    "tell me about `&lt;!here&gt;` *bold* <mailto:a@b.example|mail>",
]


def test_nothing_echoed_back_can_mention_or_link(slack):
    for i, text in enumerate(HOSTILE):
        channel = new_channel()
        if i % 2:
            slack.send.event(message(text, channel=channel, channel_type="im"))
        else:
            slack.send.event(app_mention(text, channel=channel))
        (reply,) = posts(slack, channel)
        everything = json.dumps([reply.args.get("text"), reply.args.get("blocks")])
        for token in ("<!", "<@", "<#", "<http", "<mailto"):
            assert token not in everything, (text, token)
    # (the checked_messages fixture also asserts that every posted text is escaped)


def test_echoed_fuzzy_names_are_escaped_in_assumptions(slack):
    channel = new_channel()
    slack.send.event(app_mention("what is fastpi&amp;&lt;!here&gt;?", channel=channel))
    (reply,) = posts(slack, channel)
    assert "<!here>" not in json.dumps(reply.args)
