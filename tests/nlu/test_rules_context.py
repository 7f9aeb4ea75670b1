"""Context (ellipses and follow-ups): each rule of bot/nlu/rules/context.py on the phrasings it was
written for, through the parser alone; the rule that decided and the intent read are checked."""

from __future__ import annotations

import pytest

from bot.nlu.rules import context

RULES = [
    context.SAME_QUESTION,
    context.ONLY_NAMES,
    context.KEEP_ASKED_KIND,
    context.COMPARE_WITH_THREAD,
    context.THREAD_COMPARATIVE,
]

# each example phrasing and the intent it is read as
INTENTS = {
    # same_question_new_subject
    "and bottle?": "who_uses",
    "same for tornado": "performance",
    "how about web2py?": "databases",
    # only_names
    "flask?": "describe_framework",
    "flask django": "compare",
    "flask or bottle?": "compare",
    "turbogears orm?": "databases",
    "sanic blueprints?": "features",
    # keep_asked_kind
    "what about cherrypy?": "category_of",
    # compare_with_thread
    "compare it with sanic": "compare",
    "how does it stack up against flask": "compare",
    # thread_comparative
    "is it faster with an orm?": "performance",
}
CASES = [(rule, example) for rule in RULES for example in rule.phrasings()]


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.name}: {e.text}" for r, e in CASES])
def test_rule_decides_its_examples(check_rule, rule, example):
    check_rule(rule, example, INTENTS[example.text])


def test_every_phrasing_in_the_table_is_a_rule_example():
    assert sorted(INTENTS) == sorted(example.text for _, example in CASES)
