"""Facets: each rule of bot/nlu/rules/facets.py on the phrasings it was
written for, through the parser alone; the rule that decided and the intent read are checked."""

from __future__ import annotations

import pytest

from bot.nlu.rules import facets

RULES = [facets.TERM_AS_FEATURE, facets.YES_NO_ABOUT_ONE, facets.COMPANY_USERS, facets.BARE_NAME]

# each example phrasing and the intent it is read as
INTENTS = {
    # term_as_feature
    "what does web2py's IDE give you": "features",
    "what does web2py's ticketing system actually do": "features",
    "What does Grok use instead of an explicit XML configuration language?": "features",
    # yes_no_about_one
    "do I need apache to run a cherrypy app?": "features",
    "is cherrypy too heavy for a small app?": "drawbacks",
    # company_users
    "which framework does reddit use?": "who_uses",
    "what does netflix use": "who_uses",
    # bare_name_asked
    "bottle?? like the drink or some code thing": "describe_framework",
    "cherrypy?? sounds like a fruit lol": "describe_framework",
}
CASES = [(rule, example) for rule in RULES for example in rule.phrasings()]


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.name}: {e.text}" for r, e in CASES])
def test_rule_decides_its_examples(check_rule, rule, example):
    check_rule(rule, example, INTENTS[example.text])


def test_every_phrasing_in_the_table_is_a_rule_example():
    assert sorted(INTENTS) == sorted(example.text for _, example in CASES)
