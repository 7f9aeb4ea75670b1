"""recommend: rank frameworks by the tags a question asks for, explain why, give the trade-offs.

The guided "help me choose" flow asks a few questions whose options map to the same tags, so the
Slack buttons, the terminal's numbered options and free-text questions share one ranking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answers.common import MIN_HIT, Request, cite_line, join, sentence
from bot.answers.model import Answer, Choice
from bot.nlu.normalise import fold, tokens
from bot.records import Framework, Knowledge

TOP = 3


@dataclass(frozen=True)
class FlowQuestion:
    id: str
    text: str
    options: tuple[tuple[str, tuple[str, ...]], ...]


FLOW: tuple[FlowQuestion, ...] = (
    FlowQuestion(
        "size",
        "How big will the app be?",
        (
            ("Small: an API, a prototype or one service", ("small_apps", "minimal")),
            ("Large: many features, users and data", ("large_apps", "batteries_included")),
        ),
    ),
    FlowQuestion(
        "parts",
        "Batteries included, or pick your own parts?",
        (
            ("Batteries included", ("batteries_included", "orm_builtin", "auth_builtin")),
            ("Pick my own parts", ("minimal", "extensible", "minimal_dependencies")),
        ),
    ),
    FlowQuestion(
        "concurrency",
        "Many concurrent connections or real-time features?",
        (
            (
                "Yes: real-time or thousands of connections",
                ("async", "high_concurrency", "realtime", "websockets"),
            ),
            ("No: ordinary requests", ()),
        ),
    ),
    FlowQuestion(
        "api",
        "Is it API-first?",
        (
            ("Yes: mostly a JSON or REST API", ("api_first", "rest", "openapi")),
            ("No: web pages for people", ("templating_builtin",)),
        ),
    ),
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


def _reason(knowledge: Knowledge, fw: Framework, matched: list[str]) -> tuple[str, list[str]]:
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
    for fw, _, matched in ranked:
        line, line_src = _reason(kb, fw, matched)
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


def _detail_matches(req: Request, among: list[str] | None) -> dict[str, tuple[float, object]]:
    """Frameworks with a fact matching the question's specific words, e.g. 'runs on Android'."""
    if req.index is None:
        return {}
    from bot.nlu.intents import stem

    words = req.index.detail_words(tokens(req.folded), {stem(w) for w in _ASKING})
    out: dict[str, tuple[float, object]] = {}
    for fw in req.knowledge.frameworks.values():
        if fw.language != "python" or (among and fw.id not in among):
            continue
        hits = req.index.search(fw.id, words, 1)
        if hits and hits[0].score >= MIN_HIT and hits[0].facet != "users":
            out[fw.id] = (min(hits[0].score / 4.0, 2.0), hits[0].fact)
    return out


def fit_check(req: Request, tags: list[str]) -> Answer:
    """'Is Bottle good for prototyping?': what the sources say for and against, then the
    frameworks they tie more closely to what was asked."""
    kb = req.knowledge
    fw = req.frameworks[0]
    matched = [t for t in tags if t in fw.tag_ids]
    details = _detail_matches(req, [fw.id])
    src: list[str] = []
    lines = []
    if matched:
        labels = join([kb.tags[t].label for t in matched])
        src += [s for r in fw.tags if r.id in matched for s in r.sources]
        lines.append(f"Yes, by the sources' account: {fw.name} is described with {labels}.")
    hit = details.get(fw.id, (0.0, None))[1]
    if hit is not None:
        lines.append(sentence(hit.text))
        src += list(hit.sources)
    if not lines:
        lines.append(f"The sources don't tie {fw.name} to that.")
    others = [
        other
        for other, _, _ in rank(kb, tags, [], None, _detail_matches(req, None))
        if other.id != fw.id
    ][:2]
    if others and len(matched) < len(tags):
        lines.append(
            f"For {join([kb.tags[t].label for t in tags]) or 'that'}, they point to "
            f"{join([o.name for o in others])} as well."
        )
    cat = kb.categories[fw.category_ids[0]]
    trade = (cat.when_to_choose or cat.disadvantages)[:1]
    if trade:
        lines.append("Trade-off: " + sentence(trade[0].text))
        src += trade[0].sources
    text = " ".join(lines) + "\n" + cite_line(kb, src)
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


def recommend(req: Request) -> Answer:
    tags = wanted_tags(req.knowledge, req.folded)
    if len(req.frameworks) == 1:
        return fit_check(req, tags)
    among = [f.id for f in req.frameworks] if len(req.frameworks) >= 2 else None
    if among is None and len(req.category_ids) >= 2:
        # "which of the two for a small app?" after "full stack vs micro": pick a kind first
        among = [f.id for c in req.category_ids for f in req.knowledge.members(c)]
    answer = recommend_for(req, tags, [] if among else req.category_ids, among)
    answer.suggestions = [s for s in answer.suggestions if s]
    return answer


def start_flow(req: Request) -> Answer:
    return flow_step(req, [])


def flow_step(req: Request, picks: list[int]) -> Answer:
    """The next guided question, or the recommendation once every question is answered."""
    if len(picks) >= len(FLOW):
        tags: list[str] = []
        for question, pick in zip(FLOW, picks, strict=False):
            tags += list(question.options[pick][1])
        answer = recommend_for(req, list(dict.fromkeys(tags)), [])
        answer.intent = "recommend"
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
