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

    def make_app():
        from bot.engine import Engine
        from bot.state.factory import open_store

        engine = Engine.load(args.knowledge, args.intents, store=open_store(os.environ))
        return build_app(engine, config, mode)

    try:
        if mode == "socket":
            from bot.slack.socket import serve_socket

            assert config.app_token is not None
            return serve_socket(make_app(), config.app_token)

        # HTTP: check the token, the data and the state store here, so that any problem is
        # one line; then every gunicorn worker builds its own app after the fork, so that no
        # store connection (SQLite, Redis) crosses a fork.
        check_bot_token(make_client(config))
        _check_data_and_store(args)
        from bot.slack.http import create_wsgi_app, serve_http

        return serve_http(lambda: create_wsgi_app(make_app()), args.host, port, workers, threads)
    except StartupError as exc:
        return _fail(str(exc))


def _check_data_and_store(args: argparse.Namespace) -> None:
    from bot.engine import Engine
    from bot.slack.app import StartupError
    from bot.state.factory import open_store

    Engine.load(args.knowledge, args.intents)  # data errors: reported by bot.cli, exit 1
    try:
        open_store(os.environ).close()
    except Exception as exc:
        message = str(exc)
        url = os.environ.get("REDIS_URL") or ""
        if url:
            from bot.state.redis_store import redact_url

            message = message.replace(url, redact_url(url))
        raise StartupError(
            f"cannot open the state store ({type(exc).__name__}: {message})"
        ) from None


def cmd_manifest(args: argparse.Namespace) -> int:
    from bot.slack.manifest import ManifestError, render_manifest

    try:
        sys.stdout.write(render_manifest(args.http))
    except ManifestError as exc:
        return _fail(str(exc))
    return 0
