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


def _quiet_logger() -> logging.Logger:
    quiet = logging.getLogger("framework_bot.slack.startup")
    quiet.propagate = False
    if not quiet.handlers:
        quiet.addHandler(logging.NullHandler())
    return quiet


def check_bot_token(client: WebClient) -> dict[str, Any]:
    """auth.test once at start-up, so that a bad token is one clear line, not a traceback
    (through a quiet copy of the client: slack_sdk's own error logs would add noise)."""
    checker = WebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        proxy=client.proxy,
        ssl=client.ssl,
        logger=_quiet_logger(),
        retry_handlers=[],
    )
    try:
        response = checker.auth_test()
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
    bolt_logger = logging.getLogger("framework_bot.slack.bolt")
    level = bolt_logger.level
    # Bolt warns that SLACK_BOT_TOKEN in the environment is unused when a client is given.
    bolt_logger.setLevel(logging.ERROR)
    try:
        app = _new_app(client, config, mode, listener_threads, bolt_logger)
    finally:
        bolt_logger.setLevel(level)
    responder = Responder(engine, config)
    app.use(_dedupe_middleware(responder))
    register_listeners(app, responder)
    return app


def _new_app(
    client: WebClient, config: SlackConfig, mode: Mode, threads: int, logger: logging.Logger
) -> App:
    return App(
        client=client,
        signing_secret=config.signing_secret or "",
        # Socket Mode envelopes are not signed; HTTP requests must be (401 otherwise).
        request_verification_enabled=(mode == "http"),
        token_verification_enabled=False,  # done above, with a readable error
        process_before_response=False,  # acknowledge first, answer on a listener thread
        ignoring_self_events_enabled=True,
        listener_executor=ThreadPoolExecutor(
            max_workers=threads, thread_name_prefix="slack-listener"
        ),
        logger=logger,
    )


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
