"""One composer per intent, looked up by intent name."""

from __future__ import annotations

from collections.abc import Callable

from bot.answers import catalog, compare, frameworks, recommend, smalltalk
from bot.answers.common import Request
from bot.answers.model import Answer

Composer = Callable[[Request], Answer]

COMPOSERS: dict[str, Composer] = {
    "greet": smalltalk.greet,
    "help": smalltalk.help_answer,
    "thanks": smalltalk.thanks,
    "describe_framework": frameworks.describe,
    "features": frameworks.features,
    "category_of": frameworks.category_of,
    "list_frameworks": catalog.list_frameworks,
    "define_term": catalog.define_term,
    "compare": compare.compare,
    "recommend": recommend.recommend,
    "who_uses": frameworks.who_uses,
    "history": frameworks.history,
    "built_on": frameworks.built_on,
    "databases": frameworks.databases,
    "drawbacks": frameworks.drawbacks,
    "performance": frameworks.performance,
    "sources": catalog.sources,
    "fallback": smalltalk.fallback,
}


def compose(request: Request) -> Answer:
    if recommend.asks_for_flow(request):
        # "help me choose", typed anywhere, starts the same guided flow as its buttons
        return recommend.guided(request)
    return COMPOSERS.get(request.intent, smalltalk.fallback)(request)
