"""Exactly once: each Events API delivery, each question, each slash command and click.

Every claim is a `first_time` key in the state store (atomic), so it holds across the workers
and instances that share the store. The middleware that applies the event claims is in
bot/slack/app.py; listeners pass `claim_request` to `in_background` (bot/slack/background.py).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from bot.state.base import StateStore
from bot.state.batch import claim

DEDUPE_TTL = 6 * 3600.0  # Slack retries for minutes; a generous window costs little
REQUEST_TTL = 15 * 60.0  # a signature is accepted for 5 minutes; a replay must find the key


def claim_delivery(
    store: StateStore,
    event_id: str | None,
    question: tuple[str, str] | None,
    fetch: list[str] | None = None,
) -> bool:
    """True when neither this delivery (event_id) nor this question ((channel, ts)) has been
    seen. One round trip to the store, claiming in order: a re-delivery stops at its event
    id and claims nothing else, so an original and its retry racing on two workers can
    never each take one key and both give up. The same round trip fetches the contexts
    `fetch` names (bot.slack.incoming.reads_of), where the store can."""
    keys = [f"slack:event:{event_id}"] if event_id else []
    if question:
        keys.append(f"slack:msg:{question[0]}:{question[1]}")
    return all(claim(store, keys, DEDUPE_TTL, fetch or ())) if keys else True


def claim_request(store: StateStore, body: dict[str, Any]) -> bool:
    """True once per slash command or button click. A signed request replayed within its
    5-minute window (or re-sent by a proxy) carries the same trigger_id, which Slack makes
    new for every command and click; without one, the whole body stands for it."""
    trigger = body.get("trigger_id")
    if isinstance(trigger, str) and trigger:
        key = trigger
    else:
        dumped = json.dumps(body, sort_keys=True, default=str).encode()
        key = "body:" + hashlib.sha256(dumped).hexdigest()[:32]
    return store.first_time(f"slack:request:{key}", REQUEST_TTL)
