"""Team facts on disk (bot/team.py): written as text (comments kept), taken back exactly,
validated like every knowledge file (file:line from `framework-bot check`), reread without a
restart, cited apart from the documents, and absent from every answer without a directory."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from bot.checks import run_check
from bot.cli import main
from bot.engine import Engine
from bot.render.text import render_text
from bot.team import NewFact, TeamKnowledge, TeamWriteError, add_fact, load_team, remove_fact

FRAMEWORKS = ["flask", "django", "bottle"]


def _new(**changes) -> NewFact:
    values = {
        "framework": "flask",
        "facet": "features",
        "question": "how do I deploy flask on kubernetes?",
        "text": "Under gunicorn, one pod per service.\nThe chart is in infra/.",
        "author": "UEXPERT1",
        "date": dt.date(2026, 12, 4),
        "permalink": "https://standin.slack.com/archives/CEXPERTS1/p1700000001000001",
    }
    return NewFact(**(values | changes))


def test_an_added_fact_keeps_the_file_s_comments_and_removing_it_restores_the_file(tmp_path):
    first = add_fact(tmp_path, _new(), FRAMEWORKS)
    path = tmp_path / "flask.yaml"
    # a curator's own comment and an edit by hand stay as they are
    edited = path.read_text().replace("facts:\n", "facts:\n  # reviewed by the platform team\n")
    path.write_text(edited)
    second = add_fact(tmp_path, _new(question="does flask run on lambda?"), FRAMEWORKS)
    text = path.read_text()
    assert text.startswith(edited)  # appended: nothing above it rewritten
    assert "# reviewed by the platform team" in text
    assert "    text: |-\n      Under gunicorn, one pod per service.\n" in text  # readable
    assert [f.id for f in load_team(tmp_path, FRAMEWORKS)] == [first, second]

    remove_fact(tmp_path, second)
    assert path.read_text() == edited  # exactly as before the add
    remove_fact(tmp_path, first)
    assert load_team(tmp_path) == []
    assert "# Team knowledge" in path.read_text()
    third = add_fact(tmp_path, _new(), FRAMEWORKS)  # an emptied file takes new facts again
    assert [f.id for f in load_team(tmp_path)] == [third]
    assert [p.name for p in tmp_path.iterdir()] == ["flask.yaml"]  # no lock or temporary files


def test_a_bad_fact_is_not_written(tmp_path):
    add_fact(tmp_path, _new(), FRAMEWORKS)
    before = (tmp_path / "flask.yaml").read_text()
    with pytest.raises(TeamWriteError, match="author"):
        add_fact(tmp_path, _new(author="bob"), FRAMEWORKS)
    with pytest.raises(TeamWriteError, match="unknown framework"):
        add_fact(tmp_path, _new(framework="rails"), FRAMEWORKS)
    with pytest.raises(TeamWriteError, match="permalink"):
        add_fact(tmp_path, _new(permalink="javascript:alert(1)"), FRAMEWORKS)
    assert (tmp_path / "flask.yaml").read_text() == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_check_names_the_file_line_and_key_of_a_broken_team_fact(tmp_path):
    add_fact(tmp_path, _new(), FRAMEWORKS)
    path = tmp_path / "flask.yaml"
    path.write_text(path.read_text().replace("author: UEXPERT1", "author: bob"))
    out = io.StringIO()
    assert run_check(None, None, out, team_dir=str(tmp_path)) == 1
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if "author: bob" in t)
    assert f"{path}:{line} [facts[0].source.author]" in out.getvalue()

    path.write_text(path.read_text().replace("author: bob", "author: UEXPERT1"))
    path.write_text(path.read_text().replace("framework: flask", "framework: flaskk"))
    out = io.StringIO()
    assert run_check(None, None, out, team_dir=str(tmp_path)) == 1
    assert "unknown framework 'flaskk'" in out.getvalue()


def test_team_list_and_remove_from_the_terminal(tmp_path, capsys):
    fact_id = add_fact(tmp_path, _new(), FRAMEWORKS)
    assert main(["team", "list", "--team", str(tmp_path)]) == 0
    assert fact_id in capsys.readouterr().out
    assert main(["team", "remove", "nope", "--team", str(tmp_path)]) == 1
    assert "no team fact 'nope'" in capsys.readouterr().err
    assert main(["team", "remove", fact_id, "--team", str(tmp_path)]) == 0
    assert load_team(tmp_path) == []


def test_answers_use_team_facts_as_they_change_and_keep_the_last_good_ones(tmp_path):
    engine = Engine.load(team_dir=str(tmp_path))
    question = "how do I deploy flask on kubernetes?"
    assert engine.ask(question).is_fallback
    fact_id = add_fact(tmp_path, _new(), FRAMEWORKS)
    answer = engine.ask(question)  # no reload, no restart
    assert not answer.is_fallback and answer.team and not answer.sources
    text = render_text(answer)
    assert "Under gunicorn, one pod per service." in text
    assert "According to the team (@UEXPERT1, 2026-12-04), not from the documents." in text

    # a features answer about Flask gets the team's note on Flask's features, apart
    features = engine.ask("what features does flask have?")
    assert [n.text for n in features.team] == [_new().text] and features.sources

    # a broken file keeps the last good facts serving
    path = tmp_path / "flask.yaml"
    path.write_text(path.read_text() + "  - id: [broken\n")
    assert engine.ask(question).team
    remove_path = tmp_path / "flask.yaml"
    remove_path.write_text(remove_path.read_text().replace("  - id: [broken\n", ""))
    remove_fact(tmp_path, fact_id)
    assert engine.ask(question).is_fallback  # taken back: a decline again


def test_without_a_team_directory_nothing_changes(monkeypatch, tmp_path):
    monkeypatch.delenv("FRAMEWORK_BOT_TEAM_DIR", raising=False)
    add_fact(tmp_path, _new(), FRAMEWORKS)  # exists, but is not configured
    engine = Engine.load()
    assert engine.team is None
    assert engine.ask("how do I deploy flask on kubernetes?").is_fallback
    assert engine.ask("what features does flask have?").team == []
    assert TeamKnowledge(tmp_path).find("something else entirely", ["flask"]) is None
