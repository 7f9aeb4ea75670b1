"""Block Kit rendering and escaping, without a server: limits, buttons, the text fallback."""

from __future__ import annotations

import json

import pytest
import yaml
from paths import ROOT
from slack_standin import block_kit_problems, buttons_of, safety_problems

from bot.answers.model import Answer, Assumption, Choice, SourceRef
from bot.render.blocks import clarify_done, render_answer, render_notice
from bot.render.escape import WORD_JOINER, escape, safe, truncate
from bot.render.home import render_help, render_home, render_welcome
from bot.render.values import MAX_BUTTON_VALUE, decode_value, encode_value


def problems(message) -> list[str]:
    payload = message.kwargs() if hasattr(message, "kwargs") else message
    limit = 100 if payload.get("type") == "home" else 50
    return block_kit_problems(payload, limit) + safety_problems(payload)


# -- escaping -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "<!channel>",
        "<!here|here>",
        "<!everyone>",
        "<!subteam^S0123|@admins>",
        "<@U0VICTIM>",
        "<#C0123|general>",
        "<https://evil.example|click me>",
        "a & b < c > d",
        "&lt;!channel&gt;",
    ],
)
def test_escape_leaves_no_control_characters(raw):
    out = escape(raw)
    assert "<" not in out and ">" not in out
    assert out.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "").count("&") == 0


def test_escape_defuses_broadcast_words_and_keeps_mrkdwn():
    out = escape("@here @Channel @everyone *bold* _it_ user@here.example")
    assert "@here " not in out and f"@{WORD_JOINER}here" in out
    assert f"@{WORD_JOINER}Channel" in out and f"@{WORD_JOINER}everyone" in out
    assert "*bold* _it_" in out


def test_truncate_never_cuts_an_entity():
    text = escape("a" * 7 + "&&&&&&&&")
    for limit in range(5, len(text)):
        cut = truncate(text, limit)
        assert len(cut) <= limit
        tail = cut.rstrip("…")
        assert tail.rfind("&") == -1 or ";" in tail[tail.rfind("&") :]
    assert safe("x" * 10, 4) == "xxx…"


def test_button_values_round_trip_and_fit():
    value = encode_value({"q": "what is <!channel> & co?", "c": ""})
    assert "<" not in value and ">" not in value and "&" not in value
    assert decode_value(value) == {"q": "what is <!channel> & co?", "c": ""}
    huge = encode_value({"q": "<" * 5000, "o": "é" * 5000, "i": "describe_framework"})
    assert len(huge) <= MAX_BUTTON_VALUE and decode_value(huge)["i"] == "describe_framework"
    assert decode_value("not json") == {} and decode_value("[1]") == {}


# -- answers --------------------------------------------------------------------------------


def test_a_huge_answer_stays_within_block_kit_limits():
    answer = Answer(
        intent="describe_framework",
        confidence=0.9,
        entities=["flask"],
        headline="H" * 400,
        text=("A long line of text. " * 300 + "\n") * 4 + "_Sources: everything._",
        facts=[f"fact {i} " + "x" * 400 for i in range(400)],
        sources=[SourceRef(id="a", title="A", short="A")],
        suggestions=["S" * 200, "What is Flask?", "Who uses Flask?", "ignored fourth"],
        assumptions=[Assumption(typed="<!here>" * 50, meant="Flask", entity="flask")],
    )
    message = render_answer(answer, question="q" * 5000, share={"q": "q" * 5000})
    assert problems(message) == []
    blocks = message.blocks
    assert len(blocks) == 50
    assert blocks[0]["type"] == "header" and len(blocks[0]["text"]["text"]) <= 150
    # the buttons survive the shortening: suggestions, feedback, share
    actions = [b["action_id"] for b in buttons_of(message.kwargs())]
    assert actions[:3] == ["ask:0", "ask:1", "ask:2"]
    assert {"feedback:up", "feedback:down", "share:0"} <= set(actions)
    assert 0 < len(message.text) <= 1000


