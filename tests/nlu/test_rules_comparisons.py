"""Comparisons: each rule of bot/nlu/rules/comparisons.py on the phrasings it was
written for, through the parser alone; the rule that decided and the intent read are checked."""

from __future__ import annotations

import pytest

from bot.nlu.rules import comparisons

RULES = [
    comparisons.SPEED_BETWEEN,
    comparisons.ONE_AGAINST_KINDS,
    comparisons.IS_IT_A_KIND,
    comparisons.KINDS_ASKED,
    comparisons.FASTEST,
]

# each example phrasing and the intent it is read as
INTENTS = {
    # speed_between
    "compare flask and django which is slower": "performance",
    "django vs flask slower": "performance",
    # one_against_kinds
    "rails - full stack or micro?": "category_of",
    "bottle = micro?": "category_of",
    # is_it_a_kind
    "is bottle still micro once i add a dozen plugins lol": "category_of",
    "is web2py really full stack once you strip it down": "category_of",
    "is tornado async in some sense or am i confused": "category_of",
    # kinds_asked
    "new here: python has loads of frameworks, how would you split them into types": (
        "list_frameworks"
    ),
    "writing onboarding notes, frameworks come in what categories roughly?": "list_frameworks",
    # fastest_of_all
    "what's the fastest framework": "performance",
    "which one is quickest?": "performance",
}
CASES = [(rule, example) for rule in RULES for example in rule.phrasings()]


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.name}: {e.text}" for r, e in CASES])
def test_rule_decides_its_examples(check_rule, rule, example):
    check_rule(rule, example, INTENTS[example.text])


def test_every_phrasing_in_the_table_is_a_rule_example():
    assert sorted(INTENTS) == sorted(example.text for _, example in CASES)
