"""recommend: rank frameworks by the tags a question asks for, explain why, give the trade-offs.

The guided "help me choose" flow asks a few questions whose options map to the same tags, so the
Slack buttons, the terminal's numbered options and free-text questions share one ranking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answers import needs
from bot.answers.common import MIN_HIT, Request, cite_line, join, sentence
from bot.answers.model import Answer, Choice
from bot.answers.needs import Asked, Candidate, Reason
from bot.nlu.intents import stem
from bot.nlu.normalise import fold, tokens
from bot.nlu.vocabulary import OTHER_WORDS, asks_for_other
from bot.records import Framework, Knowledge, Ref

TOP = 3
STRONG = 1.25  # a detail match (scaled as in `_detail_matches`) worth naming on its own
# ... and one worth naming as what sets an alternative apart ('anything faster than flask?')
ALTERNATIVE_DETAIL = 1.0


@dataclass(frozen=True)
class FlowQuestion:
    id: str
    text: str
    # each option: its label and the needs (knowledge/needs.yaml) that answer means
    options: tuple[tuple[str, tuple[str, ...]], ...]
    # each option as the result recalls it ("You answered: Large app · Own parts · …")
    recalled: tuple[str, ...] = ()


FLOW: tuple[FlowQuestion, ...] = (
    FlowQuestion(
        "size",
        "How big will the app be?",
        (
            ("Small: an API, a prototype or one service", ("small",)),
            ("Large: many features, users and data", ("large",)),
        ),
        ("Small app", "Large app"),
    ),
    FlowQuestion(
        "parts",
        "Batteries included, or pick your own parts?",
        (
            ("Batteries included", ("batteries",)),
            ("Pick my own parts", ("own_parts",)),
        ),
        ("Batteries included", "Own parts"),
    ),
    FlowQuestion(
        "concurrency",
        "Many concurrent connections or real-time features?",
        (
            ("Yes: real-time or thousands of connections", ("concurrency",)),
            ("No: ordinary requests", ()),
        ),
        ("Real-time or many connections", "Ordinary requests"),
    ),
    FlowQuestion(
        "api",
        "Is it API-first?",
        (
            ("Yes: mostly a JSON or REST API", ("api",)),
            ("No: web pages for people", ("pages",)),
        ),
        ("API-first", "Web pages"),
    ),
)

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


def _reason(
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
) -> Answer:
    kb = req.knowledge
    details = _detail_matches(req, among)
    ranked = rank(kb, tags, categories, among, details)[:TOP]
    if not ranked:
        return start_flow(req)
    facts, src = [], []
    related = related_tags(tags)
    for fw, _, matched in ranked:
        # one trait related to the asked ones that none of the other picks has
        others = set().union(*(o.tag_ids for o, _, _ in ranked if o is not fw))
        own = [t for t in related if t in fw.tag_ids and t not in others][:1]
        line, line_src = _reason(kb, fw, matched, own)
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
_ASKING = frozenset(
    [
        "recommend",
        "recommendation",
        "suggest",
        "best",
        "option",
        "options",
        "need",
        "want",
        "looking",
        "something",
        "anything",
        "pick",
        "choose",
        "fits",
        "fit",
        "framework",
        "frameworks",
        "app",
        "apps",
        "application",
        "project",
        "our",
        "new",
        "devs",
        "team",
    ]
)


def _detail_matches(
    req: Request, among: list[str] | None, skip: set[str] | None = None, cap: float = 2.0
) -> dict[str, tuple[float, object]]:
    """Frameworks with a fact matching the question's specific words, e.g. 'runs on Android'."""
    if req.index is None:
        return {}
    skip = {stem(w) for w in _ASKING} | (skip or set())
    words = req.index.detail_words(tokens(req.folded), skip)
    out: dict[str, tuple[float, object]] = {}
    for fw in req.knowledge.frameworks.values():
        if fw.language != "python" or (among and fw.id not in among):
            continue
        hits = req.index.search(fw.id, words, 2)
        # who uses it, or a criticism that mentions the word, is no reason to pick it
        hits = [h for h in hits if h.facet not in ("users", "drawbacks")]
        if hits and hits[0].score >= MIN_HIT:
            out[fw.id] = (min(hits[0].score / 4.0, cap), hits[0].fact)
    return out


