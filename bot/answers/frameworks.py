"""Composers for questions about one framework's facet: overview, features, users, history, ..."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.answers.common import (
    MAX_FACTS,
    MIN_HIT,
    Request,
    according,
    by_source,
    cite_line,
    disagree,
    join,
    possessive,
    sentence,
    short,
    sources_of,
)
from bot.answers.headlines import asked_headline, facet_headline, yes_or_no
from bot.answers.model import Answer
from bot.answers.shape import is_fragment, lower_first
from bot.answers.suggest import suggestions_for
from bot.nlu.intents import stem
from bot.nlu.normalise import fold, tokens
from bot.records import Fact, Framework, Named

# Question words that never narrow a facet down ('what features does flask have').
_GENERIC = {
    stem(w)
    for w in [
        "what",
        "which",
        "does",
        "have",
        "has",
        "feature",
        "features",
        "offer",
        "offers",
        "provide",
        "provides",
        "support",
        "supports",
        "good",
        "about",
        "tell",
        "give",
        "list",
        "show",
        "main",
        "key",
        "their",
        "there",
        "framework",
        "frameworks",
        "python",
        "with",
        "come",
        "comes",
        "built",
        "into",
        "inside",
        "include",
        "includes",
        "know",
        "anything",
        "much",
        "many",
        "strength",
        "strengths",
        "advantage",
        "advantages",
        "benefit",
        "benefits",
        "why",
        "should",
        "using",
        "pros",
        "pick",
        "choose",
        "prefer",
        "anyone",
        "someone",
        "people",
        "would",
        "reason",
        "reasons",
        "gotcha",
        "gotchas",
        "downside",
        "downsides",
        "drawback",
        "drawbacks",
        "disadvantage",
        "disadvantages",
        "weakness",
        "weaknesses",
        "catch",
        "cons",
        "worth",
    ]
}

# Words that ask for a framework's strengths rather than its feature list.
_STRENGTH_WORDS = {
    stem(w)
    for w in [
        "strength",
        "strengths",
        "advantage",
        "advantages",
        "benefit",
        "benefits",
        "pros",
        "upside",
        "upsides",
        "plus",
        "pluses",
    ]
}
_WHY_PICK = {stem(w) for w in ["pick", "choose", "prefer", "use", "go", "bother"]}


def _fact_lines(facts: Sequence[Fact]) -> list[str]:
    return [sentence(f.text) for f in facts]


def _category_phrase(req: Request, fw: Framework) -> str:
    names = []
    for ref in fw.categories:
        cat = req.knowledge.categories[ref.id]
        names.append(cat.name.lower())
    lang = "Ruby " if fw.language == "ruby" else ""
    article = "an" if (lang or names[0])[0] in "aeiou" else "a"
    return f"{fw.name} is {article} {lang}{join(names, 'and')}"


def describe(req: Request) -> Answer:
    """2 to 4 sentences of overview per framework: what it is, what it stands on, where it
    came from; then a few key features as bullets."""
    frameworks = req.frameworks[:3]
    paragraphs, facts, src = [], [], []
    for fw in frameworks:
        chosen = _overview(fw, 4 if len(frameworks) == 1 else 2, _defining_traits(req, fw))
        lines = _fact_lines(chosen)
        kinds = [req.knowledge.categories[c] for c in fw.category_ids]
        words = {w for k in kinds for w in (k.id.split("_")[0], k.name.split()[0].lower()[:5])}
        if not any(w in " ".join(lines).casefold() for w in words):
            lines.insert(0, f"{_category_phrase(req, fw)}.")
            src += sources_of(fw.categories)
        hits = detail_hits(req, fw, 2)
        lines += [line for line in _item_lines(hits, fw) if line not in lines]
        paragraphs.append(" ".join(lines[:5]))
        src += sources_of(chosen) + sources_of(hits)
        if len(frameworks) == 1:
            highlights = [f for f in (fw.strengths or fw.features) if f not in chosen][:4]
            facts += _fact_lines(highlights)
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


def _facet_answer(
    req: Request,
    items_of: Callable[[Framework], list] | str,
    title: str,
    lead: Callable[[Framework, list], str],
    empty: str,
    narrow: bool = False,
    render: Callable[[list], str] | None = None,
    own_first: bool = False,
    topic: frozenset[str] = frozenset(),
) -> Answer:
    """The shared shape of a facet answer, for up to three frameworks at once.

    Facts that match the question's specific words ('python 3', 'apache') come first, from
    whichever facet holds them; then the facet itself. With `own_first`, other facets are
    searched only when none of the facet's own items match (a drawbacks answer about
    extensions should not lead with praise of them).
    """
    frameworks = req.frameworks[:3]
    paragraphs: list[str] = []
    facts: list[str] = []
    src: list[str] = []
    hit_first = False  # the answer opens with facts that match the question's own words
    for fw in frameworks:
        items = list(items_of(fw) if callable(items_of) else getattr(fw, items_of))
        hits = [] if own_first and _matching(req, items) else detail_hits(req, fw, topic=topic)
        if hits:
            lines = _item_lines(hits, fw)
            if not paragraphs and len(frameworks) == 1:
                lines[0] = yes_or_no(req, lines[0]) + lines[0]  # a yes/no question: its sign
            hit_first = hit_first or not paragraphs
            src += sources_of(hits)
            paragraphs.append(" ".join(lines))
            items = [i for i in items if i not in hits]
            if not items:
                continue
        elif narrow and items and _asks_specific(req, fw) and _asks_real_words(req):
            paragraphs.append(
                f"The sources say nothing about {_asked_phrase(req, fw)} for {fw.name}; "
                f"here is what they list."
            )
        if not items:
            paragraphs.append(empty.format(name=fw.name))
            continue
        src += sources_of(items)
        if render and disagree(req.knowledge, items):
            head = lead(fw, items)
            if head.endswith(":"):  # "... using CherryPy:" → "... using CherryPy (the ...):"
                head = head[:-1] + " (the documents differ):"
            else:
                head += " The documents name different ones:"
            paragraphs.append(head)
            facts += according(req.knowledge, items, render)
        elif render:
            paragraphs.append(lead(fw, items) + " " + render(items))
        else:
            paragraphs.append(lead(fw, items))
            lines = _fact_lines(items)
            if len(frameworks) == 1:
                facts += lines[: MAX_FACTS * 2 if narrow else MAX_FACTS]
            else:
                paragraphs[-1] += " " + " ".join(lines[:3])
    names = join([fw.name for fw in frameworks])
    if frameworks and not src:
        return _not_covered(req, paragraphs)
    if not frameworks:
        headline = title
    else:
        asked = asked_headline(req) if paragraphs and hit_first else ""
        headline = asked or facet_headline(title, names, len(frameworks))
    text = "\n\n".join(paragraphs)
    if src:
        text += "\n" + cite_line(req.knowledge, src)
    return req.answer(
        headline,
        text,
        src,
        facts=facts,
        suggestions=suggestions_for(req, req.intent),
    )


def _not_covered(req: Request, paragraphs: list[str], src: list[str] | None = None) -> Answer:
    """Every asked facet is empty: an honest 'I don't know' that says what the sources do cover
    (citing them when it quotes what they do say)."""
    from bot.answers.model import Choice

    suggestions = suggestions_for(req, req.intent)
    text = (
        "I don't know: "
        + paragraphs[0][:1].lower()
        + paragraphs[0][1:]
        + "".join(" " + p for p in paragraphs[1:])
    )
    if src:
        text += "\n" + cite_line(req.knowledge, src)
    return req.answer(
        "I don't know that one",
        text,
        src or [],
        intent="fallback",
        suggestions=suggestions,
        choices=[Choice(label=s, question=s) for s in suggestions],
    )


def detail_hits(
    req: Request, fw: Framework, limit: int = 3, topic: frozenset[str] = frozenset()
) -> list:
    """Facts of `fw`, from any facet, that match the question's specific words (not the
    words that only name the facet asked, `topic`)."""
    if req.index is None:
        return []
    words = req.index.detail_words(tokens(req.folded), name_stems(req) | topic)
    return [h.fact for h in req.index.search(fw.id, words, limit) if h.score >= MIN_HIT]


def name_stems(req: Request) -> set[str]:
    """Stems of the frameworks and categories asked about, and of generic question words."""
    out: set[str] = set()
    for fw in req.frameworks:
        for name in (fw.name, *fw.aliases, fw.id):
            out |= {stem(t) for t in tokens(fold(name))}
    for cid in req.category_ids:
        cat = req.knowledge.categories[cid]
        for name in (cat.name, *cat.aliases):
            out |= {stem(t) for t in tokens(fold(name))}
    for assumption in req.assumptions:  # 'tornadoo', read as Tornado, is a name too
        if assumption.entity in req.knowledge.frameworks or assumption.entity in (
            req.knowledge.categories
        ):
            out |= {stem(t) for t in tokens(fold(assumption.typed))}
    return out | _GENERIC


def _item_lines(items: list, fw: Framework | None = None) -> list[str]:
    """Facts as sentences; a user as 'Quora uses Tornado.' when the framework is known (a bare
    name is no answer to 'does quora use tornado?')."""
    lines = []
    for i in items:
        if isinstance(i, Fact):
            text = sentence(i.text)
            if fw is not None and is_fragment(text, frozenset({fw.name.casefold()})):
                # "Database schema migrations." opens no answer: say whose feature it is
                text = f"Among {possessive(fw.name)} features: {lower_first(text)}"
            lines.append(text)
            continue
        named = f"{i.name} ({i.note})" if i.note else i.name
        lines.append(
            sentence(
                f"{i.name} uses {fw.name}" + (f" ({i.note})" if i.note else "")
                if fw is not None
                else named
            )
        )
    return lines


_QUESTION_WORDS = {
    stem(w)
    for w in [
        "is",
        "are",
        "can",
        "it",
        "its",
        "does",
        "do",
        "the",
        "a",
        "an",
        "any",
        "of",
        "for",
        "to",
        "in",
        "on",
        "and",
        "or",
        "how",
        "good",
        "use",
        "using",
        "work",
        "works",
        "handle",
        "handles",
        "there",
        "need",
        "needs",
        "get",
    ]
}


def _asked_words(req: Request) -> list[str]:
    if req.index is None:
        return []
    words = req.index.detail_words(tokens(req.folded), name_stems(req))
    return sorted(w for w in words if len(w) > 3 and w not in _QUESTION_WORDS)


def _asks_real_words(req: Request) -> bool:
    """Every word the question asks about is an English word: a real detail ('admin panel'),
    not a misspelt facet word ('sanic featurs'), which must not be quoted back as one."""
    from bot.nlu.vocabulary import english_words

    asked = set(_asked_words(req))
    typed = [t for t in tokens(req.folded) if stem(t) in asked]
    return bool(typed) and all(t in english_words() for t in typed)


def _asks_specific(req: Request, fw: Framework) -> bool:
    return bool(_asked_words(req))


def _asked_phrase(req: Request, fw: Framework) -> str:
    words = _asked_words(req)
    return "that" if not words else "“" + " ".join(words[:3]) + "”"


def asks_strengths(req: Request) -> bool:
    """'what are X's strengths', 'why would anyone pick X': the case for it, not a feature list."""
    words = req.words
    return bool(words & _STRENGTH_WORDS) or ("why" in words and bool(words & _WHY_PICK))


