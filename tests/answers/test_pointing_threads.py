"""Follow-ups that point at one of the thread's subjects by its place ('the other one', 'the
second one'), beside a second framework ('like cherrypy', 'than flask'), or at the thread's
kind ('that kind of framework', 'called that'): the answer is about what was pointed at."""

from __future__ import annotations

import pytest

from bot.render.text import render_text


def _thread(engine, name: str, *messages: str):  # type: ignore[no-untyped-def]
    engine.reset(name)
    answer = None
    for message in messages:
        answer = engine.ask(message, name)
    return answer


def test_the_other_one_is_the_subject_not_asked_about_last(engine):
    answer = _thread(engine, "p-other", "flask vs django", "who uses flask?", "and the other one?")
    assert (answer.intent, answer.entities) == ("who_uses", ["django"])
    assert "Instagram" in render_text(answer)


@pytest.mark.parametrize(
    ("follow_up", "entity", "intent"),
    [
        ("tell me more about the first one", "fastapi", "describe_framework"),
        ("who uses the second one?", "sanic", "who_uses"),
        ("what is the last one built on?", "tornado", "built_on"),
    ],
)
def test_a_place_word_picks_from_the_list_just_given(engine, follow_up, entity, intent):
    answer = _thread(engine, "p-place", "list the async frameworks", follow_up)
    assert (answer.intent, answer.entities) == (intent, [entity])


def test_a_framework_after_like_is_only_a_point_of_comparison(engine):
    answer = _thread(
        engine, "p-like", "what is bottle", "does it have a built-in server like cherrypy?"
    )
    assert answer.entities == ["bottle"]
    assert "CherryPy" not in render_text(answer)


def test_what_only_the_point_of_comparison_does_is_declined(engine):
    answer = _thread(
        engine, "p-android", "what's bottle good at", "can it run on android like cherrypy?"
    )
    assert answer.intent == "fallback"
    assert "don't say that of Bottle" in render_text(answer)


def test_than_weighs_the_thread_subject_against_the_named_one(engine):
    answer = _thread(engine, "p-than", "what is bottle", "is it faster than flask?")
    assert set(answer.entities) == {"bottle", "flask"}


def test_that_kind_of_framework_is_the_thread_subjects_kind(engine):
    answer = _thread(
        engine,
        "p-kind",
        "what kind of framework is bottle?",
        "any downsides to that kind of framework?",
    )
    assert (answer.intent, answer.entities) == ("drawbacks", ["micro"])


def test_called_that_asks_about_the_kind_just_given(engine):
    answer = _thread(engine, "p-called", "is django full stack?", "why is it called that?")
    assert answer.intent in ("category_of", "define_term")
    assert set(answer.entities) == {"django", "full_stack"}


def test_it_after_a_name_is_the_thread_subject_and_the_lineage_answers(engine):
    answer = _thread(engine, "p-object", "what is sinatra", "is flask based on it?")
    assert set(answer.entities) == {"flask", "sinatra"}
    assert "inspired by Sinatra" in render_text(answer)


def test_which_one_after_two_looks_in_those_two(engine):
    thread = ("tell me about flask", "and django?", "which one has an orm built in?")
    answer = _thread(engine, "p-which", *thread)
    assert answer.entities == ["flask", "django"]
    assert "object-relational mapper" in render_text(answer)


@pytest.mark.parametrize(
    ("first", "follow_up", "intent"),
    [
        ("tell me about web2py", "what's its weak point?", "drawbacks"),
        ("describe cherrypy", "and its user base?", "who_uses"),
    ],
)
def test_casual_words_for_a_facet_in_a_follow_up(engine, first, follow_up, intent):
    answer = _thread(engine, "p-casual", first, follow_up)
    assert answer.intent == intent


def test_which_of_them_keeps_the_kind_asked_about(engine):
    answer = _thread(
        engine, "p-kind-of-two", "what is sanic", "what is bottle", "which of them is asynchronous?"
    )
    assert answer.intent == "category_of"
    assert set(answer.entities) == {"sanic", "bottle", "async"}
