"""From a raw question and the thread's context to a parse: intent, entities, confidence.

Understanding is an ordered pipeline of small named steps, like Rasa's components: each step
reads what the steps before it found (a `Reading`) and adds its own; the special cases are
named rules (bot/nlu/rules/), applied in a fixed order between the steps. A step or a final
rule that applies ends the parse; `Parse.rule` names the rule that decided.

    normalise → recognise → thread (+ its rules) → users → borrowing and pronoun rules →
    score intents → focus → facts → ranking rules → parse → parse rules → unknown words →
    measure → decision rules → clarify
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.nlu import focus, steps, tracker
from bot.nlu.parse import Parse, Reading
from bot.nlu.resources import DEFAULT_THRESHOLD, Resources
from bot.nlu.rules import DECISION_RULES, PARSE_RULES, RANKING_RULES, Rule

Step = Callable[[Resources, Reading], bool]

PIPELINE: tuple[Step, ...] = (
    steps.normalise,
    steps.recognise,
    tracker.read_thread,
    *tracker.THREAD_RULES,
    steps.find_users,
    *tracker.BORROW_RULES,
    steps.score_intents,
    focus.find_focus,
    steps.ground_facts,
    *RANKING_RULES,
    steps.build_parse,
    *PARSE_RULES,
    steps.weigh_novel_words,
    steps.measure,
    *DECISION_RULES,
    steps.clarify,
)

# every named rule, in the order applied (the thread's, then the themes' in bot/nlu/rules/)
RULES: tuple[Rule, ...] = tuple(step for step in PIPELINE if isinstance(step, Rule))
RULES_BY_NAME = {rule.name: rule for rule in RULES}


def _runner(step: Step) -> Step:
    """The step as one plain function (a rule's fields read once, not per question)."""
    if not isinstance(step, Rule):
        return step
    when, then, final, name = step.when, step.then, step.final, step.name
    records = step.records

    def run(nlu: Resources, r: Reading) -> bool:
        if not when(nlu, r):
            return False
        if records:
            r.rule = name
        then(nlu, r)
        return final

    return run


_BUILT = PIPELINE
_RUN: tuple[Step, ...] = tuple(_runner(step) for step in PIPELINE)


class Understanding(Resources):
    """Loads once; `parse` is pure given the question and the context dict."""

    def parse(self, text: str, context: dict[str, Any] | None = None) -> Parse:
        reading = Reading(text, context or {})
        # PIPELINE may be replaced (the rule tables disable a rule that way)
        for step in _RUN if PIPELINE is _BUILT else map(_runner, PIPELINE):
            if step(self, reading):
                break
        parse = reading.parse
        assert parse is not None
        parse.rule = reading.rule
        return parse


__all__ = ["DEFAULT_THRESHOLD", "PIPELINE", "RULES", "RULES_BY_NAME", "Understanding"]
