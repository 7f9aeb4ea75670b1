"""The fit check: 'is Bottle good for a big app?', 'is Django overkill for a todo app?'.

Yes, no or "the documents don't say", with the argument and its source; then what else they
say of it and the frameworks they tie more closely to what was asked.
"""

from __future__ import annotations

from bot.answers import needs
from bot.answers.alternatives import alternatives
from bot.answers.asked import name_stems
from bot.answers.common import MIN_HIT, Request, a_or_an, cite_line, join, sentence
from bot.answers.model import Answer
from bot.answers.needs import Asked, Candidate
from bot.answers.picking import candidates, detail_matches, quoted, rank
from bot.nlu.vocabulary import asks_for_other
from bot.records import Framework
from bot.text.lexicon import LEXICON
from bot.text.tokens import tokens

STRONG = 1.25  # a detail match (scaled as in `picking.detail_matches`) worth naming on its own


_OVERKILL = LEXICON.pattern("asks_overkill")


def _verdict(req: Request, fw: Framework, asked: list[Asked], tied: bool) -> tuple[str, list]:
    """'Yes: …', 'No: …' or "The documents don't say …", with the deciding argument."""
    kb = req.knowledge
    if _OVERKILL.search(req.folded):
        return _overkill(req, fw, asked)
    cand = needs.score(kb, fw, asked) if asked else Candidate(fw)
    # what the documents say of this framework by name first, then of its kind
    pros = sorted(cand.pros, key=lambda r: (not r.specific, -r.weight))
    # "not described as made for it" is the documents saying nothing, not an argument against
    cons = sorted([r for r in cand.cons if r.sources], key=lambda r: (not r.direct, r.weight))
    direct = [r for r in cons if r.direct]
    labels = join([a.need.label for a in asked]) or "that"
    if direct and -sum(r.weight for r in direct) >= sum(r.weight for r in pros):
        return f"No: {quoted(kb, direct[0])}.", direct[:1]
    if pros:
        return f"Yes: {quoted(kb, pros[0])}.", pros[:1]
    if tied:
        return "Yes.", []
    if cons:
        kinds = join([kb.categories[c].name.lower() + "s" for c in fw.category_ids[1:]])
        return (
            f"The documents don't say whether {fw.name} itself suits {labels}; of {kinds}, "
            f"they say {quoted(kb, cons[0])}.",
            cons[:1],
        )
    return f"The documents don't say whether {fw.name} suits {labels}.", []


def _overkill(req: Request, fw: Framework, asked: list[Asked]) -> tuple[str, list]:
    """'Is Django overkill (for a todo app)?': what the documents argue about size."""
    kb = req.knowledge
    known = needs.by_id(kb)
    ids = {a.need.id for a in asked}
    if "large" in ids and "large" in known:
        big = needs.score(kb, fw, [Asked(known["large"], known["large"].all_tags)])
        cons = [r for r in big.cons if r.sources and r.direct]
        if big.pros and not cons:
            return f"No: {quoted(kb, big.pros[0])}.", big.pros[:1]
        if cons:
            return f"No, if anything the opposite: {quoted(kb, cons[0])}.", cons[:1]
    if "small" not in known:
        return f"The documents don't say whether {fw.name} is too much for that.", []
    small = needs.score(kb, fw, [Asked(known["small"], known["small"].all_tags)])
    cons = [r for r in small.cons if r.sources and r.direct]
    where = "" if "small" in ids else "for a small app, "
    if cons:
        return f"Yes, {where}{fw.name} may be more than you need: {quoted(kb, cons[0])}.", cons[:1]
    if small.pros:
        return f"No: {quoted(kb, small.pros[0])}.", small.pros[:1]
    return f"The documents don't say whether {fw.name} is too much for that.", []


