"""Composers about the catalogue as a whole: listing frameworks, defining terms, the sources."""

from __future__ import annotations

from bot.answers.attribute_needs import needs_list
from bot.answers.common import MAX_FACTS, Request, cite_line, join, sentence, short, sources_of
from bot.answers.facets.overview import describe
from bot.answers.model import Answer
from bot.answers.suggest import suggestions_for
from bot.records import FACETS


def list_frameworks(req: Request) -> Answer:
    """Frameworks grouped by category (or one category with a one-liner each); for a need
    ('which ones are good for beginners'), the frameworks the documents tie to it."""
    kb = req.knowledge
    if not req.category_ids and not req.frameworks:
        by_need = needs_list(req, list(kb.frameworks))
        if by_need is not None:
            return by_need
    wanted = req.category_ids or list(kb.categories)
    src: list[str] = []
    facts: list[str] = []
    lines: list[str] = []
    for cid in wanted:
        cat = kb.categories[cid]
        members = kb.members(cid)
        python = [fw for fw in members if fw.language == "python"]
        other = [fw for fw in members if fw.language != "python"]
        for fw in members:
            src += [s for r in fw.categories if r.id == cid for s in r.sources]
        if len(wanted) == 1:
            for fw in python:
                facts.append(f"*{fw.name}*: {sentence(fw.summary[0].text)}")
                src += fw.summary[0].sources
            if other:
                facts.append(
                    "Ruby, mentioned for comparison: " + join([fw.name for fw in other]) + "."
                )
        primary = [fw.name for fw in python if fw.category_ids[0] == cid]
        label = f"*{cat.name}s*: {join(primary or [fw.name for fw in python])}"
        if other:
            label += f" (and {join([fw.name for fw in other])} in Ruby)"
        lines.append(label)
    if len(wanted) == 1:
        cat = kb.categories[wanted[0]]
        headline = f"{cat.name}s in the sources"
        names = [fw.name for fw in kb.members(cat.id)]
        text = (
            f"The sources describe {len(names)} {cat.name.lower()}s: {join(names)}.\n"
            + cite_line(kb, src)
        )
    else:
        headline = "Python web frameworks I know about"
        text = "\n".join(lines) + "\n" + cite_line(kb, src)
    listed = [fw.id for cid in wanted for fw in kb.members(cid) if fw.language == "python"]
    return req.answer(
        headline,
        text,
        src,
        facts=facts[: MAX_FACTS + 4],
        entities=list(req.entities),
        # "compare them" after a list: the frameworks of one kind, or the kinds themselves
        subjects=list(dict.fromkeys(listed)) if len(wanted) == 1 else list(wanted),
        suggestions=suggestions_for(req, "list_frameworks"),
    )


def define_term(req: Request) -> Answer:
    if req.term_ids:
        return _define_glossary(req, req.term_ids[0])
    if req.category_ids:
        return _define_category(req, req.category_ids[0])
    if req.frameworks:
        return describe(req)
    return req.answer(
        "Which term?",
        "Tell me the term you want explained, for example WSGI, ORM or C10k.",
        [],
        entities=[],
        suggestions=["What is WSGI?", "What is an ORM?", "What is a microframework?"],
    )


def _define_glossary(req: Request, term_id: str) -> Answer:
    kb = req.knowledge
    term = kb.terms[term_id]
    src = sources_of(term.definition) + list(term.named_in)
    if term.definition:
        text = " ".join(sentence(f.text) for f in term.definition[:3])
    else:
        text = (
            f"The sources name {term.name} without explaining it "
            f"({short(kb, term.named_in)}). In plain terms: {sentence(term.plain or '')}"
        )
    related = [kb.frameworks[r.id].name for r in term.frameworks if r.id in kb.frameworks]
    if related:
        text += f"\nRelated frameworks in the sources: {join(related)}."
        src += sources_of(term.frameworks)
    facts = [sentence(f.text) for f in term.definition[3:]]
    return req.answer(
        term.name,
        text + "\n" + cite_line(kb, src),
        src,
        facts=facts,
        suggestions=suggestions_for(req, "define_term"),
    )


def _define_category(req: Request, category_id: str) -> Answer:
    kb = req.knowledge
    cat = kb.categories[category_id]
    definition = cat.definition[:2]  # two sentences define it; its traits follow as points
    traits = [*cat.traits[:4], *cat.definition[2:3]]
    src = sources_of(definition) + sources_of(traits)
    python = [fw for fw in kb.members(cat.id) if fw.language == "python"]
    members = [fw.name for fw in python if fw.category_ids[0] == cat.id]
    also = [fw.name for fw in python if fw.category_ids[0] != cat.id]
    text = " ".join(sentence(f.text) for f in definition)
    if members:
        text += f"\nExamples in the sources: {join(members)}"
        text += f" (and {join(also)}, counted here too by one article)." if also else "."
    return req.answer(
        cat.name,
        text + "\n" + cite_line(kb, src),
        src,
        facts=[sentence(f.text) for f in traits],
        suggestions=suggestions_for(req, "define_term"),
    )


def sources(req: Request) -> Answer:
    kb = req.knowledge
    if req.frameworks:
        return _sources_about(req)
    facts = []
    for source in kb.sources.values():
        by = source.author or source.site or ""
        facts.append(f"“{source.title}”" + (f" ({by})" if by else ""))
    text = (
        f"Everything I say comes from {len(kb.sources)} documents, rewritten in my own words; "
        "each answer names the ones it used. Where they disagree, I say so. "
        "Anything they don't cover, I don't know."
    )
    return req.answer(
        "Where my answers come from",
        text,
        list(kb.sources),
        facts=facts,
        entities=[],
        suggestions=["What is a microframework?", "Who uses Flask?", "Compare Flask and Django"],
    )


def _sources_about(req: Request) -> Answer:
    """'Where did you get the Flask info?': which documents say what about it."""
    kb = req.knowledge
    lines: list[str] = []
    src: list[str] = []
    for fw in req.frameworks[:3]:
        counts: dict[str, int] = {}
        for facet in FACETS:
            for item in getattr(fw, facet):
                for s in item.sources:
                    counts[s] = counts.get(s, 0) + 1
        ordered = [s for s in kb.sources if s in counts]
        src += ordered
        parts = [f"{kb.sources[s].short} ({counts[s]} facts)" for s in ordered]
        lines.append(f"What I know about {fw.name} comes from {join(parts)}.")
    facts = [f"{kb.sources[s].short}: “{kb.sources[s].title}”" for s in dict.fromkeys(src)]
    return req.answer(
        "Where my answers come from",
        " ".join(lines) + " Each answer names the documents behind it.",
        src,
        facts=facts,
        suggestions=suggestions_for(req, "sources"),
    )
