"""Someone joined a channel with onboarding on: a private welcome (with Help me choose)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltContext

from bot.render.home import render_welcome
from bot.slack.posting import error_code
from bot.slack.services import Services

log = logging.getLogger("framework_bot.slack")


def member_joined_channel(
    services: Services, event: dict[str, Any], context: BoltContext, client
) -> None:
    user, channel = event.get("user"), event.get("channel")
    if not user or not channel or user == context.bot_user_id:
        return
    config = services.config
    if not config.wants_onboarding(channel):
        return
    try:
        client.chat_postEphemeral(
            channel=channel, user=user, **render_welcome(config.command).kwargs()
        )
    except Exception as exc:
        log.error("onboarding in %s failed: %s", channel, error_code(exc))
