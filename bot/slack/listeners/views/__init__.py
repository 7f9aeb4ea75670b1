"""Views: the App Home tab is published from events (listeners/events/app_home_opened.py);
the modals are the team's "Add to knowledge" and "Teach" (team_fact.py, team_teach.py), whose
submissions are checked and answered on the request thread (their errors must be in the ack).
Every other view submission or close is only acknowledged."""

from __future__ import annotations

import re

from slack_bolt import Ack, App

from bot.render.values import TEAM_TEACH, TEAM_VIEW
from bot.slack.listeners.views.team_fact import fact_submitted
from bot.slack.listeners.views.team_teach import teach_submitted
from bot.slack.services import Services


def register(app: App, services: Services) -> None:
    if services.desk is not None:

        @app.view(TEAM_VIEW)
        def add_to_knowledge(ack: Ack, body, client) -> None:
            fact_submitted(services, ack, body, client)

        @app.view(TEAM_TEACH)
        def teach_from_slack(ack: Ack, body, client) -> None:
            teach_submitted(services, ack, body, client)

    @app.view(re.compile(".*"))
    def any_view(ack: Ack) -> None:
        ack()

    @app.view_closed(re.compile(".*"))
    def any_view_closed(ack: Ack) -> None:
        ack()
