"""The records of understanding: the finished `Parse`, and the `Reading` the steps fill in.

A `Reading` is one question on its way through the pipeline (bot/nlu/pipeline.py): each step
reads what the steps before it found and adds its own, so a rule can test any of it by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.nlu.entities import Mention, Recognition
from bot.nlu.intents import IntentScore, Ranking


@dataclass
class Parse:
    intent: str
    confidence: float
    entities: list[str]
    mentions: list[Mention] = field(default_factory=list)
    ranking: Ranking | None = None
    text: str = ""
    folded: str = ""
    used_context: bool = False
    elliptical: bool = False
    unknown_names: list[str] = field(default_factory=list)
    unknown_topics: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    clarify: list[str] = field(default_factory=list)  # candidate intents when too close to call
    too_long: bool = False
    reason: str = ""
    users_asked: list[str] = field(default_factory=list)
    novel: list[str] = field(default_factory=list)
    rule: str = ""  # the named rule that decided (bot/nlu/rules/); "" when the matcher did
    # the clause a chatty message asks in, as tokens; "" when the whole message is the question
    asked: str = ""


@dataclass(slots=True)
class Reading:
    """What the steps have found so far about one question (see the pipeline for the order)."""

    text: str
    context: dict[str, Any]
    display: str = ""  # the question as typed, Slack markup gone
    folded: str = ""  # folded, with the casual synonyms read as the examples' words
    recognition: Recognition | None = None
    toks: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # the entities named, then borrowed
    # the thread: its subjects, the recent subjects, the members of a kind just listed
    ctx_entities: list[str] = field(default_factory=list)
    recent: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    pick_among: bool = False  # "which should I pick ...": a pick among the thread's subjects
    covered: set[int] = field(default_factory=set)  # token positions inside a name
    grams: list[tuple[int, int, str]] = field(default_factory=list)  # (start, length, words)
    content: list[str] = field(default_factory=list)  # words outside names and ellipsis words
    masked: list[str] = field(default_factory=list)  # the tokens the matcher reads
    named_frameworks: list[str] = field(default_factory=list)  # frameworks named, as typed
    users: dict[str, list[str]] = field(default_factory=dict)  # company → its frameworks
    used_context: bool = False
    entity_ids: list[str] = field(default_factory=list)
    available: dict[str, int] = field(default_factory=dict)  # entity kind → how many
    subjects: int = 0  # frameworks and categories among `ids`
    ranking: Ranking | None = None
    focus: tuple[int, int] = (0, 0)  # the span the ranking was read from
    asked: tuple[int, int] = (0, 0)  # the clause that reads most like a question
    named: set[int] = field(default_factory=set)  # positions inside framework/category names
    fact_support: float = 0.0  # how much of the question the best fact covers
    parse: Parse | None = None
    only_names: bool | None = None  # nothing but names ('and django?'); None: not asked yet
    grounded_early: bool = False  # a framework or category among the entities, before rules
    novel: list[str] = field(default_factory=list)  # words the sources never use
    grounded: bool = False
    n_frameworks: int = 0
    n_categories: int = 0
    picking: bool = False  # looks for a pick by traits or facts
    taught: bool = False  # (nearly) a curator's example: it beats the rules
    rule: str = ""  # the rule that decided so far

    words: set[str] = field(default_factory=set)  # set(toks), for the many membership tests

    @property
    def best(self) -> IntentScore:
        assert self.ranking is not None
        return self.ranking.best