_OVERKILL = re.compile(
    r"\b(overkill|too (much|heavy|big|complex|bloated|large)|more than (i|we) need|bloated)\b"
)


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
        return f"No: {_said(kb, direct[0])}.", direct[:1]
    if pros:
        return f"Yes: {_said(kb, pros[0])}.", pros[:1]
    if tied:
        return "Yes.", []
    if cons:
        kinds = join([kb.categories[c].name.lower() + "s" for c in fw.category_ids[1:]])
        return (
            f"The documents don't say whether {fw.name} itself suits {labels}; of {kinds}, "
            f"they say {_said(kb, cons[0])}.",
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
            return f"No: {_said(kb, big.pros[0])}.", big.pros[:1]
        if cons:
            return f"No, if anything the opposite: {_said(kb, cons[0])}.", cons[:1]
    if "small" not in known:
        return f"The documents don't say whether {fw.name} is too much for that.", []
    small = needs.score(kb, fw, [Asked(known["small"], known["small"].all_tags)])
    cons = [r for r in small.cons if r.sources and r.direct]
    where = "" if "small" in ids else "for a small app, "
    if cons:
        return f"Yes, {where}{fw.name} may be more than you need: {_said(kb, cons[0])}.", cons[:1]
    if small.pros:
        return f"No: {_said(kb, small.pros[0])}.", small.pros[:1]
    return f"The documents don't say whether {fw.name} is too much for that.", []


def fit_check(req: Request, tags: list[str]) -> Answer:
    """'Is Bottle good for a big app?', 'is Django overkill for a todo app?': yes, no or "the
    documents don't say", with the argument and its source; then what else they say of it and
    the frameworks they tie more closely to what was asked."""
    kb = req.knowledge
    fw = req.frameworks[0]
    matched = [t for t in tags if t in fw.tag_ids]
    from bot.answers.asked import name_stems

    asked = needs.asked_needs(kb, req.folded, tags)
    # its own name is no detail: every fact about FastAPI says 'FastAPI'
    details = _detail_matches(req, [fw.id], name_stems(req))
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
                f"{fw.name} is {_a(cat.name.lower())} {cat.name.lower()}, and "
                f"{kind_fact.text[:1].lower()}{kind_fact.text[1:]}"
            )
            lines[-1] = sentence(lines[-1])
            src += list(kind_fact.sources) + [
                s for r in fw.categories if r.id == cat.id for s in r.sources
            ]
    tied = bool(lines)
    if asks_for_other(tokens(req.folded)):
        return _alternatives(req, fw, tags) or _fit_answer(req, fw, lines, src, [])
    verdict, deciding = _verdict(req, fw, asked, tied)
    src += [s for r in deciding for s in r.sources]
    # a good fit: "Yes" to "is it good for", "No" to "is it overkill for"
    overkill = bool(_OVERKILL.search(req.folded))
    positive = verdict.startswith("No:" if overkill else "Yes")
    lines.insert(0, verdict)
    if asked:
        ranked = [
            c.fw for c in _candidates(req, asked, [], None, {}) if c.fw.id != fw.id and c.score > 0
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
    elsewhere = _detail_matches(req, None)
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


def _alternatives(req: Request, fw: Framework, tags: list[str]) -> Answer | None:
    """'Zope is too hard, anything easier?', 'closest thing to Sinatra in Python?': the
    frameworks the sources tie to this one (built on it, inspired by it), then those whose
    traits or facts answer the rest of the question, then its own kind; each with its reason.
    None when the sources tie no other Python framework to it."""
    from bot.answers.asked import name_stems

    kb = req.knowledge
    elsewhere = _detail_matches(req, None, name_stems(req) | {stem(w) for w in OTHER_WORDS})
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
            why = f"also {_a(cat.name.lower())} {cat.name.lower()}"
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
    answer = _fit_answer(req, fw, lines, src, [other for _, other, _, _ in picks])
    answer.headline = f"Alternatives to {fw.name}"
    return answer


def _alike(kb: Knowledge, fw: Framework) -> dict[str, Ref]:
    """Frameworks the sources relate to `fw` either way, except as its opposite."""
    alike = {r.id: r for r in fw.related if not r.contrast}
    for other in kb.frameworks.values():
        for ref in other.related:
            if ref.id == fw.id and not ref.contrast:
                alike.setdefault(other.id, ref)
    return alike


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


def _a(words: str) -> str:
    return "an" if words[:1] in "aeiou" else "a"


def recommend(req: Request) -> Answer:
    tags = wanted_tags(req.knowledge, req.folded)
    named = req.frameworks
    if req.from_context and len(named) == 1 and not _refers_back(req):
        # "which framework should I use?" after "who created web.py": a fresh question
        named = []
        req.entities = [e for e in req.entities if e not in req.knowledge.frameworks]
    if len(named) == 1:
        return fit_check(req, tags)
    among = [f.id for f in named] if len(named) >= 2 else None
    if among is None and len(req.category_ids) >= 2:
        # "which of the two for a small app?" after "full stack vs micro": pick a kind first
        among = [f.id for c in req.category_ids for f in req.knowledge.members(c)]
    asked = needs.asked_needs(req.knowledge, req.folded, tags)
    if asked:
        answer = pick_for(req, asked, [] if among else req.category_ids, among)
    else:
        answer = recommend_for(req, tags, [] if among else req.category_ids, among)
    answer.suggestions = [s for s in answer.suggestions if s]
    return answer


# Words that point back at the subject before ('is it good for…', 'which of the two…').
_BACK = frozenset(
    "it its it's itself that this them they those these both two either one ones former "
    "latter same".split()
)


def _refers_back(req: Request) -> bool:
    return bool(_BACK & set(tokens(req.folded)))


# "help me choose", "can you help me pick a framework?", "guide me through choosing"
_FLOW_ASK = re.compile(
    r"\b(help|helping|assist) (me|us) (to )?(choose|chose|pick|decide|select|find)\b"
    r"|\bguide (me|us)\b|\bwalk (me|us) through\b|\b(can ?t|cannot) decide\b"
)


def asks_for_flow(req: Request) -> bool:
    """A request for the guided flow itself, naming no framework to choose among."""
    named = [] if req.from_context else req.frameworks
    return len(named) < 2 and bool(_FLOW_ASK.search(req.folded.replace("'", "")))


def guided(req: Request) -> Answer:
    """'help me choose': the guided flow, unless the request already says what it needs
    ('help me pick something for a small API' gets the pick straight away)."""
    if needs.asked_needs(req.knowledge, req.folded, wanted_tags(req.knowledge, req.folded)):
        req.intent = "recommend"
        return recommend(req)
    return start_flow(req)


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


def _said(kb: Knowledge, reason: Reason) -> str:
    """A reason as part of a sentence, with who says it: 'Bottle is meant for … (Myers)'."""
    text = reason.text
    first = text.split(" ", 1)[0]
    names = {fw.name for fw in kb.frameworks.values()}
    if first[1:] == first[1:].lower() and first.strip(",") not in names:
        text = text[:1].lower() + text[1:]  # a fact's capital, mid-sentence
    who = _who(kb, reason.sources)
    return f"{text} ({who})" if who else text


def _candidates(
    req: Request,
    asked: list[Asked],
    categories: list[str],
    among: list[str] | None,
    details: dict[str, tuple[float, object]],
) -> list[Candidate]:
    kb = req.knowledge
    out = []
    for fw in kb.frameworks.values():
        if fw.language != "python" or (among and fw.id not in among):
            continue
        cand = needs.score(kb, fw, asked)
        for cid in categories:
            if cid in fw.category_ids:
                cat = kb.categories[cid].name.lower()
                src = tuple(s for r in fw.categories if r.id == cid for s in r.sources)
                cand.add(Reason(None, 1.5, f"{fw.name} is {_a(cat)} {cat}", src))
        weight, fact = details.get(fw.id, (0.0, None))
        if fact is not None and weight > 0:
            # capped like the tag ranking; the closer match breaks a tie
            weight = min(weight, 2.0) + 0.01 * weight
            cand.add(Reason(None, weight, fact.text.rstrip("."), tuple(fact.sources), True))
        out.append(cand)
    out.sort(key=lambda c: (-round(c.score, 6), -c.support, c.fw.name))
    return out


def _top_reasons(cand: Candidate, count: int, besides: set[str] | None = None) -> list[Reason]:
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
) -> Answer:
    """The pick for the asked needs: the framework the documents' arguments support most, the
    two or three reasons that decided it, what argues against it, and a tie if there is one."""
    kb = req.knowledge
    details = _detail_matches(req, among, cap=float("inf")) if use_details else {}
    ranked = _candidates(req, asked, categories, among, details)
    if not ranked:
        return start_flow(req)
    best = ranked[0]
    src: list[str] = []
    reasons = _top_reasons(best, 2)
    if not reasons:
        text = (
            f"The documents tie no framework closely to {join([a.need.label for a in asked])}; "
            f"*{best.fw.name}* comes closest."
        )
    else:
        said = [_said(kb, r) for r in reasons]
        text = f"My pick is *{best.fw.name}*: {join(said)}."
        src += [s for r in reasons for s in r.sources]
    lines = [text]
    # what argues against the pick itself (not what one document says of a kind it is only
    # counted among in passing)
    against = [r for r in best.cons if r.direct]
    if against:
        worst = sorted(against, key=lambda r: r.weight)[:2]
        lines.append("Against it: " + join([_said(kb, r) for r in worst]) + ".")
        src += [s for r in worst for s in r.sources]
    if len(ranked) > 1:
        second = ranked[1]
        # what sets the runner-up apart, not the reason it shares with the pick
        why = _top_reasons(second, 1, {r.text for r in best.pros}) or _top_reasons(second, 1)
        because = f": {_said(kb, why[0])}" if why else ""
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


