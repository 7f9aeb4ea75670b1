"""Ask the team (issue 15), end to end over HTTP: the real Bolt app, signed requests and the
Web API stand-in. A decline offers "Ask the team", the question goes to the experts channel
(escaped, pinging nobody), an expert's reply comes back to the asker's thread attributed and
marked as not from the documents, a curator adds it through the modal, and the same question
is then answered from the team fact, cited as the team's."""

from __future__ import annotations

import io
import json
import re
import shutil
import time

import pytest
from slack_standin import (
    BOT_TOKEN,
    SIGNING_SECRET,
    TEAM,
    app_mention,
    block_actions,
    buttons_of,
    message,
    new_channel,
    new_id,
    new_ts,
    serve_app,
    visible_text,
)

from bot.checks import run_check
from bot.engine import Engine
from bot.paths import default_intents_dir
from bot.slack.config import ConfigError, load_config
from bot.team import load_team

EXPERTS = "CEXPERTS1"
EXPERT = "UEXPERT1"
CURATOR = "UCURATOR1"
ASKER = "UASKER1"
GROUP = "S0CURATORS"
GROUPIE = "UGROUPIE1"  # a curator by membership of the curator user group
QUESTION = "how do I deploy flask on kubernetes?"
REPLY = (
    "We run it under gunicorn in one pod per service, "
    "see <https://example.com/k8s|our notes> <!channel>"
)


@pytest.fixture(scope="module")
def team_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("team")


@pytest.fixture(scope="module")
def intents_dir(tmp_path_factory):
    """A copy of the shipped intents, for Teach to write to."""
    target = tmp_path_factory.mktemp("intents") / "intents"
    shutil.copytree(default_intents_dir(), target)
    return target


@pytest.fixture(scope="module")
def desk(standin, team_dir, intents_dir):
    """The app with an experts channel, curators, a team directory and its own intents."""
    engine = Engine.load(intents_dir=str(intents_dir), team_dir=str(team_dir))
    env = {
        "FRAMEWORK_BOT_EXPERTS_CHANNEL": EXPERTS,
        "FRAMEWORK_BOT_CURATORS": CURATOR,
        "FRAMEWORK_BOT_CURATOR_GROUP": GROUP,
    }
    standin.usergroups[GROUP] = [GROUPIE]
    served = serve_app(standin, engine=engine, env=env)
    # the only markup the app may send here: the expert's mention, channel mentions and
    # Slack's own permalinks, all built by the app's code (user text stays escaped)
    standin.allowed_markup = (
        re.compile(f"<@{EXPERT}>"),
        re.compile(r"<#C[0-9A-Z]+>"),
        re.compile(r"<https://standin\.slack\.com/archives/C[0-9A-Z]+/p[0-9]+\|[^<>|]+>"),
    )
    yield served
    standin.allowed_markup = ()
    served.close()


def _buttons(call, prefix: str):
    return [b for b in buttons_of(call.args) if b["action_id"].startswith(prefix)]


def _posted(call) -> dict:
    """The message as Slack stored it (what a click's payload carries)."""
    return {
        "ts": call.result["ts"],
        "thread_ts": call.args.get("thread_ts"),
        "text": call.args.get("text"),
        "blocks": call.args.get("blocks"),
    }


def _ask(served, text: str, channel: str, user: str = ASKER):
    event = app_mention(text, channel=channel, user=user)
    status, _ = served.send.event(event)
    assert status == 200
    (reply,) = served.standin.wait_for(
        lambda c: (
            c.method == "chat.postMessage"
            and c.channel == channel
            and c.args.get("thread_ts") == event["ts"]
        )
    )
    return event, reply


