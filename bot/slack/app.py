"""The app factory: a Bolt app over an engine, for HTTP mode or Socket Mode."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.engine import Engine
from bot.slack.config import Mode, SlackConfig
from bot.slack.listeners import register_listeners
from bot.slack.responder import Responder

log = logging.getLogger("framework_bot.slack")

LISTENER_THREADS = 16


class StartupError(RuntimeError):
    """Slack refused a token or could not be reached; the message holds no secret."""


def make_client(config: SlackConfig) -> WebClient:
    kwargs: dict[str, Any] = {"token": config.bot_token, "timeout": 10}
    if config.api_url:
        kwargs["base_url"] = config.api_url
    return WebClient(**kwargs)


def check_bot_token(client: WebClient) -> dict[str, Any]:
    """auth.test once at start-up, so that a bad token is one clear line, not a traceback."""
    try:
        response = client.auth_test()
    except SlackApiError as exc:
        code = exc.response.get("error", "unknown_error")
        raise StartupError(f"Slack rejected SLACK_BOT_TOKEN ({code})") from None
    except OSError as exc:  # URLError, connection refused, DNS, timeouts
        reason = getattr(exc, "reason", exc)
        raise StartupError(
            f"cannot reach the Slack Web API at {client.base_url} ({reason})"
        ) from None
    if not response.get("bot_id"):
        raise StartupError("SLACK_BOT_TOKEN is not a bot token (auth.test shows no bot)")
    return dict(response.data) if isinstance(response.data, dict) else {}


def build_app(
    engine: Engine,
    config: SlackConfig,
    mode: Mode = "http",
    *,
    client: WebClient | None = None,
    listener_threads: int = LISTENER_THREADS,
) -> App:
    """A ready Bolt app. Raises StartupError when Slack rejects the bot token."""
    client = client or make_client(config)
    check_bot_token(client)
    app = App(
        client=client,
        signing_secret=config.signing_secret or "",
        # Socket Mode envelopes are not signed; HTTP requests must be (401 otherwise).
        request_verification_enabled=(mode == "http"),
        token_verification_enabled=False,  # done above, with a readable error
        process_before_response=False,  # acknowledge first, answer on a listener thread
        ignoring_self_events_enabled=True,
        listener_executor=ThreadPoolExecutor(
            max_workers=listener_threads, thread_name_prefix="slack-listener"
        ),
        logger=logging.getLogger("framework_bot.slack.bolt"),
    )
    responder = Responder(engine, config)
    app.use(_dedupe_middleware(responder))
    register_listeners(app, responder)
    return app


def _dedupe_middleware(responder: Responder):
    """Each Events API delivery once: a retry (X-Slack-Retry-Num) of an event already seen is
    acknowledged with 200 and goes no further. (channel, ts) dedupe happens where a message is
    answered, since app_mention and message.* carry different event ids for one question."""

    def dedupe_events(body: dict[str, Any], next) -> BoltResponse | None:
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not responder.claim_event(str(event_id)):
            log.debug("duplicate event %s acknowledged", event_id)
            return BoltResponse(status=200, body="")
        return next()

    return dedupe_events
