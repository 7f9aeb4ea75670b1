"""Which events are people's questions to the bot, and which contexts answering them reads.

Shared by the dedupe middleware (bot/slack/app.py), which claims a question before anything
else runs, and the event listeners, which answer it.
"""

from __future__ import annotations

from typing import Any

from bot.slack.keys import answered_key, conversation_key
from bot.text.lexicon import LEXICON

_USER_MESSAGE_SUBTYPES = (None, "file_share", "thread_broadcast")
_QUESTION_LEADS = LEXICON.words("question_leads")


def is_user_message(event: dict[str, Any], bot_user_id: str | None) -> bool:
    """A person's new message: not an edit or deletion, not this bot, not any other bot."""
    if event.get("subtype") not in _USER_MESSAGE_SUBTYPES or event.get("hidden"):
        return False
    if event.get("bot_id") or event.get("bot_profile") or event.get("app_id"):
        return False
    user = event.get("user")
    return bool(user) and user != bot_user_id and bool(event.get("channel"))


def mentions(text: str, bot_user_id: str | None) -> bool:
    return bool(bot_user_id) and (f"<@{bot_user_id}>" in text or f"<@{bot_user_id}|" in text)


def looks_like_question(text: str) -> bool:
    """A real question (worth a hint when the bot stays quiet), not people talking."""
    words = text.strip().lower().split()
    return "?" in text or bool(words and words[0] in _QUESTION_LEADS)


def question_key(event: dict[str, Any], bot_user_id: str | None) -> tuple[str, str] | None:
    """(channel, ts) of a message the bot may answer (a mention, a DM, a thread reply), for
    the dedupe middleware; None for everything else (nothing to claim)."""
    if event.get("type") not in ("app_mention", "message"):
        return None
    if not is_user_message(event, bot_user_id) or not event.get("ts"):
        return None
    channel = str(event["channel"])
    if (
        event.get("type") == "app_mention"
        or event.get("channel_type") == "im"
        or channel.startswith("D")
        or event.get("thread_ts")
        or mentions(event.get("text") or "", bot_user_id)
    ):
        return channel, str(event["ts"])
    return None


def reads_of(event: dict[str, Any], team: str, bot_user_id: str | None) -> list[str]:
    """The contexts answering `event` reads (app_mention / message), to fetch with its claim.
    Only a hint: a context left out is read when needed."""
    channel, ts = str(event.get("channel") or ""), str(event.get("ts") or "")
    thread = event.get("thread_ts")
    if event.get("channel_type") == "im" or channel.startswith("D"):
        return [conversation_key(team, channel, thread or "main")]
    text = event.get("text") or ""
    if event.get("type") == "app_mention" or mentions(text, bot_user_id):
        return [conversation_key(team, channel, thread or ts)]
    if thread:
        conversation = conversation_key(team, channel, thread)
        return [answered_key(conversation), conversation]
    return []


def team_of(context: Any, body: dict[str, Any]) -> str:
    """The workspace an event came from (Bolt's context, else the payload), "T" if none."""
    event = body.get("event") or {}
    return context.team_id or body.get("team_id") or event.get("team") or "T"
