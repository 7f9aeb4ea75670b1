"""The curation loop: `framework-bot report` from stored records, and `framework-bot teach`."""

from __future__ import annotations

import argparse
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from bot import curation
from bot.cli import _add_data_options
from bot.curation import TeachError, insert_example, teach
from bot.curation.report import build_report, cluster_texts
from bot.curation.report_text import render_report
from bot.curation_cli import register
from bot.nlu.intent_data import load_intents
from bot.paths import default_intents_dir
from bot.state.memory import MemoryStore
from bot.state.sqlite import SQLiteStore

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC).timestamp()
DAY = 86_400
USER = "U0ABCD1234"


def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="framework-bot")
    sub = parser.add_subparsers(dest="command", required=True)
    register(sub, _add_data_options)
    args = parser.parse_args(argv)
    return args.func(args)


def fallback(store, text, when, surface="channel", intent="fallback", score=0.3, **extra):
    store.record(
        "fallback",
        {"text": text, "surface": surface, "intent": intent, "score": score, "time": when, **extra},
    )


def feedback(store, question, intent, vote, when, headline="An answer", surface="channel"):
    store.record(
        "feedback",
        {
            "question": question,
            "intent": intent,
            "headline": headline,
            "vote": vote,
            "surface": surface,
            "time": when,
        },
    )


@pytest.fixture
def store():
    s = MemoryStore()
    day1, day2 = NOW - 2 * DAY, NOW - DAY
    for text in [
        "what's the weather today",
        "What's the weather today?",
        "whats the weather today",
    ]:
        fallback(s, text, day1)
    fallback(s, "what is the weather like today", day2, surface="dm", intent="describe_framework")
    fallback(s, "tell me a joke", day2, surface="dm")
    fallback(s, "tell me a joke please", day2, surface="command")
    fallback(s, f"<@{USER}> how do i deploy to kubernetes", day2, user_id=USER)
    for _ in range(3):
        s.record("answered", {"intent": "describe_framework", "surface": "channel", "time": day1})
    s.record("answered", {"intent": "compare", "surface": "dm", "time": day2})
    feedback(s, "is flask fast", "performance", -1, day1, "How fast is Flask?")
    feedback(s, "Is Flask fast?", "performance", -1, day2, "How fast is Flask?")
    feedback(s, "is flask fast", "performance", 1, day2, "How fast is Flask?")
    feedback(s, "what is django", "describe_framework", 1, day2)
    feedback(s, "who uses bottle", "who_uses", -1, day2, "Who uses Bottle?")
    # An old record written before user ids were stripped, straight into the list:
    s.records.append(
        {
            "kind": "feedback",
            "time": day2,
            "question": "compare them",
            "intent": "compare",
            "vote": "down",
            "user": USER,
            "user_id": USER,
        }
    )
    return s


# -- report ----------------------------------------------------------------------------------


def test_unanswered_questions_are_grouped_by_similarity(store):
    report = build_report(store, now=NOW)
    groups = report["unanswered"]
    assert [g["count"] for g in groups] == [4, 2, 1]
    weather, joke, deploy = groups
    assert weather["text"].lower().startswith("what")
    assert "weather" in weather["text"] and weather["distinct"] == 2
    assert weather["surfaces"] == {"channel": 3, "dm": 1}
    assert weather["best_guesses"] == {"fallback": 3, "describe_framework": 1}
    assert weather["mean_score"] == 0.3
    assert joke["text"] == "tell me a joke" and joke["variants"] == ["tell me a joke please"]
    assert "kubernetes" in deploy["text"]


def test_cluster_texts_is_greedy_on_token_set_ratio():
    clusters = cluster_texts(["what is spring boot", "is spring boot good", "laravel vs symfony"])
    assert [(rep, len(members)) for rep, members in clusters] == [
        ("what is spring boot", 2),
        ("laravel vs symfony", 1),
    ]


def test_worst_rated_intents_and_fallback_rate(store):
    report = build_report(store, now=NOW)
    worst = report["worst_rated"]
    assert [(r["question"].lower(), r["net"]) for r in worst] == [
        ("is flask fast", -1),
        ("compare them", -1),
        ("who uses bottle", -1),
    ]
    flask = worst[0]
    assert (flask["up"], flask["down"], flask["headline"]) == (1, 2, "How fast is Flask?")
    assert "what is django" not in {r["question"] for r in worst}  # no thumbs-down

    intents = {r["intent"]: r for r in report["intents"]}
    assert intents["describe_framework"] == {
        "intent": "describe_framework",
        "answered": 3,
        "fell_back": 1,
        "up": 1,
        "down": 0,
    }
    assert intents["fallback"]["fell_back"] == 6
    assert intents["performance"]["down"] == 2

    days = report["fallback_rate"]
    assert days == [
        {"day": "2025-03-08", "answered": 3, "fallback": 3, "rate": 0.5},
        {"day": "2025-03-09", "answered": 1, "fallback": 4, "rate": 0.8},
    ]
    assert report["totals"] == {
        "answered": 4,
        "fallback": 7,
        "feedback": 6,
        "fallback_rate": round(7 / 11, 4),
    }


