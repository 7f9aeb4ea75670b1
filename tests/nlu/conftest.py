"""Fixtures for the understanding tests: one parser for the session, and the rule check.

The rules are tested through the parser alone (no engine, no answers): each rule's example
phrasings, in the thread each is asked in, must be decided by that rule.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.nlu import pipeline
from bot.nlu.parse import Parse
from bot.nlu.pipeline import Understanding
from bot.nlu.rules.base import Example, Rule


@pytest.fixture(scope="session")
def understanding() -> Understanding:
    from bot.knowledge import load_knowledge
    from bot.nlu.intent_data import load_intents
    from bot.paths import resolve_intents_dir, resolve_knowledge_dir
    from bot.records import from_model

    knowledge = from_model(load_knowledge(resolve_knowledge_dir()))
    return Understanding(knowledge, from_model(load_intents(resolve_intents_dir())))


def _outcome(parse: Parse) -> tuple:
    return (parse.intent, parse.entities, parse.reason, parse.clarify, parse.confidence)


@pytest.fixture
def check_rule(understanding: Understanding) -> Callable[[Rule, Example, str], Parse]:
    """Parse the example; the rule must have decided (a rule that only changes entities or
    lets the intent stand must at least change the parse); the intent must be `intent`."""

    def check(rule: Rule, example: Example, intent: str) -> Parse:
        parse = understanding.parse(example.text, example.thread())
        assert parse.intent == intent, (example.text, parse.intent, parse.rule)
        if rule.records:
            assert parse.rule == rule.name, (example.text, parse.rule)
        else:
            full = pipeline.PIPELINE
            pipeline.PIPELINE = tuple(step for step in full if step is not rule)
            try:
                without = understanding.parse(example.text, example.thread())
            finally:
                pipeline.PIPELINE = full
            assert _outcome(without) != _outcome(parse), example.text
        return parse

    return check
