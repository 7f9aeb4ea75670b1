"""Questions in parts, in many shapes: each part gets its own short answer in one reply, and
a single question that only looks like two ("flask and django, which is faster?") stays one."""

from __future__ import annotations

import itertools

import pytest

from bot.engine import Engine
from bot.nlu.parts import split_parts, taken_back
from bot.render.text import render_text

# (earlier messages in the thread, the message, words each part's answer must bring)
IN_PARTS = [
    ((), "flask: who uses it, what's it built on?", ["Lyft", "Werkzeug"]),
    ((), "describe bobo. what can't it do?", ["Bobo", "templating"]),
    (
        (),
        "who uses cherrypy, when did it come out, and what are its weak points?",
        ["Netflix", "2002", "documentation"],
    ),
    ((), "what is web2py, who uses it, and what are its downsides", ["PikHotel", "Python 3"]),
    ((), "tell me the history of tornado, then who uses it now", ["FriendFeed", "Quora"]),
    ((), "how quick is sanic and what's underneath it", ["uvloop"]),
    ((), "what's zope's database and when did it first ship?", ["ZODB", "1999"]),
    ((), "fastapi - who's using it and how fast is it?", ["Uber", "NodeJS"]),
    ((), "quick ones about django: who uses it? what dbs does it support?", ["Instagram", "MySQL"]),
    (("tell me about flask",), "and who uses it and what's it built on?", ["Lyft", "Werkzeug"]),
    (
        ("what's turbogears",),
        "what's it built on? also any big users?",
        ["SQLAlchemy", "SourceForge"],
    ),
]


@pytest.mark.parametrize(("thread", "text", "needles"), IN_PARTS)
def test_every_part_is_answered(engine: Engine, thread, text, needles) -> None:
    conversation = f"parts:{text}"
    engine.reset(conversation)
    for earlier in thread:
        engine.ask(earlier, conversation)
    answer = engine.ask(text, conversation)
    engine.reset(conversation)
    shown = render_text(answer)
    assert " · " in answer.headline, shown  # one headline per part
    for needle in needles:
        assert needle in shown, shown


@pytest.mark.parametrize(
    "text",
    [
        "flask and django, which is faster?",
        "what do flask and bottle have in common",
        "hey, what is flask?",
        "we run django at work. who else does?",
    ],
)
def test_one_question_is_not_cut_in_parts(text: str) -> None:
    assert split_parts(text) == [text]


def test_three_parts_stay_short(engine: Engine) -> None:
    answer = engine.ask("who uses cherrypy, when did it come out, and what are its weak points?")
    assert len(answer.headline.split(" · ")) == 3
    assert len(render_text(answer)) < 1000


def test_a_fact_two_parts_share_is_shown_once(engine: Engine) -> None:
    text = render_text(
        engine.ask("what databases work with turbogears, plus what templates does it use?")
    )
    assert text.count("database-driven applications") == 1
    assert "templates" in text


def test_no_part_offers_what_another_part_asked(engine: Engine) -> None:
    answer = engine.ask("what is web2py, who uses it, and what are its downsides")
    assert "What are the drawbacks of web2py?" not in answer.suggestions
    assert "Who uses web2py?" not in answer.suggestions


def test_a_correction_takes_back_the_part_before_it(engine: Engine) -> None:
    assert taken_back(["what is django built on", "actually who uses it"]) == 1
    answer = engine.ask("what is django built on? actually, who uses it")
    assert answer.intent == "who_uses" and answer.entities == ["django"]
    assert " · " not in answer.headline and "Instagram" in render_text(answer)


def test_a_head_names_the_subject_and_is_not_answered(engine: Engine) -> None:
    parts = split_parts("about zope: how old is it? what db does it use?")
    assert parts == ["about zope:", "how old is it", "what db does it use?"]
    assert taken_back(parts) == 1
    answer = engine.ask("about zope: how old is it? what db does it use?")
    assert len(answer.headline.split(" · ")) == 2 and answer.entities == ["zope"]


def test_the_reply_reports_the_question_asked_first(engine: Engine) -> None:
    # read whole, this reads as history; its first part, a clear question, asks the kind
    answer = engine.ask("is grok full stack? when was it made?")
    assert answer.intent == "category_of"
    assert "2006" in render_text(answer)


def test_a_part_the_first_already_answered_is_no_empty_section(engine):
    # Bottle's overview says it has no dependencies: the second part adds nothing, and must
    # neither crash the reply nor leave a heading with nothing under it
    answer = engine.ask("what is bottle and does it have any dependencies?")
    text = render_text(answer)
    assert "standard library" in text
    lines = text.split("\n")
    for heading, after in itertools.pairwise(lines):
        if heading == "What Bottle is built on":
            assert after.strip(), text
