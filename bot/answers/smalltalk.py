"""greet, help, thanks and fallback: brief, honest, and pointing at what the bot can answer."""

from __future__ import annotations

from bot.answers.common import Request, join
from bot.answers.model import Answer, Choice
from bot.answers.suggest import GENERAL, suggestions_for

HELP_EXAMPLES = (
    "What is Flask?",
    "Flask vs Django",
    "Who uses FastAPI?",
    "Which framework for a small API?",
    "What is WSGI?",
    "List the microframeworks",
    "Who created web.py?",
    "What are the drawbacks of microframeworks?",
)


def greet(req: Request) -> Answer:
    return req.answer(
        "Hi! I'm framework-bot",
        "I answer questions about Python web frameworks — what they are, how they compare, "
        "who uses them — from a small set of sourced articles. Ask away, or say "
        "“help me choose”.",
        [],
        entities=[],
        suggestions=["Help me choose a framework", "What is Django?", "Flask vs FastAPI"],
    )


def thanks(req: Request) -> Answer:
    return req.answer(
        "You're welcome!",
        "Happy to help. Ask me anything else about Python web frameworks.",
        [],
        entities=[],
        suggestions=list(GENERAL[:2]),
    )


def help_answer(req: Request) -> Answer:
    kb = req.knowledge
    python = [fw.name for fw in kb.frameworks.values() if fw.language == "python"]
    text = (
        "Ask me in plain words, with typos if you like, about these Python web frameworks: "
        f"{join(python)}. I can give an overview, features, drawbacks, who uses a framework, "
        "its history, what it is built on, databases, performance, compare frameworks, "
        "explain terms such as WSGI or ORM, and recommend one for your project. "
        "In a thread I remember the subject: “who uses it?” works as a follow-up."
    )
    return req.answer(
        "What I can answer",
        text,
        [],
        entities=[],
        facts=[f"“{q}”" for q in HELP_EXAMPLES],
        suggestions=["Help me choose a framework", *HELP_EXAMPLES[:2]],
    )


def fallback(req: Request) -> Answer:
    """An honest 'I don't know' with up to three close questions the bot can answer."""
    kb = req.knowledge
    named = [n for n in req.unknown_names if n]
    if named:
        what = f"{join(named)} {'is' if len(named) == 1 else 'are'} not in my sources"
        text = (
            f"I don't know: {what}. I only know what {len(kb.sources)} articles on Python "
            "web frameworks say."
        )
    elif req.unknown_topics:
        text = (
            f"I don't know: my sources say nothing about {join(req.unknown_topics)}. I only "
            f"know what {len(kb.sources)} articles on Python web frameworks say, so I won't guess."
        )
    else:
        text = (
            "I don't know — my sources don't cover that. I only know what "
            f"{len(kb.sources)} articles on Python web frameworks say, so I won't guess."
        )
    suggestions = suggestions_for(req, "fallback") if req.entities else list(GENERAL[:3])
    return req.answer(
        "I don't know that one",
        text,
        [],
        intent="fallback",
        suggestions=suggestions,
        choices=[Choice(label=s, question=s) for s in suggestions],
    )