def _submission(view: dict, user: str, **values: str) -> dict:
    """Slack's view_submission payload for the modal as opened, with the curator's values."""
    state: dict = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        bid = block["block_id"]
        if element["type"] == "static_select":
            chosen = values.get(bid, (element.get("initial_option") or {}).get("value"))
            option = next(o for o in element["options"] if o["value"] == chosen)
            state[bid] = {"value": {"type": "static_select", "selected_option": option}}
        else:
            text = values.get(bid, element.get("initial_value", ""))
            state[bid] = {"value": {"type": "plain_text_input", "value": text}}
    return {
        "type": "view_submission",
        "team": {"id": TEAM, "domain": "standin"},
        "user": {"id": user, "username": "cu", "name": "cu", "team_id": TEAM},
        "api_app_id": "A1",
        "token": "legacy-verification-token",
        "trigger_id": new_id("trigger"),
        "view": {
            "id": "V9",
            "team_id": TEAM,
            "type": "modal",
            "callback_id": view["callback_id"],
            "private_metadata": view["private_metadata"],
            "blocks": view["blocks"],
            "state": {"values": state},
            "hash": "1.abc",
        },
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }


def test_a_decline_has_no_ask_the_team_button_without_an_experts_channel(slack):
    channel = new_channel()
    _, reply = _ask(slack, QUESTION, channel)
    assert "I don't know" in visible_text(reply.args)
    assert not _buttons(reply, "team_ask")


