"""One reply to a question in parts: each part's short answer under its own headline.

"what's flask built on, and who uses it?" gets both answers, each kept short (a part has a
smaller budget than a whole answer), with one citation line for the documents behind them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.answers.common import join
from bot.answers.model import Answer, SourceRef
from bot.answers.suggest import follow_up_for

PART_BUDGET = 380  # characters for each part's short answer, in a message of two parts
TOTAL_BUDGET = 900  # a message of three parts shares this between them: no wall of text
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z*])")  # where one sentence of a lead ends


def part_budget(parts: int) -> int:
    """Each part's share: three parts get less each than two, so the reply stays short."""
    return min(PART_BUDGET, TOTAL_BUDGET // max(parts, 1))


def _norm(line: str) -> str:
    return " ".join(line.lstrip("• ").casefold().split())


def _unsaid(line: str, said: list[str]) -> str:
    """`line` less the sentences an earlier part already said ('' when it says nothing new)."""
    bullet = "• " if line.startswith("• ") else ""
    sentences = _SENTENCE.split(line.removeprefix(bullet))
    new = [s for s in sentences if not any(_norm(s) in earlier for earlier in said)]
    return bullet + " ".join(new) if new else ""


def _body(answer: Answer, said: list[str]) -> list[str]:
    """A part's lead and points, less what an earlier part already said (a fact that answers
    both 'databases' and 'templates' is shown once)."""
    lines = [line for line in answer.text.split("\n") if line and not line.startswith("_Source")]
    body = [*lines, *(f"• {fact}" for fact in answer.facts)]
    kept = [new for line in body if (new := _unsaid(line, said))]
    said.extend(_norm(line) for line in body)
    # an intro whose points were all said already ('What the sources say X offers:') goes too
    ends = [*kept[1:], ""] if kept else []
    pairs = zip(kept, ends, strict=True)
    return [line for line, nxt in pairs if not line.endswith(":") or nxt[:1] == "•"]


def combine(answers: list[Answer], names: Mapping[str, str] | None = None) -> Answer:
    """The parts' answers as one: headlines joined, each part's lead and points under its
    own bold headline, sources and details gathered, the first part's intent. `names` (a
    framework's id to its name) lets no part offer as a follow-up what another part asked."""
    first = answers[0]
    text: list[str] = []
    said: list[str] = []
    for answer in answers:
        body = _body(answer, said)
        if body or answer is first:
            # a part an earlier one already answered in full gets no empty heading of its own
            text += [f"*{answer.headline}*", *body, ""]
    sources: dict[str, SourceRef] = {}
    for answer in answers:
        sources.update({s.id: s for s in answer.sources})
    cite = join([s.short for s in sources.values()])
    # follow-ups of every part, never one of the questions just answered
    answered = {a.headline.rstrip("?").casefold() for a in answers}
    for answer in answers:
        for entity in answer.entities:
            asked = follow_up_for(answer.intent, (names or {}).get(entity, ""))
            if asked and entity in (names or {}):
                answered.add(asked.rstrip("?").casefold())
    offered = list(dict.fromkeys(s for a in answers for s in a.suggestions))
    if cite:
        text.append(f"_Source{'s' if len(sources) > 1 else ''}: {cite}._")
    return Answer(
        intent=first.intent,
        headline=" · ".join(a.headline for a in answers),
        text="\n".join(text).replace("\n\n_Source", "\n_Source"),
        confidence=min(a.confidence for a in answers),
        entities=list(dict.fromkeys(e for a in answers for e in a.entities)),
        terms=list(dict.fromkeys(t for a in answers for t in a.terms)),
        details=[d for a in answers for d in a.details],
        sources=list(sources.values()),
        suggestions=[s for s in offered if s.rstrip("?").casefold() not in answered],
        assumptions=[x for a in answers for x in a.assumptions],
        subjects=list(dict.fromkeys(s for a in answers for s in (a.subjects or a.entities))),
    )
