"""Follow-up questions worth offering: only ones the knowledge base can actually answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.answers.common import Request
    from bot.records import Framework

GENERAL = (
    "What is a microframework?",
    "Compare Flask and Django",
    "Which framework fits a small API?",
    "Which frameworks do you know?",
)

# (intent, facet that must be non-empty, question template)
_FRAMEWORK_FOLLOW_UPS = (
    ("describe_framework", "summary", "What is {name}?"),
    ("who_uses", "users", "Who uses {name}?"),
    ("drawbacks", "drawbacks", "What are the drawbacks of {name}?"),
    ("features", "features", "What features does {name} have?"),
    ("history", "history", "Where did {name} come from?"),
    ("built_on", "built_on", "What is {name} built on?"),
    ("databases", "databases", "Which databases does {name} support?"),
    ("performance", "performance", "How fast is {name}?"),
)


# the facets a comparison shows side by side; a pair needs a few in common to be worth one
_COMPARED_FACETS = ("built_on", "history", "summary", "databases", "performance", "users")
MIN_SHARED_ROWS = 3


def comparable(a: Framework, b: Framework) -> bool:
    """True when the documents cover enough of both for a comparison to say more than
    'not covered'."""
    shared = sum(bool(getattr(a, f)) and bool(getattr(b, f)) for f in _COMPARED_FACETS)
    return shared >= MIN_SHARED_ROWS


def _same_question(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(text.casefold().replace("?", " ").split())

    return norm(a) == norm(b)


def follow_up_for(intent: str, name: str) -> str | None:
    """The follow-up that asks `intent` of the framework `name`: once a part of a message has
    asked it, no other part's answer offers it again."""
    return next((t.format(name=name) for i, _f, t in _FRAMEWORK_FOLLOW_UPS if i == intent), None)


def suggestions_for(req: Request, intent: str, limit: int = 3) -> list[str]:
    """Up to `limit` follow-ups the knowledge answers, never the question just asked."""
    out = [q for q in _candidates(req, intent, limit + 1) if not _same_question(q, req.text)]
    return out[:limit]


def _candidates(req: Request, intent: str, limit: int) -> list[str]:
    kb = req.knowledge
    out: list[str] = []
    frameworks = req.frameworks
    if len(frameworks) >= 2 and intent != "compare" and comparable(*frameworks[:2]):
        out.append(f"Compare {frameworks[0].name} and {frameworks[1].name}")
    if frameworks:
        fw = frameworks[0]
        for follow_intent, facet, template in _FRAMEWORK_FOLLOW_UPS:
            if follow_intent != intent and getattr(fw, facet):
                out.append(template.format(name=fw.name))
            if len(out) >= limit - 1:
                break
        related = next(
            (
                kb.frameworks[r.id]
                for r in fw.related
                if r.id in kb.frameworks and comparable(fw, kb.frameworks[r.id])
            ),
            None,
        )
        if related and intent != "compare" and len(frameworks) < 2:
            out.append(f"Compare {fw.name} and {related.name}")
    for cid in req.category_ids:
        cat = kb.categories[cid]
        plural = cat.name.lower() + "s"
        for asked_intent, question in (
            ("list_frameworks", f"Which frameworks are {plural}?"),
            ("drawbacks", f"What are the drawbacks of {plural}?"),
            ("compare", "Full-stack vs microframework: which should I pick?"),
        ):
            if len(out) < limit and asked_intent != intent:
                out.append(question)
    for term_id in req.term_ids:
        for ref in kb.terms[term_id].frameworks[:2]:
            if ref.id in kb.frameworks:
                out.append(f"What is {kb.frameworks[ref.id].name}?")
    for question in GENERAL:
        if len(out) >= limit:
            break
        out.append(question)
    return list(dict.fromkeys(out))[:limit]