def test_ask_the_team_conversation(desk, team_dir):
    standin = desk.standin
    channel = new_channel()
    event, decline = _ask(desk, QUESTION, channel)
    (ask,) = _buttons(decline, "team_ask:")
    assert ask["text"]["text"] == "Ask the team"
    assert not _buttons(decline, "feedback:")  # a decline is still not rated

    # the asker clicks Ask the team: the question goes to the experts channel
    desk.send.interact(block_actions(ask, channel=channel, user=ASKER, message=_posted(decline)))
    (question,) = standin.wait_for(
        lambda c: c.method == "chat.postMessage" and c.channel == EXPERTS
    )
    shown = visible_text(question.args)
    assert "how do I deploy flask on kubernetes?" in shown
    assert f"Asked in <#{channel}>" not in shown or channel  # the channel, by our own markup
    assert f"https://standin.slack.com/archives/{channel}/p" in shown  # where it was asked
    assert ASKER not in json.dumps(question.args)  # nobody is pinged, the asker not even named
    standin.wait_for(
        lambda c: (
            c.method == "chat.postMessage"
            and c.channel == channel
            and "I asked the team" in c.text
            and c.args.get("thread_ts") == event["ts"]
        )
    )
    # a second click posts nothing new
    desk.send.interact(block_actions(ask, channel=channel, user="U7", message=_posted(decline)))
    standin.wait_for(lambda c: c.method == "chat.postEphemeral" and "already been asked" in c.text)
    assert len(standin.find(lambda c: c.method == "chat.postMessage" and c.channel == EXPERTS)) == 1

    # an expert replies in the experts thread: the asker's thread gets it, attributed
    reply_event = message(
        REPLY, channel=EXPERTS, user=EXPERT, thread_ts=question.result["ts"], ts=new_ts()
    )
    assert desk.send.event(reply_event)[0] == 200
    (relay,) = standin.wait_for(
        lambda c: (
            c.method == "chat.postMessage" and c.channel == channel and "Answered by" in c.text
        )
    )
    assert relay.args["thread_ts"] == event["ts"]
    shown = visible_text(relay.args)
    assert f"Answered by <@{EXPERT}> in <#{EXPERTS}>" in shown
    assert "not from the documents" in shown
    assert (
        "gunicorn in one pod per service" in shown
        and "our notes (https://example.com/k8s)" in shown
    )
    assert "<!channel>" not in json.dumps(relay.args)  # the expert's broadcast is dropped
    (add,) = _buttons(relay, "team_add:")
    # the experts thread hears it was delivered (with the same button for curators there),
    # and nothing else answers in it
    delivered = standin.settle(
        lambda c: c.method == "chat.postMessage" and c.channel == EXPERTS and c is not question
    )
    assert [c.args["thread_ts"] for c in delivered] == [question.result["ts"]]
    assert "Sent to the asker" in delivered[0].text
    assert _buttons(delivered[0], "team_add:")[0]["value"] == add["value"]

    # a non-curator cannot add it
    desk.send.interact(block_actions(add, channel=channel, user=ASKER, message=_posted(relay)))
    refusal = standin.wait_for(
        lambda c: c.method == "chat.postEphemeral" and c.args.get("user") == ASKER
    )[-1]
    assert "Only curators" in refusal.text
    assert not standin.settle(lambda c: c.method == "views.open", 0.3)
    assert not list(team_dir.glob("*.yaml"))

    # a curator opens the modal, pre-filled
    desk.send.interact(block_actions(add, channel=channel, user=CURATOR, message=_posted(relay)))
    (opened,) = standin.wait_for(lambda c: c.method == "views.open")
    view = opened.args["view"]
    inputs = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert inputs["framework"]["initial_option"]["value"] == "flask"
    assert inputs["facet"]["initial_option"]["value"] in ("features", "summary")
    assert inputs["question"]["initial_value"] == QUESTION
    assert inputs["text"]["initial_value"].startswith("We run it under gunicorn")
    assert opened.args["trigger_id"]

    # an empty answer stays in the modal with an error; nothing is written
    status, body = desk.send.interact(_submission(view, CURATOR, text=""))
    assert status == 200 and json.loads(body)["response_action"] == "errors"
    assert not list(team_dir.glob("*.yaml"))

    # a non-curator's submission is refused too
    status, body = desk.send.interact(_submission(view, ASKER))
    assert json.loads(body)["response_action"] == "errors"
    assert not list(team_dir.glob("*.yaml"))

    # what the team files would refuse is refused in the modal, and can be corrected
    status, body = desk.send.interact(_submission(view, CURATOR, question="why " * 150))
    error = json.loads(body)
    assert error["response_action"] == "errors" and "Not added" in error["errors"]["text"]
    assert not list(team_dir.glob("*.yaml"))

    status, body = desk.send.interact(_submission(view, CURATOR))
    assert status == 200 and body == ""  # the modal closes
    (written,) = team_dir.glob("*.yaml")
    content = written.read_text()
    assert content.startswith("# Team knowledge")  # the file explains itself, comments kept
    (fact,) = load_team(team_dir, desk.engine.knowledge.frameworks)
    assert fact.framework == "flask" and fact.source.kind == "team"
    assert fact.source.author == EXPERT and fact.source.date.isoformat() == time.strftime(
        "%Y-%m-%d"
    )
    assert fact.source.permalink.startswith(f"https://standin.slack.com/archives/{EXPERTS}/p")
    assert ASKER not in content and CURATOR not in content  # no user ids beyond the author's
    standin.wait_for(
        lambda c: (
            c.method == "chat.postEphemeral"
            and c.args.get("user") == CURATOR
            and "Added to the team knowledge" in c.text
        )
    )
    # the same click again adds nothing twice
    status, body = desk.send.interact(_submission(view, CURATOR))
    assert json.loads(body)["response_action"] == "errors"
    assert len(load_team(team_dir)) == 1

    # `framework-bot check` validates the team directory like every knowledge file
    out = io.StringIO()
    assert run_check(None, None, out, team_dir=str(team_dir)) == 0, out.getvalue()
    assert "team facts: 1" in out.getvalue()

    # the same question, asked again elsewhere, is answered from the team fact (no restart)
    later = new_channel()
    _, answer = _ask(desk, "How do I deploy Flask on Kubernetes", later, user="U9")
    shown = visible_text(answer.args)
    assert "gunicorn in one pod per service" in shown
    assert f"According to the team (<@{EXPERT}>, {time.strftime('%Y-%m-%d')})" in shown
    assert "not from the documents" in shown
    assert not _buttons(answer, "team_ask:")  # not a decline any more
    assert "Sources:" not in shown  # not cited as one of the documents