_NEGATED = re.compile(r"\b(doesn't|does not|don't|do not|can't|cannot|lacks?|missing|without)\b")


def distinctive_first(req: Request, fw: Framework, items: list[Fact]) -> list[Fact]:
    """`items` with those that state one of the framework's tagged traits first (its OpenAPI
    docs, its ORM), stable otherwise: in a short answer the traits that set it apart lead."""
    keys: list[str] = []
    for tag_id in fw.tag_ids:
        tag = req.knowledge.tags.get(tag_id)
        if tag is not None:
            keys += [fold(k) for k in (tag.label, *tag.keywords) if len(k) >= 3]
    patterns = [re.compile(rf"\b{re.escape(k)}\b") for k in dict.fromkeys(keys)]

    def states_trait(fact: Fact) -> bool:
        text = fold(fact.text)
        return any(p.search(text) for p in patterns)

    return sorted(items, key=lambda f: not states_trait(f))


def features(req: Request) -> Answer:
    if not req.frameworks:
        return category_facet(req, ("traits", "advantages"), "What a {name} offers")
    templating = any(w in req.words for w in ("templat", "template", "jinja2", "engine"))
    strengths = asks_strengths(req)

    def items_of(fw: Framework) -> list[Fact]:
        if strengths and fw.strengths:
            # the case for it first; a short list is topped up with its features
            items = list(fw.strengths)
            return items + (list(fw.features) if len(items) < 3 else [])
        items = [*fw.features, *fw.strengths]
        extras = [*fw.databases[:1], *fw.templating[:1], *fw.built_on[:1]]
        items += [f for f in extras if f not in items]
        if templating:
            return [*fw.templating, *items]
        if _NEGATED.search(req.folded):
            # "what doesn't bobo do": what it leaves out answers that
            return [*limitations(fw), *[i for i in items if i not in limitations(fw)]]
        return distinctive_first(req, fw, items)

    def lead(fw: Framework, items: list) -> str:
        if strengths and fw.strengths:
            more = ", then its main features" if len(fw.strengths) < 3 and fw.features else ""
            return f"What the sources count among {possessive(fw.name)} strengths{more}:"
        return f"What the sources say {fw.name} offers:"

    return _facet_answer(
        req,
        items_of,
        "Strengths" if strengths else "Features",
        lead,
        "The sources list no features for {name}.",
        narrow=True,
    )


