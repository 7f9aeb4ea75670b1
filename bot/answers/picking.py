"""Picking frameworks for a question: by the tags it asks for (`recommend_for`) or by the
documents' arguments about the needs it names (`pick_for`), each pick with its reasons.
"""

from __future__ import annotations

import re

from bot.answers import needs
from bot.answers.common import MIN_HIT, Request, a_or_an, cite_line, join, sentence
from bot.answers.model import Answer
from bot.answers.needs import Asked, Candidate, Reason
from bot.records import Framework, Knowledge
from bot.text.lexicon import LEXICON
from bot.text.stem import stem
from bot.text.tokens import fold, tokens

TOP = 3


# Tags that answer the same question, for the tag-only ranking of questions that ask for no
# need in knowledge/needs.yaml (asking for API-first makes OpenAPI docs relevant too).
_TAG_GROUPS: tuple[tuple[str, ...], ...] = (
    ("small_apps", "minimal"),
    ("large_apps", "batteries_included"),
    ("batteries_included", "orm_builtin", "auth_builtin"),
    ("minimal", "extensible", "minimal_dependencies"),
    ("async", "high_concurrency", "realtime", "websockets"),
    ("api_first", "rest", "openapi"),
)


_KEYWORDS: dict[int, list[tuple[str, list[str]]]] = {}


def _keywords(knowledge: Knowledge) -> list[tuple[str, list[str]]]:
    """Each tag's keywords, padded for whole-word search; computed once per knowledge base."""
    key = id(knowledge)
    if key not in _KEYWORDS:
        _KEYWORDS.clear()
        _KEYWORDS[key] = [
            (
                tag.id,
                [" " + re.sub(r"[^a-z0-9+#]+", " ", fold(k)).strip() + " " for k in tag.keywords],
            )
            for tag in knowledge.tags.values()
        ]
    return _KEYWORDS[key]


def wanted_tags(knowledge: Knowledge, folded: str) -> list[str]:
    """Tags whose keywords appear in the question, as whole words or phrases."""
    padded = " " + re.sub(r"[^a-z0-9+#]+", " ", folded) + " "
    return [
        tag_id
        for tag_id, keys in _keywords(knowledge)
        if any(k.strip() and k in padded for k in keys)
    ]


def rank(
    knowledge: Knowledge,
    tags: list[str],
    categories: list[str],
    among: list[str] | None = None,
    details: dict[str, tuple[float, object]] | None = None,
) -> list[tuple[Framework, float, list[str]]]:
    """(framework, score, matched tags), best first; Python frameworks only, or `among`.

    `details` adds frameworks whose facts match the question's specific words ('android')."""
    scored = []
    details = details or {}
    for fw in knowledge.frameworks.values():
        if fw.language != "python" or (among and fw.id not in among):
            continue
        matched = [t for t in tags if t in fw.tag_ids]
        score = float(len(matched)) + details.get(fw.id, (0.0, None))[0]
        if categories and set(categories) & set(fw.category_ids):
            score += 1.5
        if score <= 0 and not among:
            continue
        support = sum(len(r.sources) for r in fw.tags if r.id in matched)
        scored.append((fw, score + support * 0.01, matched))
    scored.sort(key=lambda item: -item[1])
    return scored


def related_tags(tags: list[str]) -> list[str]:
    """Tags that answer the same guided question as an asked tag: asking for an API-first
    framework makes OpenAPI docs and RESTful routing relevant too."""
    out: list[str] = []
    for group in _TAG_GROUPS:
        if set(group) & set(tags):
            out += [t for t in group if t not in tags and t not in out]
    return out


def reason_line(
    knowledge: Knowledge, fw: Framework, matched: list[str], extra: list[str] | None = None
) -> tuple[str, list[str]]:
    """'*FastAPI* (…): API-first and OpenAPI docs — summary': the asked traits it has, then
    `extra` traits that set it apart."""
    matched = list(dict.fromkeys(matched + (extra or [])))
    labels = [knowledge.tags[t].label for t in matched]
    src = [s for r in fw.tags if r.id in matched for s in r.sources]
    cats = join([knowledge.categories[c].name.lower() for c in fw.category_ids], "and")
    why = f"*{fw.name}* ({cats})"
    if labels:
        why += f": {join(labels)}"
    why += f" — {fw.summary[0].text.rstrip('.')}"
    src += fw.summary[0].sources
    return why, src


