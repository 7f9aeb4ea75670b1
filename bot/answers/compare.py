"""compare: a side-by-side of the facets the documents cover, plus the trade-off arguments."""

from __future__ import annotations

from bot.answers.common import MIN_HIT, Request, a_or_an, cite_line, join, sentence, sources_of
from bot.answers.model import Answer
from bot.answers.suggest import suggestions_for
from bot.records import CATEGORY_FACETS, Argument, Fact, Framework
from bot.text.lexicon import LEXICON
from bot.text.stem import stem
from bot.text.tokens import tokens

# Words of the comparison itself, never the topic it is about.
_COMPARING = frozenset(stem(w) for w in LEXICON.phrases("comparison_words"))

# (label, facet) rows of the side-by-side, in the order people usually care about
ROWS = (
    ("Built on", "built_on"),
    ("History", "history"),
    ("What it is", "summary"),
    ("Databases", "databases"),
    ("Templating", "templating"),
    ("Performance", "performance"),
    ("Strengths", "strengths"),
    ("Drawbacks", "drawbacks"),
    ("Used by", "users"),
)


def _cell(fw: Framework, facet: str) -> tuple[str, list[str]]:
    items = getattr(fw, facet)
    if not items:
        return "", []
    if facet == "users":
        names = list(dict.fromkeys(n.name for n in items))[:4]
        return join(names), sources_of(items)
    first = items[0]
    return first.text.rstrip("."), list(first.sources)


SAME = 25.0  # below this much difference (0-100) two cells say the same thing


def _difference(frameworks: list[Framework], facet: str) -> float:
    """How differently the sides answer a row, 0 (the same words) to 100; -1 when only one
    side's documents cover it."""
    from rapidfuzz import fuzz

    names = [fw.name.casefold() for fw in frameworks]
    cells = [_cell(fw, facet)[0].casefold() for fw in frameworks]
    for name in names:
        cells = [c.replace(name, "") for c in cells]
    if not all(cells):
        return -1.0
    return 100.0 - min(
        fuzz.token_sort_ratio(a, b) for i, a in enumerate(cells) for b in cells[i + 1 :]
    )


def _row_order(rows: list[tuple[str, float]]) -> list[str]:
    """The rows in their usual order, except that rows saying the same for both sides
    (one ORM beside another) and all but the first one-sided row wait at the end."""
    one_sided = [i for i, (_row, diff) in enumerate(rows) if diff < 0]
    late = {i for i, (_row, diff) in enumerate(rows) if 0 <= diff < SAME} | set(one_sided[1:])
    return [row for i, (row, _d) in enumerate(rows) if i not in late] + [
        row for i, (row, _d) in enumerate(rows) if i in late
    ]


def _arguments(req: Request, ids: list[str]) -> list[Argument]:
    wanted = set(ids)
    return [
        a
        for a in req.knowledge.tradeoffs
        if wanted <= set(a.about) or (len(wanted) == 1 and wanted & set(a.about))
    ]


def _links(frameworks: list) -> list[tuple[str, list[str]]]:
    """What the sources say ties the compared frameworks to each other: one note per pair
    (the one written as a whole sentence if there is one), never a mere contrast."""
    ids = {fw.id for fw in frameworks}
    by_pair: dict[frozenset[str], list[tuple[str, list[str]]]] = {}
    for fw in frameworks:
        for ref in fw.related:
            if ref.id in ids and ref.note and not ref.contrast:
                whole = ref.note[:1].isupper()
                note = ref.note if whole else f"{fw.name}: {ref.note}"
                by_pair.setdefault(frozenset((fw.id, ref.id)), []).append(
                    (not whole, note, list(ref.sources))
                )
    return [(note, src) for _, note, src in (min(notes) for notes in by_pair.values())][:2]


