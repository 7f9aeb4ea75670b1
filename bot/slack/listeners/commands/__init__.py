"""Slash commands: /framework and its subcommands."""

from __future__ import annotations

import re

from slack_bolt import Ack, App

from bot.slack.background import in_background
from bot.slack.listeners.commands.framework import framework
from bot.slack.services import Services


def register(app: App, services: Services) -> None:
    pool = app.listener_runner.listener_executor
    # the answer follows the response_url; a replayed command is acknowledged, not run again
    app.command(services.config.command)(
        in_background(pool, framework, services.first_request, services)
    )

    @app.command(re.compile(".*"))
    def other_command(ack: Ack) -> None:
        ack()
