"""The special cases of understanding as named rules, one module per theme, in the order the
pipeline applies them. The order is part of the behaviour: an earlier final rule that applies
ends the parse, so a rule moved up or down may change answers.

To add a rule: write it in its theme's module (a `Rule` with its name, what it does, when it
applies and the phrasings it was written for), put it in the list below where it belongs, and
add its phrasings to tests/nlu/test_rules_<theme>.py.
"""

from __future__ import annotations

from bot.nlu.rules import (
    comparisons,
    confidence,
    context,
    facets,
    history,
    out_of_scope,
    picks,
    smalltalk,
    sources,
)
from bot.nlu.rules.base import Rule

# on the ranking, before the parse is built
RANKING_RULES: tuple[Rule, ...] = (facets.TERM_AS_FEATURE, facets.YES_NO_ABOUT_ONE)

# on the parse, before the unknown words are weighed
PARSE_RULES: tuple[Rule, ...] = (
    facets.COMPANY_USERS,
    context.SAME_QUESTION,
    context.ONLY_NAMES,
    context.KEEP_ASKED_KIND,
    context.COMPARE_WITH_THREAD,
    context.THREAD_COMPARATIVE,
    out_of_scope.UNKNOWN_NAME,
    out_of_scope.UNKNOWN_TOPIC,
)

# on the parse, once the unknown words are weighed and the pick signals measured
DECISION_RULES: tuple[Rule, ...] = (
    picks.EITHER_FOR,
    picks.FITS,
    picks.ALTERNATIVE,
    picks.BY_TRAITS,
    comparisons.SPEED_BETWEEN,
    comparisons.ONE_AGAINST_KINDS,
    comparisons.IS_IT_A_KIND,
    comparisons.KINDS_ASKED,
    history.OLDEST_NEWEST,
    comparisons.FASTEST,
    smalltalk.GREETING,
    history.COMPARES_AGES,
    sources.SOURCE_IS_A_TERM,
    sources.ASKS_WHERE_FROM,
    out_of_scope.HOW_TO,
    out_of_scope.TASK_OR_VERSION,
    out_of_scope.FIGURE_NOT_IN_FACTS,
    history.MAKER_IN_THREAD,
    facets.BARE_NAME,
    confidence.GROUNDED_OVER_FALLBACK,
    confidence.GROUNDED,
    confidence.BELOW_THRESHOLD,
)

# (the thread's rules, applied before these, are in bot/nlu/tracker.py; bot.nlu.pipeline.RULES
# lists them all in order)
__all__ = ["DECISION_RULES", "PARSE_RULES", "RANKING_RULES", "Rule"]