def _names(group: list[Named]) -> str:
    return sentence(
        join([f"{n.name} ({n.note})" if n.note and len(n.note) < 60 else n.name for n in group])
    )


def who_uses(req: Request) -> Answer:
    if req.users_asked:
        return _used_by(req)
    return _facet_answer(
        req,
        "users",
        "Who uses it",
        lambda fw, items: f"Companies and projects the sources name as using {fw.name}:",
        "The sources don't name any users of {name}.",
        render=_names,
    )


def _used_by(req: Request) -> Answer:
    """The reverse question: 'which framework does Reddit use?'."""
    lines, src = [], []
    for asked in req.users_asked:
        for fw in req.frameworks:
            for user in fw.users:
                if " ".join(tokens(fold(user.name))) == asked:
                    note = f" ({user.note})" if user.note else ""
                    lines.append(
                        f"{user.name} uses {fw.name}{note}, according to "
                        f"{short(req.knowledge, user.sources)}."
                    )
                    src += user.sources
    text = " ".join(lines) + "\n" + cite_line(req.knowledge, src)
    return req.answer(
        "Who uses what",
        text,
        src,
        entities=[e for e in req.entities if e not in req.knowledge.frameworks],
        subjects=[fw.id for fw in req.frameworks],
        suggestions=suggestions_for(req, "who_uses"),
    )


