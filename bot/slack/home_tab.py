"""The App Home: publishing the Home tab, and answering a button clicked there (the answer
arrives in the app's Messages tab, and the Home tab says so)."""

from __future__ import annotations

import logging
from typing import Any

from bot.render.home import render_home
from bot.render.kit import Message
from bot.slack.conversations import copy_context
from bot.slack.keys import conversation_key
from bot.slack.places import Site
from bot.slack.posting import error_code
from bot.slack.services import Services

log = logging.getLogger("framework_bot.slack")


def publish_home(services: Services, client: Any, user: str, notice: str = "") -> None:
    """views.publish of the Home tab (with `notice` at the top); failures are only logged."""
    view = render_home(services.engine.knowledge, services.config.command, notice=notice)
    try:
        client.views_publish(user_id=user, view=view)
    except Exception as exc:
        log.error("views.publish failed: %s", error_code(exc))


def post_to_dm(services: Services, site: Site, message: Message, scratch: str, client) -> bool:
    """The answer to a Home button, in the clicker's DM with the app; the DM's main line
    continues from the `scratch` context it was answered in."""
    try:
        response = client.chat_postMessage(channel=site.user, **message.kwargs())
    except Exception as exc:
        log.error("chat.postMessage to a DM failed: %s", error_code(exc))
        return False
    channel = response.get("channel")
    if channel:
        copy_context(services.engine, scratch, conversation_key(site.team, channel, "main"))
    return True


def acknowledge_home(services: Services, site: Site, what: str, client) -> None:
    """The Home tab says where a button's answer went (it arrives in Messages)."""
    notice = f"I sent {what} to our Messages tab: open it to read it."
    publish_home(services, client, site.user, notice)
