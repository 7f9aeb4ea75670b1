"""Confidence: each rule of bot/nlu/rules/confidence.py on the phrasings it was
written for, through the parser alone; the rule that decided and the intent read are checked."""

from __future__ import annotations

import pytest

from bot.nlu.rules import confidence

RULES = [confidence.GROUNDED_OVER_FALLBACK, confidence.GROUNDED, confidence.BELOW_THRESHOLD]

# each example phrasing and the intent it is read as
INTENTS = {
    # grounded_over_fallback
    "how much does a senior django dev cost per hour": "features",
    # grounded
    # below_threshold
    "my cat likes boxes": "fallback",
    "who is aaron swartz?": "fallback",
}
CASES = [(rule, example) for rule in RULES for example in rule.phrasings()]


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.name}: {e.text}" for r, e in CASES])
def test_rule_decides_its_examples(check_rule, rule, example):
    check_rule(rule, example, INTENTS[example.text])


def test_every_phrasing_in_the_table_is_a_rule_example():
    assert sorted(INTENTS) == sorted(example.text for _, example in CASES)
