"""Sources: each rule of bot/nlu/rules/sources.py on the phrasings it was
written for, through the parser alone; the rule that decided and the intent read are checked."""

from __future__ import annotations

import pytest

from bot.nlu.rules import sources

RULES = [sources.SOURCE_IS_A_TERM, sources.ASKS_WHERE_FROM]

# each example phrasing and the intent it is read as
INTENTS = {
    # source_in_a_term
    # asks_where_from
    "source for the sanic benchmark?": "sources",
    "where does the tornado info come from": "sources",
    "where's that number from?": "sources",
}
CASES = [(rule, example) for rule in RULES for example in rule.phrasings()]


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.name}: {e.text}" for r, e in CASES])
def test_rule_decides_its_examples(check_rule, rule, example):
    check_rule(rule, example, INTENTS[example.text])


def test_every_phrasing_in_the_table_is_a_rule_example():
    assert sorted(INTENTS) == sorted(example.text for _, example in CASES)