def fit_check(req: Request, tags: list[str]) -> Answer:
    """'Is Bottle good for a big app?', 'is Django overkill for a todo app?': yes, no or "the
    documents don't say", with the argument and its source; then what else they say of it and
    the frameworks they tie more closely to what was asked."""
    kb = req.knowledge
    fw = req.frameworks[0]
    matched = [t for t in tags if t in fw.tag_ids]
    asked = needs.asked_needs(kb, req.folded, tags)
    # its own name is no detail: every fact about FastAPI says 'FastAPI'
    details = detail_matches(req, [fw.id], name_stems(req))
    src: list[str] = []
    lines = []
    if matched:
        labels = join([kb.tags[t].label for t in matched])
        src += [s for r in fw.tags if r.id in matched for s in r.sources]
        lines.append(f"The sources describe {fw.name} with {labels}.")
    hit = details.get(fw.id, (0.0, None))[1]
    if hit is not None:
        lines.append(sentence(hit.text))
        src += list(hit.sources)
    cat = kb.categories[fw.category_ids[0]]
    kind_fact = None
    if not lines:
        # nothing about it in particular: what the sources say of its kind may still fit
        kind_fact = _kind_match(req, cat, name_stems(req))
        if kind_fact is not None:
            lines.append(
                f"{fw.name} is {a_or_an(cat.name.lower())} {cat.name.lower()}, and "
                f"{kind_fact.text[:1].lower()}{kind_fact.text[1:]}"
            )
            lines[-1] = sentence(lines[-1])
            src += list(kind_fact.sources) + [
                s for r in fw.categories if r.id == cat.id for s in r.sources
            ]
    tied = bool(lines)
    if asks_for_other(tokens(req.folded)):
        found = alternatives(req, fw, tags)
        if found is None:
            return _fit_answer(req, fw, lines, src, [])
        answer = _fit_answer(req, fw, *found)
        answer.headline = f"Alternatives to {fw.name}"
        return answer
    verdict, deciding = _verdict(req, fw, asked, tied)
    src += [s for r in deciding for s in r.sources]
    # a good fit: "Yes" to "is it good for", "No" to "is it overkill for"
    overkill = bool(_OVERKILL.search(req.folded))
    positive = verdict.startswith("No:" if overkill else "Yes")
    lines.insert(0, verdict)
    if asked:
        ranked = [
            c.fw for c in candidates(req, asked, [], None, {}) if c.fw.id != fw.id and c.score > 0
        ][:2]
        if ranked and not positive:
            labels = join([a.need.label for a in asked])
            lines.append(f"For {labels}, the documents point to {join([o.name for o in ranked])}.")
        others = ranked if not positive else []
    else:
        others = _tag_alternatives(req, fw, tags, matched, tied, lines, src)
    trade = [f for f in (cat.when_to_choose or cat.disadvantages) if f is not kind_fact][:1]
    if trade:
        lines.append("Trade-off: " + sentence(trade[0].text))
        src += trade[0].sources
    return _fit_answer(req, fw, lines, src, others)


def _tag_alternatives(
    req: Request,
    fw: Framework,
    tags: list[str],
    matched: list[str],
    tied: bool,
    lines: list[str],
    src: list[str],
) -> list[Framework]:
    """Other frameworks for a fit check that asks for no known need, by tags and facts."""
    kb = req.knowledge
    elsewhere = detail_matches(req, None)
    ranked = [
        (other, tags_hit)
        for other, _, tags_hit in rank(kb, tags, [], None, elsewhere)
        if other.id != fw.id
        # where this one isn't tied to the question, only a clear match counts
        and (tied or tags_hit or elsewhere.get(other.id, (0.0, None))[0] >= STRONG)
    ][:2]
    others = [other for other, _ in ranked]
    # other frameworks are worth naming when this one misses some of what was asked
    if others and (len(matched) < len(tags) or not tied):
        # the fact behind a pick that no asked trait explains
        why = None if tied or ranked[0][1] else elsewhere.get(others[0].id, (0.0, None))[1]
        reason = f" ({why.text.rstrip('.')})" if why is not None else ""
        if reason:
            src += list(why.sources)
        lines.append(
            f"For {join([kb.tags[t].label for t in tags]) or 'that'}, they point to "
            f"{join([o.name for o in others])}{' as well' if tied else ''}{reason}."
        )
    return others


def _kind_match(req: Request, cat, skip: set[str]):
    """The category fact (when to choose it, its advantages) that matches the question's words."""
    if req.index is None:
        return None
    words = req.index.detail_words(tokens(req.folded), skip)
    best, best_score = None, MIN_HIT
    for fact in [*cat.when_to_choose, *cat.advantages]:
        score = req.index.score_text(fact.text, words)
        if score >= best_score + 1e-9 or (best is None and score >= MIN_HIT):
            best, best_score = fact, score
    return best


def _fit_answer(
    req: Request, fw: Framework, lines: list[str], src: list[str], others: list[Framework]
) -> Answer:
    text = " ".join(lines) + "\n" + cite_line(req.knowledge, src)
    return req.answer(
        f"Is {fw.name} a good fit?",
        text,
        src,
        subjects=[fw.id, *[o.id for o in others]],
        suggestions=[
            f"What are the drawbacks of {fw.name}?",
            f"Who uses {fw.name}?",
            f"What features does {fw.name} have?",
        ],
    )
