"""Views: the App Home tab is published from events (app_home_opened) with
bot.render.blocks.render_home; the one modal is "Add to knowledge" (bot/slack/team.py), whose
submission is checked and answered on the request thread (its errors must be in the ack).
Every other view submission or close is only acknowledged."""

from __future__ import annotations

import re

from slack_bolt import Ack, App

from bot.render.team import TEAM_TEACH, TEAM_VIEW
from bot.slack.responder import Responder


def register(app: App, responder: Responder) -> None:
    desk = responder.team
    if desk is not None:

        @app.view(TEAM_VIEW)
        def add_to_knowledge(ack: Ack, body, client) -> None:
            desk.on_submit(ack, body, client)

        @app.view(TEAM_TEACH)
        def teach_from_slack(ack: Ack, body, client) -> None:
            desk.on_teach_submit(ack, body, client)

    @app.view(re.compile(".*"))
    def any_view(ack: Ack) -> None:
        ack()

    @app.view_closed(re.compile(".*"))
    def any_view_closed(ack: Ack) -> None:
        ack()
