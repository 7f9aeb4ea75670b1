"""Slash commands: /framework and its subcommands."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.slack.responder import Responder


def register(app: App, responder: Responder) -> None:
    @app.command(responder.config.command)
    def framework(ack: Ack, command: dict[str, Any], respond: Respond) -> None:
        ack()  # at once: the answer follows through the response_url
        responder.on_command(command, respond)

    @app.command(re.compile(".*"))
    def other_command(ack: Ack) -> None:
        ack()
