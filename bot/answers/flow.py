"""The guided "help me choose" flow: its questions, one step at a time, then the pick."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers import needs
from bot.answers.common import Request
from bot.answers.model import Answer, Choice
from bot.answers.needs import Asked
from bot.answers.picking import pick_for
from bot.records import Knowledge


@dataclass(frozen=True)
class FlowQuestion:
    id: str
    text: str
    # each option: its label and the needs (knowledge/needs.yaml) that answer means
    options: tuple[tuple[str, tuple[str, ...]], ...]
    # each option as the result recalls it ("You answered: Large app · Own parts · …")
    recalled: tuple[str, ...] = ()


FLOW: tuple[FlowQuestion, ...] = (
    FlowQuestion(
        "size",
        "How big will the app be?",
        (
            ("Small: an API, a prototype or one service", ("small",)),
            ("Large: many features, users and data", ("large",)),
        ),
        ("Small app", "Large app"),
    ),
    FlowQuestion(
        "parts",
        "Batteries included, or pick your own parts?",
        (
            ("Batteries included", ("batteries",)),
            ("Pick my own parts", ("own_parts",)),
        ),
        ("Batteries included", "Own parts"),
    ),
    FlowQuestion(
        "concurrency",
        "Many concurrent connections or real-time features?",
        (
            ("Yes: real-time or thousands of connections", ("concurrency",)),
            ("No: ordinary requests", ()),
        ),
        ("Real-time or many connections", "Ordinary requests"),
    ),
    FlowQuestion(
        "api",
        "Is it API-first?",
        (
            ("Yes: mostly a JSON or REST API", ("api",)),
            ("No: web pages for people", ("pages",)),
        ),
        ("API-first", "Web pages"),
    ),
)


def start_flow(req: Request) -> Answer:
    return flow_step(req, [])


def flow_needs(kb: Knowledge, picks: list[int]) -> list[Asked]:
    """The needs a full set of flow answers means, each with all its tags as support."""
    known = needs.by_id(kb)
    out = []
    for question, pick in zip(FLOW, picks, strict=False):
        for need_id in question.options[pick][1]:
            need = known.get(need_id)
            if need is not None:
                out.append(Asked(need, need.all_tags))
    return out


def flow_step(req: Request, picks: list[int]) -> Answer:
    """The next guided question, or the recommendation once every question is answered."""
    if len(picks) >= len(FLOW):
        asked = flow_needs(req.knowledge, picks)
        answer = pick_for(req, asked, [], use_details=False)
        if answer is None:
            return start_flow(req)
        answer.intent = "recommend"
        answered = [
            q.recalled[p] if q.recalled else q.options[p][0]
            for q, p in zip(FLOW, picks, strict=False)
        ]
        body, _, cite = answer.text.rpartition("\n")
        answer.text = f"{body}\nYou answered: {' · '.join(answered)}.\n{cite}"
        answer.choices = [Choice(label="Start over", action="choose", value="")]
        return answer
    question = FLOW[len(picks)]
    prefix = ",".join(str(p) for p in picks)
    choices = [
        Choice(
            label=label,
            action="choose",
            value=(prefix + "," if prefix else "") + str(index),
        )
        for index, (label, _) in enumerate(question.options)
    ]
    step = f"Question {len(picks) + 1} of {len(FLOW)}"
    return req.answer(
        f"Help me choose — {step}",
        question.text,
        [],
        intent="recommend",
        entities=[],
        choices=choices,
        suggestions=[],
    )


def parse_picks(value: str) -> list[int] | None:
    """'0,1' → [0, 1]; anything malformed → None (a stale or forged button)."""
    if value == "":
        return []
    try:
        picks = [int(p) for p in value.split(",")]
    except ValueError:
        return None
    if len(picks) > len(FLOW):
        return None
    for question, pick in zip(FLOW, picks, strict=False):
        if not 0 <= pick < len(question.options):
            return None
    return picks
