"""GET /healthz with the state store's condition in the body.

Wraps the WSGI app of bot/slack/http.py (which answers a bare ``{"ok": true}``) so that a load
balancer still gets 200 whenever this process answers events — in degraded mode too, since it
then answers from in-process state — and an operator sees the store's state in the body:

    {"ok": true, "worker": 4242, "store": {"store": "redis", "state": "ok"}}
    {"ok": true, "worker": 4242, "store": {"store": "redis", "state": "degraded",
     "down_for_s": 12.5, "reason": "ConnectionError: Error 111 connecting to 127.0.0.1:6379."}}
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from typing import Any

from bot.slack.http import HEALTH_PATH, WSGIApp


def store_health(store: Any) -> dict[str, Any]:
    """The store's own report (`ResilientStore.health`), else just its kind."""
    report = getattr(store, "health", None)
    if callable(report):
        return report()
    return {"store": type(store).__name__, "state": "ok"}


def with_store_health(app: WSGIApp, store: Any) -> WSGIApp:
    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if environ.get("PATH_INFO") != HEALTH_PATH or method not in ("GET", "HEAD"):
            return app(environ, start_response)
        body = json.dumps(
            {"ok": True, "worker": os.getpid(), "store": store_health(store)}
        ).encode()
        start_response(
            "200 OK",
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [] if method == "HEAD" else [body]

    return wsgi