_WHEN = frozenset("when year released release old age founded debut launched".split())
_WHO = frozenset("who whom creator creators author authors founder founders wrote".split())
_HISTORY_WORDS = frozenset(
    stem(w)
    for w in [*_WHEN, *_WHO, *"created create made make written started began built".split()]
)


def _all_history(req: Request) -> Answer:
    """'Which framework is the oldest?': every dated origin, oldest first; no invented order."""
    dated = [
        (f.year, fw, f)
        for fw in req.knowledge.frameworks.values()
        for f in fw.history
        if f.year and fw.language == "python"
    ]
    dated.sort(key=lambda row: row[0])
    seen: set[str] = set()
    facts, src = [], []
    for year, fw, fact in dated:
        if fw.id in seen:
            continue
        seen.add(fw.id)
        facts.append(f"*{year}* — {fw.name}: {sentence(fact.text)}")
        src += fact.sources
    oldest = dated[0][1].name if dated else ""
    text = (
        f"Of the dates the sources give, {oldest}'s is the earliest. Frameworks without a date "
        "in the sources are left out.\n" + cite_line(req.knowledge, src)
    )
    return req.answer(
        "Dates in the sources", text, src, facts=facts, suggestions=suggestions_for(req, "history")
    )


# A history fact that tells where a framework came from ("developed for FriendFeed").
_ORIGIN = re.compile(r"\b(?:developed|started|written|created) (?:for|by|at)\b", re.I)


