"""Alternatives to a named framework: 'Zope is too hard, anything easier?', 'closest thing to
Sinatra in Python?'.
"""

from __future__ import annotations

from bot.answers.asked import name_stems
from bot.answers.common import Request, a_or_an, join
from bot.answers.picking import detail_matches
from bot.nlu.vocabulary import OTHER_WORDS
from bot.records import Framework, Knowledge, Ref
from bot.text.stem import stem

# ... and one worth naming as what sets an alternative apart ('anything faster than flask?')
ALTERNATIVE_DETAIL = 1.0


def alternatives(
    req: Request, fw: Framework, tags: list[str]
) -> tuple[list[str], list[str], list[Framework]] | None:
    """'Zope is too hard, anything easier?', 'closest thing to Sinatra in Python?': the
    frameworks the sources tie to this one (built on it, inspired by it), then those whose
    traits or facts answer the rest of the question, then its own kind; each with its reason.
    The lines that say so, their sources and the frameworks named; None when the sources tie
    no other Python framework to it."""
    kb = req.knowledge
    elsewhere = detail_matches(req, None, name_stems(req) | {stem(w) for w in OTHER_WORDS})
    alike = _alike(kb, fw)
    scored: list[tuple[float, Framework, str, list[str]]] = []
    for other in kb.frameworks.values():
        if other.id == fw.id or other.language != "python":
            continue
        tags_hit = [t for t in tags if t in other.tag_ids]
        detail_score, detail = elsewhere.get(other.id, (0.0, None))
        score = 2.0 * (other.id in alike) + len(tags_hit)
        if detail is not None and detail_score >= ALTERNATIVE_DETAIL:
            score += detail_score
        else:
            detail = None
        kin = set(other.category_ids) & set(fw.category_ids)
        score += 0.5 * bool(kin) + 0.01 * len(other.tag_ids & fw.tag_ids)
        if other.id in alike:
            ref = alike[other.id]
            why, src = (ref.note or "").rstrip("."), list(ref.sources)
        elif detail is not None:
            why, src = detail.text.rstrip("."), list(detail.sources)
        elif tags_hit:
            why = join([kb.tags[t].label for t in tags_hit])
            src = [s for r in other.tags if r.id in tags_hit for s in r.sources]
        elif kin:
            cat = kb.categories[sorted(kin)[0]]
            why = f"also {a_or_an(cat.name.lower())} {cat.name.lower()}"
            src = [s for r in other.categories if r.id == cat.id for s in r.sources]
        else:
            continue
        scored.append((score, other, why, src))
    scored.sort(key=lambda item: -item[0])
    picks = scored[:2]
    if not picks:
        return None
    parts = [f"{other.name} ({why})" if why else other.name for _, other, why, _ in picks]
    src = [s for *_, item_src in picks for s in item_src]
    lines = [f"Besides {fw.name}, the sources point to {join(parts)}."]
    return lines, src, [other for _, other, _, _ in picks]


def _alike(kb: Knowledge, fw: Framework) -> dict[str, Ref]:
    """Frameworks the sources relate to `fw` either way, except as its opposite."""
    alike = {r.id: r for r in fw.related if not r.contrast}
    for other in kb.frameworks.values():
        for ref in other.related:
            if ref.id == fw.id and not ref.contrast:
                alike.setdefault(other.id, ref)
    return alike
