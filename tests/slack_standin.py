"""A local stand-in for Slack, for tests on 127.0.0.1 with no network.

- `WebAPIStandIn`: the Web API (`SLACK_API_URL` points at it) and response_url endpoints; it
  records every call, answers ok:true in Slack's shapes, and checks each outgoing message
  against Block Kit's limits and the escaping rules.
- `SocketModeStandIn`: a websocket server (the `websockets` package) that says hello, delivers
  envelopes and records the app's acknowledgements; apps.connections.open returns its URL.
- `SlackSender`: sends requests to the app as Slack does, signed with v0 HMAC-SHA256.
- pytest fixtures (`standin`, `slack`, `checked_messages`), which tests/slack/conftest.py
  gives every Slack test (another test module imports them): the app is the real Bolt app and
  WSGI callable that `serve --http` runs, on 127.0.0.1; `serve_app` and `connect_socket_app`
  start more of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import itertools
import json
import re
import socket
import struct
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socketserver import ThreadingMixIn
from types import SimpleNamespace
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

import pytest

BOT_TOKEN = "xoxb-1111-2222-standintoken"
APP_TOKEN = "xapp-1-A111-222-standinapptoken"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
ONBOARDING_CHANNEL = "C0NBOARD1"
BOT_USER = "UBOT"
BOT_ID = "BBOT"
TEAM = "T1"
APP_ID = "A1"

# how often a local server's loop looks for shutdown(): closing one waits up to this long
# (http.server's 0.5 s, times every stand-in and app a session starts, was seconds of teardown)
POLL_SECONDS = 0.1

MESSAGE_METHODS = ("chat.postMessage", "chat.postEphemeral", "chat.update", "response_url")

# -- what a user would see ------------------------------------------------------------------


def texts_of(payload: Any) -> list[str]:
    """Every string Slack renders: top-level text and every text object's text."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    out.append(value)
                elif key not in ("value", "action_id", "block_id", "url"):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(payload)
    return out


def visible_text(payload: Any) -> str:
    return "\n".join(texts_of(payload))


def buttons_of(payload: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    blocks = payload.get("blocks") or (payload.get("view") or {}).get("blocks") or []
    for block in blocks:
        if block.get("type") == "actions":
            out += [e for e in block.get("elements", []) if e.get("type") == "button"]
    return out


_BROADCAST = re.compile(r"(?<![\w\u2060])@(here|channel|everyone)\b", re.IGNORECASE)


def safety_problems(payload: Any, allowed: tuple[re.Pattern[str], ...] = ()) -> list[str]:
    """Unescaped control characters or broadcast words in anything Slack would render.
    `allowed`: patterns of markup a test expects the app's own code to build (`<@UEXPERT1>`)."""
    problems = []
    for text in texts_of(payload):
        for markup in allowed:
            text = markup.sub("", text)
        if "<" in text or ">" in text:
            problems.append(f"raw < or > in {text[:120]!r}")
        if _BROADCAST.search(text.replace("@\u2060", "")):
            problems.append(f"bare broadcast word in {text[:120]!r}")
        if re.search(r"&(?!amp;|lt;|gt;)", text):
            problems.append(f"unescaped & in {text[:120]!r}")
    return problems


def block_kit_problems(payload: dict[str, Any], max_blocks: int = 50) -> list[str]:
    """Block Kit limits: blocks, section/header/button lengths, values, the text fallback."""
    problems = []
    blocks = payload.get("blocks")
    if blocks is None:
        return problems
    if len(blocks) > max_blocks:
        problems.append(f"{len(blocks)} blocks > {max_blocks}")
    if not str(payload.get("text") or "").strip() and max_blocks == 50:
        problems.append("blocks without a text fallback")
    block_ids = [b["block_id"] for b in blocks if "block_id" in b]
    if len(block_ids) != len(set(block_ids)):
        problems.append("duplicate block_id")
    for block in blocks:
        kind = block.get("type")
        if kind == "section" and len(block["text"]["text"]) > 3000:
            problems.append(f"section text {len(block['text']['text'])} > 3000")
        if kind == "section" and not block["text"]["text"].strip():
            problems.append("empty section")
        if kind == "header":
            text = block["text"]["text"]
            if not 0 < len(text) <= 150 or block["text"]["type"] != "plain_text":
                problems.append(f"bad header {text!r}")
        if kind == "context" and not 0 < len(block.get("elements", [])) <= 10:
            problems.append("context elements")
        if kind == "actions":
            elements = block.get("elements", [])
            if not 0 < len(elements) <= 25:
                problems.append("actions elements")
            ids = [e["action_id"] for e in elements]
            if len(ids) != len(set(ids)):
                problems.append("duplicate action_id in a block")
            for element in elements:
                if len(element["text"]["text"]) > 75:
                    problems.append(f"button label {element['text']['text']!r} > 75")
                if len(element.get("value", "")) > 2000:
                    problems.append("button value > 2000")
    return problems


# -- the Web API ----------------------------------------------------------------------------


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    token: str | None = None
    result: dict[str, Any] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)

    @property
    def channel(self) -> str | None:
        return self.args.get("channel")

    @property
    def ok(self) -> bool:
        """Slack accepted the call (not a fault, a failure or a rejected token)."""
        return self.method == "response_url" or bool(self.result.get("ok"))

    @property
    def text(self) -> str:
        return visible_text(self.args)


