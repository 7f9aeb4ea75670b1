"""`framework-bot serve` in a subprocess on 127.0.0.1, as production runs it, for the tests
that talk to the real server (HTTP mode under gunicorn, Socket Mode, the state-store faults).

The process reads no SLACK_, ONBOARDING_ or REDIS_URL settings of the machine running the tests
(only those given), keeps its state in memory unless told otherwise, and writes its pid file to
a temporary directory.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from paths import ROOT
from slack_standin import BOT_TOKEN, SIGNING_SECRET


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(args: list[str], **env: str) -> subprocess.Popen:
    """`framework-bot serve *args` with the settings above and `env`; its output is piped
    (read it with `stop`)."""
    full = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "ONBOARDING_", "REDIS_URL"))
    }
    full |= {
        "PYTHONPATH": str(ROOT) + os.pathsep + full.get("PYTHONPATH", ""),
        "FRAMEWORK_BOT_DB": ":memory:",
        # not the real ~/.local/share/framework-bot/serve.pid of a bot running on this machine
        "FRAMEWORK_BOT_PIDFILE": os.path.join(tempfile.mkdtemp(prefix="fb-serve-"), "serve.pid"),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve", *args],
        cwd=ROOT,
        env=full,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop(process: subprocess.Popen) -> str:
    """Stop `process` as an operator would (SIGTERM, then SIGKILL) and return its output."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.stdout.read() if process.stdout else ""


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 30.0) -> None:
    """Until /healthz answers 200; fails with the output if the server exits or never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("serve exited early:\n" + stop(process))
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("serve --http never became healthy:\n" + stop(process))


def start_http(standin, *args: str, **env: str) -> tuple[subprocess.Popen, str]:
    """`framework-bot serve --http` on a free loopback port, with the stand-in's signing secret
    and Web API URL (`args` and `env` add to them); (the process, its base URL). Not waited
    for: call `wait_healthy`, and `stop` when done."""
    port = free_port()
    process = start(
        ["--http", "--host", "127.0.0.1", "--port", str(port), *args],
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=standin.api_url,
        **env,
    )
    return process, f"http://127.0.0.1:{port}"
