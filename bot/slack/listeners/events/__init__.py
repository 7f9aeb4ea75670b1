"""Events API: mentions, messages (DMs and thread follow-ups), App Home, onboarding."""

from __future__ import annotations

import re

from slack_bolt import App

from bot.slack.background import in_background
from bot.slack.listeners.events.app_home_opened import app_home_opened
from bot.slack.listeners.events.app_mention import app_mention
from bot.slack.listeners.events.member_joined_channel import member_joined_channel
from bot.slack.listeners.events.message import message
from bot.slack.services import Services


def register(app: App, services: Services) -> None:
    pool = app.listener_runner.listener_executor
    app.event("app_mention")(in_background(pool, app_mention, services=services))
    # Every message event, subtypes included (edits, deletions, bot messages): the listener
    # ignores all but people's new messages, and Bolt acknowledges each with 200.
    app.event("message")(in_background(pool, message, services=services))
    app.event("app_home_opened")(in_background(pool, app_home_opened, services=services))
    app.event("member_joined_channel")(
        in_background(pool, member_joined_channel, services=services)
    )

    @app.event(re.compile(".*"))
    def any_other_event() -> None:
        """Acknowledged (200) so that Slack does not retry it; nothing else to do."""
