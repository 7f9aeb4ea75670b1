"""Answers that ask back or apologise instead of answering: "Did you mean ...?" when a name or
the question itself reads two ways, "That's a long one" for an over-long message, and the
apology when a composer fails. The engine decides when; these say it.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.answers.common import Request
from bot.answers.model import Answer, Choice
from bot.nlu.entities import Mention

# How to ask each intent about a subject, for "Did you mean ...?" choices.
QUESTION_FOR = {
    "describe_framework": "What is {name}?",
    "features": "What features does {name} have?",
    "category_of": "What kind of framework is {name}?",
    "define_term": "What is {name}?",
    "compare": "Compare {name}",
    "who_uses": "Who uses {name}?",
    "history": "Who created {name}?",
    "built_on": "What is {name} built on?",
    "databases": "Which databases does {name} support?",
    "drawbacks": "What are the drawbacks of {name}?",
    "performance": "How fast is {name}?",
    "list_frameworks": "Which {name} frameworks are there?",
    "recommend": "Which framework should I use?",
}


def apology(request: Request) -> Answer:
    """A bug in one composer must not take the conversation down with it: say so politely."""
    return request.answer(
        "Sorry, that one tripped me up",
        "Something went wrong while I was putting that answer together; it has been "
        "logged. Try asking it another way, for example “What is Flask?”.",
        [],
        intent="fallback",
        entities=[],
        confidence=0.0,
    )


def too_long(request: Request) -> Answer:
    """A message over the length limit is not read: ask for one short question."""
    return request.answer(
        "That's a long one",
        "Your message is over 4,000 characters. Please ask one short question, "
        "for example “What is Flask?”.",
        [],
        intent="fallback",
        entities=[],
        confidence=0.0,
    )


def ask_back(request: Request, mentions: Sequence[Mention], readings: list[str]) -> Answer | None:
    """'Did you mean ...?' when a name fits several subjects (and the question reads one way),
    or when the question reads as several intents (`readings`); None when it is clear."""
    ambiguous = [m for m in mentions if m.alternatives]
    if ambiguous and not readings:
        return did_you_mean_entity(request, ambiguous[0])
    if readings:
        return did_you_mean_intent(request, readings)
    return None


def did_you_mean_intent(request: Request, intents: list[str]) -> Answer:
    """One choice per reading of the question, asked about its subject."""
    kb = request.knowledge
    names = [
        (kb.frameworks.get(e) or kb.categories[e]).name
        for e in request.entities
        if e in kb.frameworks or e in kb.categories
    ]
    subject = " and ".join(names[:2]) if names else ""
    # two readings can ask the same question ('What is Tornado?'): offer it once
    questions = dict.fromkeys(QUESTION_FOR.get(i, "").format(name=subject) for i in intents)
    choices = [Choice(label=q, question=q) for q in questions if q]
    choices.append(Choice(label="None of these", question=""))
    return request.answer(
        "Did you mean ...?",
        "I'm not sure what you're asking. Did you mean one of these?",
        [],
        clarify=True,
        choices=choices,
    )


def did_you_mean_entity(request: Request, mention: Mention) -> Answer:
    """One choice per subject the typed name may mean, the question asked of each."""
    kb = request.knowledge
    options = [mention.id, *mention.alternatives][:3]
    choices: list[Choice] = []
    for option in options:
        item = kb.frameworks.get(option) or kb.categories.get(option) or kb.terms.get(option)
        if item is None:
            continue
        question = request.text.replace(mention.surface, item.name) or item.name
        if all(c.label != item.name for c in choices):
            choices.append(Choice(label=item.name, question=question))
    choices.append(Choice(label="None of these", question=""))
    return request.answer(
        "Did you mean ...?",
        f"I'm not sure which one you mean by “{mention.surface}”.",
        [],
        clarify=True,
        choices=choices,
    )
