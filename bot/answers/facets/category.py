"""category_of: what kind of framework one is, as each document classifies it."""

from __future__ import annotations

import re

from bot.answers.catalog import define_term
from bot.answers.common import (
    Request,
    a_or_an,
    by_source,
    cite_line,
    join,
    sentence,
    short,
    sources_of,
)
from bot.answers.facets.base import category_phrase
from bot.answers.headlines import asked_headline, facet_headline
from bot.answers.model import Answer
from bot.answers.suggest import suggestions_for
from bot.records import Fact, Framework
from bot.text.tokens import fold


def category_of(req: Request) -> Answer:
    if not req.frameworks:
        return define_term(req)
    asked = [c for c in req.category_ids]
    lines, src = [], []
    for fw in req.frameworks[:3]:
        groups = by_source(req.knowledge, fw.categories)
        line = f"{category_phrase(req, fw)}"
        if len(groups) > 1:
            line += ". The documents classify it differently: " + "; ".join(
                f"{short(req.knowledge, ids)}: "
                + join([req.knowledge.categories[r.id].name.lower() for r in group])
                for ids, group in groups
            )
        else:
            line += f", according to {short(req.knowledge, groups[0][0])}"
        notes = [r.note for r in fw.categories if r.note]
        if notes:
            line += f" ({'; '.join(notes)})"
        said = _classifying_fact(req, fw, [*fw.category_ids, *asked], category_phrase(req, fw))
        if said is not None:
            line = sentence(line) + " " + said.text.rstrip(".")
            src += said.sources
        if asked:
            fits = [c for c in asked if c in fw.category_ids]
            misses = [c for c in asked if c not in fw.category_ids]
            if misses and not fits:
                wanted = join([req.knowledge.categories[c].name.lower() for c in misses], "or")
                line = f"No: the sources don't call {fw.name} {a_or_an(wanted)} {wanted}. " + line
            elif fits:
                line = "Yes. " + line
        lines.append(sentence(line))
        src += sources_of(fw.categories)
    text = "\n".join(lines) + "\n" + cite_line(req.knowledge, src)
    names = join([fw.name for fw in req.frameworks[:3]])
    headline = asked_headline(req) or facet_headline("Category", names, len(req.frameworks[:3]))
    return req.answer(
        headline,
        text,
        src,
        suggestions=suggestions_for(req, "category_of"),
    )


def _classifying_fact(
    req: Request, fw: Framework, category_ids: list[str], said: str
) -> Fact | None:
    """The framework's own summary fact that names one of these categories in the documents'
    words ('an example of a full-fledged framework'), unless it only repeats `said`."""
    from rapidfuzz import fuzz

    names: list[str] = []
    for cid in dict.fromkeys(category_ids):
        cat = req.knowledge.categories[cid]
        names += [fold(n) for n in (cat.name, *cat.aliases)]
    for fact in fw.summary:
        text = fold(fact.text)
        if any(re.search(rf"\b{re.escape(n)}", text) for n in names) and (
            fuzz.token_set_ratio(fact.text, said) < 80
        ):
            return fact
    return None
