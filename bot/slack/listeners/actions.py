"""Interactivity: suggestion buttons, "Did you mean" choices, the guided flow, feedback, share."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.render.blocks import ASK, CHOOSE, CLARIFY, FEEDBACK, SHARE, action_pattern
from bot.slack.listeners import lazily
from bot.slack.responder import Responder


def register(app: App, responder: Responder) -> None:
    def ask(body: dict[str, Any], action: dict[str, Any], respond: Respond, client):
        responder.on_ask(body, action, respond, client)

    def clarify(body: dict[str, Any], action: dict[str, Any], respond: Respond, client):
        responder.on_ask(body, action, respond, client, clarify=True)

    def choose(body: dict[str, Any], action: dict[str, Any], respond: Respond, client):
        responder.on_choose(body, action, respond, client)

    def feedback(body: dict[str, Any], action: dict[str, Any], respond: Respond, client):
        responder.on_feedback(body, action, respond, client)

    def share(body: dict[str, Any], action: dict[str, Any], respond: Respond, client):
        responder.on_share(body, action, respond, client)

    app.action(action_pattern(ASK))(**lazily(ask))
    app.action(action_pattern(CLARIFY))(**lazily(clarify))
    app.action(action_pattern(CHOOSE))(**lazily(choose))
    app.action(action_pattern(FEEDBACK))(**lazily(feedback))
    app.action(action_pattern(SHARE))(**lazily(share))

    @app.action(re.compile(".*"))
    def other_action(ack: Ack) -> None:
        ack()

    @app.shortcut(re.compile(".*"))
    def any_shortcut(ack: Ack) -> None:
        ack()

    @app.options(re.compile(".*"))
    def any_options(ack: Ack) -> None:
        ack(options=[])
