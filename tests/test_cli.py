"""The command line as a newcomer and a harness use it: ask, --json, --jsonl, --explain, chat."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from bot.chat import ChatSession
from bot.cli import main


def run_cli(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_ask_prints_an_answer():
    done = run_cli(["ask", "who", "made", "web.py?"])
    assert done.returncode == 0
    assert "Aaron Swartz" in done.stdout


def test_ask_json_is_the_answer_model():
    done = run_cli(["ask", "--json", "flask vs django"])
    data = json.loads(done.stdout)
    assert data["intent"] == "compare"
    assert data["entities"] == ["flask", "django"]
    assert {"headline", "text", "facts", "sources", "suggestions", "confidence"} <= set(data)


def test_jsonl_contract_with_threads():
    lines = [
        {"id": "a1", "text": "tell me about bottle", "thread": "A"},
        {"id": "b1", "text": "tell me about django", "thread": "B"},
        {"id": "a2", "text": "who uses it?", "thread": "A"},
        {"id": "b2", "text": "who uses it?", "thread": "B"},
        {"id": 5, "text": "what's the weather like?", "thread": None},
    ]
    done = run_cli(["ask", "--jsonl"], "\n".join(json.dumps(x) for x in lines) + "\n")
    assert done.returncode == 0
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a1", "b1", "a2", "b2", 5]
    for o in out:
        assert set(o) == {"id", "intent", "confidence", "entities", "text", "sources"}
        assert 0.0 <= o["confidence"] <= 1.0
    assert out[2]["intent"] == "who_uses" and out[2]["entities"] == ["bottle"]
    assert out[3]["entities"] == ["django"]
    assert out[4]["intent"] == "fallback"
    assert "myers" in out[2]["sources"] or "icts" in out[2]["sources"]


def test_jsonl_bad_line_does_not_lose_the_rest():
    done = run_cli(
        ["ask", "--jsonl"], 'not json\n{"id": 2, "text": "what is flask", "thread": "x"}\n'
    )
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert out[0]["error"]
    assert out[1]["id"] == 2 and out[1]["intent"] == "describe_framework"


def test_explain_shows_scores_and_matches(capsys):
    assert main(["ask", "--explain", "who uses djnago"]) == 0
    out = capsys.readouterr().out
    assert "intent: who_uses" in out
    assert "runner-up:" in out
    assert "“djnago” → django" in out


def test_broken_knowledge_gives_a_clear_error(tmp_path, capsys):
    assert main(["ask", "--knowledge", str(tmp_path), "what is flask"]) == 1
    assert "knowledge" in capsys.readouterr().err


def test_chat_keeps_context_and_resets(engine):
    chat = ChatSession(engine)
    assert "Flask" in chat.handle("tell me about flask")
    assert "Lyft" in chat.handle("who uses it?")
    assert "cleared" in chat.handle("/reset")
    assert "Lyft" not in chat.handle("who uses it?")
    assert "who_uses" in chat.handle("/history")
    assert chat.handle("/quit") is None


def test_chat_guided_flow_with_numbers(engine):
    chat = ChatSession(engine)
    out = chat.handle("/choose")
    assert "1. Small" in out
    for _ in range(4):
        out = chat.handle("1")
    assert "My pick" in out


def test_chat_explain_toggle(engine):
    chat = ChatSession(engine)
    chat.handle("/explain")
    assert "--- explain ---" in chat.handle("what is bottle")


def test_chat_reads_a_piped_conversation(engine):
    from bot.chat import run_chat

    out = io.StringIO()
    run_chat(engine, io.StringIO("what is sanic\nhow fast is it?\n/quit\n"), out)
    assert "33,342" in out.getvalue()
