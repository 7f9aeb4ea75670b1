"""One reply to a question in parts: each part's short answer under its own headline.

"what's flask built on, and who uses it?" gets both answers, each kept short (a part has a
smaller budget than a whole answer), with one citation line for the documents behind them.
"""

from __future__ import annotations

from bot.answers.common import join
from bot.answers.model import Answer, SourceRef

PART_BUDGET = 380  # characters for each part's short answer


def _body(answer: Answer) -> list[str]:
    lines = [line for line in answer.text.split("\n") if line and not line.startswith("_Source")]
    return [*lines, *(f"• {fact}" for fact in answer.facts)]


def combine(answers: list[Answer]) -> Answer:
    """The parts' answers as one: headlines joined, each part's lead and points under its
    own bold headline, sources and details gathered, the first part's intent."""
    first = answers[0]
    text: list[str] = []
    for answer in answers:
        text += [f"*{answer.headline}*", *_body(answer), ""]
    sources: dict[str, SourceRef] = {}
    for answer in answers:
        sources.update({s.id: s for s in answer.sources})
    cite = join([s.short for s in sources.values()])
    # follow-ups of every part, never one of the questions just answered
    answered = {a.headline.rstrip("?").casefold() for a in answers}
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
