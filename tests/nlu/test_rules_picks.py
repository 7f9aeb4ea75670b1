"""Picks: each rule of bot/nlu/rules/picks.py on the phrasings it was
written for, through the parser alone; the rule that decided and the intent read are checked."""

from __future__ import annotations

import pytest

from bot.nlu.rules import picks

RULES = [picks.EITHER_FOR, picks.FITS, picks.ALTERNATIVE, picks.BY_TRAITS]

# each example phrasing and the intent it is read as
INTENTS = {
    # pick_between_two
    "cherrypy or bottle for a small internal tool?": "recommend",
    "should the intern start with flask or django": "recommend",
    # does_it_fit
    "is bottle good for prototyping?": "recommend",
    "is django overkill?": "recommend",
    "is turbogears overkill for a weekend app running on some cheap hosting": "recommend",
    "is web2py overkill for a small club site running on cheap hosting": "recommend",
    # alternative_to
    "anything easier than zope?": "recommend",
    "closest thing to sinatra in python": "recommend",
    "rails was nice at my old place, any python counterpart?": "recommend",
    # pick_by_traits
    "need something with an admin and an ORM, which framework?": "recommend",
    "which framework has an admin?": "recommend",
    "our app needs an admin and an orm. which one?": "recommend",  # the need in the preamble
}
CASES = [(rule, example) for rule in RULES for example in rule.phrasings()]


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.name}: {e.text}" for r, e in CASES])
def test_rule_decides_its_examples(check_rule, rule, example):
    check_rule(rule, example, INTENTS[example.text])


def test_every_phrasing_in_the_table_is_a_rule_example():
    assert sorted(INTENTS) == sorted(example.text for _, example in CASES)
