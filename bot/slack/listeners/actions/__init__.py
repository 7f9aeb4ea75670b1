"""Interactivity: suggestion buttons, "Did you mean" choices, the guided flow, feedback, share,
More details, and (with an experts channel) the team desk's buttons (bot/slack/team.py)."""

from __future__ import annotations

import re

from slack_bolt import Ack, App

from bot.render.values import (
    ASK,
    CHOOSE,
    CLARIFY,
    FEEDBACK,
    MORE,
    SHARE,
    TEAM_ADD,
    TEAM_ASK,
    TEAM_TEACH,
    action_pattern,
)
from bot.slack.background import in_background
from bot.slack.listeners.actions.ask import ask, clarify
from bot.slack.listeners.actions.choose import choose
from bot.slack.listeners.actions.feedback import feedback
from bot.slack.listeners.actions.more_details import show_details
from bot.slack.listeners.actions.share import share
from bot.slack.listeners.actions.team_add import team_add
from bot.slack.listeners.actions.team_ask import team_ask
from bot.slack.listeners.actions.team_teach import team_teach
from bot.slack.services import Services


def register(app: App, services: Services) -> None:
    pool = app.listener_runner.listener_executor
    once = services.first_request  # a replayed click is acknowledged, not run again
    for kind, func in (
        (ASK, ask),
        (CLARIFY, clarify),
        (CHOOSE, choose),
        (FEEDBACK, feedback),
        (SHARE, share),
        (MORE, show_details),
    ):
        app.action(action_pattern(kind))(in_background(pool, func, once, services))
    if services.desk is not None:  # "Ask the team", "Add to knowledge" and "Teach"
        for kind, func in ((TEAM_ASK, team_ask), (TEAM_ADD, team_add), (TEAM_TEACH, team_teach)):
            app.action(action_pattern(kind))(in_background(pool, func, once, services))

    @app.action(re.compile(".*"))
    def other_action(ack: Ack) -> None:
        ack()

    @app.shortcut(re.compile(".*"))
    def any_shortcut(ack: Ack) -> None:
        ack()

    @app.options(re.compile(".*"))
    def any_options(ack: Ack) -> None:
        ack(options=[])
