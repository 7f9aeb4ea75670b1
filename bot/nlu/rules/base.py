"""A named rule: when it applies, what it does, and the phrasings it was written for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.nlu.parse import Parse, Reading
from bot.nlu.resources import Resources

Test = Callable[[Resources, Reading], bool]
Action = Callable[[Resources, Reading], None]


@dataclass(frozen=True)
class Example:
    """A phrasing a rule was written for, with the thread it is asked in (as the engine keeps
    it: the subjects, the last intent, the recent subjects, the members of a kind listed)."""

    text: str
    entities: tuple[str, ...] = ()
    intent: str | None = None
    recent: tuple[str, ...] = ()
    members: tuple[str, ...] = ()

    def thread(self) -> dict[str, Any] | None:
        if not (self.entities or self.intent or self.recent or self.members):
            return None
        context: dict[str, Any] = {"entities": list(self.entities), "intent": self.intent}
        context.update(recent=list(self.recent or self.entities), members=list(self.members))
        return context


@dataclass(frozen=True)
class Rule:
    """One special case of understanding. Applied in the pipeline's order (bot/nlu/rules/
    __init__.py); a `final` rule that applies ends the parse. `records` names it in
    `Parse.rule` (off for rules that only let the matcher's intent stand, or only change the
    entities). `examples` are the phrasings tests/nlu/test_rules_<theme>.py checks it on."""

    name: str
    theme: str
    does: str
    when: Test
    then: Action
    final: bool = False
    records: bool = True
    examples: tuple[str | Example, ...] = field(default=())

    def phrasings(self) -> list[Example]:
        return [e if isinstance(e, Example) else Example(e) for e in self.examples]

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
