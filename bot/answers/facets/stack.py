"""built_on and databases: what a framework stands on and the data access it offers."""

from __future__ import annotations

from bot.answers.common import Request
from bot.answers.facets import history
from bot.answers.facets.base import facet_answer
from bot.answers.kinds import category_facet
from bot.answers.model import Answer


def _lineage(req: Request) -> bool:
    """'is flask based on sinatra?': one framework's history names the other (it was inspired
    by it), which answers what building on the other means."""
    pair = req.frameworks[:3]
    return len(pair) == 2 and any(
        other.name in fact.text for fw, other in (pair, pair[::-1]) for fact in fw.history
    )


def built_on(req: Request) -> Answer:
    if not req.frameworks and req.category_ids:
        return category_facet(req, ("traits", "definition"), "What {name}s are built on")
    if _lineage(req):
        return history.history(req)
    return facet_answer(
        req,
        "built_on",
        "What it is built on",
        lambda fw, items: f"What {fw.name} is built on, and the components it uses:",
        "The sources don't say what {name} is built on.",
    )


def databases(req: Request) -> Answer:
    if not req.frameworks:
        return category_facet(req, ("traits", "disadvantages"), "Databases in a {name}", "databas")
    return facet_answer(
        req,
        "databases",
        "Databases",
        lambda fw, items: f"What the sources say about databases and data access in {fw.name}:",
        "The sources don't say which databases {name} works with.",
        narrow=True,
        open_kind=True,
    )
