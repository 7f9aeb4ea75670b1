"""`framework-bot serve` and `framework-bot manifest`.

bot/cli.py calls `register`; every Slack import happens inside the command handlers, so
`framework-bot ask` never loads Slack.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable

DEFAULT_PORT = 3000


def register(subparsers, add_data_options: Callable[[argparse.ArgumentParser], None]) -> None:
    serve = subparsers.add_parser(
        "serve",
        help="run the Slack app: Socket Mode (SLACK_APP_TOKEN), or HTTP with --http",
        description="Socket Mode needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN; --http needs "
        "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET and serves POST /slack/events and GET /healthz.",
    )
    serve.add_argument("--http", action="store_true", help="serve HTTP (gunicorn) instead")
    serve.add_argument(
        "--port", type=int, default=None, help=f"HTTP port (default: $PORT or {DEFAULT_PORT})"
    )
    serve.add_argument("--host", default="0.0.0.0", help="HTTP bind address (default: 0.0.0.0)")
    serve.add_argument(
        "--workers",
        type=int,
        default=None,
        help="gunicorn worker processes (default: $WEB_CONCURRENCY or 1; more than one needs a "
        "shared state store)",
    )
    serve.add_argument("--threads", type=int, default=8, help="threads per worker (default: 8)")
    add_data_options(serve)
    serve.set_defaults(func=cmd_serve)

    reload = subparsers.add_parser(
        "reload",
        help="make a running `serve` reload its knowledge (SIGHUP to the pid in its pid file)",
        description="Sends SIGHUP to the server named in the pid file ($FRAMEWORK_BOT_PIDFILE, "
        "else serve.pid in ~/.local/share/framework-bot) and prints its verdict: exit status 0 "
        "when the new knowledge is live, 1 when the server kept the previous knowledge (each "
        "problem is printed as file:line) or could not be reached.",
    )
    reload.add_argument("--pidfile", metavar="PATH", default=None, help="the server's pid file")
    reload.add_argument(
        "--timeout", type=float, default=30.0, help="seconds to wait for the verdict (default 30)"
    )
    reload.set_defaults(func=cmd_reload)

    manifest = subparsers.add_parser(
        "manifest", help="print the Slack app manifest (YAML); --http for HTTP mode"
    )
    manifest.add_argument(
        "--http", metavar="https://HOST", default=None, help="request URL base for HTTP mode"
    )
    manifest.set_defaults(func=cmd_manifest)


def _fail(message: str) -> int:
    print(f"framework-bot: {message}", file=sys.stderr)
    return 2


def _positive(value: str | int | None, name: str) -> int:
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        raise ValueError(f"{name} must be a positive whole number")
    return number


def cmd_serve(args: argparse.Namespace) -> int:
    from bot.slack.config import ConfigError, load_config

    mode = "http" if args.http else "socket"
    if mode == "socket" and not os.environ.get("SLACK_APP_TOKEN", "").strip():
        return _fail(
            "SLACK_APP_TOKEN is not set: set it for Socket Mode, or run `framework-bot serve "
            "--http` for HTTP mode"
        )
    if mode == "socket" and args.port is not None:
        return _fail("--port is for HTTP mode: use `framework-bot serve --http --port PORT`")
    try:
        config = load_config(os.environ, mode)
        port = _positive(args.port or os.environ.get("PORT") or DEFAULT_PORT, "--port (or PORT)")
        workers = _positive(
            args.workers or os.environ.get("WEB_CONCURRENCY") or 1, "--workers (or WEB_CONCURRENCY)"
        )
        threads = _positive(args.threads, "--threads")
    except (ConfigError, ValueError) as exc:
        return _fail(str(exc))

    logging.basicConfig(
        level=os.environ.get("FRAMEWORK_BOT_LOG_LEVEL", "INFO").upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from bot.slack.app import StartupError, build_app, check_bot_token, make_client
    from bot.slack.reload import (
        PidFile,
        Reloader,
        install_sighup,
        pidfile_path,
        reload_workers,
        status_path,
        worker_status_path,
    )

    pidfile = PidFile(pidfile_path(os.environ))
    status = status_path(pidfile.path)
    master = None  # HTTP mode: the engine the gunicorn master checked (the last good one)

    def new_engine():
        """A worker's engine: from the master's last good copy (inherited through the fork)
        when there is one, so that a worker started while a file is broken still boots."""
        from bot.engine import Engine
        from bot.state.factory import open_serving_store

        store = open_serving_store(os.environ)  # never raises: degraded while unusable
        if master is not None:
            engine = Engine(
                master.knowledge,
                master.intents,
                store,
                parts=(master.understanding, master.index),
            )
            engine.intents_dir = master.intents_dir
            return engine
        return Engine.load(args.knowledge, args.intents, store=store)

    try:
        if mode == "socket":
            from bot.slack.socket import serve_socket

            assert config.app_token is not None
            engine = new_engine()
            app = build_app(engine, config, mode)
            pidfile.write()
            try:
                return serve_socket(app, config.app_token, Reloader(engine, status))
            finally:
                pidfile.remove()

        # HTTP: check the token, the data and the state store here, so that any problem is
        # one line; then every gunicorn worker builds its own app after the fork, so that no
        # store connection (SQLite, Redis) crosses a fork. The master keeps the engine it
        # checked as the last good knowledge (SIGHUP: see bot/slack/reload.py).
        check_bot_token(make_client(config))
        master = _check_data_and_store(args)
        master_pid = os.getpid()
        master_reloader = Reloader(master, label="master")

        def make_wsgi_app():
            from bot.slack.health import with_store_health
            from bot.slack.http import create_wsgi_app

            engine = new_engine()
            pid = os.getpid()
            install_sighup(Reloader(engine, worker_status_path(status, pid), f"worker {pid}"))
            return with_store_health(create_wsgi_app(build_app(engine, config, mode)), engine.store)

        def on_hup(workers: list[int], send_hup) -> None:
            reload_workers(master_reloader, workers, send_hup, status)

        from bot.slack.http import serve_http
        from bot.state.hostlocal import ENV, host_state_path, remove_host_state

        # the workers' shared dedupe window (bot/state/hostlocal.py), named before the fork
        window = host_state_path()
        os.environ[ENV] = str(window)
        pidfile.write()
        try:
            return serve_http(make_wsgi_app, args.host, port, workers, threads, on_hup=on_hup)
        finally:
            pidfile.remove()  # only in the master: workers are forks and leave it alone
            if os.getpid() == master_pid:
                remove_host_state(window)
    except StartupError as exc:
        return _fail(str(exc))


def cmd_reload(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.slack.reload import pidfile_path, request_reload

    path = Path(args.pidfile).expanduser() if args.pidfile else pidfile_path(os.environ)
    status, text = request_reload(path, timeout=args.timeout)
    print(text, file=sys.stdout if status == 0 else sys.stderr)
    return status


def _check_data_and_store(args: argparse.Namespace):
    """The knowledge, then one round trip to the state store: a store that cannot be used is
    one clear line and exit status 2, unless FRAMEWORK_BOT_START_DEGRADED=1 asks to start
    anyway (answering from in-process state until the store is back)."""
    from bot.engine import Engine
    from bot.slack.app import StartupError
    from bot.state.factory import check_store, store_kind

    engine = Engine.load(args.knowledge, args.intents)  # data errors: bot.cli reports, exit 1
    try:
        check_store(os.environ)
    except Exception as exc:
        from bot.state.errors import describe

        message = describe(exc)
        url = os.environ.get("REDIS_URL") or ""
        if url:
            from bot.state.redis_store import redact_url

            message = message.replace(url, redact_url(url))
        if os.environ.get("FRAMEWORK_BOT_START_DEGRADED", "").strip() in ("1", "true", "yes"):
            logging.getLogger("framework_bot.state").warning(
                "cannot use the state store (%s) (%s): starting degraded "
                "(FRAMEWORK_BOT_START_DEGRADED)",
                store_kind(os.environ),
                message,
            )
            return engine
        raise StartupError(
            f"cannot use the state store ({store_kind(os.environ)}: {message}); fix it, or set "
            "FRAMEWORK_BOT_START_DEGRADED=1 to start with in-process state"
        ) from None
    return engine


def cmd_manifest(args: argparse.Namespace) -> int:
    from bot.slack.manifest import ManifestError, render_manifest

    try:
        sys.stdout.write(render_manifest(args.http))
    except ManifestError as exc:
        return _fail(str(exc))
    return 0