def test_since_limits_the_window_and_rate_is_unknown_without_answered_records():
    s = MemoryStore()
    fallback(s, "old question", NOW - 10 * DAY)
    fallback(s, "new question", NOW - 0.5 * DAY)
    report = build_report(s, since_days=7, now=NOW)
    assert [g["text"] for g in report["unanswered"]] == ["new question"]
    assert report["fallback_rate"][0]["rate"] is None
    assert report["totals"]["fallback_rate"] is None
    assert any("'answered'" in note for note in report["notes"])
    assert report["window"]["since_days"] == 7
    assert report["window"]["from"] == "2025-03-03T12:00:00Z"


def test_report_json_shape(store):
    report = json.loads(json.dumps(build_report(store, now=NOW)))
    assert set(report) == {
        "generated_at",
        "window",
        "totals",
        "unanswered",
        "worst_rated",
        "intents",
        "fallback_rate",
        "notes",
    }
    assert set(report["unanswered"][0]) == {
        "text",
        "count",
        "variants",
        "distinct",
        "surfaces",
        "best_guesses",
        "mean_score",
        "last_seen",
    }
    assert set(report["worst_rated"][0]) == {
        "question",
        "intent",
        "headline",
        "up",
        "down",
        "net",
        "surfaces",
        "last_seen",
    }
    assert set(report["intents"][0]) == {"intent", "answered", "fell_back", "up", "down"}
    assert set(report["fallback_rate"][0]) == {"day", "answered", "fallback", "rate"}
    assert report["unanswered"][0]["last_seen"].endswith("Z")


def test_no_user_ids_in_reports(store):
    report = build_report(store, now=NOW)
    text = render_report(report)
    as_json = json.dumps(report)
    for output in (text, as_json):
        assert USER not in output
        assert "user" not in output.lower()
    assert any("@someone how do i deploy" in g["text"] for g in report["unanswered"])


def test_terminal_report_has_every_section(store):
    text = render_report(build_report(store, now=NOW))
    for heading in (
        "Top unanswered questions",
        "Worst-rated answers",
        "Intents",
        "Fallback rate per day",
    ):
        assert heading in text
    assert "tell me a joke" in text and "80.0%" in text
    empty = render_report(build_report(MemoryStore(), now=NOW))
    assert empty.count("(none)") == 3 and "(no thumbs-down)" in empty


