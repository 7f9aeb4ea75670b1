"""Context: ellipses and follow-ups that lean on the thread ('and django?', 'compare it with
bottle'), once the parse is built. Which of the thread's subjects a question borrows is decided
earlier, by the rules of bot/nlu/tracker.py."""

from __future__ import annotations

from bot.nlu.entities import CATEGORY, FRAMEWORK, TERM
from bot.nlu.grounding import FACET_INTENT
from bot.nlu.parse import Reading
from bot.nlu.resources import Resources
from bot.nlu.rules.base import Example, Rule, parse_of
from bot.nlu.words import COMPARATIVE, INTERJECTIONS

THEME = "context"
FACET_INTENTS = frozenset(FACET_INTENT.values())
# intents an ellipsis never repeats: they have no subject to swap
_NOT_REPEATED = ("fallback", "greet", "thanks", "help", "sources")


def is_ellipsis(toks: list[str], covered: set[int]) -> bool:
    """'django', 'and django?', 'what about bottle', 'how about flask then' — not
    'what is flask' (that has a verb and is matched like any question)."""
    rest = [t for i, t in enumerate(toks) if i not in covered]
    while rest and rest[0] in INTERJECTIONS:
        rest = rest[1:]  # "ok and django?", "thanks! and grok?"
    if not rest:
        return True
    return rest[0] in ("and", "or", "same") or "about" in rest or "abt" in rest


def _only_names(nlu: Resources, r: Reading) -> bool:
    """A message that is nothing but names: 'and django?', 'flask?', 'flask django'."""
    if r.only_names is None:  # asked by several rules: found once
        r.only_names = bool(r.ids) and not r.content and is_ellipsis(r.toks, r.covered)
    return r.only_names


def _repeats(nlu: Resources, r: Reading) -> bool:
    """Whether the names fit the thread's last question, so it is asked again of them."""
    last = r.context.get("intent")
    kinds = {nlu.kind_of(e) for e in r.ids}
    spec = nlu.matcher.specs.get(last or "")
    fits = spec is not None and (not spec.entity_kinds or bool(kinds & set(spec.entity_kinds)))
    return fits and last not in _NOT_REPEATED


def _same_question(nlu: Resources, r: Reading) -> None:
    parse = parse_of(r)
    last = r.context.get("intent")
    kinds = {nlu.kind_of(e) for e in r.ids}
    parse.intent = last
    if last == "list_frameworks" and FRAMEWORK in kinds:
        parse.intent = "describe_framework"
    parse.elliptical = True
    parse.confidence = max(parse.confidence, 0.8)
    parse.reason = f"same question as before ({last}), new subject"


def _overview(nlu: Resources, r: Reading) -> None:
    parse = parse_of(r)
    kinds = {nlu.kind_of(e) for e in r.ids}
    if len(r.ids) >= 2 and kinds <= {FRAMEWORK, CATEGORY}:
        parse.intent = "compare"
    elif kinds == {FRAMEWORK}:
        parse.intent = "describe_framework"
    elif kinds == {FRAMEWORK, TERM} and r.best.intent in FACET_INTENTS:
        # "turbogears orm?", "sanic blueprints?": the term as part of the framework
        parse.intent = r.best.intent
    else:
        parse.intent = "define_term"
    parse.elliptical = True
    parse.confidence = max(parse.confidence, 0.75)
    parse.reason = "only names: an overview"


def _keep_asked_kind(nlu: Resources, r: Reading) -> None:
    kinds_asked = [e for e in r.ctx_entities if nlu.kind_of(e) == CATEGORY]
    parse = parse_of(r)
    parse.entities = list(dict.fromkeys([*parse.entities, *kinds_asked]))


def _compare_with_thread(nlu: Resources, r: Reading) -> bool:
    return (
        bool(r.ids)
        and bool(r.ctx_entities)
        and r.best.intent == "compare"
        and len(r.ids) == 1
        and r.ids[0] not in r.ctx_entities
        and not _only_names(nlu, r)
    )


def _with_thread(nlu: Resources, r: Reading) -> None:
    parse = parse_of(r)
    parse.entities = [*r.ctx_entities[:2], *r.ids][:3]
    parse.used_context = True


def _thread_subjects(nlu: Resources, r: Reading) -> None:
    """The thread's frameworks, with the kind the question names ('which of them is async?'
    is about the two and the kind); a term named only shapes the question."""
    parse = parse_of(r)
    named = [e for e in parse.entities if nlu.kind_of(e) == CATEGORY]
    parse.entities = list(dict.fromkeys([*r.ctx_entities[:3], *named]))


SAME_QUESTION = Rule(
    "same_question_new_subject",
    THEME,
    "only names, which fit the thread's last question: that question again, of them",
    lambda nlu, r: _only_names(nlu, r) and _repeats(nlu, r),
    _same_question,
    examples=(
        Example("and bottle?", ("flask",), "who_uses"),
        Example("same for tornado", ("sanic",), "performance"),
        Example("how about web2py?", ("django",), "databases"),
    ),
)
ONLY_NAMES = Rule(
    "only_names",
    THEME,
    "only names, with no question to repeat: an overview, a comparison or a definition",
    lambda nlu, r: _only_names(nlu, r) and not _repeats(nlu, r),
    _overview,
    examples=("flask?", "flask django", "flask or bottle?", "turbogears orm?", "sanic blueprints?"),
)
KEEP_ASKED_KIND = Rule(
    "keep_asked_kind",
    THEME,
    "an ellipsis after 'is X <kind>?' still asks about that kind",
    lambda nlu, r: (
        _only_names(nlu, r)
        and parse_of(r).intent == "category_of"
        and r.context.get("intent") == "category_of"
    ),
    _keep_asked_kind,
    records=False,
    examples=(Example("what about cherrypy?", ("fastapi", "async"), "category_of"),),
)
COMPARE_WITH_THREAD = Rule(
    "compare_with_thread",
    THEME,
    "a comparison naming one new framework compares it with the thread's subjects",
    _compare_with_thread,
    _with_thread,
    records=False,
    examples=(
        Example("compare it with sanic", ("tornado",), "describe_framework"),
        Example("how does it stack up against flask", ("bottle",), "features"),
    ),
)
THREAD_COMPARATIVE = Rule(
    "thread_comparative",
    THEME,
    "a comparative word in a follow-up that borrowed the thread's subjects compares them",
    lambda nlu, r: r.used_context and len(r.ctx_entities) >= 2 and bool(COMPARATIVE & r.words),
    _thread_subjects,
    records=False,
    examples=(Example("is it faster with an orm?", ("flask", "bottle"), "compare"),),
)
