"""Names typed wrong are still recognised, a many-word name as a whole ('ruby on rials' is
Rails, and the rest of the question is not read as 'ruby on <framework>'), while ordinary
words never turn into a name."""

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
