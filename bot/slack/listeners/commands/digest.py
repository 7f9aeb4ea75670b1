"""`/framework digest`: a curator posts the last week's report to the experts channel."""

from __future__ import annotations

import logging
from typing import Any

from bot.curation.report import build_report
from bot.render.blocks import render_notice
from bot.render.digest import render_digest
from bot.render.team import render_asked_digest
from bot.slack.apierror import describe
from bot.slack.services import Services

log = logging.getLogger("framework_bot.slack")

NOT_CURATOR_DIGEST = "Only curators can post the digest."
DIGEST_DAYS = 7
DIGEST_TOP = 8


def digest(services: Services, command: dict[str, Any], respond, client) -> None:
    """Curators only: anyone else is told so, privately."""
    desk = services.team
    user = str(command.get("user_id") or "")
    if not desk.is_curator(user, client):
        respond(response_type="ephemeral", **render_notice(NOT_CURATOR_DIGEST).kwargs())
        return
    message = render_digest(build_report(desk.store, since_days=DIGEST_DAYS, top=DIGEST_TOP))
    try:
        client.chat_postMessage(
            channel=desk.experts, unfurl_links=False, unfurl_media=False, **message.kwargs()
        )
    except Exception as exc:
        code = describe(exc).code
        log.error("posting the digest failed: %s", code)
        note = f"Sorry, I couldn't post the digest ({code})."
        respond(response_type="ephemeral", **render_notice(note).kwargs())
        return
    respond(response_type="ephemeral", **render_asked_digest(desk.experts).kwargs())
