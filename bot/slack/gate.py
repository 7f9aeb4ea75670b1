"""Checks on every POST to /slack/events before Bolt sees it, cheapest first.

Bolt parses a body before it checks the signature, and assumes Slack's shapes while doing so: a
JSON `[1]` or a form `payload=null` raised inside Bolt (HTTP 500 and a traceback per request),
and a 50 MB body was read whole before the 401. Here, in order:

1. a `Content-Length` over `MAX_BODY` is refused with 413 without reading a byte;
2. a request without a fresh, well-formed `X-Slack-Request-Timestamp` and `X-Slack-Signature`
   is refused with 401, also without reading the body;
3. the body is read up to `MAX_BODY` (a chunked body that grows past it: 413);
4. the v0 HMAC-SHA256 signature is checked over the raw bytes (401 when it does not match);
5. a signed body that is not a JSON object (or a form whose `payload` is not one) gets 400;
6. a signed body with an object in an odd shape (an `event` that is a list, a `text` that is a
   number, `actions` that are not objects, ...) is acknowledged with 200 and logged in one line,
   and never reaches a listener: Slack would only retry a 5xx. Socket Mode envelopes get the
   same check (`shape_problem`, from bot/slack/socket.py).

Anything that passes goes to Bolt, which checks the signature again (cheap) and dispatches.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

log = logging.getLogger("framework_bot.slack")

# The largest payload this app can get is a click on one of its own messages: the message
# (at most 50 blocks of 3,000 characters) comes with it, form-encoded, under 0.5 MB even when
# every character is percent-encoded. 1 MiB leaves room and bounds what 16 bodies read at once
# can cost (the bot opens no modals, whose submissions could be larger).
MAX_BODY = 1024 * 1024
MAX_AGE = 5 * 60  # seconds: Slack's replay window (Bolt's too)
_READ_CHUNK = 256 * 1024  # fewer, larger reads: gunicorn copies its buffer on each

# Event types a listener answers, and the fields it reads as strings.
_ANSWERED_EVENTS = frozenset({"app_mention", "message", "app_home_opened", "member_joined_channel"})
_EVENT_STRINGS = ("channel", "user", "text", "ts", "thread_ts", "subtype", "channel_type", "tab")
_ACTION_STRINGS = ("action_id", "value", "block_id", "action_ts")
_ACTION_OBJECTS = ("user", "team", "channel", "container", "message", "view")
# A slash command's fields, which the bot reads as strings (always so in an HTTP form; Socket
# Mode sends JSON, where they could be anything).
_COMMAND_STRINGS = (
    "command",
    "text",
    "team_id",
    "channel_id",
    "user_id",
    "trigger_id",
    "response_url",
)


@dataclass(frozen=True)
class Verdict:
    """What to answer instead of dispatching (status and a short plain-text body), or, with
    `status` 0, the body to dispatch."""

    status: int
    reason: str = ""
    body: bytes = b""


def declared_length(environ: dict[str, Any]) -> int | None:
    raw = str(environ.get("CONTENT_LENGTH") or "").strip()
    return int(raw) if raw.isdigit() else None


def fresh_timestamp(raw: str | None, now: float | None = None) -> bool:
    """A whole number of seconds within `MAX_AGE` of now (not 'abc', not '1e9', not '-1')."""
    if not raw or not raw.isdigit() or len(raw) > 12:
        return False
    return abs((time.time() if now is None else now) - int(raw)) <= MAX_AGE


def signature_matches(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))


def read_body(stream: Any, length: int | None, limit: int = MAX_BODY) -> bytes | None:
    """The request body, `length` bytes when the request declared it (PEP 3333: never read
    past it), else up to the end of a chunked body; None when that is more than `limit`.
    One growing buffer (no list of pieces to join): 16 bodies at the limit cost 16 x limit."""
    body = bytearray()
    want = limit + 1 if length is None else min(length, limit + 1)
    while len(body) < want:
        chunk = stream.read(min(_READ_CHUNK, want - len(body)))
        if not chunk:
            break
        body += chunk
    if len(body) > limit:
        return None
    return bytes(body)


def parse(body: bytes, content_type: str) -> Any:
    """The body as Bolt would parse it (slack_bolt.request.internals.parse_body); raises
    ValueError for anything that is not JSON or a form."""
    text = body.decode("utf-8")  # UnicodeDecodeError is a ValueError
    if not text:
        return {}
    try:
        if content_type == "application/json" or text.startswith("{"):
            return json.loads(text)
        form = dict(parse_qsl(text, keep_blank_values=True))
        return json.loads(form["payload"]) if "payload" in form else form
    except RecursionError as exc:  # nesting thousands of levels deep
        raise ValueError("nested too deeply") from exc


def _strings(value: dict[str, Any], keys: tuple[str, ...], where: str) -> str | None:
    for key in keys:
        if value.get(key) is not None and not isinstance(value[key], str):
            return f"{where}.{key} is a {type(value[key]).__name__}"
    return None


def _common_problem(payload: dict[str, Any]) -> str | None:
    """The fields Bolt reads from every payload while building a request (its context)."""
    authorizations = payload.get("authorizations")
    if authorizations is not None and (
        not isinstance(authorizations, list)
        or not all(isinstance(item, dict) for item in authorizations)
    ):
        return "authorizations is not a list of objects"
    for key in ("enterprise", "team"):
        value = payload.get(key)
        if value is not None and not isinstance(value, dict | str):
            return f"{key} is a {type(value).__name__}"
    return None


def shape_problem(payload: dict[str, Any]) -> str | None:
    """Why a signed payload cannot be what Slack sends, for the fields Bolt and the bot read;
    None if it is fine. Event types the bot only acknowledges are not looked into."""
    problem = _common_problem(payload)
    if problem:
        return problem
    if payload.get("type") == "event_callback":
        event = payload.get("event")
        if not isinstance(event, dict):
            return f"event is a {type(event).__name__}"
        if not isinstance(event.get("type"), str):
            return "event.type is not a string"
        if event["type"] in _ANSWERED_EVENTS:
            return _strings(event, _EVENT_STRINGS, "event")
        return None
    if "command" in payload and payload.get("type") is None:
        for key in _COMMAND_STRINGS:
            if payload.get(key) is not None and not isinstance(payload[key], str):
                return f"{key} is a {type(payload[key]).__name__}"
        return None
    if payload.get("type") == "block_actions":
        actions = payload.get("actions")
        if not isinstance(actions, list) or not actions:
            return "actions is not a list of actions"
        for action in actions:
            if not isinstance(action, dict):
                return f"an action is a {type(action).__name__}"
            if not isinstance(action.get("action_id"), str):
                return "an action has no action_id"
            problem = _strings(action, _ACTION_STRINGS, "action")
            if problem:
                return problem
        for key in _ACTION_OBJECTS:
            if payload.get(key) is not None and not isinstance(payload[key], dict):
                return f"{key} is a {type(payload[key]).__name__}"
        for key in ("user", "channel", "team"):
            problem = _strings(payload.get(key) or {}, ("id",), key)
            if problem:
                return problem
    return None


def check(environ: dict[str, Any], secret: str, limit: int = MAX_BODY) -> Verdict:
    """The verdict on one POST to /slack/events (see the module docstring)."""
    length = declared_length(environ)
    if length is not None and length > limit:
        return Verdict(413, "request body too large")
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
    signature = str(environ.get("HTTP_X_SLACK_SIGNATURE") or "")
    if not fresh_timestamp(timestamp) or not signature.startswith("v0="):
        return Verdict(401, "invalid request")
    stream = environ.get("wsgi.input")
    if length is None and not environ.get("wsgi.input_terminated"):
        length = 0  # no length and no chunked body (gunicorn sets wsgi.input_terminated)
    body = read_body(stream, length, limit) if stream is not None else b""
    if body is None:
        return Verdict(413, "request body too large")
    assert timestamp is not None
    if not signature_matches(secret, timestamp, body, signature):
        return Verdict(401, "invalid request")
    content_type = str(environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
    try:
        payload = parse(body, content_type)
    except (ValueError, KeyError):
        return Verdict(400, "bad request")
    if not isinstance(payload, dict):
        return Verdict(400, "bad request")
    problem = shape_problem(payload)
    if problem:
        log.warning(
            "acknowledged a signed %s request Slack would not send (%s); ignored",
            str(payload.get("type") or "untyped")[:40],
            problem,
        )
        return Verdict(200)
    return Verdict(0, body=body)
