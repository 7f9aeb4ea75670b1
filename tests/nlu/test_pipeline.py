"""The pipeline itself: every rule written is applied, once, under its own name; the parse
names the rule that decided, or none when the matcher did."""

from __future__ import annotations

import importlib
import pkgutil

import bot.nlu.rules
from bot.nlu import pointing, tracker
from bot.nlu.pipeline import PIPELINE, RULES, RULES_BY_NAME
from bot.nlu.rules.base import Rule


def _written() -> list[Rule]:
    modules = [tracker, pointing] + [
        importlib.import_module(f"bot.nlu.rules.{m.name}")
        for m in pkgutil.iter_modules(bot.nlu.rules.__path__)
    ]
    return [v for m in modules for v in vars(m).values() if isinstance(v, Rule)]


def test_every_rule_written_is_applied_once():
    written = {id(rule) for rule in _written()}
    applied = [id(step) for step in PIPELINE if isinstance(step, Rule)]
    assert sorted(set(applied)) == sorted(written)
    assert len(applied) == len(set(applied))


def test_rule_names_are_unique_and_say_their_theme():
    assert len(RULES_BY_NAME) == len(RULES)
    for rule in RULES:
        assert rule.name.isidentifier() and rule.theme and rule.does


def test_the_matcher_alone_names_no_rule(understanding):
    parse = understanding.parse("what is flask")
    assert (parse.intent, parse.rule, parse.reason) == ("describe_framework", "", "")


def test_too_long_and_empty_messages_end_the_parse_early(understanding):
    assert understanding.parse("x" * 5000).rule == "too_long"
    assert understanding.parse("?!").rule == "empty"
