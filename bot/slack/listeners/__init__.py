"""Bolt listeners, grouped by Slack feature as in Slack's bolt-python starter template."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners import actions, commands, events, views
from bot.slack.responder import Responder


def register_listeners(app: App, responder: Responder) -> None:
    # Each module registers a catch-all last, so that anything the bot does not handle is
    # acknowledged with 200 (Slack retries a 404) and never answered.
    events.register(app, responder)
    commands.register(app, responder)
    actions.register(app, responder)
    views.register(app, responder)
