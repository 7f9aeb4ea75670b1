"""Bolt listeners, grouped by Slack feature as in Slack's bolt-python starter template: each
package registers its listeners, and each listener file does its own work through the shared
helpers in bot/slack/ (keys, posting, records, dedupe, answering). Every listener acknowledges
at once and works in the background (bot/slack/background.py)."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners import actions, commands, events, views
from bot.slack.services import Services


def register_listeners(app: App, services: Services) -> None:
    # Each package registers a catch-all last, so that anything the bot does not handle is
    # acknowledged with 200 (Slack retries a 404) and never answered.
    events.register(app, services)
    commands.register(app, services)
    actions.register(app, services)
    views.register(app, services)