def start_flow(req: Request) -> Answer:
    return flow_step(req, [])


def flow_needs(kb: Knowledge, picks: list[int]) -> list[Asked]:
    """The needs a full set of flow answers means, each with all its tags as support."""
    known = needs.by_id(kb)
    out = []
    for question, pick in zip(FLOW, picks, strict=False):
        for need_id in question.options[pick][1]:
            need = known.get(need_id)
            if need is not None:
                out.append(Asked(need, need.all_tags))
    return out


def flow_step(req: Request, picks: list[int]) -> Answer:
    """The next guided question, or the recommendation once every question is answered."""
    if len(picks) >= len(FLOW):
        asked = flow_needs(req.knowledge, picks)
        answer = pick_for(req, asked, [], use_details=False)
        answer.intent = "recommend"
        answered = [
            q.recalled[p] if q.recalled else q.options[p][0]
            for q, p in zip(FLOW, picks, strict=False)
        ]
        body, _, cite = answer.text.rpartition("\n")
        answer.text = f"{body}\nYou answered: {' · '.join(answered)}.\n{cite}"
        answer.choices = [Choice(label="Start over", action="choose", value="")]
        return answer
    question = FLOW[len(picks)]
    prefix = ",".join(str(p) for p in picks)
    choices = [
        Choice(
            label=label,
            action="choose",
            value=(prefix + "," if prefix else "") + str(index),
        )
        for index, (label, _) in enumerate(question.options)
    ]
    step = f"Question {len(picks) + 1} of {len(FLOW)}"
    return req.answer(
        f"Help me choose — {step}",
        question.text,
        [],
        intent="recommend",
        entities=[],
        choices=choices,
        suggestions=[],
    )


def parse_picks(value: str) -> list[int] | None:
    """'0,1' → [0, 1]; anything malformed → None (a stale or forged button)."""
    if value == "":
        return []
    try:
        picks = [int(p) for p in value.split(",")]
    except ValueError:
        return None
    if len(picks) > len(FLOW):
        return None
    for question, pick in zip(FLOW, picks, strict=False):
        if not 0 <= pick < len(question.options):
            return None
    return picks
