"""Knowledge reload without a restart, on `framework-bot serve` in a subprocess with a copy of the
knowledge: a broken file keeps the last good knowledge serving and is reported as file:line; a
fixed file with a changed fact is served after the reload. HTTP mode (gunicorn, two workers,
`framework-bot reload`) and Socket Mode (SIGHUP)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from paths import ROOT
from serve_process import start, start_http, stop, wait_healthy
from slack_standin import (
    APP_TOKEN,
    SIGNING_SECRET,
    SlackSender,
    app_mention,
    event_callback,
    new_channel,
    new_id,
)

pytestmark = pytest.mark.slow

QUESTION = "what is flask built on?"
OLD, NEW = "Werkzeug", "Quokkazeug"


@pytest.fixture
def knowledge(tmp_path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", copy)
    return copy


def flask_file(knowledge: Path) -> Path:
    return knowledge / "frameworks" / "flask.yaml"


def break_flask(knowledge: Path) -> int:
    """An unclosed list on `language:`; returns the line YAML will report."""
    path = flask_file(knowledge)
    lines = path.read_text().splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("language:"))
    lines[index] = "language: [python\n"
    path.write_text("".join(lines))
    return index + 2  # the parser notices on the next line


def fix_flask_with_a_new_fact(knowledge: Path) -> None:
    shutil.copy(ROOT / "knowledge" / "frameworks" / "flask.yaml", flask_file(knowledge))
    path = flask_file(knowledge)
    path.write_text(path.read_text().replace(OLD, NEW))


def reload_cli(pidfile: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["FRAMEWORK_BOT_PIDFILE"] = str(pidfile)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "reload", "--timeout", "30"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def server_env(tmp_path: Path) -> dict[str, str]:
    return {
        "FRAMEWORK_BOT_PIDFILE": str(tmp_path / "run" / "serve.pid"),
        "FRAMEWORK_BOT_CACHE_DIR": str(tmp_path / "cache"),
    }


def test_http_reload_keeps_the_last_good_knowledge_and_then_serves_the_new(
    standin, knowledge, tmp_path
):
    env = server_env(tmp_path)
    pidfile = Path(env["FRAMEWORK_BOT_PIDFILE"])
    process, url = start_http(standin, "--workers", "2", "--knowledge", str(knowledge), **env)
    send = SlackSender(url, SIGNING_SECRET, standin)

    def answers(count: int = 6) -> list[str]:
        """Several questions (gunicorn spreads the connections over both workers)."""
        channels = [new_channel() for _ in range(count)]
        for channel in channels:
            assert send.event(app_mention(QUESTION, channel=channel))[0] == 200
        return [
            standin.wait_for(lambda c, ch=channel: c.channel == ch and c.ok)[0].text
            for channel in channels
        ]

    try:
        wait_healthy(url, process)
        assert pidfile.read_text().strip() == str(process.pid)
        assert all(OLD in text for text in answers())

        line = break_flask(knowledge)
        result = reload_cli(pidfile)
        assert result.returncode == 1, result.stdout + result.stderr
        assert f"flask.yaml:{line}" in result.stderr
        assert "still serving the previous knowledge" in result.stderr
        assert all(OLD in text for text in answers())

        fix_flask_with_a_new_fact(knowledge)
        result = reload_cli(pidfile)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "reloaded" in result.stdout and "2 worker(s)" in result.stdout
        texts = answers()
        assert all(NEW in text and OLD not in text for text in texts)
    finally:
        output = stop(process)
    assert process.returncode == 0, output
    assert f"knowledge reload failed (master): {flask_file(knowledge)}:{line}" in output
    assert output.count("knowledge reload (worker ") == 2
    assert not pidfile.exists()  # removed on exit


def test_reload_without_a_server_says_so(tmp_path):
    result = reload_cli(tmp_path / "nothing.pid")
    assert result.returncode == 1 and "no running server found" in result.stderr
    (tmp_path / "stale.pid").write_text("999999\n")
    result = reload_cli(tmp_path / "stale.pid")
    assert result.returncode == 1 and "is not running" in result.stderr


def test_socket_mode_reloads_on_sighup(standin, socket_mode, knowledge, tmp_path):
    ws = socket_mode
    env = server_env(tmp_path)
    status = Path(env["FRAMEWORK_BOT_PIDFILE"]).with_name("serve.reload.json")
    process = start(
        ["--knowledge", str(knowledge)],
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_API_URL=standin.api_url,
        **env,
    )

    def answer() -> str:
        channel, envelope = new_channel(), new_id("env-")
        ws.send(
            {
                "envelope_id": envelope,
                "type": "events_api",
                "accepts_response_payload": False,
                "payload": event_callback(app_mention(QUESTION, channel=channel)),
            }
        )
        ws.wait_for_ack(envelope)
        return standin.wait_for(lambda c: c.channel == channel and c.ok)[0].text

    def hang_up() -> dict:
        before = time.time()
        os.kill(process.pid, signal.SIGHUP)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                data = json.loads(status.read_text())
            except (OSError, ValueError):
                data = {}
            if data.get("time", 0) >= before:
                return data
            time.sleep(0.05)
        raise AssertionError("no reload status after SIGHUP:\n" + stop(process))

    try:
        ws.wait_connected()
        assert OLD in answer()
        line = break_flask(knowledge)
        verdict = hang_up()
        assert not verdict["ok"] and f"flask.yaml:{line}" in verdict["errors"][0]
        assert OLD in answer()
        fix_flask_with_a_new_fact(knowledge)
        assert hang_up()["ok"]
        text = answer()
        assert NEW in text and OLD not in text
    finally:
        output = stop(process)
    assert process.returncode == 0, output
    assert f"knowledge reload failed: {flask_file(knowledge)}:{line}" in output
