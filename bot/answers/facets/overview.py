"""describe: what a framework is, what it stands on and where it came from, in a few sentences."""

from __future__ import annotations

from bot.answers.asked import detail_hits
from bot.answers.common import Request, cite_line, join, sources_of
from bot.answers.facets.base import category_phrase, fact_lines, item_lines
from bot.answers.model import Answer
from bot.answers.suggest import suggestions_for
from bot.records import Fact, Framework
from bot.text.stem import stem
from bot.text.tokens import fold, tokens

FEW_HIGHLIGHTS = 3  # fewer features than this, and the overview adds the database facts


def describe(req: Request) -> Answer:
    """2 to 4 sentences of overview per framework: what it is, what it stands on, where it
    came from; then a few key features as bullets."""
    frameworks = req.frameworks[:3]
    paragraphs, facts, src = [], [], []
    for fw in frameworks:
        chosen = _overview(fw, 4 if len(frameworks) == 1 else 2, _defining_traits(req, fw))
        lines = fact_lines(chosen)
        kinds = [req.knowledge.categories[c] for c in fw.category_ids]
        words = {w for k in kinds for w in (k.id.split("_")[0], k.name.split()[0].lower()[:5])}
        said = " ".join(lines).casefold()
        # the kind, and for a framework outside Python its language ("Rails is a Ruby ...")
        if not any(w in said for w in words) or (
            fw.language != "python" and fw.language not in said
        ):
            lines.insert(0, f"{category_phrase(req, fw)}.")
            src += sources_of(fw.categories)
        hits = detail_hits(req, fw, 2)
        lines += [line for line in item_lines(hits, fw) if line not in lines]
        paragraphs.append(" ".join(lines[:5]))
        src += sources_of(chosen) + sources_of(hits)
        if len(frameworks) == 1:
            # a framework the sources say little about: what it stores data in is a key trait
            # too ('ZODB comes with every version of Zope')
            pool = fw.strengths or fw.features
            if len(pool) < FEW_HIGHLIGHTS:
                pool = [*pool, *fw.databases]
            highlights = [f for f in pool if f not in chosen][:4]
            facts += fact_lines(highlights)
            src += sources_of(highlights)
    headline = frameworks[0].name if len(frameworks) == 1 else join([f.name for f in frameworks])
    text = "\n\n".join(paragraphs) + "\n" + cite_line(req.knowledge, src)
    return req.answer(
        headline, text, src, facts=facts, suggestions=suggestions_for(req, "describe_framework")
    )


def _overview(fw: Framework, limit: int, traits: list[Fact] | None = None) -> list[Fact]:
    """Summary facts without near-repeats: the first two, one that states a defining trait,
    then one 'built on' and one dated history fact."""
    from rapidfuzz import fuzz

    chosen: list[Fact] = []
    dated = [f for f in fw.history if f.year or f.by][:1]
    pool = [*fw.summary[:2], *(traits or [])[:1], *fw.built_on[:1], *dated, *fw.summary[2:]]
    for fact in pool:
        if fact not in chosen and all(fuzz.token_set_ratio(fact.text, c.text) < 75 for c in chosen):
            chosen.append(fact)
        if len(chosen) >= limit:
            break
    return chosen


def _defining_traits(req: Request, fw: Framework) -> list[Fact]:
    """Later summary facts that state one of the framework's tagged traits ('minimalistic')."""
    if req.index is None:
        return []
    keys: set[str] = set()
    for tag_id in fw.tag_ids:
        tag = req.knowledge.tags.get(tag_id)
        if tag is None:
            continue
        for phrase in (tag.label, *tag.keywords):
            words = [stem(t) for t in tokens(fold(phrase))]
            if len(words) == 1 and len(words[0]) >= 4:
                keys.add(words[0])
    return [f for f in fw.summary[2:] if req.index.score_text(f.text, keys) > 0]
