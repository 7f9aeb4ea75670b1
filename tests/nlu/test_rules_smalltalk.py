"""Small talk: each rule of bot/nlu/rules/smalltalk.py on the phrasings it was
written for, through the parser alone; the rule that decided and the intent read are checked."""

from __future__ import annotations

import pytest

from bot.nlu.rules import smalltalk

RULES = [smalltalk.GREETING]

# each example phrasing and the intent it is read as
INTENTS = {
    # greeting_stands
    "morning all! first week here": "greet",
    "hey framework-bot 👋": "greet",
    "ty, super helpful 🙌": "thanks",
}
CASES = [(rule, example) for rule in RULES for example in rule.phrasings()]


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.name}: {e.text}" for r, e in CASES])
def test_rule_decides_its_examples(check_rule, rule, example):
    check_rule(rule, example, INTENTS[example.text])


def test_every_phrasing_in_the_table_is_a_rule_example():
    assert sorted(INTENTS) == sorted(example.text for _, example in CASES)