@pytest.mark.parametrize(
    ("name", "value"),
    [("FRAMEWORK_BOT_EXPERTS_CHANNEL", "#experts"), ("FRAMEWORK_BOT_CURATORS", "U0OK, @ada")],
)
def test_bad_team_settings_name_the_variable(name, value):
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, name: value}
    with pytest.raises(ConfigError) as info:
        load_config(env, "http")
    assert info.value.variable == name
    config = load_config(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "FRAMEWORK_BOT_EXPERTS_CHANNEL": " C0EXPERTS ",
            "FRAMEWORK_BOT_CURATORS": "U0ONE, W0TWO",
        },
        "http",
    )
    assert config.experts_channel == "C0EXPERTS"
    assert config.curators == {"U0ONE", "W0TWO"}


def test_a_dm_question_goes_to_the_experts_without_a_link_and_comes_back_in_the_dm(desk):
    standin = desk.standin
    dm = new_channel("D")
    event = message("how do I deploy django on heroku?", channel=dm, user=ASKER, channel_type="im")
    assert desk.send.event(event)[0] == 200
    (decline,) = standin.wait_for(lambda c: c.method == "chat.postMessage" and c.channel == dm)
    (ask,) = _buttons(decline, "team_ask:")
    desk.send.interact(block_actions(ask, channel=dm, user=ASKER, message=_posted(decline)))
    question = standin.wait_for(
        lambda c: (
            c.method == "chat.postMessage"
            and c.channel == EXPERTS
            and dm not in c.text
            and "Asked in a direct message" in c.text
        )
    )[-1]
    assert "archives" not in question.text  # a DM link would open for nobody but the asker
    standin.wait_for(lambda c: c.channel == dm and "I asked the team" in c.text)
    reply = message(
        "Use a Helm chart.", channel=EXPERTS, user=EXPERT, thread_ts=question.result["ts"]
    )
    desk.send.event(reply)
    (relay,) = standin.wait_for(
        lambda c: c.method == "chat.postMessage" and c.channel == dm and "Helm chart" in c.text
    )
    assert relay.args["thread_ts"] == decline.result["ts"]  # a thread on the decline


def test_when_the_experts_channel_refuses_the_asker_is_told_and_can_try_again(desk):
    standin = desk.standin
    channel = new_channel()
    _, decline = _ask(desk, "what license is bottle under?", channel)
    (ask,) = _buttons(decline, "team_ask:")
    refused: list[str] = []

    def refuse_once(method: str, args: dict) -> str | None:
        # only this question's post, once (other tests' posts to EXPERTS may still be running)
        mine = method == "chat.postMessage" and "bottle under" in json.dumps(args.get("blocks"))
        if mine and args.get("channel") == EXPERTS and not refused:
            refused.append(method)
            return "not_in_channel"
        return None

    standin.fault_hook = refuse_once
    try:
        desk.send.interact(
            block_actions(ask, channel=channel, user=ASKER, message=_posted(decline))
        )
        note = standin.wait_for(
            lambda c: c.method == "chat.postEphemeral" and c.channel == channel
        )[-1]
        assert "couldn't reach the team (not_in_channel)" in note.text
    finally:
        standin.fault_hook = None
    desk.send.interact(block_actions(ask, channel=channel, user=ASKER, message=_posted(decline)))
    standin.wait_for(
        lambda c: (
            c.method == "chat.postMessage"
            and c.channel == EXPERTS
            and c.ok
            and "what license is bottle under?" in c.text
        )
    )


