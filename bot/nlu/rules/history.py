"""History: questions about age, the oldest and the newest."""

from __future__ import annotations

from bot.nlu.parse import Reading
from bot.nlu.resources import Resources
from bot.nlu.rules.base import Example, Rule, decide, parse_of
from bot.nlu.words import AGE_COMPARISON, PERSONAL_LIFE, PERSONAL_PRONOUNS

THEME = "history"
# intents an age comparison of two named things is often read as
_AGE_MISREAD = ("compare", "performance", "fallback", "describe_framework", "category_of")

OLDEST_NEWEST = Rule(
    "oldest_or_newest",
    THEME,
    "an age word with no framework named or borrowed: history of every framework",
    lambda nlu, r: bool(AGE_COMPARISON & r.words) and not r.ids and not r.used_context,
    lambda nlu, r: decide(nlu, r, "history", "asks for the oldest or newest"),
    final=True,
    examples=("which framework is the oldest?", "what's the newest one"),
)
COMPARES_AGES = Rule(
    "compares_ages",
    THEME,
    "an age word between two or more named things: history",
    lambda nlu, r: (
        bool(AGE_COMPARISON & r.words)
        and len(parse_of(r).entities) >= 2
        and parse_of(r).intent in _AGE_MISREAD
    ),
    lambda nlu, r: decide(nlu, r, "history", "compares ages", floor=False),
    final=True,
    examples=("which is newer, fastapi or sanic", "flask vs django which is older"),
)


def _asks_about_the_maker(nlu: Resources, r: Reading) -> bool:
    """'where did he work?': the maker's part in the framework's story; not his private life
    ('where does he live now?') or anything else the sources never mention."""
    return (
        bool(PERSONAL_PRONOUNS & r.words)
        and r.used_context
        and len(parse_of(r).entities) == 1
        and parse_of(r).confidence < nlu.threshold
        and not PERSONAL_LIFE & r.words
        and not set(r.novel) - PERSONAL_PRONOUNS
    )


MAKER_IN_THREAD = Rule(
    "maker_in_thread",
    THEME,
    "'he' or 'she' in a thread about one framework, read as nothing closer: the person who "
    "made it, so its history answers",
    _asks_about_the_maker,
    lambda nlu, r: decide(nlu, r, "history", "asks about the person who made it"),
    final=True,
    examples=(
        Example("where did he work?", ("webpy",), "history"),
        Example("and what else did she build", ("grok",), "history"),
    ),
)
