"""What the bot remembers about Slack conversations, beside the engine's own context: the
threads it answered, who started a guided flow on a visible message, the context an
ephemeral answer was given in, and copies of a context for a thread that continues it."""

from __future__ import annotations

import uuid

from bot.engine import Engine
from bot.slack.keys import answered_key
from bot.state.base import StateStore
from bot.state.batch import batched

ANSWERED_TTL = 7 * 24 * 3600.0  # threads the bot answered, for follow-ups without a mention
SNAPSHOT_TTL = 24 * 3600.0  # context behind an ephemeral answer, for "Share in channel"
FLOW_TTL = 7 * 24 * 3600.0  # who started a guided flow on a visible message


def mark_answered(store: StateStore, conversation: str) -> None:
    store.put_context(answered_key(conversation), {"answered": True}, ANSWERED_TTL)


def was_answered(store: StateStore, conversation: str) -> bool:
    return store.get_context(answered_key(conversation)) is not None


def copy_context(engine: Engine, source: str, *targets: str) -> None:
    """`source`'s context under each of `targets` (one write batch), if it has one."""
    store = engine.store
    context = store.get_context(source)
    if context:
        with batched(store):
            for target in targets:
                store.put_context(target, context, engine.context_ttl)


def snapshot(store: StateStore, conversation: str) -> str:
    """Keep the context an ephemeral answer was given in, so sharing it repeats it exactly."""
    context = store.get_context(conversation)
    if not context:
        return ""
    snapshot_id = uuid.uuid4().hex[:16]
    store.put_context(snapshot_key(snapshot_id), context, SNAPSHOT_TTL)
    return snapshot_id


def snapshot_key(snapshot_id: str) -> str:
    return f"slack:snapshot:{snapshot_id}"


def flow_owner(store: StateStore, channel: str, ts: str) -> str | None:
    """Who started the guided flow in the message (channel, ts), if anyone did."""
    owner = store.get_context(f"slack:flow:{channel}:{ts}")
    return str(owner.get("user") or "") or None if owner else None


def own_flow(store: StateStore, channel: str, ts: str, user: str) -> None:
    store.put_context(f"slack:flow:{channel}:{ts}", {"user": user}, FLOW_TTL)