def _flatten_form(body: str) -> dict[str, Any]:
    args: dict[str, Any] = {}
    for key, values in urllib.parse.parse_qs(body, keep_blank_values=True).items():
        value: Any = values[-1]
        if key in ("blocks", "view", "attachments", "metadata"):
            with contextlib.suppress(ValueError):
                value = json.loads(value)
        args[key] = value
    return args


@dataclass
class Fault:
    """Make matching Web API calls fail, `times` times (None: for as long as it is listed).

    kind: "429" (rate limited, with `retry_after`), "500"/"502"/"503"/"504" (an HTML error page),
    "drop" (the connection is closed without an answer), "reset" (a TCP reset), or a Slack
    error code such as "channel_not_found" (HTTP 200, ok:false).
    """

    kind: str
    method: str = "chat.postMessage"
    channel: str | None = None
    times: int | None = 1
    retry_after: int = 1
    hits: int = 0

    def matches(self, method: str, args: dict[str, Any]) -> bool:
        if method != self.method or (self.times is not None and self.hits >= self.times):
            return False
        return self.channel is None or args.get("channel") == self.channel


class _BackloggedHTTPServer(ThreadingHTTPServer):
    request_queue_size = 128  # socketserver's 5 would reset connections under load


class WebAPIStandIn:
    """Slack's Web API on 127.0.0.1: records calls and answers ok:true."""

    def __init__(self, check: bool = True) -> None:
        self.calls: list[Call] = []
        self.problems: list[str] = []
        self.failures: dict[str, str] = {}  # method → Slack error code to answer with
        self.rejected_tokens: set[str] = set()
        self.faults: list[Fault] = []
        # (method, args) → a Fault kind or None, for load tests that fail a share of calls
        self.fault_hook: Callable[[str, dict[str, Any]], str | None] | None = None
        self.check = check  # Block Kit and escaping checks on every message
        self.keep_calls = True
        self.counts: dict[str, int] = {}
        self.ws_url: str | None = None
        # mentions and links the app's own code builds (a test sets them; user text never may)
        self.allowed_markup: tuple[re.Pattern[str], ...] = ()
        self.replies: dict[tuple[str, str], list[dict[str, Any]]] = {}  # conversations.replies
        self.usergroups: dict[str, list[str]] = {}  # usergroups.users.list
        self._cond = threading.Condition()
        self._ts = itertools.count(1)
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8") if length else ""
                path = urllib.parse.urlparse(self.path)
                query = _flatten_form(path.query)
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    args = json.loads(raw or "{}")
                else:
                    args = _flatten_form(raw)
                args = {**query, **args}
                auth = self.headers.get("Authorization", "")
                token = auth.removeprefix("Bearer ") if auth else args.pop("token", None)
                if path.path.startswith("/response/"):
                    standin._record(Call("response_url", args | {"_url": path.path}, token))
                    self._reply(200, b"ok", "text/plain")
                    return
                method = path.path.removeprefix("/api/")
                fault = standin._fault(method, args)
                if fault is not None:
                    standin._record(Call(method, args, token, {"ok": False, "fault": fault[0]}))
                    self._fail(*fault)
                    return
                result = standin._answer(method, args, token)
                self._reply(200, json.dumps(result).encode(), "application/json")

            def _fail(self, kind: str, retry_after: int) -> None:
                if kind in ("drop", "reset"):
                    if kind == "reset":  # RST instead of FIN
                        self.connection.setsockopt(
                            socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                        )
                    self.close_connection = True
                    with contextlib.suppress(OSError):
                        self.connection.shutdown(socket.SHUT_RDWR)
                    self.connection.close()
                elif kind == "429":
                    body = json.dumps({"ok": False, "error": "ratelimited"}).encode()
                    self._reply(429, body, "application/json", {"Retry-After": str(retry_after)})
                elif kind.isdigit():
                    self._reply(int(kind), b"<html>Server Error</html>", "text/html")
                else:
                    body = json.dumps({"ok": False, "error": kind}).encode()
                    self._reply(200, body, "application/json")

            def _reply(
                self,
                status: int,
                body: bytes,
                content_type: str,
                headers: dict[str, str] | None = None,
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

        self.server = _BackloggedHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(
            target=self.server.serve_forever, args=(POLL_SECONDS,), daemon=True
        )
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def api_url(self) -> str:
        return self.url + "api/"

    def response_url(self, name: str) -> str:
        return f"{self.url}response/{name}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- answers ---------------------------------------------------------------------------

    def _fault(self, method: str, args: dict[str, Any]) -> tuple[str, int] | None:
        with self._cond:
            for fault in self.faults:
                if fault.matches(method, args):
                    fault.hits += 1
                    return fault.kind, fault.retry_after
        if self.fault_hook is not None:
            kind = self.fault_hook(method, args)
            if kind:
                return kind, 1
        return None

    def _next_ts(self) -> str:
        n = next(self._ts)
        return f"{1_800_000_000 + n}.{n:06d}"

    def _answer(self, method: str, args: dict[str, Any], token: str | None) -> dict[str, Any]:
        call = Call(method, args, token)
        if token in self.rejected_tokens or method in self.failures:
            call.result = {"ok": False, "error": self.failures.get(method, "invalid_auth")}
            if token in self.rejected_tokens:
                call.result["error"] = "invalid_auth"
            self._record(call)
            return call.result
        result: dict[str, Any] = {"ok": True}
        if method == "auth.test":
            result |= {
                "url": "https://standin.slack.com/",
                "team": "Stand-in",
                "user": "framework-bot",
                "team_id": TEAM,
                "user_id": BOT_USER,
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        elif method == "apps.connections.open":
            result["url"] = self.ws_url
        elif method == "chat.postMessage":
            channel = str(args.get("channel") or "")
            if channel.startswith("U"):  # posting to a user id lands in the app's DM
                channel = "D" + channel[1:]
            ts = self._next_ts()
            result |= {
                "channel": channel,
                "ts": ts,
                "message": {
                    "text": args.get("text"),
                    "ts": ts,
                    "user": BOT_USER,
                    "bot_id": BOT_ID,
                    "blocks": args.get("blocks", []),
                },
            }
        elif method == "chat.postEphemeral":
            result["message_ts"] = self._next_ts()
        elif method == "chat.update":
            result |= {
                "channel": args.get("channel"),
                "ts": args.get("ts"),
                "text": args.get("text"),
            }
        elif method == "views.publish":
            result["view"] = {"id": "V1", **(args.get("view") or {})}
        elif method == "views.open":
            if not args.get("trigger_id"):
                result = {"ok": False, "error": "invalid_trigger_id"}
            else:
                result["view"] = {"id": f"V{next(self._ts)}", **(args.get("view") or {})}
        elif method == "chat.getPermalink":
            channel, ts = str(args.get("channel") or ""), str(args.get("message_ts") or "")
            result |= {
                "channel": channel,
                "permalink": f"https://standin.slack.com/archives/{channel}/p{ts.replace('.', '')}",
            }
        elif method == "usergroups.users.list":
            group = str(args.get("usergroup") or "")
            if group not in self.usergroups:
                result = {"ok": False, "error": "no_such_subteam"}
            else:
                result["users"] = list(self.usergroups[group])
        elif method == "conversations.replies":
            key = (str(args.get("channel") or ""), str(args.get("ts") or ""))
            result |= {"messages": self.replies.get(key, []), "has_more": False}
        call.result = result
        self._record(call)
        return result

    def _record(self, call: Call) -> None:
        views = ("views.publish", "views.open")
        payload = call.args.get("view") if call.method in views else call.args
        if (
            self.check
            and call.ok
            and call.method in (*MESSAGE_METHODS, *views)
            and isinstance(payload, dict)
        ):
            limit = 100 if call.method in views else 50
            problems = block_kit_problems(payload, limit)
            for problem in problems + safety_problems(payload, self.allowed_markup):
                self.problems.append(f"{call.method}: {problem}")
        with self._cond:
            key = call.method if call.ok else f"{call.method}!"
            self.counts[key] = self.counts.get(key, 0) + 1
            if self.keep_calls:
                self.calls.append(call)
            self._cond.notify_all()

    # -- waiting ---------------------------------------------------------------------------

    def find(self, predicate: Callable[[Call], bool]) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if predicate(c)]

    def wait_for(
        self, predicate: Callable[[Call], bool], count: int = 1, timeout: float = 10.0
    ) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if predicate(c)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.args.get("channel")) for c in self.calls[-8:]]
                    raise AssertionError(
                        f"expected {count} matching calls, got {len(found)}; last calls: {seen}"
                    )
                self._cond.wait(left)

    def settle(self, predicate: Callable[[Call], bool], wait: float = 0.6) -> list[Call]:
        """The matching calls after a quiet period (for 'no reply' and 'exactly one')."""
        time.sleep(wait)
        return self.find(predicate)


