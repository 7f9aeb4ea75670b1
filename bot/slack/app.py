"""The app factory: a Bolt app over an engine, for HTTP mode or Socket Mode."""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse
from slack_bolt.error import BoltUnhandledRequestError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.engine import Engine
from bot.slack.config import Mode, SlackConfig
from bot.slack.dedupe import claim_delivery
from bot.slack.incoming import question_key, reads_of, team_of
from bot.slack.listeners import register_listeners
from bot.slack.redact import protect
from bot.slack.retry import retry_handlers
from bot.slack.services import Services

log = logging.getLogger("framework_bot.slack")

# Threads answering questions (the listener executor), per process. A thread waiting out a
# Retry-After holds one of them, but never an acknowledgement: those run on the request thread.
LISTENER_THREADS = 32  # FRAMEWORK_BOT_LISTENER_THREADS overrides


def _listener_threads() -> int:
    try:
        value = int(os.environ.get("FRAMEWORK_BOT_LISTENER_THREADS") or LISTENER_THREADS)
    except ValueError:
        return LISTENER_THREADS
    return value if value > 0 else LISTENER_THREADS


class StartupError(RuntimeError):
    """Slack refused a token or could not be reached; the message holds no secret."""


def quiet_unless_debugging(name: str) -> logging.Logger:
    """A logger for slack_sdk or Bolt with its own level set: both test `logger.level <= DEBUG`
    (the logger's own level, 0 when unset) before formatting debug lines, so an unset level
    costs a formatted copy of every request and response even when nothing is logged."""
    logger = logging.getLogger(name)
    root = logging.getLogger().getEffectiveLevel()
    logger.setLevel(max(logging.INFO, root) if root > logging.DEBUG else logging.DEBUG)
    return logger


class _RetriedFailures(logging.Filter):
    """slack_sdk logs every failed attempt at ERROR, also those its retry handlers then retry;
    those are warnings here. A call that finally fails is logged by the caller, at ERROR, with
    Slack's error code."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.ERROR and str(record.msg).startswith(
            "Failed to send a request to Slack API server"
        ):
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def make_client(config: SlackConfig) -> WebClient:
    """The Web API client Bolt uses (and copies per request), with the retry handlers."""
    protect(config.bot_token, config.app_token, config.signing_secret)
    kwargs: dict[str, Any] = {
        "token": config.bot_token,
        "timeout": 10,
        "retry_handlers": retry_handlers(),
        "logger": _web_logger(),
    }
    if config.api_url:
        kwargs["base_url"] = config.api_url
    return WebClient(**kwargs)


def _web_logger() -> logging.Logger:
    logger = quiet_unless_debugging("framework_bot.slack.web")
    if not any(isinstance(f, _RetriedFailures) for f in logger.filters):
        logger.addFilter(_RetriedFailures())
    return logger


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
    listener_threads: int | None = None,
) -> App:
    """A ready Bolt app. Raises StartupError when Slack rejects the bot token."""
    protect(config.bot_token, config.app_token, config.signing_secret)
    client = client or make_client(config)
    check_bot_token(client)
    bolt_logger = quiet_unless_debugging("framework_bot.slack.bolt")
    level = bolt_logger.level
    # Bolt warns that SLACK_BOT_TOKEN in the environment is unused when a client is given.
    bolt_logger.setLevel(logging.ERROR)
    try:
        threads = listener_threads or _listener_threads()
        app = _new_app(client, config, mode, threads, bolt_logger)
    finally:
        bolt_logger.setLevel(level)
    services = Services.start(engine, config)
    app.use(dedupe_middleware(services))
    app.error(handle_errors)
    register_listeners(app, services)
    return app


def handle_errors(error: Exception, body: dict[str, Any]) -> BoltResponse | None:
    """Unhandled requests (unknown payload types, events without a listener): 200 and nothing
    else. Any other error keeps Bolt's 500 (Slack retries, and the dedupe keys make sure the
    retry cannot answer twice); it is logged with its traceback, secrets redacted."""
    if isinstance(error, BoltUnhandledRequestError):
        log.debug("acknowledged an unhandled %s request", body.get("type") or "unknown")
        return BoltResponse(status=200, body="")
    log.error("request failed: %s", _describe(error), exc_info=error)
    return None


def _describe(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        return f"Slack API error {error.response.get('error', 'unknown_error')}"
    return type(error).__name__


def _new_app(
    client: WebClient, config: SlackConfig, mode: Mode, threads: int, logger: logging.Logger
) -> App:
    return App(
        client=client,
        signing_secret=config.signing_secret or "",
        # Socket Mode envelopes are not signed; HTTP requests must be (401 otherwise).
        request_verification_enabled=(mode == "http"),
        token_verification_enabled=False,  # done above, with a readable error
        # Every listener acknowledges on the thread that received the request and hands the
        # work (answering, posting, retrying) to the listener executor (bot/slack/listeners), so
        # that an acknowledgement never waits for a busy pool.
        process_before_response=True,
        ignoring_self_events_enabled=True,
        # A request no listener takes goes to the error handler below, which acknowledges it
        # with 200: Slack retries a 404, and would keep retrying an event the bot ignores.
        raise_error_for_unhandled_request=True,
        listener_executor=ThreadPoolExecutor(
            max_workers=threads, thread_name_prefix="slack-listener"
        ),
        logger=logger,
    )


def dedupe_middleware(services: Services):
    """Exactly one answer per question, before anything else runs (HTTP and Socket Mode):

    - each Events API delivery once: a re-delivery of an `event_id` already seen (Slack's
      retries, `X-Slack-Retry-Num`) is acknowledged with 200 and goes no further;
    - each question once: a person's message is claimed by (channel, ts), so the
      `app_mention` and `message.*` deliveries of one mention give one answer.

    Both keys live in the state store (`first_time`, atomic), so they hold across the workers
    and instances that share it (bot/slack/dedupe.py); the same round trip fetches the
    contexts the answer will read (`reads_of` in bot/slack/incoming.py, bot/state/batch.py). A
    key is claimed when the delivery arrives, so a process that dies between acknowledging and
    answering loses that answer (at most once, never twice).
    """

    def dedupe_events(body: dict[str, Any], context: BoltContext, next) -> BoltResponse | None:
        if body.get("type") == "app_rate_limited":
            # Slack stops sending this workspace's events for a minute when an app answers
            # too slowly or gets too many: worth knowing, nothing to answer.
            log.warning("Slack rate-limited the Events API for team %s", body.get("team_id"))
            return BoltResponse(status=200, body="")
        if body.get("type") != "event_callback":
            return next()
        event_id = body.get("event_id")
        event = body.get("event") or {}
        question = question_key(event, context.bot_user_id)
        team = team_of(context, body)  # as the event listeners take it
        fetch = reads_of(event, team, context.bot_user_id) if question else []
        delivery = str(event_id) if event_id else None
        if not claim_delivery(services.store, delivery, question, fetch):
            log.debug("duplicate delivery acknowledged (%s, %s)", event_id, question)
            return BoltResponse(status=200, body="")
        return next()

    return dedupe_events