def history(req: Request) -> Answer:
    if not req.frameworks:
        return _all_history(req)
    asked = set(tokens(req.folded))
    missing = []
    for fw in req.frameworks[:3]:
        if asked & _WHEN and not any(f.year for f in fw.history):
            missing.append(f"the sources don't say when {fw.name} was created or released")
        elif asked & _WHO and not any(f.by for f in fw.history):
            missing.append(f"the sources don't say who created {fw.name}")
    if missing and len(missing) == len(req.frameworks[:3]):
        known = [f for fw in req.frameworks[:3] for f in fw.history[:2]]
        if asked & _WHO and any(_ORIGIN.search(f.text) for f in known):
            # "who created tornado?": no creator, but where it came from is half an answer
            gap = "; ".join(missing)
            src = sources_of(known)
            text = (
                f"{gap[:1].upper()}{gap[1:]}, but they do say where it came from: "
                + " ".join(sentence(f.text) for f in known)
                + "\n"
                + cite_line(req.knowledge, src)
            )
            names = join([fw.name for fw in req.frameworks[:3]])
            return req.answer(
                facet_headline("History", names, len(req.frameworks[:3])),
                text,
                src,
                suggestions=suggestions_for(req, req.intent),
            )
        paragraphs = ["; ".join(missing) + "."]
        if known:
            paragraphs.append("What they do say: " + " ".join(sentence(f.text) for f in known))
        return _not_covered(req, paragraphs, sources_of(known))
    answer = _facet_answer(
        req,
        "history",
        "History",
        lambda fw, items: _history_lead(fw, items),
        "The sources say nothing about where {name} came from or when it was created.",
        # "who created web.py": 'created' asks for history, it picks out no other fact
        topic=_HISTORY_WORDS,
    )
    return answer


def _history_lead(fw: Framework, items: list[Fact]) -> str:
    created = next((f for f in items if f.by or f.year), None)
    if created is None:
        return f"What the sources say about {possessive(fw.name)} history:"
    when = f" in {created.year}" if created.year else ""
    if created.by:
        return f"{fw.name} was started by {created.by}{when}."
    return f"{fw.name} dates back to {created.year}."


def built_on(req: Request) -> Answer:
    if not req.frameworks and req.category_ids:
        return category_facet(req, ("traits", "definition"), "What {name}s are built on")
    return _facet_answer(
        req,
        "built_on",
        "What it is built on",
        lambda fw, items: f"What {fw.name} is built on, and the components it uses:",
        "The sources don't say what {name} is built on.",
    )


def databases(req: Request) -> Answer:
    if not req.frameworks:
        return category_facet(req, ("traits", "disadvantages"), "Databases in a {name}", "databas")
    return _facet_answer(
        req,
        "databases",
        "Databases",
        lambda fw, items: f"What the sources say about databases and data access in {fw.name}:",
        "The sources don't say which databases {name} works with.",
        narrow=True,
    )


