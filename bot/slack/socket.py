"""Socket Mode: the app opens a websocket to Slack (no public URL needed)."""

from __future__ import annotations

import logging
import signal
import threading

from slack_bolt import App

from bot.slack.app import StartupError

log = logging.getLogger("framework_bot.slack")


def connect_socket_mode(app: App, app_token: str):
    """A connected SocketModeHandler (it reconnects by itself); raises StartupError when Slack
    rejects SLACK_APP_TOKEN or cannot be reached."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from slack_sdk.errors import SlackApiError

    handler = SocketModeHandler(app, app_token=app_token, web_client=app.client)
    try:
        handler.connect()
    except SlackApiError as exc:
        code = exc.response.get("error", "unknown_error")
        raise StartupError(f"Slack rejected SLACK_APP_TOKEN ({code})") from None
    except OSError as exc:
        raise StartupError(f"cannot open a Socket Mode connection ({exc})") from None
    return handler


def serve_socket(app: App, app_token: str) -> int:
    """Run until SIGTERM or Ctrl-C."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    handler = connect_socket_mode(app, app_token)
    log.info("framework-bot is running in Socket Mode")
    try:
        stop.wait()
    finally:
        handler.close()
    return 0
