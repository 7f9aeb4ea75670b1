"""The --explain view and `/framework why`: why the bot answered what it answered.

Both read the understanding's parse of the question (and `why_lines` the answer model), as
plain data: the shapes below name the fields they read, so this renderer imports nothing of the
understanding or the engine. The words `/framework why` uses are data too
(intents/lexicon/slack.yaml: `read_as`, `declined_because`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from bot.answers.model import Answer
from bot.text.lexicon import LEXICON


class ScoreView(Protocol):
    """One intent's score (bot.nlu.intents.IntentScore)."""

    @property
    def intent(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def fuzzy(self) -> float: ...
    @property
    def cue(self) -> float: ...
    @property
    def fit(self) -> float: ...
    @property
    def example(self) -> str: ...


class RankingView(Protocol):
    """How the intents ranked (bot.nlu.intents.Ranking)."""

    @property
    def masked(self) -> str: ...
    @property
    def corrected(self) -> Mapping[str, str]: ...
    @property
    def scores(self) -> Sequence[ScoreView]: ...
    @property
    def runner_up(self) -> ScoreView | None: ...


class MentionView(Protocol):
    """A name found in the question (bot.nlu.entities.Mention)."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def display(self) -> str: ...
    @property
    def surface(self) -> str: ...
    @property
    def exact(self) -> bool: ...
    @property
    def score(self) -> float: ...


class ParseView(Protocol):
    """What the understanding made of the question (bot.nlu.parse.Parse)."""

    @property
    def intent(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def reason(self) -> str: ...
    @property
    def rule(self) -> str: ...
    @property
    def ranking(self) -> RankingView | None: ...
    @property
    def mentions(self) -> Sequence[MentionView]: ...
    @property
    def entities(self) -> Sequence[str]: ...
    @property
    def rejected(self) -> Sequence[tuple[str, str]]: ...
    @property
    def used_context(self) -> bool: ...
    @property
    def novel(self) -> Sequence[str]: ...
    @property
    def unknown_names(self) -> Sequence[str]: ...
    @property
    def unknown_topics(self) -> Sequence[str]: ...


def explain_lines(parse: ParseView) -> list[str]:
    """The --explain lines (for curators): scores, runner-up, fuzzy matches, context."""
    lines = ["--- explain ---", f"intent: {parse.intent} (confidence {parse.confidence:.2f})"]
    if parse.reason:
        lines.append(f"why: {parse.reason}")
    if parse.rule:
        lines.append(f"rule: {parse.rule}")
    if parse.ranking:
        lines.append(f"masked question: {parse.ranking.masked}")
        if parse.ranking.corrected:
            fixes = ", ".join(f"{a}→{b}" for a, b in parse.ranking.corrected.items())
            lines.append(f"spelling fixed: {fixes}")
        for score in parse.ranking.scores[:3]:
            lines.append(
                f"  {score.intent:<20} {score.score:.3f} (fuzzy {score.fuzzy:.2f}, cue "
                f"{score.cue:.0f}, fit {score.fit:.1f}) ~ “{score.example}”"
            )
        runner = parse.ranking.runner_up
        if runner:
            lines.append(f"runner-up: {runner.intent} ({runner.score:.2f})")
    for m in parse.mentions:
        how = "exact" if m.exact else f"fuzzy {m.score:.2f}"
        lines.append(f"entity: “{m.surface}” → {m.id} ({m.kind}, {how})")
    for surface, why in parse.rejected:
        lines.append(f"not an entity: “{surface}” ({why})")
    if parse.used_context:
        lines.append(f"from thread context: {', '.join(parse.entities)}")
    if parse.novel:
        lines.append(f"words the sources never use: {', '.join(parse.novel)}")
    if parse.unknown_names:
        lines.append(f"outside the sources: {', '.join(parse.unknown_names)}")
    if parse.unknown_topics:
        lines.append(f"topics the sources never cover: {', '.join(parse.unknown_topics)}")
    return lines


READ_AS = LEXICON.table("read_as")  # each reading of a question, in a user's words
SURE, UNSURE = 0.75, 0.55
_DECLINED = LEXICON.table("declined_because")  # a decline's reason, in a user's words


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def why_lines(parse: ParseView, answer: Answer) -> list[str]:
    """What `/framework why` tells a user: how the question was read, what was assumed and
    which documents the answer comes from, in plain words (no matcher internals)."""
    lines: list[str] = []
    if answer.is_fallback:
        reason = _DECLINED.get(parse.rule, "I couldn't match it to anything my sources answer")
        lines.append(f"I didn't answer because {reason}.")
    else:
        names = list(dict.fromkeys(m.display for m in parse.mentions)) or ["it"]
        reading = READ_AS.get(answer.intent, "a question").format(subject=_and(names))
        sure = "I'm fairly sure" if parse.confidence >= SURE else "I think"
        if parse.confidence < UNSURE:
            sure = "My best guess is that"
        lines.append(f"{sure} you asked {reading}.")
    for m in parse.mentions:
        if not m.exact:
            lines.append(f"I took “{m.surface}” to mean {m.display}.")
    if parse.used_context:
        lines.append("I read it as following on from earlier in the conversation.")
    if answer.sources:
        lines.append("The answer comes from: " + "; ".join(s.title for s in answer.sources) + ".")
    return lines