# Facets whose negative statements say what a framework leaves out ('Bobo has no templating
# engine'); 'needs no installation' and the like, under features or built_on, are selling points.
_LIMITATION_FACETS = ("summary", "databases", "templating")
_LACKS = re.compile(
    r"\b(no|not|none|nothing|lacks?|without|leaves? out|doesn't|does not|cannot|can't)\b", re.I
)
THIN = 2  # fewer own drawbacks than this: what the sources hold against its kind applies too


def limitations(fw: Framework) -> list[Fact]:
    """What the sources say the framework doesn't have or do, leaving out a fact whose
    content another one already says ('no database layer' after 'no database layer, no
    form validation')."""
    names = {stem(t) for name in (fw.name, fw.id, *fw.aliases) for t in tokens(fold(name))}

    def content(fact: Fact) -> set[str]:
        return {
            w
            for w in (stem(t) for t in tokens(fold(fact.text)))
            if len(w) >= 4 and w not in names and w not in _QUESTION_WORDS and w not in _GENERIC
        }

    out: list[Fact] = []
    for facet in _LIMITATION_FACETS:
        for fact in getattr(fw, facet):
            words = content(fact)
            if _LACKS.search(fact.text) and not any(
                len(words & content(o)) >= 0.6 * len(words) for o in out
            ):
                out.append(fact)
    return out


def by_question(req: Request, items: list, skip: set[str] | None = None) -> list:
    """`items` with those matching the question's specific words first (stable otherwise)."""
    if req.index is None or not items:
        return items
    words = req.index.detail_words(tokens(req.folded), skip or name_stems(req))
    if not words:
        return items
    scores = [req.index.score_text(_item_lines([i])[0], words) for i in items]
    order = sorted(range(len(items)), key=lambda k: -scores[k] if scores[k] >= MIN_HIT else 0)
    return [items[k] for k in order]


def _matching(req: Request, items: list) -> list:
    """The items that match the question's specific words."""
    if req.index is None or not items:
        return []
    words = req.index.detail_words(tokens(req.folded), name_stems(req))
    return [i for i in items if req.index.score_text(_item_lines([i])[0], words) >= MIN_HIT]


def drawbacks(req: Request) -> Answer:
    if not req.frameworks:
        return category_drawbacks(req)
    kb = req.knowledge

    def kind(fw: Framework) -> str:
        return kb.categories[fw.category_ids[0]].name.lower() + "s"

    def items_of(fw: Framework) -> list[Fact]:
        own = list(fw.drawbacks)
        items = own + [f for f in limitations(fw)[:2] if f not in own]
        if len(own) < THIN:
            items += [f for c in fw.category_ids[:1] for f in kb.categories[c].disadvantages]
        return by_question(req, items)

    def lead(fw: Framework, items: list) -> str:
        lacks = bool(limitations(fw))
        if len(fw.drawbacks) >= THIN:
            return f"Drawbacks and criticisms of {fw.name} in the sources:"
        if fw.drawbacks:
            also = ", what it leaves out" if lacks else ""
            return (
                f"Drawbacks of {fw.name} in the sources{also}, and what they hold against "
                f"{kind(fw)}:"
            )
        if lacks:
            return (
                f"The sources name no drawbacks specific to {fw.name}; here is what it leaves "
                f"out, and what they hold against {kind(fw)}:"
            )
        return (
            f"The sources name no drawbacks specific to {fw.name}; what they hold against "
            f"{kind(fw)} applies:"
        )

    return _facet_answer(
        req,
        items_of,
        "Drawbacks",
        lead,
        "The sources name no drawbacks of {name}.",
        own_first=True,
    )


# Words that only say a question is about speed: they name the facet, not a detail of it.
_SPEED = frozenset(
    stem(w)
    for w in [
        "fast",
        "faster",
        "fastest",
        "speed",
        "speedy",
        "quick",
        "quicker",
        "slow",
        "slower",
        "performance",
        "perform",
        "performant",
    ]
)


