"""Interactive messages belong to their user, end to end over HTTP (real Bolt app, signed
requests, the Web API stand-in): the guided flow, Start over on a shared result, changing a
vote, no feedback on small talk, a quiet thread follow-up, and the App Home acknowledgement."""

from __future__ import annotations

import json

from slack_replies import posts
from slack_standin import (
    app_mention,
    block_actions,
    buttons_of,
    message,
    new_channel,
    new_id,
)
from test_slack_interactive import button, mention_answer

from bot.curation.report import build_report


def _start_visible_flow(slack, owner: str):
    """A flow started by `owner` on a visible channel message; returns (channel, message,
    the Question 1 update)."""
    channel = new_channel()
    start = {
        "action_id": "choose:start",
        "text": {"type": "plain_text", "text": "Help me choose a framework"},
        "value": json.dumps({"c": ""}),
    }
    posted = {"ts": "1712345700.000100", "text": "x", "blocks": []}
    slack.send.interact(block_actions(start, channel=channel, user=owner, message=posted))
    (step,) = posts(slack, channel, method="chat.update")
    assert "Question 1 of 4" in step.text
    return channel, posted, step


def _quiet(slack, channel: str, method: str, count: int) -> None:
    calls = slack.standin.settle(lambda c: c.method == method and c.channel == channel)
    assert len(calls) == count, [c.text for c in calls]


def test_another_user_clicking_a_flow_gets_their_own(slack):
    owner, other = new_id("U"), new_id("U")
    channel, posted, step = _start_visible_flow(slack, owner)
    slack.send.interact(
        block_actions(button(step.args, "choose:", 1), channel=channel, user=other, message=posted)
    )
    (note,) = posts(slack, channel, method="chat.postEphemeral")
    assert note.args["user"] == other
    assert "Question 1 of 4" in note.text and "someone else" in note.text
    assert any(b["action_id"].startswith("choose:") for b in buttons_of(note.args))
    _quiet(slack, channel, "chat.update", 1)  # the owner's flow is untouched
    # the owner goes on answering in place
    slack.send.interact(
        block_actions(button(step.args, "choose:", 1), channel=channel, user=owner, message=posted)
    )
    _, second = posts(slack, channel, 2, method="chat.update")
    assert "Question 2 of 4" in second.text


def test_start_over_on_a_shared_result_leaves_it_for_everyone(slack):
    owner, other = new_id("U"), new_id("U")
    channel, posted, step = _start_visible_flow(slack, owner)
    for n in range(2, 6):
        pick = button(step.args, "choose:", 0)
        slack.send.interact(block_actions(pick, channel=channel, user=owner, message=posted))
        step = posts(slack, channel, n, method="chat.update")[-1]
    assert "My pick" in step.text
    start_over = button(step.args, "choose:")
    assert start_over["text"]["text"] == "Start over"
    result = {**posted, "blocks": step.args["blocks"], "text": step.args["text"]}
    for n, who in enumerate((other, owner), 1):
        slack.send.interact(block_actions(start_over, channel=channel, user=who, message=result))
        fresh = posts(slack, channel, n, method="chat.postEphemeral")[-1]
        assert fresh.args["user"] == who and "Question 1 of 4" in fresh.text
    _quiet(slack, channel, "chat.update", 5)  # the result stays as it was, for everyone


def test_a_vote_can_be_changed(slack):
    channel, _, reply, posted = mention_answer(slack, "who uses cherrypy?")
    voter = new_id("U")
    before = {r["intent"]: r for r in build_report(slack.engine.store)["intents"]}
    up, down = button(reply.args, "feedback:up"), button(reply.args, "feedback:down")
    # one click after another, each once its note arrived, as a person clicks
    for n, clicked in enumerate((up, down, down), 1):
        slack.send.interact(block_actions(clicked, channel=channel, user=voter, message=posted))
        posts(slack, channel, n, method="chat.postEphemeral")
    first, changed, again = posts(slack, channel, 3, method="chat.postEphemeral")
    assert "Thanks for the feedback" in first.text
    assert "changed your rating" in changed.text
    assert "already rated" in again.text
    after = {r["intent"]: r for r in build_report(slack.engine.store)["intents"]}
    old = before.get("who_uses", {"up": 0, "down": 0})
    assert after["who_uses"]["up"] == old["up"]  # the 👍 was taken back
    assert after["who_uses"]["down"] == old["down"] + 1