def test_report_command_reads_the_sqlite_store(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    db = tmp_path / "state.sqlite3"
    s = SQLiteStore(db)
    fallback(s, "what's the weather today", NOW, user=USER)
    fallback(s, "whats the weather today?", NOW)
    s.record("answered", {"intent": "features", "surface": "dm"})
    s.close()

    assert run_cli(["report", "--json", "--db", str(db)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["unanswered"][0]["count"] == 2
    assert report["totals"]["answered"] == 1

    monkeypatch.setenv("FRAMEWORK_BOT_DB", str(db))
    assert run_cli(["report", "--since", "100000"]) == 0
    out = capsys.readouterr().out
    assert "weather" in out and USER not in out
    assert run_cli(["report", "--since", "0"]) == 2
    with pytest.raises(SystemExit, match="no state file"):
        run_cli(["report", "--db", str(tmp_path / "typo.sqlite3")])
    assert not (tmp_path / "typo.sqlite3").exists()


# -- teach -----------------------------------------------------------------------------------


@pytest.fixture
def intents_dir(tmp_path) -> Path:
    target = tmp_path / "intents"
    shutil.copytree(default_intents_dir(), target)
    return target


def _snapshot(directory: Path) -> dict[str, str]:
    """Every file under `directory` (intents/lexicon/ too) by its path there, with its text."""
    files = sorted(p for p in directory.rglob("*") if p.is_file())
    return {p.relative_to(directory).as_posix(): p.read_text(encoding="utf-8") for p in files}


def test_teach_appends_the_example_and_keeps_the_file(intents_dir):
    before = _snapshot(intents_dir)
    utterance = "is bottle any good for building rest apis"
    taught = teach(f"  {utterance}  ", "features", intents_dir)

    assert taught.utterance == utterance and taught.intent == "features"
    assert taught.file == intents_dir / "frameworks.yaml"
    after = _snapshot(intents_dir)
    assert {k for k in after if after[k] != before[k]} == {"frameworks.yaml"}
    new_lines = after["frameworks.yaml"].splitlines()
    assert new_lines[taught.line - 1] == f"      - {utterance}"
    del new_lines[taught.line - 1]
    assert new_lines == before["frameworks.yaml"].splitlines()  # comments and all, untouched

    data = load_intents(intents_dir)
    assert utterance in data.intents["features"].example_lines()
    assert taught.examples == len(data.intents["features"].example_lines())
    assert taught.read_as == "features"  # the bot now answers it with the taught intent


def test_teach_command_prints_what_it_did(intents_dir, capsys):
    assert run_cli(["teach", "hiya framework bot", "greet", "--intents", str(intents_dir)]) == 0
    out = capsys.readouterr().out
    assert "Added “hiya framework bot” to intent 'greet'" in out
    assert "smalltalk.yaml, line" in out and "re-loaded: OK" in out
    assert "hiya framework bot" in load_intents(intents_dir).intents["greet"].example_lines()


@pytest.mark.parametrize(
    ("utterance", "intent", "message"),
    [
        ("is flask any good", "no_such_intent", "unknown intent 'no_such_intent'"),
        ("is flask any good", "other_tech", "lookup table"),
        ("", "features", "empty"),
        ("   \n\t ", "features", "empty"),
        ("?!", "features", "no words"),
        ("x" * 201, "features", "201 characters"),
        ("Best recipe for carbonara!", "greet", "already an example of 'fallback'"),
        ("WHATS DJANGO", "describe_framework", "already an example of 'describe_framework'"),
        ("what is bottle", "features", "once entity names are masked"),
    ],
)
def test_teach_refuses(intents_dir, utterance, intent, message):
    before = _snapshot(intents_dir)
    with pytest.raises(TeachError, match=message):
        teach(utterance, intent, intents_dir)
    assert _snapshot(intents_dir) == before


def test_teach_command_exit_code_on_refusal(intents_dir, capsys):
    assert (
        run_cli(["teach", "best recipe for carbonara", "greet", "--intents", str(intents_dir)]) == 1
    )
    assert "not added: already an example of 'fallback'" in capsys.readouterr().err


def test_teach_restores_the_file_when_it_no_longer_loads(intents_dir, monkeypatch):
    before = _snapshot(intents_dir)
    monkeypatch.setattr(
        curation, "insert_example", lambda source, intent, text: (source + "\nnlu: [\n", 1)
    )
    with pytest.raises(TeachError, match="file restored"):
        teach("something new entirely about bottle", "features", intents_dir)
    assert _snapshot(intents_dir) == before


SAMPLE = """\
version: "3.1"
# a comment at the top
nlu:
  - intent: alpha   # trailing comment
    cues: [a]
    examples: |
      - first

      - second
# a comment between items

  - intent: "beta"
    examples: |-
      - only
  - lookup: names
    examples: |
      - x
  - intent: gamma
    description: no examples yet
    examples: |
  - intent: delta
    examples: |
        - deep indent"""


def _examples(text: str) -> dict[str, list[str]]:
    return {
        item.get("intent", item.get("lookup")): [
            line.strip()[2:] for line in (item["examples"] or "").splitlines() if line.strip()
        ]
        for item in yaml.safe_load(text)["nlu"]
    }


@pytest.mark.parametrize(
    ("intent", "expected", "line"),
    [
        ("alpha", ["first", "second", "new one"], 10),
        ("beta", ["only", "new one"], 15),
        ("gamma", ["new one"], 21),
        ("delta", ["deep indent", "new one"], 24),
    ],
)
def test_insert_example_edits_text_in_place(intent, expected, line):
    for newline in ("\n", "\r\n"):
        source = SAMPLE.replace("\n", newline)
        edited, line_no = insert_example(source, intent, "new one")
        assert line_no == line
        assert _examples(edited)[intent] == expected
        others = {k: v for k, v in _examples(edited).items() if k != intent}
        assert others == {k: v for k, v in _examples(source).items() if k != intent}
        assert "# a comment between items" in edited and "# trailing comment" in edited
        assert edited.count("\r\n") == (edited.count("\n") if newline == "\r\n" else 0)
    assert insert_example(SAMPLE, "names", "x") is None  # a lookup, not an intent
    assert insert_example(SAMPLE, "epsilon", "x") is None


def test_insert_example_refuses_other_styles():
    with pytest.raises(TeachError, match=r"not an `examples: \|` block"):
        insert_example("nlu:\n  - intent: a\n    examples: '- x'\n", "a", "y")