# a question for figures ("how many requests per second"), and a fact that gives some
_ASKS_FIGURES = re.compile(
    r"\b(?:how many requests|per second|requests/s\w*|req/s|rps|throughput)(?!\w)"
)
_HAS_FIGURES = re.compile(r"\d")


def performance(req: Request) -> Answer:
    if not req.frameworks and not req.category_ids:
        return _all_performance(req)
    if not req.frameworks:
        return category_facet(req, ("definition", "traits", "advantages"), "Performance of {name}s")
    if len(req.frameworks) == 1 and _ASKS_FIGURES.search(req.folded):
        fw = req.frameworks[0]
        if not any(_HAS_FIGURES.search(f.text) for f in fw.performance):
            # "how many requests per second can django handle?": no figures, say so
            said = fw.performance[:1]
            text = [f"the sources give no speed figures for {fw.name}."]
            if said:
                text.append("What they do say: " + sentence(said[0].text))
            return _not_covered(req, text, sources_of(said))
    answer = _facet_answer(
        req,
        "performance",
        "Performance",
        lambda fw, items: (
            f"{fw.name}:"
            if len(req.frameworks) > 1
            else f"What the sources say about {possessive(fw.name)} performance:"
        ),
        "The sources make no performance claims about {name}.",
        topic=_SPEED,
    )
    if len(req.frameworks) > 1:
        answer.text = (
            "The sources don't benchmark these frameworks against each other; here is what they "
            "say about each.\n\n" + answer.text
        )
    return answer


def _all_performance(req: Request) -> Answer:
    """'What's the fastest framework?': every speed claim, without inventing a ranking."""
    facts, src = [], []
    for fw in req.knowledge.frameworks.values():
        if fw.performance and fw.language == "python":
            facts.append(f"*{fw.name}*: {sentence(fw.performance[0].text)}")
            src += fw.performance[0].sources
    text = (
        "The sources don't rank frameworks by speed; these are the performance claims they "
        "make.\n" + cite_line(req.knowledge, src)
    )
    return req.answer(
        "Speed claims in the sources",
        text,
        src,
        facts=facts,
        suggestions=suggestions_for(req, "performance"),
    )


def category_of(req: Request) -> Answer:
    if not req.frameworks:
        from bot.answers.catalog import define_term

        return define_term(req)
    asked = [c for c in req.category_ids]
    lines, src = [], []
    for fw in req.frameworks[:3]:
        groups = by_source(req.knowledge, fw.categories)
        line = f"{_category_phrase(req, fw)}"
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
        said = _classifying_fact(req, fw, [*fw.category_ids, *asked], _category_phrase(req, fw))
        if said is not None:
            line = sentence(line) + " " + said.text.rstrip(".")
            src += said.sources
        if asked:
            fits = [c for c in asked if c in fw.category_ids]
            misses = [c for c in asked if c not in fw.category_ids]
            if misses and not fits:
                wanted = join([req.knowledge.categories[c].name.lower() for c in misses], "or")
                line = f"No: the sources don't call {fw.name} {_article(wanted)} {wanted}. " + line
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


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def category_facet(req: Request, facets: Sequence[str], title: str, word: str = "") -> Answer:
    """A facet question asked of a category ('how fast are async frameworks')."""
    from bot.answers.catalog import define_term

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
    text = " ".join(_fact_lines(facts[:2])) + "\n" + cite_line(req.knowledge, src)
    return req.answer(
        headline[:1].upper() + headline[1:],
        text,
        src,
        facts=_fact_lines(facts[2 : 2 + MAX_FACTS]),
        suggestions=suggestions_for(req, req.intent),
    )


def category_drawbacks(req: Request) -> Answer:
    """Disadvantages of a category plus the arguments made against it."""
    cats = [req.knowledge.categories[c] for c in req.category_ids]
    if not cats:
        from bot.answers.catalog import define_term

        return define_term(req)
    facts: list[str] = []
    src: list[str] = []
    for cat in cats:
        facts += _fact_lines(cat.disadvantages)
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