# -- Socket Mode ----------------------------------------------------------------------------


class SocketModeStandIn:
    """Slack's Socket Mode endpoint: a websocket server on 127.0.0.1."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.connections = 0
        self._cond = threading.Condition()
        self._clients: set[Any] = set()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the websocket stand-in did not start")

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._serve())

    async def _serve(self) -> None:
        from websockets.asyncio.server import serve

        self._stop = asyncio.Event()
        async with serve(self._handler, "127.0.0.1", 0) as server:
            self.port = next(iter(server.sockets)).getsockname()[1]
            self._ready.set()
            await self._stop.wait()

    async def _handler(self, websocket: Any) -> None:
        self._clients.add(websocket)
        with self._cond:
            self.connections += 1
            self._cond.notify_all()
        await websocket.send(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": 1,
                    "debug_info": {"host": "standin", "approximate_connection_time": 3600},
                    "connection_info": {"app_id": APP_ID},
                }
            )
        )
        try:
            async for message in websocket:
                with self._cond:
                    self.received.append(json.loads(message))
                    self._cond.notify_all()
        except Exception:
            pass
        finally:
            with self._cond:
                self._clients.discard(websocket)
                self._cond.notify_all()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/link/?ticket=standin"

    def wait_connected(self, timeout: float = 15.0) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: self.connections > 0 and self._clients, timeout):
                raise AssertionError("the app never opened a Socket Mode connection")

    def send(self, envelope: dict[str, Any]) -> None:
        async def deliver() -> None:
            for client in list(self._clients):
                await client.send(json.dumps(envelope))

        asyncio.run_coroutine_threadsafe(deliver(), self._loop).result(5)

    def drop(self, abrupt: bool = False) -> int:
        """Close every open connection: with a close frame (as Slack does when it rotates a
        connection) or, `abrupt`, by cutting the TCP connection. Returns how many."""

        async def close_all() -> int:
            clients = list(self._clients)
            for client in clients:
                if abrupt:
                    client.transport.abort()
                else:
                    await client.close(code=1001, reason="going away")
            return len(clients)

        return asyncio.run_coroutine_threadsafe(close_all(), self._loop).result(5)

    def wait_connections(self, count: int, timeout: float = 20.0) -> None:
        """Wait until the app has opened `count` connections in all and one is open now."""
        with self._cond:
            if not self._cond.wait_for(
                lambda: self.connections >= count and bool(self._clients), timeout
            ):
                raise AssertionError(
                    f"expected {count} connections, saw {self.connections} "
                    f"({len(self._clients)} open)"
                )

    def wait_for_ack(self, envelope_id: str, timeout: float = 10.0) -> dict[str, Any]:
        with self._cond:
            ok = self._cond.wait_for(
                lambda: any(m.get("envelope_id") == envelope_id for m in self.received), timeout
            )
            if not ok:
                raise AssertionError(f"envelope {envelope_id} was not acknowledged")
            return next(m for m in self.received if m.get("envelope_id") == envelope_id)

    def close(self) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(5)


# -- requests from Slack --------------------------------------------------------------------


def sign(secret: str, timestamp: str, body: bytes) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


_ids = itertools.count(1)


def new_ts() -> str:
    n = next(_ids)
    return f"{1_700_000_000 + n}.{n:06d}"


def new_id(prefix: str) -> str:
    return f"{prefix}{next(_ids):08d}"


class SlackSender:
    """Posts to the app's /slack/events the way Slack does: signed, in documented shapes."""

    def __init__(self, base_url: str, signing_secret: str, standin: WebAPIStandIn) -> None:
        self.events_url = base_url.rstrip("/") + "/slack/events"
        self.secret = signing_secret
        self.standin = standin

    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        timestamp: int | None = None,
        signature: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        request = urllib.request.Request(
            self.events_url,
            data=body,
            method="POST",
            headers={
                "Content-Type": content_type,
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": signature or sign(self.secret, ts, body),
                **(headers or {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry: int | None = None,
        **kwargs: Any,
    ) -> tuple[int, str]:
        body = json.dumps(event_callback(event, event_id)).encode()
        headers = (
            {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
            if retry
            else None
        )
        return self.post(body, "application/json", headers=headers, **kwargs)

    def command(
        self, text: str, *, channel: str, user: str = "U1", command: str = "/framework"
    ) -> tuple[int, str, str]:
        hook = self.standin.response_url(new_id("cmd"))
        form = {
            "token": "legacy-verification-token",
            "team_id": TEAM,
            "team_domain": "standin",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": "ada",
            "command": command,
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": hook,
            "trigger_id": new_id("trigger"),
        }
        status, body = self.post(
            urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded"
        )
        return status, body, hook

    def interact(self, payload: dict[str, Any]) -> tuple[int, str]:
        body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        return self.post(body, "application/x-www-form-urlencoded")


def event_callback(event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or new_id("Ev"),
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": TEAM,
                "user_id": BOT_USER,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": "4-standin",
    }


def message(
    text: str,
    *,
    channel: str,
    user: str = "U1",
    ts: str | None = None,
    thread_ts: str | None = None,
    channel_type: str = "channel",
    **extra: Any,
) -> dict[str, Any]:
    ts = ts or new_ts()
    event = {
        "type": "message",
        "channel": channel,
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "team": TEAM,
        "channel_type": channel_type,
        "client_msg_id": new_id("msg-"),
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event | extra


def app_mention(
    text: str,
    *,
    channel: str,
    user: str = "U1",
    ts: str | None = None,
    thread_ts: str | None = None,
) -> dict[str, Any]:
    ts = ts or new_ts()
    event = {
        "type": "app_mention",
        "channel": channel,
        "user": user,
        "text": f"<@{BOT_USER}> {text}",
        "ts": ts,
        "event_ts": ts,
        "team": TEAM,
        "client_msg_id": new_id("msg-"),
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def block_actions(
    button: dict[str, Any],
    *,
    channel: str | None,
    user: str = "U1",
    message: dict[str, Any] | None = None,
    ephemeral: bool = False,
    response_url: str | None = None,
    home: bool = False,
) -> dict[str, Any]:
    """A click on `button` (as the app rendered it) in a message, an ephemeral or the Home."""
    action = {
        "action_id": button["action_id"],
        "block_id": "b",
        "text": button["text"],
        "value": button.get("value", ""),
        "type": "button",
        "action_ts": str(time.time()),
    }
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "username": "ada", "name": "ada", "team_id": TEAM},
        "api_app_id": APP_ID,
        "token": "legacy-verification-token",
        "trigger_id": new_id("trigger"),
        "team": {"id": TEAM, "domain": "standin"},
        "enterprise": None,
        "is_enterprise_install": False,
        "actions": [action],
    }
    if home:
        payload["container"] = {"type": "view", "view_id": "V1"}
        payload["view"] = {"id": "V1", "type": "home", "blocks": []}
        return payload
    message = message or {}
    container: dict[str, Any] = {
        "type": "message",
        "message_ts": message.get("ts") or new_ts(),
        "channel_id": channel,
        "is_ephemeral": ephemeral,
    }
    if message.get("thread_ts"):
        container["thread_ts"] = message["thread_ts"]
    payload |= {
        "container": container,
        "channel": {"id": channel, "name": "general"},
        "state": {"values": {}},
    }
    if not ephemeral:
        payload["message"] = {"type": "message", "user": BOT_USER, "bot_id": BOT_ID, **message}
    if response_url:
        payload["response_url"] = response_url
    return payload


_channels = itertools.count(1)


def new_channel(prefix: str = "C") -> str:
    return f"{prefix}{next(_channels):08d}"


# -- pytest fixtures ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def standin(request):
    """The Web API stand-in, one per test module: tests set faults, failures, user groups and
    allowed markup on it, and one module's settings must not reach the next. Closed at the end
    of the session: a Socket Mode client closing in the background after its module has
    finished may still call it."""
    api = WebAPIStandIn()
    request.session.addfinalizer(api.close)
    return api


@pytest.fixture(autouse=True)
def checked_messages(standin):
    """Every message a test makes the app send is escaped and inside Block Kit's limits."""
    before = len(standin.problems)
    yield
    assert standin.problems[before:] == [], standin.problems[before:]


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def slack_env(standin: WebAPIStandIn, **extra: str) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": standin.api_url,
        "ONBOARDING_CHANNELS": ONBOARDING_CHANNEL,
        **extra,
    }


def serve_app(
    standin: WebAPIStandIn, store=None, engine=None, env=None, **options: Any
) -> SimpleNamespace:
    """The real Bolt app and the WSGI callable `serve --http` runs, served on 127.0.0.1 from a
    thread; `store` is the engine's state store (default: in memory); `env` adds settings
    (e.g. FRAMEWORK_BOT_EXPERTS_CHANNEL); `options` go to build_app (e.g. listener_threads).
    Call `.close()` when done."""
    from bot.engine import Engine
    from bot.slack.app import build_app
    from bot.slack.config import load_config
    from bot.slack.http import create_wsgi_app

    engine = engine or Engine.load(store=store)
    config = load_config(slack_env(standin, **(env or {})), "http")
    app = build_app(engine, config, "http", **options)
    server = _ThreadingWSGIServer(("127.0.0.1", 0), _QuietHandler)
    server.set_app(create_wsgi_app(app))
    thread = threading.Thread(target=server.serve_forever, args=(POLL_SECONDS,), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"

    def close() -> None:
        server.shutdown()
        server.server_close()
        app.listener_runner.listener_executor.shutdown(wait=True, cancel_futures=False)

    return SimpleNamespace(
        url=url,
        engine=engine,
        app=app,
        standin=standin,
        send=SlackSender(url, SIGNING_SECRET, standin),
        close=close,
    )


def connect_socket_app(standin: WebAPIStandIn, app_token: str, engine=None) -> SimpleNamespace:
    """The real Bolt app in Socket Mode, as `serve` runs it without --http, connected to the
    websocket that the stand-in's apps.connections.open hands out (`standin.ws_url`). Call
    `.close()` when done; it does not wait for slack_sdk's close(), which joins its threads for
    ~3 s while nothing here needs it to."""
    from bot.engine import Engine
    from bot.slack.app import build_app
    from bot.slack.config import load_config
    from bot.slack.socket import connect_socket_mode

    env = slack_env(standin, SLACK_APP_TOKEN=app_token)
    app = build_app(engine or Engine.load(), load_config(env, "socket"), "socket")
    handler = connect_socket_mode(app, app_token)

    def close() -> None:
        threading.Thread(target=handler.close, daemon=True).start()

    return SimpleNamespace(app=app, handler=handler, close=close)


@pytest.fixture(scope="module")
def slack(standin):
    """The real Bolt app and the WSGI callable `serve --http` runs, served on 127.0.0.1 (one
    per test module, talking to that module's stand-in)."""
    served = serve_app(standin)
    yield served
    served.close()
