"""features: what a framework offers, or its strengths when the question asks for the case."""

from __future__ import annotations

import re

from bot.answers.common import Request, possessive
from bot.answers.facets.base import facet_answer
from bot.answers.facets.drawbacks import limitations
from bot.answers.kinds import category_facet
from bot.answers.model import Answer
from bot.records import Fact, Framework
from bot.text.lexicon import LEXICON
from bot.text.stem import stem
from bot.text.tokens import fold

# Words that ask for a framework's strengths rather than its feature list.
_STRENGTH_WORDS = frozenset(stem(w) for w in LEXICON.phrases("strength_words"))


_WHY_PICK = frozenset(stem(w) for w in LEXICON.phrases("why_pick_words"))


def asks_strengths(req: Request) -> bool:
    """'what are X's strengths', 'why would anyone pick X': the case for it, not a feature list."""
    words = req.words
    return bool(words & _STRENGTH_WORDS) or ("why" in words and bool(words & _WHY_PICK))


_NEGATED = LEXICON.pattern("asks_negated")
# stems that ask about templating: its facts lead the answer
_TEMPLATING = LEXICON.phrases("templating_words")


def distinctive_first(req: Request, fw: Framework, items: list[Fact]) -> list[Fact]:
    """`items` with those that state one of the framework's tagged traits first (its OpenAPI
    docs, its ORM), stable otherwise: in a short answer the traits that set it apart lead."""
    keys: list[str] = []
    for tag_id in fw.tag_ids:
        tag = req.knowledge.tags.get(tag_id)
        if tag is not None:
            keys += [fold(k) for k in (tag.label, *tag.keywords) if len(k) >= 3]
    patterns = [re.compile(rf"\b{re.escape(k)}\b") for k in dict.fromkeys(keys)]

    def states_trait(fact: Fact) -> bool:
        text = fold(fact.text)
        return any(p.search(text) for p in patterns)

    return sorted(items, key=lambda f: not states_trait(f))


def features(req: Request) -> Answer:
    if not req.frameworks:
        return category_facet(req, ("traits", "advantages"), "What a {name} offers")
    templating = any(w in req.words for w in _TEMPLATING)
    strengths = asks_strengths(req)

    def items_of(fw: Framework) -> list[Fact]:
        if strengths and fw.strengths:
            # the case for it first; a short list is topped up with its features
            items = list(fw.strengths)
            return items + (list(fw.features) if len(items) < 3 else [])
        items = [*fw.features, *fw.strengths]
        extras = [*fw.databases[:1], *fw.templating[:1], *fw.built_on[:1]]
        items += [f for f in extras if f not in items]
        if templating:
            return [*fw.templating, *items]
        if _NEGATED.search(req.folded):
            # "what doesn't bobo do": what it leaves out answers that
            return [*limitations(fw), *[i for i in items if i not in limitations(fw)]]
        return distinctive_first(req, fw, items)

    def lead(fw: Framework, items: list) -> str:
        if strengths and fw.strengths:
            more = ", then its main features" if len(fw.strengths) < 3 and fw.features else ""
            return f"What the sources count among {possessive(fw.name)} strengths{more}:"
        return f"What the sources say {fw.name} offers:"

    return facet_answer(
        req,
        items_of,
        "Strengths" if strengths else "Features",
        lead,
        "The sources list no features for {name}.",
        narrow=True,
    )
