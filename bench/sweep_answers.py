"""Sweep every framework, kind and glossary term through plain question templates.

Prints the answers that have no body, offer the same option twice, or run past the length
budget, then a summary line. The test suite runs the same sweep (tests/test_answer_sweep.py).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from bot.answers.model import Answer
from bot.engine import Engine
from bot.render.text import render_text

TEMPLATES = (
    "tell me about {name}",
    "what is {name}",
    "{name}?",
    "explain {name} to me",
    "what are the drawbacks of {name}",
    "who uses {name}",
    "history of {name}",
    "what is {name} built on",
    "{name} features",
    "how fast is {name}",
    "what databases does {name} support",
)
BUDGET = 700  # characters of the short answer a channel sees


def names(engine: Engine) -> Iterator[tuple[str, str]]:
    kb = engine.knowledge
    for fw in kb.frameworks.values():
        yield fw.id, fw.name
    for cat in kb.categories.values():
        yield cat.id, cat.name
    for term in kb.terms.values():
        yield term.id, term.name.split(" (")[0]


def body(answer: Answer) -> str:
    """The answer's words without markup, citation lines and the headline."""
    lines = [
        line
        for line in render_text(answer).split("\n")[1:]
        if line.strip() and not line.startswith(("_Source", "Source"))
    ]
    return re.sub(r"[*_`•\s]+", " ", " ".join(lines)).strip()


def problems(answer: Answer) -> list[str]:
    found = []
    if not answer.is_fallback and len(body(answer)) < 40:
        found.append("blank")
    if not answer.headline.strip() or not body(answer):
        found.append("empty")
    labels = [c.label for c in answer.choices]
    if len(labels) != len(set(labels)):
        found.append("doubled option")
    if answer.suggestions and len(answer.suggestions) != len(set(answer.suggestions)):
        found.append("doubled suggestion")
    if len(render_text(answer)) > BUDGET:
        found.append(f"long ({len(render_text(answer))})")
    return found


def sweep(engine: Engine) -> Iterator[tuple[str, Answer, list[str]]]:
    for _id, name in names(engine):
        for template in TEMPLATES:
            question = template.format(name=name)
            answer = engine.ask(question)
            yield question, answer, problems(answer)


def main() -> int:
    engine = Engine.load()
    total = bad = 0
    counts: dict[str, int] = {}
    for question, answer, found in sweep(engine):
        total += 1
        if found:
            bad += 1
            for f in found:
                key = f.split(" (")[0]
                counts[key] = counts.get(key, 0) + 1
            print(f"{question!r:55} {answer.intent:18} {', '.join(found)}")
    print(f"\n{total} questions, {bad} with problems: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