def recommend_for(
    req: Request, tags: list[str], categories: list[str], among: list[str] | None = None
) -> Answer | None:
    """The frameworks whose tags (and facts) match the question best; None when none does."""
    kb = req.knowledge
    details = detail_matches(req, among)
    ranked = rank(kb, tags, categories, among, details)[:TOP]
    if not ranked:
        return None
    facts, src = [], []
    related = related_tags(tags)
    for fw, _, matched in ranked:
        # one trait related to the asked ones that none of the other picks has
        others = set().union(*(o.tag_ids for o, _, _ in ranked if o is not fw))
        own = [t for t in related if t in fw.tag_ids and t not in others][:1]
        line, line_src = reason_line(kb, fw, matched, own)
        hit = details.get(fw.id, (0.0, None))[1]
        if hit is not None and hit is not fw.summary[0]:
            line += f" ({hit.text.rstrip('.')})"
            line_src += list(hit.sources)
        facts.append(line)
        src += line_src
    best = ranked[0][0]
    asked = (
        join([kb.tags[t].label for t in tags])
        or join([kb.categories[c].name.lower() for c in categories])
        or "what you describe"
    )
    text = f"For {asked}, the sources point to *{best.name}* first."
    trade = [f for c in best.category_ids for f in kb.categories[c].when_to_choose][:1]
    trade += [f for c in best.category_ids for f in kb.categories[c].disadvantages][:1]
    if trade:
        text += " Trade-offs: " + " ".join(sentence(f.text) for f in trade)
        src += [s for f in trade for s in f.sources]
    text += "\n" + cite_line(kb, src)
    names = [fw.name for fw, _, _ in ranked]
    return req.answer(
        f"My pick: {best.name}",
        text,
        src,
        facts=facts,
        subjects=[fw.id for fw, _, _ in ranked],
        suggestions=[
            f"Compare {names[0]} and {names[1]}" if len(names) > 1 else "",
            f"What are the drawbacks of {best.name}?",
            f"Who uses {best.name}?",
        ],
    )


# Words of the request itself, never a trait to search facts for.
_ASKING = LEXICON.words("pick_request_words")


def detail_matches(
    req: Request, among: list[str] | None, skip: set[str] | None = None, cap: float = 2.0
) -> dict[str, tuple[float, object]]:
    """Frameworks with a fact matching the question's specific words, e.g. 'runs on Android'."""
    if req.index is None:
        return {}
    skip = {stem(w) for w in _ASKING} | (skip or set())
    words = req.index.detail_words(tokens(req.folded), skip)
    out: dict[str, tuple[float, object]] = {}
    touched = req.index.frameworks_touching(words)
    for fw in req.knowledge.frameworks.values():
        if fw.id not in touched or fw.language != "python" or (among and fw.id not in among):
            continue
        hits = req.index.search(fw.id, words, 2)
        # who uses it, or a criticism that mentions the word, is no reason to pick it
        hits = [h for h in hits if h.facet not in ("users", "drawbacks")]
        if hits and hits[0].score >= MIN_HIT:
            out[fw.id] = (min(hits[0].score / 4.0, cap), hits[0].fact)
    return out


def _who(kb: Knowledge, source_ids) -> str:
    """'Myers', 'ICTS': a source as a reason names it."""
    names = []
    for sid in dict.fromkeys(source_ids):
        src = kb.sources.get(sid)
        if src is None:
            continue
        name = src.author.split()[-1] if src.author else (src.site or src.title)
        names.append(name.split(" (")[0].replace("Programmers ", ""))
    return join(names)


def quoted(kb: Knowledge, reason: Reason) -> str:
    """A reason as part of a sentence, with who says it: 'Bottle is meant for … (Myers)'."""
    text = reason.text
    first = text.split(" ", 1)[0]
    names = {fw.name for fw in kb.frameworks.values()}
    if first[1:] == first[1:].lower() and first.strip(",") not in names:
        text = text[:1].lower() + text[1:]  # a fact's capital, mid-sentence
    who = _who(kb, reason.sources)
    return f"{text} ({who})" if who else text


def candidates(
    req: Request,
    asked: list[Asked],
    categories: list[str],
    among: list[str] | None,
    details: dict[str, tuple[float, object]],
) -> list[Candidate]:
    kb = req.knowledge
    out = []
    # the frameworks any asked need's arguments or tags speak of; the others have no reason
    # from the needs (None: a required need speaks of every framework)
    spoken_of = needs.spoken_of(kb, asked)
    for fw in kb.frameworks.values():
        if fw.language != "python" or (among and fw.id not in among):
            continue
        if spoken_of is None or fw.id in spoken_of:
            cand = needs.score(kb, fw, asked)
        else:
            cand = Candidate(fw)
        for cid in categories:
            if cid in fw.category_ids:
                cat = kb.categories[cid].name.lower()
                src = tuple(s for r in fw.categories if r.id == cid for s in r.sources)
                cand.add(Reason(None, 1.5, f"{fw.name} is {a_or_an(cat)} {cat}", src))
        weight, fact = details.get(fw.id, (0.0, None))
        if fact is not None and weight > 0:
            # capped like the tag ranking; the closer match breaks a tie
            weight = min(weight, 2.0) + 0.01 * weight
            cand.add(Reason(None, weight, fact.text.rstrip("."), tuple(fact.sources), True))
        out.append(cand)
    out.sort(key=lambda c: (-round(c.score, 6), -c.support, c.fw.name))
    return out


