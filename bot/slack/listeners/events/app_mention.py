"""A mention of the bot: always answered, in the thread of the question (in a DM, as a DM)."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext

from bot.slack.answering import answer_in
from bot.slack.incoming import is_user_message, team_of
from bot.slack.keys import conversation_key
from bot.slack.listeners.events.direct_message import answer_dm
from bot.slack.listeners.events.experts_reply import relay_experts_reply
from bot.slack.places import Where
from bot.slack.services import Services


def app_mention(
    services: Services, event: dict[str, Any], body: dict[str, Any], context: BoltContext, client
) -> None:
    if not is_user_message(event, context.bot_user_id):
        return
    if services.desk is not None and relay_experts_reply(services, event, client):
        return  # a reply in an experts thread: it goes to the asker
    team = team_of(context, body)
    if str(event.get("channel", "")).startswith("D"):  # a mention in a DM is just a DM
        answer_dm(services, event, team, client)
    else:
        answer_mention(services, event, team, client)


def answer_mention(services: Services, event: dict[str, Any], team: str, client) -> None:
    """An explicit mention always gets a reply, in the thread of the question."""
    channel, ts = event["channel"], event["ts"]
    thread = event.get("thread_ts") or ts
    where = Where(channel, thread, conversation_key(team, channel, thread), "channel")
    answer_in(services, client, where, event.get("text") or "", event.get("user"))
