"""Out of scope: each rule of bot/nlu/rules/out_of_scope.py on the phrasings it was
written for, through the parser alone; the rule that decided and the intent read are checked."""

from __future__ import annotations

import pytest

from bot.nlu.rules import out_of_scope

RULES = [
    out_of_scope.UNKNOWN_NAME,
    out_of_scope.UNKNOWN_TOPIC,
    out_of_scope.HOW_TO,
    out_of_scope.TASK_OR_VERSION,
    out_of_scope.FIGURE_NOT_IN_FACTS,
]

# each example phrasing and the intent it is read as
INTENTS = {
    # names_other_tech
    "what is spring boot?": "fallback",
    "how does flask compare to express": "fallback",
    "can i use gin instead of flask": "fallback",
    # uncovered_topic
    "what license does django use?": "fallback",
    "how much funding did fastapi get": "fallback",
    "which firm sponsors django work": "fallback",
    "where is the templates folder in bottle": "fallback",
    "does cherrypy support http/2": "fallback",
    # how_to
    "how do i structure a big flask project": "fallback",
    "how do i set up a flask blueprint?": "fallback",
    # task_or_version
    "write me a flask app": "fallback",
    "can you fix my code": "fallback",
    "what's the latest version of django": "fallback",
    "is bottle still maintained in 2024": "fallback",
    "what's new in rails 7": "fallback",
    # figure_not_in_facts
    "which python version is cherrypy written for": "fallback",
    "how many requests per second does bottle serve": "fallback",
    "is there a maximum file size for uploads in web2py": "fallback",
    "what python version is required for sanic": "fallback",
    "what's the minimum python for tornado": "fallback",
}
CASES = [(rule, example) for rule in RULES for example in rule.phrasings()]


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.name}: {e.text}" for r, e in CASES])
def test_rule_decides_its_examples(check_rule, rule, example):
    check_rule(rule, example, INTENTS[example.text])


def test_every_phrasing_in_the_table_is_a_rule_example():
    assert sorted(INTENTS) == sorted(example.text for _, example in CASES)
