"""Interactivity: suggestion buttons, "Did you mean" choices, the guided flow, feedback, share."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.render.blocks import (
    ASK,
    CHOOSE,
    CLARIFY,
    FEEDBACK,
    MORE,
    SHARE,
    TEAM_ASK,
    action_pattern,
    decode_value,
    expand_details,
    render_details,
)
from bot.render.team import TEAM_ADD, TEAM_TEACH
from bot.slack.listeners import in_background
from bot.slack.responder import Responder, site_of

log = logging.getLogger("framework_bot.slack")


def show_details(body: dict[str, Any], action: dict[str, Any], respond: Respond, client) -> None:
    """ "More details": a posted answer expands in place (once, whoever clicks); an ephemeral
    one, which cannot be edited, gets its details privately underneath."""
    value = decode_value(action.get("value"))
    details = [line for line in str(value.get("x") or "").split("\n") if line.strip()]
    if not details:
        return
    site = site_of(body)
    if site.kind == "message" and site.channel and site.message_ts and site.blocks:
        try:
            client.chat_update(
                channel=site.channel,
                ts=site.message_ts,
                text=site.text or "framework-bot",
                blocks=expand_details(site.blocks, details),
            )
            return
        except Exception as exc:
            log.warning("expanding details in %s failed: %s", site.channel, exc)
    if body.get("response_url"):
        message = render_details(details)
        respond(response_type="ephemeral", replace_original=False, **message.kwargs())


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
    app.action(action_pattern(MORE))(in_background(pool, show_details, once))
    desk = responder.team
    if desk is not None:  # "Ask the team" and "Add to knowledge" (bot/slack/team.py)
        app.action(action_pattern(TEAM_ASK))(in_background(pool, desk.on_ask, once))
        app.action(action_pattern(TEAM_ADD))(in_background(pool, desk.on_add, once))
        app.action(action_pattern(TEAM_TEACH))(in_background(pool, desk.on_teach, once))

    @app.action(re.compile(".*"))
    def other_action(ack: Ack) -> None:
        ack()

    @app.shortcut(re.compile(".*"))
    def any_shortcut(ack: Ack) -> None:
        ack()

    @app.options(re.compile(".*"))
    def any_options(ack: Ack) -> None:
        ack(options=[])
