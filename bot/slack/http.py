"""HTTP mode: Bolt's WSGI adapter behind gunicorn.

POST /slack/events takes every Slack request (events, slash commands, interactivity), after
the checks in bot/slack/gate.py (size, signature, shape: 413, 401, 400 before Bolt sees it);
GET /healthz answers 200 for load balancers and platform health checks.
"""

from __future__ import annotations

import io
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.slack import gate

log = logging.getLogger("framework_bot.slack")

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _name(exc: BaseException) -> str:
    return type(exc).__name__


def _plain(start_response: Callable[..., Any], status: int, text: str) -> list[bytes]:
    body = text.encode()
    reasons = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 413: "Content Too Large"}
    start_response(
        f"{status} {reasons.get(status, 'Error')}",
        [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
    )
    return [body]


def create_wsgi_app(app: App, max_body: int = gate.MAX_BODY) -> WSGIApp:
    handler = SlackRequestHandler(app, path=EVENTS_PATH)
    health = json.dumps({"ok": True}).encode()
    secret = app._signing_secret  # Bolt keeps it only here

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") in (
            "GET",
            "HEAD",
        ):
            start_response(
                "200 OK",
                [("Content-Type", "application/json"), ("Content-Length", str(len(health)))],
            )
            return [] if environ.get("REQUEST_METHOD") == "HEAD" else [health]
        if environ.get("PATH_INFO") == EVENTS_PATH and environ.get("REQUEST_METHOD") == "POST":
            verdict = gate.check(environ, secret, max_body)
            if verdict.status:
                return _plain(start_response, verdict.status, verdict.reason)
            # Bolt reads CONTENT_LENGTH bytes (none of a chunked body): give it the body read.
            environ["wsgi.input"] = io.BytesIO(verdict.body)
            environ["CONTENT_LENGTH"] = str(len(verdict.body))
        try:
            return handler(environ, start_response)
        except ValueError:  # a body that is not JSON or a form: never from Slack
            return _plain(start_response, 400, "bad request")
        except Exception as exc:  # Bolt choking on a signed payload's shape (gate.py missed it)
            log.warning("acknowledged a signed request Bolt could not read (%s)", _name(exc))
            return _plain(start_response, 200, "")

    return wsgi


def gunicorn_options(
    host: str, port: int, workers: int, threads: int, preload: bool = True
) -> dict[str, Any]:
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        # gthread, reading each request whole in the event loop before a thread takes it, so
        # that idle or slow connections cannot hold the threads (bot/slack/worker.py).
        "worker_class": "bot.slack.worker.BufferingThreadWorker",
        "threads": threads,
        "preload_app": preload,
        "timeout": 30,
        "graceful_timeout": 10,
        "keepalive": 5,
        "proc_name": "framework-bot",
        "accesslog": os.environ.get("FRAMEWORK_BOT_ACCESS_LOG") or None,
        "loglevel": os.environ.get("FRAMEWORK_BOT_LOG_LEVEL", "info").lower(),
        # gunicorn >= 25 opens a control socket under $HOME by default; the bot needs none, and
        # two instances on one host would fight over it.
        "control_socket_disable": True,
    }


def serve_http(
    load: Callable[[], WSGIApp],
    host: str,
    port: int,
    workers: int = 1,
    threads: int = 8,
    preload: bool = False,
    on_hup: Callable[[list[int], Callable[[int], None]], object] | None = None,
) -> int:
    """Run gunicorn in this process until it is stopped (SIGTERM/SIGINT).

    `load` makes the WSGI app: by default in every worker after the fork (no connection to a
    state store crosses a fork); with `preload`, once in the master before the fork.
    `on_hup(worker_pids, send_hup)` replaces gunicorn's own SIGHUP handling (re-read the
    configuration, replace every worker) in the master: see bot/slack/reload.py.
    """
    import signal

    from gunicorn.app.base import BaseApplication
    from gunicorn.arbiter import Arbiter

    class FrameworkBotArbiter(Arbiter):
        def handle_hup(self) -> None:
            if on_hup is None:
                super().handle_hup()
                return
            self.log.info("SIGHUP: reloading the knowledge")
            on_hup(list(self.WORKERS), lambda pid: self.kill_worker(pid, signal.SIGHUP))

    class FrameworkBotServer(BaseApplication):
        def __init__(self) -> None:
            self.options = gunicorn_options(host, port, workers, threads, preload)
            super().__init__()

        def load_config(self) -> None:
            for key, value in self.options.items():
                if key in self.cfg.settings:  # older gunicorns lack some settings
                    self.cfg.set(key, value)

        def load(self) -> WSGIApp:
            return load()

        def run(self) -> None:
            try:
                FrameworkBotArbiter(self).run()
            except RuntimeError as exc:
                print(f"\nError: {exc}\n", file=sys.stderr)
                sys.stderr.flush()
                sys.exit(1)

    FrameworkBotServer().run()
    return 0
