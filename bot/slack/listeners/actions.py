"""Interactivity: suggestion buttons, "Did you mean" choices, the guided flow, feedback, share."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.render.blocks import ASK, CHOOSE, CLARIFY, FEEDBACK, SHARE, action_pattern
from bot.slack.responder import Responder


def register(app: App, responder: Responder) -> None:
    @app.action(action_pattern(ASK))
    def ask(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client):
        ack()
        responder.on_ask(body, action, respond, client)

    @app.action(action_pattern(CLARIFY))
    def clarify(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client):
        ack()
        responder.on_ask(body, action, respond, client, clarify=True)

    @app.action(action_pattern(CHOOSE))
    def choose(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client):
        ack()
        responder.on_choose(body, action, respond, client)

    @app.action(action_pattern(FEEDBACK))
    def feedback(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client):
        ack()
        responder.on_feedback(body, action, respond, client)

    @app.action(action_pattern(SHARE))
    def share(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client):
        ack()
        responder.on_share(body, action, respond, client)

    @app.action(re.compile(".*"))
    def other_action(ack: Ack) -> None:
        ack()

    @app.shortcut(re.compile(".*"))
    def any_shortcut(ack: Ack) -> None:
        ack()

    @app.options(re.compile(".*"))
    def any_options(ack: Ack) -> None:
        ack(options=[])