def test_members_of_the_curator_group_may_add_and_others_may_not(desk):
    standin = desk.standin
    channel = new_channel()
    _, decline = _ask(desk, "how do I deploy bottle on heroku?", channel)
    (ask,) = _buttons(decline, "team_ask:")
    desk.send.interact(block_actions(ask, channel=channel, user=ASKER, message=_posted(decline)))
    question = standin.wait_for(
        lambda c: c.channel == EXPERTS and "deploy bottle on heroku" in c.text
    )[-1]
    standin.wait_for(lambda c: c.channel == channel and "I asked the team" in c.text)
    desk.send.event(
        message("Use the Procfile.", channel=EXPERTS, user=EXPERT, thread_ts=question.result["ts"])
    )
    (relay,) = standin.wait_for(lambda c: c.channel == channel and "Procfile" in c.text)
    (add,) = _buttons(relay, "team_add:")
    opened_before = len(standin.find(lambda c: c.method == "views.open"))

    desk.send.interact(
        block_actions(add, channel=channel, user="UOUTSIDER1", message=_posted(relay))
    )
    standin.wait_for(
        lambda c: (
            c.method == "chat.postEphemeral"
            and c.args.get("user") == "UOUTSIDER1"
            and "Only curators" in c.text
        )
    )
    desk.send.interact(block_actions(add, channel=channel, user=GROUPIE, message=_posted(relay)))
    standin.wait_for(lambda c: c.method == "views.open", opened_before + 1)
    assert standin.find(
        lambda c: c.method == "usergroups.users.list" and c.args.get("usergroup") == GROUP
    )


def test_a_curator_posts_the_digest_to_the_experts_channel(desk):
    standin = desk.standin
    channel = new_channel()
    _ask(desk, "what license does tornado use? <!channel>", channel)
    _, answer = _ask(desk, "who uses tornado?", channel)
    (down,) = [b for b in _buttons(answer, "feedback:") if "Not helpful" in b["text"]["text"]]
    desk.send.interact(block_actions(down, channel=channel, user=ASKER, message=_posted(answer)))
    standin.wait_for(lambda c: c.method == "chat.postEphemeral" and "Thanks" in c.text)

    before = len(standin.find(lambda c: c.channel == EXPERTS))
    status, _, hook = desk.send.command("digest", channel=channel, user=ASKER)
    assert status == 200
    (refusal,) = standin.wait_for(lambda c: c.args.get("_url", "").endswith(hook.split("/")[-1]))
    assert "Only curators" in refusal.text
    assert len(standin.settle(lambda c: c.channel == EXPERTS, 0.3)) == before

    status, _, hook = desk.send.command("digest", channel=channel, user=CURATOR)
    (done,) = standin.wait_for(lambda c: c.args.get("_url", "").endswith(hook.split("/")[-1]))
    assert done.args["response_type"] == "ephemeral" and "posted the digest" in done.text
    (digest,) = standin.wait_for(
        lambda c: c.method == "chat.postMessage" and c.channel == EXPERTS and "Digest" in c.text
    )
    shown = visible_text(digest.args)
    assert "the last 7 days" in shown and "fallback rate" in shown
    assert "what license does tornado use?" in shown  # the most asked unanswered, grouped
    assert "Who uses Tornado" in shown  # the worst-rated answer
    assert "Fallback rate per day" in shown
    assert "<!channel>" not in json.dumps(digest.args)


