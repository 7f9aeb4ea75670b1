"""Composers for a question asked of a kind of framework ("how fast are async frameworks",
"who uses microframeworks"): the kind's own facts, or those of its members."""

from __future__ import annotations

from collections.abc import Sequence

from bot.answers.catalog import define_term
from bot.answers.common import MAX_FACTS, Request, cite_line, join, sentence, sources_of
from bot.answers.facets.base import by_question, fact_lines
from bot.answers.model import Answer
from bot.answers.suggest import suggestions_for
from bot.records import Fact, Framework
from bot.text.stem import stem


def category_facet(req: Request, facets: Sequence[str], title: str, word: str = "") -> Answer:
    """A facet question asked of a category ('how fast are async frameworks')."""
    cats = [req.knowledge.categories[c] for c in req.category_ids]
    if not cats:
        return define_term(req)
    facts: list[Fact] = []
    asked = req.words
    # "advantages of microframeworks?": the facet the question names comes first
    facets = sorted(facets, key=lambda f: stem(f) not in asked)
    for cat in cats:
        for facet in facets:
            items = list(getattr(cat, facet))
            if word:
                items = [f for f in items if word in f.text.casefold()] or []
            facts += items
    if not facts:
        for cat in cats:
            facts += cat.definition
    facts = by_question(req, facts)[: 2 + MAX_FACTS]
    src = sources_of(facts)
    headline = title.format(name=join([c.name.lower() for c in cats]))
    text = " ".join(fact_lines(facts[:2])) + "\n" + cite_line(req.knowledge, src)
    return req.answer(
        headline[:1].upper() + headline[1:],
        text,
        src,
        facts=fact_lines(facts[2 : 2 + MAX_FACTS]),
        suggestions=suggestions_for(req, req.intent),
    )


def category_drawbacks(req: Request) -> Answer:
    """Disadvantages of a category plus the arguments made against it."""
    cats = [req.knowledge.categories[c] for c in req.category_ids]
    if not cats:
        return define_term(req)
    facts: list[str] = []
    src: list[str] = []
    for cat in cats:
        facts += fact_lines(cat.disadvantages)
        src += sources_of(cat.disadvantages)
        for arg in req.knowledge.tradeoffs:
            if cat.id in arg.about and arg.favours and arg.favours != cat.id:
                facts.append(sentence(arg.text))
                src += arg.sources
    names = join([c.name.lower() + "s" for c in cats])
    text = f"The case against {names}, as the sources make it:\n" + cite_line(req.knowledge, src)
    return req.answer(
        f"Drawbacks of {names}",
        text,
        src,
        facts=facts[:MAX_FACTS],
        suggestions=suggestions_for(req, "drawbacks"),
    )


def python_members(req: Request, category_id: str) -> list[Framework]:
    return [fw for fw in req.knowledge.members(category_id) if fw.language == "python"]


def kind_users(req: Request) -> Answer:
    """'Who uses microframeworks?': the named users of each framework of that kind."""
    kb = req.knowledge
    cats = [kb.categories[c] for c in req.category_ids]
    facts: list[str] = []
    src: list[str] = []
    for cat in cats:
        for fw in python_members(req, cat.id):
            if fw.users:
                names = [u.name for u in fw.users[:4]] + (["others"] if len(fw.users) > 4 else [])
                facts.append(f"*{fw.name}*: {join(names)}.")
                src += sources_of(fw.users)
    names = join([c.name.lower() + "s" for c in cats])
    if not facts:
        lead = f"The sources name no users of {names}."
    else:
        lead = f"The sources name these users of {names}, framework by framework:"
    return req.answer(
        f"Who uses {names}",
        lead + "\n" + cite_line(kb, src),
        src,
        facts=facts,
        subjects=[fw.id for c in cats for fw in python_members(req, c.id)],
        suggestions=suggestions_for(req, "who_uses"),
    )


def kind_history(req: Request) -> Answer:
    """'History of async frameworks': the dated origins of that kind's frameworks, oldest first."""
    kb = req.knowledge
    cats = [kb.categories[c] for c in req.category_ids]
    dated = []
    for cat in cats:
        for fw in python_members(req, cat.id):
            fact = next((f for f in fw.history if f.year), None)
            if fact is not None:
                dated.append((fact.year or 0, fw, fact))
    dated.sort(key=lambda row: row[0])
    names = join([c.name.lower() + "s" for c in cats])
    facts = [f"*{fw.name}* ({year}): {sentence(fact.text)}" for year, fw, fact in dated]
    src = [s for _y, _fw, fact in dated for s in fact.sources]
    if dated:
        # a year may date an event rather than a release (Tornado's 2009 is when FriendFeed
        # was bought), so the dates are given as the sources tell them, with no ranking
        lead = f"The dates the sources give for {names}, earliest first:"
    else:
        lead = f"The sources give no dates for {names}."
    return req.answer(
        f"History of {names}",
        lead + "\n" + cite_line(kb, src),
        src,
        facts=facts,
        suggestions=suggestions_for(req, "history"),
    )
