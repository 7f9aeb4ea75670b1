"""Answers that ask back or apologise (bot/answers/clarify.py), built from a request as every
other answer is: the engine only decides when."""

from __future__ import annotations

import pytest

from bot.answers import clarify
from bot.answers.common import Request
from bot.engine import Engine
from bot.nlu.entities import Mention


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def request(engine: Engine, text: str = "", entities: list[str] | None = None) -> Request:
    return Request(engine.knowledge, "fallback", 0.4, entities or [], text, text.casefold())


def test_two_readings_are_offered_as_questions_about_the_subject(engine):
    answer = clarify.did_you_mean_intent(
        request(engine, entities=["flask"]), ["who_uses", "history"]
    )
    assert answer.clarify and answer.headline == "Did you mean ...?"
    assert [c.question for c in answer.choices] == ["Who uses Flask?", "Who created Flask?", ""]
    assert answer.choices[-1].label == "None of these"


def test_two_readings_that_ask_the_same_question_offer_it_once(engine):
    readings = ["describe_framework", "define_term"]
    answer = clarify.did_you_mean_intent(request(engine, entities=["tornado"]), readings)
    assert [c.label for c in answer.choices] == ["What is Tornado?", "None of these"]


def test_an_ambiguous_name_offers_each_subject_in_the_question(engine):
    mention = Mention("flask", "framework", "Flask", "flsk", 8, 12, False, 0.8, ("bottle",))
    req = request(engine, "who uses flsk?")
    answer = clarify.ask_back(req, [mention], [])
    assert [c.question for c in answer.choices] == ["who uses Flask?", "who uses Bottle?", ""]
    assert "“flsk”" in answer.text


def test_a_clear_question_is_not_asked_back(engine):
    assert clarify.ask_back(request(engine, "who uses flask?", ["flask"]), [], []) is None


def test_an_over_long_message_is_not_read(engine):
    answer = engine.ask("what is flask? " * 300)
    assert answer.headline == "That's a long one" and answer.intent == "fallback"


def test_the_apology_is_a_polite_fallback(engine):
    answer = clarify.apology(request(engine))
    assert answer.intent == "fallback" and answer.confidence == 0.0
    assert "went wrong" in answer.text and not answer.entities
