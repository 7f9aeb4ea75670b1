"""Where a reply goes (`Where`) and where a button was clicked (`Site`, read off the payload)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from bot.slack.keys import conversation_key

Surface = Literal["channel", "dm", "command"]


@dataclass(frozen=True)
class Where:
    """Where a reply goes, and which conversation (engine context) it continues."""

    channel: str
    thread_ts: str | None
    conversation: str
    surface: Surface


@dataclass(frozen=True)
class Site:
    """Where a button was clicked (block_actions payload)."""

    kind: Literal["message", "ephemeral", "home"]
    team: str
    user: str
    channel: str | None
    message_ts: str | None
    thread_ts: str | None
    blocks: list[dict[str, Any]]
    text: str = ""

    @property
    def is_dm(self) -> bool:
        return bool(self.channel and self.channel.startswith("D"))


def site_of(body: dict[str, Any]) -> Site:
    container = body.get("container") or {}
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
    team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id") or "T"
    user = (body.get("user") or {}).get("id") or ""
    if container.get("type") == "view" or (body.get("view") or {}).get("type") == "home":
        kind: Literal["message", "ephemeral", "home"] = "home"
    elif container.get("is_ephemeral"):
        kind = "ephemeral"
    else:
        kind = "message"
    return Site(
        kind=kind,
        team=team,
        user=user,
        channel=channel,
        message_ts=container.get("message_ts") or message.get("ts"),
        thread_ts=message.get("thread_ts") or container.get("thread_ts"),
        blocks=list(message.get("blocks") or []),
        text=str(message.get("text") or ""),
    )


def reply_where(site: Site) -> Where:
    """Where to answer a button in a visible message: its thread (or a DM's main line)."""
    assert site.channel is not None
    if site.is_dm:
        thread = site.thread_ts
        key = conversation_key(site.team, site.channel, thread or "main")
        return Where(site.channel, thread, key, "dm")
    thread = site.thread_ts or site.message_ts or ""
    return Where(site.channel, thread, conversation_key(site.team, site.channel, thread), "channel")