def test_no_feedback_buttons_on_greetings_or_help(slack):
    for text in ("hi there", "help"):
        channel = new_channel()
        slack.send.event(app_mention(text, channel=channel))
        (reply,) = posts(slack, channel)
        actions = [b["action_id"] for b in buttons_of(reply.args)]
        assert not [a for a in actions if a.startswith("feedback:")], (text, actions)
    # a real answer still has them
    _, _, reply, _ = mention_answer(slack, "what is flask?")
    assert "feedback:up" in [b["action_id"] for b in buttons_of(reply.args)]


def test_the_help_me_choose_suggestion_starts_the_flow(slack):
    channel, _, reply, posted = mention_answer(slack, "hello")
    suggestion = [
        b for b in buttons_of(reply.args) if b["text"]["text"].lower().startswith("help me choose")
    ]
    assert suggestion
    slack.send.interact(block_actions(suggestion[0], channel=channel, message=posted))
    _, flow = posts(slack, channel, 2)
    assert "Question 1 of 4" in flow.text and "My pick" not in flow.text


def test_a_quiet_follow_up_is_recorded_and_hinted_once(slack):
    channel, event, _, _ = mention_answer(slack, "what is django?")
    asker = new_id("U")
    unsure = "would that survive the office's weird proxy setup?"
    chatter = "sounds good, lets sync after lunch then"
    for text in (chatter, unsure, unsure):
        slack.send.event(message(text, channel=channel, user=asker, thread_ts=event["ts"]))
    hints = slack.standin.settle(
        lambda c: c.method == "chat.postEphemeral" and c.channel == channel
    )
    assert len(hints) == 1 and hints[0].args["user"] == asker
    assert "mention me" in hints[0].text.lower()
    _quiet(slack, channel, "chat.postMessage", 1)  # only the first answer was posted
    quiet = [r for r in slack.engine.store.records_of("fallback") if r.get("text") == unsure]
    assert len(quiet) == 2 and all(r["surface"] == "thread_quiet" for r in quiet)
    # people talking among themselves are recorded too, but get no hint
    assert [r for r in slack.engine.store.records_of("fallback") if r.get("text") == chatter]


def test_a_home_button_is_acknowledged_on_the_home_tab(slack):
    user = new_id("U")
    ask = {
        "action_id": "ask:0",
        "text": {"type": "plain_text", "text": "What is Flask?"},
        "value": json.dumps({"q": "What is Flask?"}),
    }
    slack.send.interact(block_actions(ask, channel=None, user=user, home=True))
    (reply,) = slack.standin.wait_for(
        lambda c: c.method == "chat.postMessage" and c.channel == user
    )
    assert "Flask" in reply.text
    (home,) = slack.standin.wait_for(
        lambda c: c.method == "views.publish" and c.args.get("user_id") == user
    )
    assert "Messages tab" in home.text and "What is Flask?" in home.text


def test_the_app_home_lists_each_framework_once_in_whole_sentences(slack):
    user = new_id("U")
    slack.send.event(
        {"type": "app_home_opened", "user": user, "channel": "D0H", "tab": "home", "event_ts": "1"}
    )
    (home,) = slack.standin.wait_for(
        lambda c: c.method == "views.publish" and c.args.get("user_id") == user
    )
    bullets = [line for line in home.text.split("\n") if line.startswith("• *")]
    names = [line.split("*")[1] for line in bullets]
    python = [
        fw.name for fw in slack.engine.knowledge.frameworks.values() if fw.language == "python"
    ]
    assert sorted(names) == sorted(python)  # each once
    for line in bullets:
        assert line.rstrip().endswith("."), line  # a whole sentence, not cut mid-word
    tornado = next(line for line in bullets if line.startswith("• *Tornado*"))
    assert "also" in tornado
    zope = next(line for line in bullets if line.startswith("• *Zope*"))
    assert "old men" not in zope


def test_a_dm_subject_does_not_capture_which_framework_should_i_use(slack):
    dm = new_channel("D")
    slack.send.event(message("who created web.py", channel=dm, channel_type="im"))
    (first,) = posts(slack, dm)
    assert "web.py" in first.text
    slack.send.event(message("which framework should I use?", channel=dm, channel_type="im"))
    _, second = posts(slack, dm, 2)
    assert "Question 1 of 4" in second.text and "web.py a good fit" not in second.text
