"""Every framework, kind and glossary term through plain templates (bot/sweep.py): no blank
answer, no doubled option, nothing longer than a screen, and every suggestion answerable."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answers import clarify
from bot.render.text import render_text
from bot.sweep import TEMPLATES, body, problems, subjects, suggestion_problems, sweep


@pytest.fixture(scope="module")
def swept(engine):
    return list(sweep(engine))


def test_the_sweep_covers_every_subject(engine, swept):
    kb = engine.knowledge
    assert len(swept) == len(TEMPLATES) * (len(kb.frameworks) + len(kb.categories) + len(kb.terms))


def test_no_answer_in_the_sweep_is_blank_doubled_or_a_wall(swept):
    bad = [(s.question, s.problems) for s in swept if s.problems]
    assert bad == []


@pytest.mark.parametrize(
    "question",
    [
        "tell me about microframeworks",
        "tell me about wsgi",
        "tell me about orm",
        "can you tell me about async frameworks pls",
        "what is WSGI built on",
    ],
)
def test_tell_me_about_a_kind_or_term_has_a_body(engine, question):
    answer = engine.ask(question)
    assert not answer.is_fallback
    assert len(body(answer)) >= 80, render_text(answer)


def test_who_uses_a_kind_names_users_of_its_frameworks(engine):
    text = render_text(engine.ask("who uses microframeworks?"), full=True)
    assert "Flask" in text and "Lyft" in text


def test_every_suggestion_is_answered(engine, swept):
    offered = dict.fromkeys(q for s in swept for q in s.answer.suggestions)
    assert len(offered) >= 20
    bad = {q: found for q in offered if (found := suggestion_problems(engine, q))}
    assert bad == {}


def test_a_suggestion_never_repeats_the_question(swept):
    for s in swept:
        asked = s.question.casefold().rstrip("?")
        assert all(q.casefold().rstrip("?") != asked for q in s.answer.suggestions), s.question


def test_no_comparison_is_suggested_with_a_thinly_covered_framework(swept):
    # Sinatra and Rails are only mentioned in passing: a comparison would be all 'not covered'
    offered = {q for s in swept for q in s.answer.suggestions if q.startswith("Compare")}
    assert not any("Sinatra" in q or "Rails" in q for q in offered)


def test_did_you_mean_offers_each_question_once(engine):
    from bot.answers.common import Request
    from bot.nlu.parse import Parse

    engine_request = engine._request(Parse("describe_framework", 0.4, ["tornado"]), None)
    answer = clarify.did_you_mean_intent(engine_request, ["describe_framework", "define_term"])
    labels = [c.label for c in answer.choices]
    assert labels == ["What is Tornado?", "None of these"]
    assert isinstance(engine_request, Request)


WORDS = st.sampled_from(
    [
        "tell me about",
        "what is",
        "who uses",
        "explain",
        "drawbacks of",
        "history of",
        "how fast is",
        "compare",
        "vs",
        "and",
        "?",
        "pls",
        "lol",
        "the",
        "built on",
        "databases",
        "features of",
    ]
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_any_answer_that_is_not_a_decline_has_a_body(engine, data):
    names = list(subjects(engine))
    parts = data.draw(st.lists(st.one_of(WORDS, st.sampled_from(names)), min_size=1, max_size=5))
    answer = engine.ask(" ".join(parts))
    assert answer.headline.strip()
    if not answer.is_fallback and not answer.clarify:
        assert len(body(answer)) >= 20, (parts, render_text(answer))
    assert not [p for p in problems(answer) if p.startswith("doubled")]
