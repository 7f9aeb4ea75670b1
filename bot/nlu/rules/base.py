"""A named rule: when it applies, what it does, and the phrasings it was written for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.nlu.parse import Parse, Reading
from bot.nlu.resources import Resources

Test = Callable[[Resources, Reading], bool]
Action = Callable[[Resources, Reading], None]


@dataclass(frozen=True)
class Rule:
    """One special case of understanding. Applied in the pipeline's order (bot/nlu/rules/
    __init__.py); a `final` rule that applies ends the parse. `records` names it in
    `Parse.rule` (off for rules that only let the matcher's intent stand)."""

    name: str
    theme: str
    does: str
    when: Test
    then: Action
    final: bool = False
    records: bool = True
    examples: tuple[str, ...] = ()

    def __call__(self, nlu: Resources, r: Reading) -> bool:
        if not self.when(nlu, r):
            return False
        if self.records:
            r.rule = self.name
        self.then(nlu, r)
        return self.final


def parse_of(r: Reading) -> Parse:
    """The reading's parse (rules after the parse is built may rely on it)."""
    assert r.parse is not None
    return r.parse


def decide(nlu: Resources, r: Reading, intent: str, reason: str, floor: bool = True) -> None:
    """Set the intent and the reason; with `floor`, the confidence is at least the threshold
    (the rule is sure enough to answer)."""
    parse = parse_of(r)
    parse.intent, parse.reason = intent, reason
    if floor:
        parse.confidence = max(parse.confidence, nlu.threshold)


def nothing(nlu: Resources, r: Reading) -> None:
    """The action of a rule that only stops the parse where it is."""
