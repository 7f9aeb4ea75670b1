"""Conversation keys: which engine context a Slack message continues.

A channel thread, a DM's main line, a DM thread, one person's /framework answers in a channel
and one person's App Home each have their own context, named by the workspace (team) first so
that two workspaces sharing a store never mix.
"""

from __future__ import annotations


def conversation_key(team: str, channel: str, thread: str) -> str:
    """A thread (its parent's ts) or, with thread "main", a DM's top level."""
    return f"{team}:{channel}:{thread}"


def command_key(team: str, channel: str, user: str) -> str:
    """One person's /framework answers (and ephemeral buttons) in one channel."""
    return f"{team}:{channel}:cmd:{user}"


def home_key(team: str, user: str) -> str:
    """Scratch context for a button clicked in one person's App Home."""
    return f"slack:home:{team}:{user}"


def answered_key(conversation: str) -> str:
    """Marks a thread the bot answered (follow-ups there need no mention)."""
    return f"slack:answered:{conversation}"
