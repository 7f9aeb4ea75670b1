"""Socket Mode: the app opens a websocket to Slack (no public URL needed).

slack_sdk's built-in Socket Mode client reconnects by itself: when Slack closes the connection
(it does so routinely, e.g. every few hours, and when it redeploys) the client asks
apps.connections.open for a new URL at once; when the connection dies silently, its monitor
notices within `PING_INTERVAL` seconds (a missing pong) and does the same.

Every envelope is checked before Bolt sees it, as HTTP requests are (bot/slack/gate.py): one
Slack would not send (no payload object, an `event` that is a string, a `text` that is a
number, `actions` that are not objects, ...) is acknowledged, so that Slack does not re-send
it, and logged in one line naming the field, never its value; it never reaches a listener.
Unchecked, Bolt raised on it and the envelope was never acknowledged, with a traceback each
time Slack re-sent it.
"""

from __future__ import annotations

import logging
import os
import signal
from typing import Any

from slack_bolt import App

from bot.slack.app import StartupError
from bot.slack.gate import shape_problem

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


# Envelopes that carry no request: the connection's own messages.
_CONTROL = frozenset({"hello", "disconnect"})


def envelope_problem(message: dict[str, Any]) -> str | None:
    """Why an envelope (one websocket message with an `envelope_id`) cannot be what Slack
    sends, for the fields slack_sdk, Bolt and the bot read; None if it is fine."""
    kind = message.get("type")
    if not isinstance(kind, str):
        return f"type is a {type(kind).__name__}"
    payload = message.get("payload")
    if not isinstance(payload, dict):
        return f"payload is a {type(payload).__name__}"
    return shape_problem(payload)


def checked_handler(app: App, app_token: str, ping_interval: float):
    """slack_bolt's built-in SocketModeHandler, with every envelope checked first (see the
    module doc): it takes the raw messages itself, so slack_sdk never builds a request from
    one it cannot (a payload that is not an object raised inside slack_sdk, unacknowledged)."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from slack_sdk.socket_mode.request import SocketModeRequest
    from slack_sdk.socket_mode.response import SocketModeResponse

    class CheckedSocketModeHandler(SocketModeHandler):
        def __init__(self) -> None:
            super().__init__(
                app, app_token=app_token, web_client=app.client, ping_interval=ping_interval
            )
            self.client.socket_mode_request_listeners.remove(self.handle)
            self.client.message_listeners.append(self.on_message)

        def on_message(self, client, message: dict[str, Any], raw_message: str | None) -> None:
            envelope_id = message.get("envelope_id")
            if envelope_id is None and message.get("type") in _CONTROL:
                return
            if not isinstance(envelope_id, str) or not envelope_id:
                log.warning("ignored a Socket Mode message without an envelope id")
                return
            problem = envelope_problem(message)
            if problem:
                log.warning(
                    "acknowledged a Socket Mode %s envelope Slack would not send (%s); ignored",
                    kind[:40] if isinstance(kind := message.get("type"), str) else "untyped",
                    problem,
                )
                client.send_socket_mode_response(SocketModeResponse(envelope_id=envelope_id))
                return
            request = SocketModeRequest.from_dict(message)
            if request is not None:
                self.handle(client, request)

    return CheckedSocketModeHandler()


def connect_socket_mode(app: App, app_token: str):
    """A connected SocketModeHandler (it reconnects by itself) that checks each envelope;
    raises StartupError when Slack rejects SLACK_APP_TOKEN or cannot be reached."""
    from slack_sdk.errors import SlackApiError

    handler = checked_handler(app, app_token, _ping_interval())
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