def test_answer_layout(engine):
    answer = engine.ask("what is fastpi built on?")
    message = render_answer(answer, question="what is fastpi built on?")
    kinds = [b["type"] for b in message.blocks]
    assert kinds[0] == "header" and "section" in kinds and "context" in kinds
    context = next(b for b in message.blocks if b["type"] == "context")
    text = " ".join(e["text"] for e in context["elements"])
    assert "Taking *fastpi* as FastAPI" in text and "Source" in text
    # the citation is in the context line, not repeated in the body
    body = " ".join(b["text"]["text"] for b in message.blocks if b["type"] == "section")
    assert "_Source" not in body
    # the notification names the framework and says the answer, not a lead-in
    assert message.text.startswith("What FastAPI is built on — ")
    assert "type hints" in message.text
    assert all(
        el["verbatim"]
        for b in message.blocks
        for el in b.get("elements", [])
        if el.get("type") == "mrkdwn"
    )


def test_clarify_renders_choices_not_feedback():
    answer = Answer(
        intent="features",
        confidence=0.5,
        headline="Did you mean ...?",
        text="I'm not sure what you're asking.",
        clarify=True,
        choices=[
            Choice(label="What features does Flask have?", question="What features..."),
            Choice(label="x" * 120, question="long"),
            Choice(label="None of these", question=""),
        ],
    )
    message = render_answer(answer, question="flask <!here> stuff", share={"q": "x"})
    assert problems(message) == []
    actions = [b["action_id"] for b in buttons_of(message.kwargs())]
    assert actions == ["clarify:0", "clarify:1", "clarify:2"]
    none = decode_value(buttons_of(message.kwargs())[2]["value"])
    assert none == {"q": "", "o": "flask <!here> stuff"}
    done = clarify_done(message.blocks, "You picked: <!channel>")
    assert not buttons_of({"blocks": done}) and safety_problems({"blocks": done}) == []


def test_flow_steps_have_options_and_the_result_has_feedback(engine):
    step = render_answer(engine.choose(""), surface="command", share={"c": ""})
    actions = [b["action_id"] for b in buttons_of(step.kwargs())]
    assert actions == ["choose:0", "choose:1"]  # no feedback or share on a question
    result = render_answer(engine.choose("0,0,0,0"), surface="command", share={"c": "0,0,0,0"})
    actions = [b["action_id"] for b in buttons_of(result.kwargs())]
    assert "choose:0" in actions and "feedback:up" in actions and "share:0" in actions
    assert problems(result) == []


QUESTIONS = [
    "what is flask?",
    "compare flask django and fastapi",
    "list",
    "who uses django?",
    "what is wsgi?",
    "which framework for a small api?",
    "help",
    "hello",
    "pyramid?",
    "what are the drawbacks of microframeworks?",
    "who created web.py?",
    "how fast is sanic?",
    "which databases does django support?",
    "x" * 5000,
    "<!channel> <@U1> what is flsk?",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_engine_answers_render_cleanly(engine, question):
    answer = engine.ask(question)
    message = render_answer(answer, question=question, surface="command", share={"q": question})
    assert problems(message) == []
    assert message.text.strip()


def test_help_welcome_notice_and_home(engine):
    for message in (render_help(), render_welcome(), render_notice("Thanks <!here> & co")):
        assert problems(message) == []
    assert "&lt;question&gt;" in json.dumps(render_help().blocks)
    home = render_home(engine.knowledge)
    assert problems(home) == []
    text = json.dumps(home)
    for name in ("Flask", "Django", "FastAPI", "Microframework"):
        assert name in text


# -- the manifest ---------------------------------------------------------------------------


def test_manifest_file_is_the_generated_one_with_exactly_the_used_scopes():
    from bot.slack.manifest import BOT_EVENTS, BOT_SCOPES, build_manifest, render_manifest

    path = ROOT / "manifest.yaml"
    assert path.read_text() == render_manifest()
    manifest = yaml.safe_load(path.read_text())
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == set(BOT_SCOPES)
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == set(BOT_EVENTS)
    assert manifest["features"]["slash_commands"][0]["command"] == "/framework"
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True

    http = build_manifest("https://bot.example.com/")
    url = "https://bot.example.com/slack/events"
    assert http["settings"]["socket_mode_enabled"] is False
    assert http["settings"]["event_subscriptions"]["request_url"] == url
    assert http["settings"]["interactivity"]["request_url"] == url
    assert http["features"]["slash_commands"][0]["url"] == url
