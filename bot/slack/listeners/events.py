"""Events API: mentions, messages (DMs and thread follow-ups), App Home, onboarding."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import App, BoltContext

from bot.slack.listeners import in_background
from bot.slack.responder import Responder


def _team(context: BoltContext, body: dict[str, Any]) -> str:
    return context.team_id or body.get("team_id") or body.get("event", {}).get("team") or "T"


def register(app: App, responder: Responder) -> None:
    def app_mention(event: dict[str, Any], body: dict[str, Any], context: BoltContext, client):
        responder.on_mention(event, _team(context, body), context.bot_user_id, client)

    # Every message event, subtypes included (edits, deletions, bot messages): the responder
    # ignores all but people's new messages, and Bolt acknowledges each with 200.
    def message(event: dict[str, Any], body: dict[str, Any], context: BoltContext, client):
        responder.on_message(event, _team(context, body), context.bot_user_id, client)

    def app_home_opened(event: dict[str, Any], client):
        responder.on_home_opened(event, client)

    def member_joined_channel(event: dict[str, Any], context: BoltContext, client):
        responder.on_member_joined(event, context.bot_user_id, client)

    pool = app.listener_runner.listener_executor
    app.event("app_mention")(in_background(pool, app_mention))
    app.event("message")(in_background(pool, message))
    app.event("app_home_opened")(in_background(pool, app_home_opened))
    app.event("member_joined_channel")(in_background(pool, member_joined_channel))

    @app.event(re.compile(".*"))
    def any_other_event() -> None:
        """Acknowledged (200) so that Slack does not retry it; nothing else to do."""
