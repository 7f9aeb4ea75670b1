"""history: who started a framework and when; or every dated origin when none is named."""

from __future__ import annotations

import re

from bot.answers.common import Request, cite_line, join, possessive, sentence, sources_of
from bot.answers.facets.base import facet_answer, not_covered
from bot.answers.headlines import facet_headline
from bot.answers.model import Answer
from bot.answers.suggest import suggestions_for
from bot.records import Fact, Framework
from bot.text.lexicon import LEXICON
from bot.text.stem import stem
from bot.text.tokens import tokens

_WHEN = LEXICON.words("asks_when_words")


_WHO = LEXICON.words("asks_who_words")


_HISTORY_WORDS = frozenset(stem(w) for w in [*_WHEN, *_WHO, *LEXICON.phrases("history_verbs")])


def _all_history(req: Request) -> Answer:
    """'Which framework is the oldest?': every dated origin, oldest first; no invented order."""
    dated = [
        (f.year, fw, f)
        for fw in req.knowledge.frameworks.values()
        for f in fw.history
        if f.year and fw.language == "python"
    ]
    dated.sort(key=lambda row: row[0])
    seen: set[str] = set()
    facts, src = [], []
    for year, fw, fact in dated:
        if fw.id in seen:
            continue
        seen.add(fw.id)
        facts.append(f"*{year}* — {fw.name}: {sentence(fact.text)}")
        src += fact.sources
    oldest = dated[0][1].name if dated else ""
    text = (
        f"Of the dates the sources give, {oldest}'s is the earliest. Frameworks without a date "
        "in the sources are left out.\n" + cite_line(req.knowledge, src)
    )
    return req.answer(
        "Dates in the sources", text, src, facts=facts, suggestions=suggestions_for(req, "history")
    )


# A history fact that tells where a framework came from ("developed for FriendFeed").
_ORIGIN = LEXICON.pattern("origin_statement", re.IGNORECASE)


def history(req: Request) -> Answer:
    if not req.frameworks:
        return _all_history(req)
    asked = set(tokens(req.folded))
    missing = []
    for fw in req.frameworks[:3]:
        if asked & _WHEN and not any(f.year for f in fw.history):
            missing.append(f"the sources don't say when {fw.name} was created or released")
        elif asked & _WHO and not any(f.by for f in fw.history):
            missing.append(f"the sources don't say who created {fw.name}")
    if missing and len(missing) == len(req.frameworks[:3]):
        known = [f for fw in req.frameworks[:3] for f in fw.history[:2]]
        if asked & _WHO and any(_ORIGIN.search(f.text) for f in known):
            # "who created tornado?": no creator, but where it came from is half an answer
            gap = "; ".join(missing)
            src = sources_of(known)
            text = (
                f"{gap[:1].upper()}{gap[1:]}, but they do say where it came from: "
                + " ".join(sentence(f.text) for f in known)
                + "\n"
                + cite_line(req.knowledge, src)
            )
            names = join([fw.name for fw in req.frameworks[:3]])
            return req.answer(
                facet_headline("History", names, len(req.frameworks[:3])),
                text,
                src,
                suggestions=suggestions_for(req, req.intent),
            )
        paragraphs = ["; ".join(missing) + "."]
        if known:
            paragraphs.append("What they do say: " + " ".join(sentence(f.text) for f in known))
        return not_covered(req, paragraphs, sources_of(known))
    answer = facet_answer(
        req,
        "history",
        "History",
        lambda fw, items: _history_lead(fw, items),
        "The sources say nothing about where {name} came from or when it was created.",
        # "who created web.py": 'created' asks for history, it picks out no other fact
        topic=_HISTORY_WORDS,
    )
    return answer


def _history_lead(fw: Framework, items: list[Fact]) -> str:
    created = next((f for f in items if f.by or f.year), None)
    if created is None:
        return f"What the sources say about {possessive(fw.name)} history:"
    when = f" in {created.year}" if created.year else ""
    if created.by:
        return f"{fw.name} was started by {created.by}{when}."
    return f"{fw.name} dates back to {created.year}."
