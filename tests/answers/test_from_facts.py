"""Answers from the facts when the phrasing is new: reverse look-ups, attribute lists across
frameworks, and questions in parts. Phrasings here are this file's own, not eval items."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.nlu.parts import split_parts
from bot.render.text import render_text


def full(engine: Engine, question: str, conversation: str | None = None) -> str:
    return render_text(engine.ask(question, conversation), full=True)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("aaron swartz, who's that?", ["web.py", "2006"]),
        ("anything about friendfeed in there?", ["Tornado"]),
        ("zodb rings a bell, what is it", ["Zope", "object database"]),
    ],
)
def test_a_name_the_facts_mention_finds_its_framework(engine, question, expected):
    answer = engine.ask(question)
    assert not answer.is_fallback, render_text(answer)
    text = render_text(answer)
    assert all(e in text for e in expected), text
    assert answer.sources  # cited like every answer


@pytest.mark.parametrize(
    ("question", "frameworks"),
    [
        ("which ones use the MVC pattern", {"TurboGears", "web2py"}),
        ("which of them run on android", {"CherryPy"}),
        ("which frameworks are based on zope", {"Grok"}),
    ],
)
def test_an_attribute_asked_across_frameworks_lists_each_one_the_facts_name(
    engine, question, frameworks
):
    answer = engine.ask(question)
    assert answer.intent == "list_frameworks"
    text = full(engine, question)
    assert all(name in text for name in frameworks), text
    assert answer.entities == [e for e in answer.entities if e in engine.knowledge.frameworks]


def test_a_judged_attribute_gives_each_judgement_with_its_framework(engine):
    text = full(engine, "which one has the nicest docs")
    assert "Flask" in text and "documentation" in text.lower()
    assert "CherryPy" in text  # criticised, and said so: not only the praise


@pytest.mark.parametrize(
    "question",
    [
        "what is the capital of france",
        "can you recommend a good pizza place nearby",
        "how do tornadoes form",
        "i grok it now, thanks",
        "what is the best javascript framework",
    ],
)
def test_words_the_facts_do_not_hold_still_get_i_dont_know(engine, question):
    answer = engine.ask(question)
    assert answer.is_fallback or answer.intent in ("thanks", "greet"), render_text(answer)


def test_a_pick_is_left_to_the_recommender(engine):
    answer = engine.ask("which framework should i use for a REST API with automatic docs")
    assert answer.intent == "recommend"
    assert "FastAPI" in render_text(answer)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("what's bottle built on, and who uses it?", ["what's bottle built on", "who uses it?"]),
        (
            "is zope full stack? and when did it come out",
            ["is zope full stack", "when did it come out"],
        ),
        ("compare flask and django", ["compare flask and django"]),
        ("who uses django and flask", ["who uses django and flask"]),
        ("what is flask? thanks", ["what is flask? thanks"]),
    ],
)
def test_parts_split_only_where_a_new_question_starts(text, parts):
    assert split_parts(text) == parts


def test_a_question_in_two_parts_gets_both_answers(engine):
    answer = engine.ask("what's sanic built on, and who uses it?")
    text = render_text(answer)
    assert "uvloop" in text and "Joblift" in text
    assert answer.intent in ("built_on", "who_uses")
    assert answer.entities == ["sanic"]
    assert "Who uses Sanic?" not in answer.suggestions  # just answered


def test_the_second_part_is_read_with_the_first_parts_subject(engine):
    text = render_text(engine.ask("is grok full stack? and when was it started"))
    assert "full-stack" in text and "2006" in text


def test_parts_the_bot_cannot_answer_leave_the_message_whole(engine):
    answer = engine.ask("what is flask, and what license is it under?")
    # one part is a decline: the message is read as one question, never half-answered as whole
    assert answer.intent in ("fallback", "describe_framework")
    assert " · " not in answer.headline


def test_one_framework_found_by_an_attribute_is_answered_as_its_facet(engine):
    answer = engine.ask("which framework sits on uvloop?")
    assert answer.intent == "built_on"
    assert "Sanic" in render_text(answer)
    made = engine.ask("which framework was created by several zope programmers?")
    assert "Grok" in render_text(made) and made.intent == "history"


def test_a_remark_beside_the_question_does_not_sink_it(engine):
    answer = engine.ask("tornado, who runs it these days? need it for a slide")
    assert answer.intent == "who_uses", render_text(answer)
    assert "Quora" in render_text(answer)


def test_a_decline_about_a_framework_keeps_it_as_the_subject(engine):
    thread = "t-decline-subject"
    engine.reset(thread)
    assert engine.ask("who uses grok?", thread).is_fallback  # the documents name no users
    follow = engine.ask("what is it built on?", thread)
    assert follow.entities == ["grok"] and "Zope Toolkit" in render_text(follow)


def test_a_lead_in_never_dangles_without_its_point(engine):
    for answer in (engine.ask(q) for q in ("what dbs does django support?", "cherrypy features")):
        lines = [ln for ln in render_text(answer).split("\n") if ln.strip()]
        for k, line in enumerate(lines[:-1]):
            if line.endswith(":"):
                assert lines[k + 1].startswith("•"), render_text(answer)


def test_a_kind_with_a_detail_finds_the_member_and_keeps_it_for_follow_ups(engine):
    thread = "t-kind-detail"
    engine.reset(thread)
    answer = engine.ask("which of the async ones runs on uvloop?", thread)
    assert "Sanic" in render_text(answer)
    follow = engine.ask("and who uses it?", thread)
    assert follow.entities == ["sanic"] and "Joblift" in render_text(follow)


@pytest.mark.parametrize(
    "question",
    [
        "how many requests per second does bottle manage?",  # no figures for Bottle
        "is there a pip install command for sanic",
        "can flask talk to mongodb out of the box?",
    ],
)
def test_near_misses_about_known_frameworks_decline(engine, question):
    answer = engine.ask(question)
    assert answer.is_fallback, render_text(answer)


def test_figures_the_documents_give_are_still_answered(engine):
    assert "33,342" in render_text(engine.ask("sanic throughput in requests per second?"))
    assert "10k" in render_text(engine.ask("how many connections can tornado take?"))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what frameworks were influenced by sinatra?", "Flask"),
        ("which ones can we deploy to google app engine", "Flask"),
        ("which of them handles 10k connections at once", "Tornado"),
    ],
)
def test_attribute_lists_read_more_verbs(engine, question, expected):
    answer = engine.ask(question)
    assert not answer.is_fallback, render_text(answer)
    assert expected in render_text(answer)


@pytest.mark.parametrize(
    ("question", "topic", "framework"),
    [
        ("does bottle have websockets built in?", "websockets", "Bottle"),
        ("does cherrypy come with an admin panel", "admin panel", "CherryPy"),
    ],
)
def test_a_capability_the_facts_never_give_a_framework_is_declined(
    engine, question, topic, framework
):
    answer = engine.ask(question)
    text = render_text(answer)
    assert answer.is_fallback, text
    assert topic in text and framework in text  # says what it doesn't know, of which one


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("does flask come with a debugger?", "debugger"),
        ("can web2py talk to oracle?", "Oracle"),
        ("does sanic run on uvloop", "uvloop"),
    ],
)
def test_a_capability_the_facts_give_is_answered(engine, question, expected):
    answer = engine.ask(question)
    assert not answer.is_fallback, render_text(answer)
    assert expected in render_text(answer)


def test_a_chatty_preamble_is_not_what_the_answer_looks_up(engine):
    question = (
        "my manager keeps bringing up turbogears in planning and i nod along 😅 "
        "which libraries is it assembled from?"
    )
    answer = engine.ask(question)
    text = render_text(answer)
    assert answer.intent == "built_on", text
    assert "SQLAlchemy" in text
    assert "manager" not in text and "planning" not in text  # never quoted back as the topic


def test_an_emoji_ends_a_clause(engine):
    answer = engine.ask("cherrypy is such a funny name 🍒 what does it actually do")
    assert not answer.is_fallback, render_text(answer)
    assert "CherryPy" in render_text(answer)


def test_a_question_in_two_clear_parts_is_answered_in_both(engine):
    # the whole reads as neither part, but each part is clearly a question of its own
    answer = engine.ask("what does sanic build on, and what's its speed like")
    text = render_text(answer, full=True)
    assert "uvloop" in text  # what it is built on
    assert "33,342" in text or "requests per second" in text  # how fast


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "the consultant from the agency pitched web2py and told us it has an ide in the "
            "browser?? is that real",
            "IDE",
        ),
        ("a friend told me cherrypy has its own built-in web server, is that true", "server"),
    ],
)
def test_a_reported_claim_is_checked_against_the_facts(engine, question, expected):
    # who said it is not what the facts must carry; the claim after 'said/told/claims' is
    answer = engine.ask(question)
    assert not answer.is_fallback, render_text(answer)
    assert expected in render_text(answer)


def test_an_embedded_question_after_the_askers_situation_is_checked_against_the_facts(engine):
    # the situation before 'whether' (taking over services from a team) is no part of what
    # the facts must carry; the question after it is
    answer = engine.ask(
        "we just took over some old cherrypy services from another team and i have to find "
        "out whether they need apache sitting in front of them"
    )
    assert not answer.is_fallback, render_text(answer)
    assert "Apache" in render_text(answer)


def test_a_word_in_capitals_is_a_technical_term_not_chat(engine):
    # 'post' is a common English word; written 'POST' it is the HTTP method a fact names
    answer = engine.ask("with web.py are POST and GET kept apart")
    assert not answer.is_fallback, render_text(answer)
    assert "POST" in render_text(answer)


def test_chat_slang_weighs_like_an_everyday_word(engine):
    # 'ngl', 'idk', 'tbh' are in no fact and no word list of common English; they are chat,
    # not a topic the documents lack, so they must not hide the fact about Apache
    answer = engine.ask("ngl idk if cherrypy apps need an apache box sitting in front tbh")
    assert not answer.is_fallback, render_text(answer)
    assert "Apache" in render_text(answer)
    # slang around a detail the documents don't state is still declined
    assert engine.ask("ngl how much ram does a web2py box need tbh").is_fallback


@pytest.mark.parametrize("question", ["is pylons still developed", "is zodb still maintained?"])
def test_a_fact_naming_the_term_says_nothing_of_its_upkeep(engine, question):
    # the facts name Pylons and ZODB, but not whether anyone still works on them
    assert engine.ask(question).intent == "fallback"
