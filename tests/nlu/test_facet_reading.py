"""Which facet a question about one named framework asks for: the facts that hold its words,
and cue words weighed by how much they say about a facet.

The questions here are not in intents/ nor in tests/data/: they check the mechanisms, not the
phrasings the matcher was tuned on."""

from __future__ import annotations

from bot.engine import Engine
from bot.render.text import render_text


def ask(engine: Engine, text: str, thread: str | None = None) -> tuple[str, str]:
    answer = engine.ask(text, thread)
    return answer.intent, render_text(answer)


def test_words_held_by_two_facts_of_one_facet_point_at_it(engine):
    # FastAPI's features hold "data validation" in one fact and "requests" in another
    intent, text = ask(engine, "does fastapi check the data in each request")
    assert intent == "features"
    assert "validation" in text


def test_requests_alone_are_not_a_speed_question(engine):
    # "rps" is shorthand for "requests", but a request is not a speed figure
    intent, text = ask(engine, "how does bobo handle a request")
    assert intent == "describe_framework"
    assert "request" in text


def test_requests_per_second_still_are(engine):
    assert ask(engine, "how many rps can sanic do")[0] == "performance"


def test_what_a_framework_does_is_what_it_is(engine):
    assert ask(engine, "what does sanic do?")[0] == "describe_framework"


def test_what_a_framework_includes_is_its_features(engine):
    assert ask(engine, "what's included in web2py?")[0] == "features"


def test_what_a_framework_does_not_do_is_a_drawback(engine):
    assert ask(engine, "what doesn't flask do for me?")[0] == "drawbacks"


def test_the_facets_own_topic_word_beats_a_general_feature_phrase(engine):
    # "out of the box" is a features phrase, and a Django feature mentions databases in
    # passing; the question asks which databases
    intent, text = ask(engine, "which databases can django talk to out of the box?")
    assert intent == "databases"
    assert "PostgreSQL" in text


def test_a_term_with_a_pronoun_keeps_its_facet_in_a_thread(engine):
    engine.ask("tell me about django", "facet-thread-db")
    intent, text = ask(engine, "what about its database abstraction layer?", "facet-thread-db")
    assert intent == "databases"
    assert "ORM" in text
    engine.ask("what is flask", "facet-thread-tpl")
    intent, text = ask(engine, "what's its template engine like?", "facet-thread-tpl")
    assert intent in ("features", "built_on")  # Flask's facts name Jinja2 under both
    assert "Jinja2" in text


def test_both_is_no_word_to_look_up_in_the_facts(engine):
    # a Django history fact says "both"; the question asks what Django supports
    assert ask(engine, "does django support both?")[0] == "features"
