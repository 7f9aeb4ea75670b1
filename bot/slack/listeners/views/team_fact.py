"""The "Add to knowledge" modal's Add: checked, written as a team fact (bot/team.py), served
at once; a problem stays in the modal (it must be in the ack)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from bot.render.team import GENERAL
from bot.slack.posting import notify
from bot.slack.services import Services
from bot.slack.team import NOT_CURATOR, STALE, submitted
from bot.team import NewFact, TeamWriteError, add_fact

log = logging.getLogger("framework_bot.slack")

ADDED = "Added to the team knowledge. Later answers cite it as the team's, with its author."
ALREADY_ADDED = "That answer is already in the team knowledge."


def fact_submitted(services: Services, ack, body: dict[str, Any], client) -> None:
    """Only a curator's submission of a reply still kept is written, and only once."""
    desk = services.team
    user, meta, values = submitted(body)

    def value(block: str) -> str:
        field = (values.get(block) or {}).get("value") or {}
        chosen = field.get("selected_option") or {}
        return str(chosen.get("value") or field.get("value") or "").strip()

    key = str(meta.get("k") or "")
    reply = desk.store.get_context(f"slack:team:reply:{key}") if key else None
    if not desk.is_curator(user, client) or desk.team_dir is None or not reply:
        ack(response_action="errors", errors={"text": NOT_CURATOR if reply else STALE})
        return
    framework = value("framework")
    facet = value("facet")
    text, question = value("text"), value("question")
    errors = {}
    if not text:
        errors["text"] = "Write the answer the team gave."
    if not question:
        errors["question"] = "Write the question it answers."
    if errors:
        ack(response_action="errors", errors=errors)
        return
    if not desk.claim(f"added:{key}"):
        ack(response_action="errors", errors={"text": ALREADY_ADDED})
        return
    try:
        fact_id = add_fact(
            desk.team_dir,
            NewFact(
                framework=None if framework in ("", GENERAL) else framework,
                facet=facet or "features",
                question=question,
                text=text,
                author=str(reply["author"]),
                date=dt.date.fromisoformat(str(reply["date"])),
                permalink=str(reply["permalink"]),
            ),
            desk.engine.knowledge.frameworks,
        )
    except (TeamWriteError, ValueError, KeyError) as exc:
        desk.release(f"added:{key}")
        ack(response_action="errors", errors={"text": f"Not added: {str(exc)[:200]}"})
        return
    ack()
    log.info("team fact %s added from Slack", fact_id)
    channel = str(meta.get("c") or "")
    if channel:
        notify(client, channel, user, meta.get("t") or None, ADDED)
