"""The answer sweep: every framework, kind and glossary term through plain question templates.

What a new user types first ("tell me about wsgi", "who uses sanic") must never get a blank
answer, a doubled option or a wall of text, and every follow-up the bot suggests must be one it
answers. The test suite runs this sweep; bench/sweep_answers.py prints it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.answers.model import Answer
from bot.engine import Engine
from bot.render.text import render_text
from bot.text.lexicon import LEXICON

TEMPLATES = LEXICON.phrases("sweep_templates")  # the question forms asked of every name
ONE_SCREEN = 1000  # characters of a short answer: more is a wall of text in a channel
MIN_BODY = 25  # characters of words below which an answer is blank (one short sentence is not)

_MARKUP = re.compile(r"[*_`•\s]+")


@dataclass
class Swept:
    question: str
    answer: Answer
    problems: list[str]


def subjects(engine: Engine) -> Iterator[str]:
    """The name a user would type for every framework, kind and glossary term."""
    kb = engine.knowledge
    yield from (fw.name for fw in kb.frameworks.values())
    yield from (cat.name for cat in kb.categories.values())
    yield from (term.name.split(" (")[0] for term in kb.terms.values())


def body(answer: Answer) -> str:
    """The answer's words without markup, the headline and the citation line."""
    lines = [
        line
        for line in render_text(answer).split("\n")[1:]
        if line.strip() and not line.startswith("Source")
    ]
    return _MARKUP.sub(" ", " ".join(lines)).strip()


def problems(answer: Answer) -> list[str]:
    found = []
    if not answer.headline.strip():
        found.append("no headline")
    if not answer.is_fallback and len(body(answer)) < MIN_BODY:
        found.append("blank")
    labels = [c.label for c in answer.choices]
    if len(labels) != len(set(labels)):
        found.append("doubled option")
    if len(answer.suggestions) != len(set(answer.suggestions)):
        found.append("doubled suggestion")
    if len(render_text(answer)) > ONE_SCREEN:
        found.append(f"long ({len(render_text(answer))} characters)")
    return found


def sweep(engine: Engine) -> Iterator[Swept]:
    for name in subjects(engine):
        for template in TEMPLATES:
            question = template.format(name=name)
            answer = engine.ask(question)
            yield Swept(question, answer, problems(answer))


def suggestion_problems(engine: Engine, question: str) -> list[str]:
    """What is wrong with a suggested follow-up when it is asked: a decline, a blank answer,
    or an answer that suggests itself again."""
    answer = engine.ask(question)
    found = [p for p in problems(answer) if not p.startswith("long")]
    if answer.is_fallback or answer.clarify:
        found.append(f"not answered ({answer.intent})")
    if any(s.casefold() == question.casefold() for s in answer.suggestions):
        found.append("suggests itself")
    return found
