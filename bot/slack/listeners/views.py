"""Views: the App Home tab is published from events (app_home_opened) with
bot.render.blocks.render_home; the bot opens no modals, so every view submission or close is
only acknowledged. New modals get their listeners here."""

from __future__ import annotations

import re

from slack_bolt import Ack, App

from bot.slack.responder import Responder


def register(app: App, responder: Responder) -> None:
    @app.view(re.compile(".*"))
    def any_view(ack: Ack) -> None:
        ack()

    @app.view_closed(re.compile(".*"))
    def any_view_closed(ack: Ack) -> None:
        ack()
