"""The guided "help me choose" flow: its questions, one step at a time, then the pick.

The questions are data (knowledge/flow.yaml), validated when the file is read; the compiled
copy is reused while the file and the code are unchanged, so answering parses no YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.answers import needs
from bot.answers.common import Request
from bot.answers.model import Answer, Choice
from bot.answers.needs import Asked
from bot.answers.picking import pick_for
from bot.cache import cached
from bot.paths import default_knowledge_dir
from bot.records import Knowledge


@dataclass(frozen=True, slots=True)
class FlowOption:
    label: str
    needs: tuple[str, ...]  # need ids (knowledge/needs.yaml) that this answer asks for
    recalled: str  # the option as the result repeats it ("You answered: Large app · …")


@dataclass(frozen=True, slots=True)
class FlowQuestion:
    id: str
    text: str
    options: tuple[FlowOption, ...]


def read_flow(path: Path) -> tuple[FlowQuestion, ...]:
    """Parse and check a flow file; raises ValueError (pydantic's) or OSError."""
    from bot.answers.flow_schema import read_questions

    return tuple(
        FlowQuestion(
            q.id,
            q.text,
            tuple(FlowOption(o.label, tuple(o.needs), o.recalled or o.label) for o in q.options),
        )
        for q in read_questions(path)
    )


def _shipped() -> tuple[FlowQuestion, ...]:
    path = default_knowledge_dir() / needs.FLOW_FILE
    return cached([path], lambda: read_flow(path))


FLOW: tuple[FlowQuestion, ...] = _shipped()


def start_flow(req: Request) -> Answer:
    return flow_step(req, [])


def flow_needs(kb: Knowledge, picks: list[int]) -> list[Asked]:
    """The needs a full set of flow answers means, each with all its tags as support."""
    known = needs.by_id(kb)
    out = []
    for question, pick in zip(FLOW, picks, strict=False):
        for need_id in question.options[pick].needs:
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
        answered = [q.options[p].recalled for q, p in zip(FLOW, picks, strict=False)]
        body, _, cite = answer.text.rpartition("\n")
        answer.text = f"{body}\nYou answered: {' · '.join(answered)}.\n{cite}"
        answer.choices = [Choice(label="Start over", action="choose", value="")]
        return answer
    question = FLOW[len(picks)]
    prefix = ",".join(str(p) for p in picks)
    choices = [
        Choice(
            label=option.label,
            action="choose",
            value=(prefix + "," if prefix else "") + str(index),
        )
        for index, option in enumerate(question.options)
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
