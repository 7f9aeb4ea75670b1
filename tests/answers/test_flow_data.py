"""The guided flow's questions are data (knowledge/flow.yaml): read and checked when loaded, each
option naming needs from needs.yaml; a broken flow file is reported by `framework-bot check`."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from bot.answers.flow import FLOW, parse_picks, read_flow
from bot.answers.flow_schema import flow_errors
from bot.answers.needs import FLOW_FILE, by_id
from bot.checks import run_check
from bot.engine import Engine
from bot.paths import default_intents_dir, default_knowledge_dir

SHIPPED = default_knowledge_dir()


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def test_the_shipped_flow_asks_four_questions_of_two_options(engine):
    assert [q.id for q in FLOW] == ["size", "parts", "concurrency", "api"]
    assert all(len(q.options) == 2 for q in FLOW)
    known = set(by_id(engine.knowledge))
    assert {n for q in FLOW for o in q.options for n in o.needs} <= known
    assert flow_errors(SHIPPED / FLOW_FILE, known) == []


def test_each_step_shows_the_questions_text_and_options(engine):
    for step, question in enumerate(FLOW):
        value = ",".join(["0"] * step)
        answer = engine.choose(value)
        assert answer.text == question.text
        assert [c.label for c in answer.choices] == [o.label for o in question.options]
        assert [c.value for c in answer.choices] == [
            (value + "," if value else "") + str(i) for i in range(len(question.options))
        ]


def test_the_result_recalls_each_answer(engine):
    answer = engine.choose("1,0,1,1")
    recalled = [q.options[p].recalled for q, p in zip(FLOW, [1, 0, 1, 1], strict=True)]
    assert "You answered: " + " · ".join(recalled) + "." in answer.text
    assert [c.label for c in answer.choices] == ["Start over"]


@pytest.mark.parametrize("value", ["x", "0,5", "0,0,0,0,0", "-1"])
def test_a_stale_or_forged_value_is_no_step(value):
    assert parse_picks(value) is None


def test_an_option_without_recalled_is_recalled_by_its_label(tmp_path):
    path = tmp_path / FLOW_FILE
    path.write_text(
        "questions:\n  - id: size\n    text: How big?\n    options:\n"
        "      - {label: Small, needs: [small]}\n      - {label: Large, needs: [large]}\n",
        encoding="utf-8",
    )
    (question,) = read_flow(path)
    assert [o.recalled for o in question.options] == ["Small", "Large"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "questions:\n  - id: size\n    text: How big?\n    options:\n"
            "      - {label: Small, needs: [tiny]}\n      - {label: Large}\n",
            "'tiny'",
        ),
        (
            "questions:\n  - id: size\n    text: How big?\n    options:\n      - {label: Small}\n",
            "at least 2",
        ),
        (
            "questions:\n  - id: size\n    text: How big?\n    colour: red\n    options:\n"
            "      - {label: Small}\n      - {label: Large}\n",
            "colour",
        ),
        ("questions: [\n", "not valid YAML"),
    ],
)
def test_a_broken_flow_file_is_named_with_its_problem(tmp_path, text, problem):
    path = tmp_path / FLOW_FILE
    path.write_text(text, encoding="utf-8")
    errors = flow_errors(path, {"small", "large"})
    assert errors and all(str(path) in e for e in errors)
    assert any(problem in e for e in errors)


def test_check_reports_an_option_naming_an_unknown_need(tmp_path):
    kdir = tmp_path / "knowledge"
    shutil.copytree(SHIPPED, kdir)
    text = (kdir / FLOW_FILE).read_text(encoding="utf-8")
    (kdir / FLOW_FILE).write_text(text.replace("[own_parts]", "[own_part]"), encoding="utf-8")
    out = io.StringIO()
    assert run_check(str(kdir), str(default_intents_dir()), out) == 1
    assert "flow.yaml" in out.getvalue() and "own_part" in out.getvalue()


def test_answering_reads_no_flow_yaml():
    source = Path(__file__).resolve().parents[2] / "bot" / "answers" / "flow.py"
    assert "import yaml" not in source.read_text(encoding="utf-8")
