"""drawbacks: the criticisms in the sources, what a framework leaves out, and what they hold
against its kind when they say little of it by name.
"""

from __future__ import annotations

import re

from bot.answers.asked import DETAIL_FILLER, FACET_GENERIC
from bot.answers.common import Request
from bot.answers.facets.base import by_question, facet_answer
from bot.answers.kinds import category_drawbacks
from bot.answers.model import Answer
from bot.records import Fact, Framework
from bot.text.lexicon import LEXICON
from bot.text.stem import stem
from bot.text.tokens import fold, tokens

# Facets whose negative statements say what a framework leaves out ('Bobo has no templating
# engine'); 'needs no installation' and the like, under features or built_on, are selling points.
_LIMITATION_FACETS = ("summary", "databases", "templating")


_LACKS = LEXICON.pattern("states_limitation", re.IGNORECASE)


THIN = 2  # fewer own drawbacks than this: what the sources hold against its kind applies too


def limitations(fw: Framework) -> list[Fact]:
    """What the sources say the framework doesn't have or do, leaving out a fact whose
    content another one already says ('no database layer' after 'no database layer, no
    form validation')."""
    names = {stem(t) for name in (fw.name, fw.id, *fw.aliases) for t in tokens(fold(name))}

    def content(fact: Fact) -> set[str]:
        return {
            w
            for w in (stem(t) for t in tokens(fold(fact.text)))
            if len(w) >= 4 and w not in names and w not in DETAIL_FILLER and w not in FACET_GENERIC
        }

    out: list[Fact] = []
    for facet in _LIMITATION_FACETS:
        for fact in getattr(fw, facet):
            words = content(fact)
            if _LACKS.search(fact.text) and not any(
                len(words & content(o)) >= 0.6 * len(words) for o in out
            ):
                out.append(fact)
    return out


def drawbacks(req: Request) -> Answer:
    if not req.frameworks:
        return category_drawbacks(req)
    kb = req.knowledge

    def kind(fw: Framework) -> str:
        return kb.categories[fw.category_ids[0]].name.lower() + "s"

    def items_of(fw: Framework) -> list[Fact]:
        own = list(fw.drawbacks)
        items = own + [f for f in limitations(fw)[:2] if f not in own]
        if len(own) < THIN:
            items += [f for c in fw.category_ids[:1] for f in kb.categories[c].disadvantages]
        return by_question(req, items)

    def lead(fw: Framework, items: list) -> str:
        lacks = bool(limitations(fw))
        if len(fw.drawbacks) >= THIN:
            return f"Drawbacks and criticisms of {fw.name} in the sources:"
        if fw.drawbacks:
            also = ", what it leaves out" if lacks else ""
            return (
                f"Drawbacks of {fw.name} in the sources{also}, and what they hold against "
                f"{kind(fw)}:"
            )
        if lacks:
            return (
                f"The sources name no drawbacks specific to {fw.name}; here is what it leaves "
                f"out, and what they hold against {kind(fw)}:"
            )
        return (
            f"The sources name no drawbacks specific to {fw.name}; what they hold against "
            f"{kind(fw)} applies:"
        )

    return facet_answer(
        req,
        items_of,
        "Drawbacks",
        lead,
        "The sources name no drawbacks of {name}.",
        own_first=True,
    )
