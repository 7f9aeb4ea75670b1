"""The shared shape of a facet answer: the question's matching facts first, then the facet,
for up to three frameworks; and the honest 'I don't know' when every asked facet is empty.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.answers.asked import (
    asked_phrase,
    asks_real_words,
    asks_specific,
    claims_any,
    detail_hits,
    name_stems,
    term_in_facts,
)
from bot.answers.common import (
    MAX_FACTS,
    MIN_HIT,
    Request,
    according,
    cite_line,
    disagree,
    join,
    possessive,
    sentence,
    sources_of,
)
from bot.answers.headlines import asked_headline, asks_yes_or_no, facet_headline, yes_or_no
from bot.answers.model import Answer
from bot.answers.shape import is_fragment, lower_first
from bot.answers.suggest import suggestions_for
from bot.records import Fact, Framework
from bot.text.tokens import tokens


def fact_lines(facts: Sequence[Fact]) -> list[str]:
    return [sentence(f.text) for f in facts]


def category_phrase(req: Request, fw: Framework) -> str:
    names = []
    for ref in fw.categories:
        cat = req.knowledge.categories[ref.id]
        names.append(cat.name.lower())
    lang = "Ruby " if fw.language == "ruby" else ""
    article = "an" if (lang or names[0])[0] in "aeiou" else "a"
    return f"{fw.name} is {article} {lang}{join(names, 'and')}"


def facet_answer(
    req: Request,
    items_of: Callable[[Framework], list] | str,
    title: str,
    lead: Callable[[Framework, list], str],
    empty: str,
    narrow: bool = False,
    render: Callable[[list], str] | None = None,
    own_first: bool = False,
    topic: frozenset[str] = frozenset(),
    open_kind: bool = False,
) -> Answer:
    """The shared shape of a facet answer, for up to three frameworks at once.

    Facts that match the question's specific words ('python 3', 'apache') come first, from
    whichever facet holds them; then the facet itself. With `own_first`, other facets are
    searched only when none of the facet's own items match (a drawbacks answer about
    extensions should not lead with praise of them). With `open_kind`, a fact that the
    framework takes any of the facet's kind ('plug in any ORM') answers a yes/no question
    about one the facts don't name, instead of a decline.
    """
    frameworks = req.frameworks[:3]
    paragraphs: list[str] = []
    facts: list[str] = []
    src: list[str] = []
    hit_first = False  # the answer opens with facts that match the question's own words
    for fw in frameworks:
        items = list(items_of(fw) if callable(items_of) else getattr(fw, items_of))
        hits = [] if own_first and matching(req, items) else detail_hits(req, fw, topic=topic)
        if hits:
            lines = item_lines(hits, fw)
            if not paragraphs and len(frameworks) == 1:
                lines[0] = yes_or_no(req, lines[0]) + lines[0]  # a yes/no question: its sign
            hit_first = hit_first or not paragraphs
            src += sources_of(hits)
            paragraphs.append(" ".join(lines))
            items = [i for i in items if i not in hits]
            if not items:
                continue
        elif (
            narrow
            and items
            and asks_specific(req, fw)
            and asks_real_words(req)
            and not term_in_facts(req, fw)  # 'i18n': its facts say internationalization
        ):
            if (
                len(frameworks) == 1
                and (asks_yes_or_no(req) or (req.weak and not req.from_context))
                and not (open_kind and claims_any(items))
            ):
                # "does django have websockets": a capability the sources never give it is
                # a question they don't answer, not a cue to list what they do
                return not_covered(
                    req, [f"My sources say nothing about {asked_phrase(req, fw)} for {fw.name}."]
                )
            paragraphs.append(
                f"The sources say nothing about {asked_phrase(req, fw)} for {fw.name}; "
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
            lines = fact_lines(items)
            if len(frameworks) == 1:
                facts += lines[: MAX_FACTS * 2 if narrow else MAX_FACTS]
            else:
                paragraphs[-1] += " " + " ".join(lines[:3])
    names = join([fw.name for fw in frameworks])
    if frameworks and not src:
        return not_covered(req, paragraphs)
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


def not_covered(req: Request, paragraphs: list[str], src: list[str] | None = None) -> Answer:
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


def item_lines(items: list, fw: Framework | None = None) -> list[str]:
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


def by_question(req: Request, items: list, skip: set[str] | None = None) -> list:
    """`items` with those matching the question's specific words first (stable otherwise)."""
    if req.index is None or not items:
        return items
    words = req.index.detail_words(tokens(req.folded), skip or name_stems(req))
    if not words:
        return items
    scores = [req.index.score_text(item_lines([i])[0], words) for i in items]
    order = sorted(range(len(items)), key=lambda k: -scores[k] if scores[k] >= MIN_HIT else 0)
    return [items[k] for k in order]


def matching(req: Request, items: list) -> list:
    """The items that match the question's specific words."""
    if req.index is None or not items:
        return []
    words = req.index.detail_words(tokens(req.folded), name_stems(req))
    return [i for i in items if req.index.score_text(item_lines([i])[0], words) >= MIN_HIT]
