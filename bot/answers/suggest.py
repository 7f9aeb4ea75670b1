"""Follow-up questions worth offering: only ones the knowledge base can actually answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.answers.common import Request

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
    ("history", "history", "Who created {name}?"),
    ("built_on", "built_on", "What is {name} built on?"),
    ("databases", "databases", "Which databases does {name} support?"),
    ("performance", "performance", "How fast is {name}?"),
)


def suggestions_for(req: Request, intent: str, limit: int = 3) -> list[str]:
    kb = req.knowledge
    out: list[str] = []
    frameworks = req.frameworks
    if len(frameworks) >= 2 and intent != "compare":
        out.append(f"Compare {frameworks[0].name} and {frameworks[1].name}")
    if frameworks:
        fw = frameworks[0]
        for follow_intent, facet, template in _FRAMEWORK_FOLLOW_UPS:
            if follow_intent != intent and getattr(fw, facet):
                out.append(template.format(name=fw.name))
            if len(out) >= limit - 1:
                break
        related = next((kb.frameworks[r.id] for r in fw.related if r.id in kb.frameworks), None)
        if related and intent != "compare" and len(frameworks) < 2:
            out.append(f"Compare {fw.name} and {related.name}")
    for cid in req.category_ids:
        cat = kb.categories[cid]
        plural = cat.name.lower() + "s"
        for question in (
            f"Which frameworks are {plural}?",
            f"What are the drawbacks of {plural}?",
            "Full-stack vs microframework: which should I pick?",
        ):
            if len(out) < limit:
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
