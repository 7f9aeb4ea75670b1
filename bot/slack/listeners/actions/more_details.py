""" "More details": a posted answer expands in place (once, whoever clicks); an ephemeral one,
which cannot be edited, gets its details privately underneath."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Respond

from bot.render.blocks import expand_details, render_details
from bot.render.values import decode_value
from bot.slack.places import site_of

log = logging.getLogger("framework_bot.slack")


def show_details(body: dict[str, Any], action: dict[str, Any], respond: Respond, client) -> None:
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
