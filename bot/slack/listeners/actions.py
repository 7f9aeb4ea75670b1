"""Interactivity: suggestion buttons, "Did you mean" choices, the guided flow, feedback, share."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.render.blocks import ASK, CHOOSE, CLARIFY, FEEDBACK, SHARE, action_pattern
from bot.slack.listeners import in_background
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

    pool = app.listener_runner.listener_executor
    once = responder.claim_request  # a replayed click is acknowledged, not run again
    app.action(action_pattern(ASK))(in_background(pool, ask, once))
    app.action(action_pattern(CLARIFY))(in_background(pool, clarify, once))
    app.action(action_pattern(CHOOSE))(in_background(pool, choose, once))
    app.action(action_pattern(FEEDBACK))(in_background(pool, feedback, once))
    app.action(action_pattern(SHARE))(in_background(pool, share, once))

    @app.action(re.compile(".*"))
    def other_action(ack: Ack) -> None:
        ack()

    @app.shortcut(re.compile(".*"))
    def any_shortcut(ack: Ack) -> None:
        ack()

    @app.options(re.compile(".*"))
    def any_options(ack: Ack) -> None:
        ack(options=[])
