"""The App Home tab opened: publish what the bot knows, how to ask, and Help me choose."""

from __future__ import annotations

from typing import Any

from bot.slack.home_tab import publish_home
from bot.slack.services import Services


def app_home_opened(services: Services, event: dict[str, Any], client) -> None:
    if event.get("tab") != "home" or not event.get("user"):
        return
    publish_home(services, client, event["user"])