def compare(req: Request) -> Answer:
    kb = req.knowledge
    ids = list(dict.fromkeys(req.entities))
    frameworks = req.frameworks[:3]
    cats = req.category_ids
    if len(frameworks) + len(cats) < 2:
        return _need_two(req)
    src: list[str] = []
    facts: list[str] = []
    if len(frameworks) >= 2:
        kinds = []
        for fw in frameworks:
            names = join([kb.categories[r.id].name.lower() for r in fw.categories], "and")
            lang = " (Ruby)" if fw.language == "ruby" else ""
            kinds.append(f"{fw.name} is {a_or_an(names)} {names}{lang}")
            src += sources_of(fw.categories)
        if len({k.split(" is ", 1)[1] for k in kinds}) == 1:
            kind = kinds[0].split(" is ", 1)[1]
            plural = " and ".join(part + "s" for part in kind.split(" and "))
            text = f"{join([fw.name for fw in frameworks])} are all {plural}."
            if len(frameworks) == 2:
                text = text.replace(" are all ", " are both ")
            text = text.replace(" a ", " ").replace(" an ", " ")
        else:
            text = "; ".join(kinds) + "."
        links = _links(frameworks)
        if links:
            # "how are grok and zope related?": what the sources say ties them comes first
            text += " How they relate: " + " ".join(sentence(note) for note, _ in links)
            src += [s for _, link_src in links for s in link_src]
        topic = _topic_row(req, frameworks)
        if topic:
            facts.append(topic[0])
            src += topic[1]
        room = len(ROWS) + len(facts)  # the topic row comes on top of the usual rows
        rows: list[tuple[str, float]] = []  # the facet rows, with how much the sides differ
        distinct = _distinct_traits(kb, frameworks)
        if distinct:
            facts.append("*Stands out for* — " + "; ".join(distinct))
        for label, facet in ROWS:
            cells, row_src = [], []
            for fw in frameworks:
                value, cell_src = _cell(fw, facet)
                if value:
                    cells.append(f"{fw.name}: {value}")
                    row_src += cell_src
            if len(cells) >= 1 and len(facts) < room:
                src += row_src  # cite only the rows shown
                missing = [fw.name for fw in frameworks if not _cell(fw, facet)[0]]
                row = f"*{label}* — " + "; ".join(cells)
                if missing:
                    row += f" ({join(missing)}: not covered)"
                facts.append(row)
                rows.append((row, _difference(frameworks, facet)))
        first = len(facts) - len(rows)
        facts[first:] = _row_order(rows)
        cat_ids = list(dict.fromkeys(r.id for fw in frameworks for r in fw.categories))
        if len(cat_ids) >= 2:
            args = _arguments(req, cat_ids[:2])[:2]
            if args:
                text += " The trade-off: " + " ".join(sentence(a.text) for a in args)
                src += [s for a in args for s in a.sources]
        headline = " vs ".join(fw.name for fw in frameworks)
    else:
        parts = []
        relevant = _relevant_category_facts(req, cats)
        for fact in relevant:
            parts.append(sentence(fact.text))
            src += fact.sources
        for cid in cats:
            cat = kb.categories[cid]
            if cat.definition[0] in relevant:
                continue
            parts.append(sentence(cat.definition[0].text))
            src += cat.definition[0].sources
        for fw in frameworks:
            parts.append(sentence(fw.summary[0].text))
            src += fw.summary[0].sources
        text = " ".join(parts)
        args = _arguments(req, cats)
        for arg in _by_topic(req, args, lambda a: a.text)[:5]:
            facts.append(sentence(arg.text))
            src += arg.sources
        shown = {fw.id: fw.name for fw in frameworks} | {c: kb.categories[c].name for c in cats}
        # in the order asked; a glossary term in the question ("api") is no side of it
        headline = " vs ".join([shown[i] for i in ids if i in shown][:3])
    text += "\n" + cite_line(kb, src)
    return req.answer(headline, text, src, facts=facts, suggestions=suggestions_for(req, "compare"))


def _topic_words(req: Request) -> set[str]:
    """What the comparison is about beyond the names: 'for building an API' → {build, api}."""
    if req.index is None:
        return set()
    from bot.answers.asked import name_stems

    return req.index.detail_words(tokens(req.folded), name_stems(req) | _COMPARING)


def _topic_row(req: Request, frameworks: list[Framework]) -> tuple[str, list[str]] | None:
    """A first row with each framework's fact that best matches the question's own words,
    leaving out facts the side-by-side shows anyway."""
    words = _topic_words(req)
    if not words or req.index is None:
        return None
    cells, src = [], []
    for fw in frameworks:
        shown = [getattr(fw, facet)[0] for _, facet in ROWS if getattr(fw, facet)]
        hits = [
            h
            for h in req.index.search(fw.id, words, 6)
            if h.score >= MIN_HIT and h.fact not in shown and h.facet != "users"
        ]
        if hits:
            cells.append(f"{fw.name}: {hits[0].fact.text.rstrip('.')}")
            src += list(hits[0].fact.sources)
    if not cells:
        return None
    return "*On what you asked* — " + "; ".join(cells), src


def _by_topic(req: Request, items: list, text_of) -> list:
    """`items` with those that match the question's own words first, best first."""
    words = _topic_words(req)
    if not words or req.index is None:
        return items
    scores = [req.index.score_text(text_of(i), words) for i in items]
    order = sorted(range(len(items)), key=lambda k: -scores[k] if scores[k] >= MIN_HIT else 0)
    return [items[k] for k in order]


def _relevant_category_facts(req: Request, cats: list[str]) -> list[Fact]:
    """The fact about the compared categories that match the question's own words
    ('perform' → 'better application performance')."""
    words = _topic_words(req)
    if not words or req.index is None:
        return []
    pool = [
        f
        for cid in cats
        for facet in CATEGORY_FACETS
        for f in getattr(req.knowledge.categories[cid], facet)
    ]
    scored = [(req.index.score_text(f.text, words), k, f) for k, f in enumerate(pool)]
    scored = [row for row in scored if row[0] >= MIN_HIT]
    scored.sort(key=lambda row: (-row[0], row[1]))
    return [f for _, _, f in scored[:1]]


def _distinct_traits(kb, frameworks: list[Framework]) -> list[str]:
    """Tag labels one framework has and the others lack ('Bottle: single file')."""
    out = []
    for fw in frameworks:
        others = set().union(*(o.tag_ids for o in frameworks if o is not fw))
        own = [kb.tags[t].label for t in fw.tag_ids - others if t in kb.tags]
        if own:
            out.append(f"{fw.name}: {join(sorted(own)[:5])}")
    return out


def _need_two(req: Request) -> Answer:
    only = req.frameworks[0].name if req.frameworks else None
    text = (
        f"Compare {only} with what? Name a second framework, e.g. “{only} vs Django”."
        if only
        else "Name two or three frameworks or categories, e.g. “Flask vs Django” or "
        "“full-stack vs micro”."
    )
    return req.answer(
        "Compare what with what?",
        text,
        [],
        suggestions=[
            "Compare Flask and Django",
            "Full-stack vs microframework",
            "Compare Tornado, Sanic and FastAPI",
        ],
    )
