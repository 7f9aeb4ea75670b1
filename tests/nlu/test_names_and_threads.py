"""Names typed wrong are still recognised, a many-word name as a whole ('ruby on rials' is
Rails, and the rest of the question is not read as 'ruby on <framework>'), while ordinary
words never turn into a name; in a thread, "that one" is its last subject."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("question", "entity", "intent"),
    [
        ("tell me about ruby on railss", "rails", "describe_framework"),
        ("is ruby on railz a full stack thing", "rails", "category_of"),
        ("who uses turbo gaers", "turbogears", "who_uses"),
    ],
)
def test_a_many_word_name_typed_wrong_is_one_name(understanding, question, entity, intent):
    parse = understanding.parse(question)
    assert entity in parse.entities
    assert parse.intent == intent
    assert all(m.end - m.start >= 2 for m in parse.mentions if m.id == entity)


@pytest.mark.parametrize(
    "question",
    ["this keeps coming up in code review, what is flask", "any ruby on the team who knows flask"],
)
def test_ordinary_words_are_not_read_as_a_name(understanding, question):
    parse = understanding.parse(question)
    assert set(parse.entities) <= {"flask"}


def test_that_one_is_the_last_subject_not_the_last_two(understanding):
    thread = {
        "entities": ["cherrypy"],
        "intent": "describe_framework",
        "recent": ["cherrypy", "grok"],
    }
    assert understanding.parse("who made that one?", thread).entities == ["cherrypy"]
    # "which one" after two subjects still picks between them
    assert set(understanding.parse("which one is older?", thread).entities) == {"cherrypy", "grok"}
