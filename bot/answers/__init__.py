"""One composer per intent, looked up by intent name."""

from __future__ import annotations

from collections.abc import Callable

from bot.answers import catalog, compare, from_facts, recommend, smalltalk
from bot.answers.asked import name_stems
from bot.answers.common import Request
from bot.answers.facets import (
    category,
    drawbacks,
    features,
    history,
    overview,
    performance,
    stack,
    users,
)
from bot.answers.model import Answer
from bot.answers.shape import BUDGET, WIDE, WIDE_BUDGET, has_body, shorten
from bot.answers.subjects import SUBJECT_COMPOSERS, subject_kind
from bot.text.tokens import tokens

Composer = Callable[[Request], Answer]

COMPOSERS: dict[str, Composer] = {
    "greet": smalltalk.greet,
    "help": smalltalk.help_answer,
    "thanks": smalltalk.thanks,
    "describe_framework": overview.describe,
    "features": features.features,
    "category_of": category.category_of,
    "list_frameworks": catalog.list_frameworks,
    "define_term": catalog.define_term,
    "compare": compare.compare,
    "recommend": recommend.recommend,
    "who_uses": users.who_uses,
    "history": history.history,
    "built_on": stack.built_on,
    "databases": stack.databases,
    "drawbacks": drawbacks.drawbacks,
    "performance": performance.performance,
    "sources": catalog.sources,
    "fallback": smalltalk.fallback,
}


def composer_for(request: Request) -> Composer:
    """The composer for the intent and the kind of subject asked about (framework, kind of
    framework, glossary term or none)."""
    if not (request.intent == "who_uses" and request.users_asked):
        special = SUBJECT_COMPOSERS.get((request.intent, subject_kind(request)))
        if special is not None:
            return special
    return COMPOSERS.get(request.intent, smalltalk.fallback)


def compose(request: Request, budget: int | None = None) -> Answer:
    """The answer, short first (within `budget` characters, by default the usual one);
    never one without a body (that is an honest 'I don't know')."""
    if recommend.asks_for_flow(request):
        # "help me choose", typed anywhere, starts the same guided flow as its buttons
        return recommend.guided(request)
    intent = from_facts.asked_by_question_word(request)
    if intent is not None:
        request.intent = intent
    answer = from_facts.answer(request)
    if answer is None:
        answer = composer_for(request)(request)
    if not answer.is_fallback and not has_body(answer):
        answer = smalltalk.fallback(request)
    names = from_facts.framework_names(request.knowledge)
    budget = budget or (WIDE_BUDGET if answer.intent in WIDE else BUDGET)
    return shorten(answer, names, budget=budget, relevance=relevance_to(request))


def relevance_to(request: Request) -> Callable[[str], float]:
    """How well a sentence of the answer matches the question's own content words."""
    index = request.index
    if index is None:
        return lambda _text: 0.0
    words = index.detail_words(tokens(request.folded), name_stems(request))
    if not words:
        return lambda _text: 0.0
    return lambda text: index.score_text(text, words)
