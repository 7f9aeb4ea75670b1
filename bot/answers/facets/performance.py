"""performance: the speed claims the sources make, never an invented ranking."""

from __future__ import annotations

import re

from bot.answers.common import Request, cite_line, possessive, sentence, sources_of
from bot.answers.facets.base import facet_answer, not_covered
from bot.answers.kinds import category_facet
from bot.answers.model import Answer
from bot.answers.suggest import suggestions_for
from bot.text.lexicon import LEXICON
from bot.text.stem import stem

# Words that only say a question is about speed: they name the facet, not a detail of it.
_SPEED = frozenset(stem(w) for w in LEXICON.phrases("speed_words"))


# a question for figures ("how many requests per second"), and a fact that gives some
_ASKS_FIGURES = LEXICON.pattern("asks_for_figures")


_HAS_FIGURES = re.compile(r"\d")


def performance(req: Request) -> Answer:
    if not req.frameworks and not req.category_ids:
        return _all_performance(req)
    if not req.frameworks:
        return category_facet(req, ("definition", "traits", "advantages"), "Performance of {name}s")
    if len(req.frameworks) == 1 and _ASKS_FIGURES.search(req.folded):
        fw = req.frameworks[0]
        if not any(_HAS_FIGURES.search(f.text) for f in fw.performance):
            # "how many requests per second can django handle?": no figures, say so
            said = fw.performance[:1]
            text = [f"the sources give no speed figures for {fw.name}."]
            if said:
                text.append("What they do say: " + sentence(said[0].text))
            return not_covered(req, text, sources_of(said))
    answer = facet_answer(
        req,
        "performance",
        "Performance",
        lambda fw, items: (
            f"{fw.name}:"
            if len(req.frameworks) > 1
            else f"What the sources say about {possessive(fw.name)} performance:"
        ),
        "The sources make no performance claims about {name}.",
        topic=_SPEED,
    )
    if len(req.frameworks) > 1:
        answer.text = (
            "The sources don't benchmark these frameworks against each other; here is what they "
            "say about each.\n\n" + answer.text
        )
    return answer


def _all_performance(req: Request) -> Answer:
    """'What's the fastest framework?': every speed claim, without inventing a ranking."""
    facts, src = [], []
    for fw in req.knowledge.frameworks.values():
        if fw.performance and fw.language == "python":
            facts.append(f"*{fw.name}*: {sentence(fw.performance[0].text)}")
            src += fw.performance[0].sources
    text = (
        "The sources don't rank frameworks by speed; these are the performance claims they "
        "make.\n" + cite_line(req.knowledge, src)
    )
    return req.answer(
        "Speed claims in the sources",
        text,
        src,
        facts=facts,
        suggestions=suggestions_for(req, "performance"),
    )
