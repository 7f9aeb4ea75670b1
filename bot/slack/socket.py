"""Socket Mode: the app opens a websocket to Slack (no public URL needed).

slack_sdk's built-in Socket Mode client reconnects by itself: when Slack closes the connection
(it does so routinely, e.g. every few hours, and when it redeploys) the client asks
apps.connections.open for a new URL at once; when the connection dies silently, its monitor
notices within `PING_INTERVAL` seconds (a missing pong) and does the same.
"""

from __future__ import annotations

import logging
import os
import signal

from slack_bolt import App

from bot.slack.app import StartupError

log = logging.getLogger("framework_bot.slack")

PING_INTERVAL = (
    5.0  # seconds (slack_sdk's own default); FRAMEWORK_BOT_SOCKET_PING_INTERVAL overrides
)


def _ping_interval() -> float:
    try:
        value = float(os.environ.get("FRAMEWORK_BOT_SOCKET_PING_INTERVAL") or PING_INTERVAL)
    except ValueError:
        return PING_INTERVAL
    return value if value > 0 else PING_INTERVAL


def connect_socket_mode(app: App, app_token: str):
    """A connected SocketModeHandler (it reconnects by itself); raises StartupError when Slack
    rejects SLACK_APP_TOKEN or cannot be reached."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from slack_sdk.errors import SlackApiError

    handler = SocketModeHandler(
        app, app_token=app_token, web_client=app.client, ping_interval=_ping_interval()
    )
    try:
        handler.connect()
    except SlackApiError as exc:
        code = exc.response.get("error", "unknown_error")
        raise StartupError(f"Slack rejected SLACK_APP_TOKEN ({code})") from None
    except OSError as exc:
        raise StartupError(f"cannot open a Socket Mode connection ({exc})") from None
    return handler


def serve_socket(app: App, app_token: str, reloader=None) -> int:
    """Run until SIGTERM or Ctrl-C; SIGHUP reloads the knowledge (`reloader.reload()`).

    The signals are blocked before any thread starts (threads inherit the mask) and taken with
    sigwait in the main thread, so that the reload runs as ordinary code, not in a handler."""
    signals = {signal.SIGTERM, signal.SIGINT, signal.SIGHUP}
    signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    handler = connect_socket_mode(app, app_token)
    log.info("framework-bot is running in Socket Mode")
    try:
        while True:
            received = signal.sigwait(signals)
            if received != signal.SIGHUP:
                break
            if reloader is not None:
                reloader.reload()
    finally:
        handler.close()
        signal.pthread_sigmask(signal.SIG_UNBLOCK, signals)
    return 0
