"""Slash commands: /framework and its subcommands."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.slack.listeners import in_background
from bot.slack.responder import Responder


def register(app: App, responder: Responder) -> None:
    def framework(command: dict[str, Any], respond: Respond, client) -> None:
        responder.on_command(command, respond, client)  # the answer follows the response_url

    app.command(responder.config.command)(
        in_background(app.listener_runner.listener_executor, framework, responder.claim_request)
    )

    @app.command(re.compile(".*"))
    def other_command(ack: Ack) -> None:
        ack()
