"""Any message the bot can see: a DM, a message that mentions it, a reply in a thread it
answered, or a reply in the experts channel (bot/slack/team.py); anything else is not for it."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext

from bot.slack.incoming import is_user_message, mentions, team_of
from bot.slack.listeners.events.app_mention import answer_mention
from bot.slack.listeners.events.direct_message import answer_dm
from bot.slack.listeners.events.experts_reply import relay_experts_reply
from bot.slack.listeners.events.follow_up import answer_follow_up
from bot.slack.services import Services


def message(
    services: Services, event: dict[str, Any], body: dict[str, Any], context: BoltContext, client
) -> None:
    bot_user_id = context.bot_user_id
    if not is_user_message(event, bot_user_id):
        return
    if services.desk is not None and relay_experts_reply(services, event, client):
        return  # a reply in an experts thread: it goes to the asker
    team = team_of(context, body)
    text = event.get("text") or ""
    if event.get("channel_type") == "im":
        answer_dm(services, event, team, client)
    elif mentions(text, bot_user_id):
        answer_mention(services, event, team, client)
    elif event.get("thread_ts"):
        answer_follow_up(services, event, team, client)
