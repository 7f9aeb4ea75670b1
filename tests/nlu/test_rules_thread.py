"""The thread (carry-over and pronouns): each rule of bot/nlu/tracker.py on the phrasings it was
written for, through the parser alone; the rule that decided and the intent read are checked."""

from __future__ import annotations

import pytest

from bot.nlu import pointing
from bot.nlu import tracker as thread

RULES = [
    pointing.POINTED_AT,
    pointing.POINT_OF_COMPARISON,
    pointing.WEIGHED_AGAINST,
    pointing.KIND_OF_THREAD,
    pointing.OBJECT_PRONOUN,
    thread.RECENT_PAIR,
    thread.KIND_MEMBERS,
    thread.COMPANY_FRAMEWORKS,
    thread.BORROW_SUBJECT,
    thread.FIRST_OF_LIST,
    thread.ADD_THREAD_SUBJECT,
    thread.PRONOUN_IS_TERM,
    thread.PRONOUN_IS_NAMED,
]

# each example phrasing and the intent it is read as
INTENTS = {
    # pointed_at_by_place
    "and the other one?": "who_uses",
    "who uses the second one?": "who_uses",
    # point_of_comparison
    "does it have a built-in server like cherrypy?": "features",
    # weighed_against
    "is it faster than flask?": "performance",
    # kind_of_the_thread
    "what are the downsides of that kind of framework?": "drawbacks",
    "why is it called that?": "define_term",
    # pronoun_is_the_object
    "was flask inspired by it?": "history",
    # recent_subjects
    "compare them": "compare",
    "which one is faster?": "performance",
    # kind_members
    "how do they differ?": "compare",
    # company_frameworks
    "which framework does reddit use?": "who_uses",
    # borrow_subject
    "who uses it?": "who_uses",
    "when?": "history",
    # first_of_a_list
    "who made it?": "history",
    # thread_subject_and_term
    "is it full stack?": "category_of",
    "does it do websockets?": "features",
    "which one has an orm built in?": "features",
    # pronoun_is_the_term
    "does flask have one?": "databases",
    # pronoun_is_the_name
    "tornado - what is it?": "describe_framework",
}
CASES = [(rule, example) for rule in RULES for example in rule.phrasings()]


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.name}: {e.text}" for r, e in CASES])
def test_rule_decides_its_examples(check_rule, rule, example):
    check_rule(rule, example, INTENTS[example.text])


def test_every_phrasing_in_the_table_is_a_rule_example():
    assert sorted(INTENTS) == sorted(example.text for _, example in CASES)