def test_a_curator_teaches_a_declined_question_from_the_experts_channel(desk, intents_dir):
    standin = desk.standin
    channel = new_channel()
    _, decline = _ask(desk, "flask goodies please", channel)
    assert "features" not in json.dumps(decline.args.get("blocks"))  # a decline today
    (ask,) = _buttons(decline, "team_ask:")
    desk.send.interact(block_actions(ask, channel=channel, user=ASKER, message=_posted(decline)))
    question = standin.wait_for(
        lambda c: c.channel == EXPERTS and "flask goodies please" in c.text
    )[-1]
    (teach,) = _buttons(question, "team_teach:")

    desk.send.interact(block_actions(teach, channel=EXPERTS, user=ASKER, message=_posted(question)))
    standin.wait_for(
        lambda c: (
            c.method == "chat.postEphemeral"
            and c.channel == EXPERTS
            and c.args.get("user") == ASKER
            and "Only curators" in c.text
        )
    )
    opened_before = len(standin.find(lambda c: c.method == "views.open"))
    desk.send.interact(
        block_actions(teach, channel=EXPERTS, user=CURATOR, message=_posted(question))
    )
    opened = standin.wait_for(lambda c: c.method == "views.open", opened_before + 1)[-1]
    view = opened.args["view"]
    assert view["callback_id"] == "team_teach"
    (pick,) = [b["element"] for b in view["blocks"] if b.get("block_id") == "intent"]
    labels = {o["text"]["text"]: o["value"] for o in pick["options"]}
    assert labels["What features does Flask have?"] == "features"

    # a typed question the bot does not answer either is refused in the modal
    payload = _submission(view, CURATOR, intent="features", typed="how do I deploy on mars?")
    status, body = desk.send.interact(payload)
    assert json.loads(body)["response_action"] == "errors"
    files = {p.name: p.read_text() for p in intents_dir.glob("*.yaml")}
    assert not any("flask goodies please" in text for text in files.values())

    status, body = desk.send.interact(_submission(view, CURATOR, intent="features", typed=""))
    assert status == 200 and body == ""
    assert any("flask goodies please" in p.read_text() for p in intents_dir.glob("*.yaml"))
    standin.wait_for(
        lambda c: (
            c.method == "chat.postEphemeral"
            and c.args.get("user") == CURATOR
            and "Taught: an example of features" in c.text
        )
    )
    # the same question now gets an answer, with no restart
    _, answer = _ask(desk, "flask goodies please", new_channel())
    assert _buttons(answer, "feedback:") and not _buttons(answer, "team_ask:")
    assert json.loads(_buttons(answer, "feedback:")[0]["value"])["i"] == "features"


def test_a_curator_s_thumbs_down_offers_teach_privately(desk):
    standin = desk.standin
    channel = new_channel()
    _, answer = _ask(desk, "who uses bottle?", channel)
    (down,) = [b for b in _buttons(answer, "feedback:") if "Not helpful" in b["text"]["text"]]
    desk.send.interact(block_actions(down, channel=channel, user=ASKER, message=_posted(answer)))
    desk.send.interact(block_actions(down, channel=channel, user=CURATOR, message=_posted(answer)))
    offers = standin.settle(
        lambda c: c.method == "chat.postEphemeral" and c.channel == channel and "teach me" in c.text
    )
    assert [c.args["user"] for c in offers] == [CURATOR]  # never to anyone else
    (teach,) = _buttons(offers[0], "team_teach:")
    assert json.loads(teach["value"])["q"] == "who uses bottle?"


def test_framework_bot_digest_posts_the_week_to_the_experts_channel(
    standin, tmp_path, monkeypatch, capsys
):
    from bot.cli import main
    from bot.state.sqlite import SQLiteStore

    db = tmp_path / "state.sqlite3"
    store = SQLiteStore(str(db))
    for _ in range(3):
        store.record(
            "fallback",
            {"text": "is flask fips compliant <!here>", "surface": "channel", "time": time.time()},
        )
    store.record("answered", {"surface": "channel", "intent": "features", "time": time.time()})
    store.close()
    for name in ("SLACK_SIGNING_SECRET", "FRAMEWORK_BOT_EXPERTS_CHANNEL", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_API_URL", standin.api_url)
    assert main(["digest", "--db", str(db)]) == 2
    assert "FRAMEWORK_BOT_EXPERTS_CHANNEL is not set" in capsys.readouterr().err

    channel = new_channel()
    monkeypatch.setenv("FRAMEWORK_BOT_EXPERTS_CHANNEL", channel)
    assert main(["digest", "--db", str(db)]) == 0
    (digest,) = standin.wait_for(lambda c: c.method == "chat.postMessage" and c.channel == channel)
    shown = visible_text(digest.args)
    assert "3 × “is flask fips compliant" in shown and "the last 7 days" in shown
    assert "fallback rate 75.0%" in shown
    assert "<!here>" not in json.dumps(digest.args)