def top_reasons(cand: Candidate, count: int, besides: set[str] | None = None) -> list[Reason]:
    """The strongest reasons for a candidate, one per need, those about it by name before
    those about its kind at the same weight; none whose text is in `besides`."""
    seen: set[str] = set()
    out = []
    # the documents' arguments first; a fact that matched the question's words after them
    order = sorted(cand.pros, key=lambda r: (r.need is None, -r.weight, not r.specific))
    for reason in order:
        key = reason.need.id if reason.need else reason.text
        if key in seen or reason.text in (besides or set()):
            continue
        if any(_overlap(reason.text, r.text) >= 0.5 for r in out):
            continue  # the same point in other words ('no dependencies' twice)
        seen.add(key)
        out.append(reason)
    return out[:count]


def _overlap(a: str, b: str) -> float:
    """How much of the shorter text's words (first five letters) the other one repeats."""
    words_a = {w[:5] for w in tokens(fold(a))}
    words_b = {w[:5] for w in tokens(fold(b))}
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def pick_for(
    req: Request,
    asked: list[Asked],
    categories: list[str],
    among: list[str] | None = None,
    use_details: bool = True,
) -> Answer | None:
    """The pick for the asked needs: the framework the documents' arguments support most, the
    two or three reasons that decided it, what argues against it, and a tie if there is one;
    None when no framework is a candidate."""
    kb = req.knowledge
    details = detail_matches(req, among, cap=float("inf")) if use_details else {}
    ranked = candidates(req, asked, categories, among, details)
    if not ranked:
        return None
    best = ranked[0]
    src: list[str] = []
    reasons = top_reasons(best, 2)
    if not reasons:
        text = (
            f"The documents tie no framework closely to {join([a.need.label for a in asked])}; "
            f"*{best.fw.name}* comes closest."
        )
    else:
        said = [quoted(kb, r) for r in reasons]
        text = f"My pick is *{best.fw.name}*: {join(said)}."
        src += [s for r in reasons for s in r.sources]
    lines = [text]
    # what argues against the pick itself (not what one document says of a kind it is only
    # counted among in passing)
    against = [r for r in best.cons if r.direct]
    if against:
        worst = sorted(against, key=lambda r: r.weight)[:2]
        lines.append("Against it: " + join([quoted(kb, r) for r in worst]) + ".")
        src += [s for r in worst for s in r.sources]
    if len(ranked) > 1:
        second = ranked[1]
        # what sets the runner-up apart, not the reason it shares with the pick
        why = top_reasons(second, 1, {r.text for r in best.pros}) or top_reasons(second, 1)
        because = f": {quoted(kb, why[0])}" if why else ""
        if abs(second.score - best.score) < 1e-6:
            lines.append(f"*{second.fw.name}* fits equally well{because}.")
            src += [s for r in why for s in r.sources]
        elif second.score > 0:
            lines.append(f"Next comes *{second.fw.name}*{because}.")
            src += [s for r in why for s in r.sources]
    trade = [f for c in best.fw.category_ids[:1] for f in kb.categories[c].disadvantages][:1]
    if trade:
        lines.append("Trade-off: " + sentence(trade[0].text))
        src += trade[0].sources
    facts = []
    for cand in ranked[:TOP]:
        cats = join([kb.categories[c].name.lower() for c in cand.fw.category_ids], "and")
        own = sorted(cand.pros, key=lambda r: (not r.specific, r.need is None, -r.weight))
        why = "; ".join(dict.fromkeys(r.text for r in own[:2])) or "no asked need"
        cons = [r for r in cand.cons if r.direct]
        if cons:
            why += "; but " + sorted(cons, key=lambda r: r.weight)[0].text
        facts.append(f"*{cand.fw.name}* ({cats}): {why} — {cand.fw.summary[0].text.rstrip('.')}")
        src += [s for r in cand.pros for s in r.sources] + list(cand.fw.summary[0].sources)
    body = " ".join(lines) + "\n" + cite_line(kb, src)
    names = [c.fw.name for c in ranked[:TOP]]
    return req.answer(
        f"My pick: {best.fw.name}",
        body,
        src,
        facts=facts,
        subjects=[c.fw.id for c in ranked[:TOP]],
        suggestions=[
            f"Compare {names[0]} and {names[1]}" if len(names) > 1 else "",
            f"What are the drawbacks of {best.fw.name}?",
            f"Who uses {best.fw.name}?",
        ],
    )
