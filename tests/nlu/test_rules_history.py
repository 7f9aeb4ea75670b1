"""History: each rule of bot/nlu/rules/history.py on the phrasings it was
written for, through the parser alone; the rule that decided and the intent read are checked."""

from __future__ import annotations

import pytest

from bot.nlu.rules import history

RULES = [history.OLDEST_NEWEST, history.COMPARES_AGES, history.MAKER_IN_THREAD]

# each example phrasing and the intent it is read as
INTENTS = {
    # oldest_or_newest
    "which framework is the oldest?": "history",
    "what's the newest one": "history",
    # compares_ages
    "which is newer, fastapi or sanic": "history",
    "flask vs django which is older": "history",
    # maker_in_thread
    "where did he work?": "history",
    "and what else did she build": "history",
}
CASES = [(rule, example) for rule in RULES for example in rule.phrasings()]


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.name}: {e.text}" for r, e in CASES])
def test_rule_decides_its_examples(check_rule, rule, example):
    check_rule(rule, example, INTENTS[example.text])


def test_every_phrasing_in_the_table_is_a_rule_example():
    assert sorted(INTENTS) == sorted(example.text for _, example in CASES)


@pytest.mark.parametrize("question", ["where does he live now?", "is he married?"])
def test_the_makers_private_life_is_not_the_frameworks_history(understanding, question):
    thread = {"entities": ["webpy"], "intent": "history", "recent": ["webpy"], "members": []}
    parse = understanding.parse(question, thread)
    assert (parse.intent, parse.rule) != ("history", "maker_in_thread")
