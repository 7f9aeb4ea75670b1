""" "Add to knowledge" under a relayed team answer: the modal for a curator (its submission:
listeners/views/team_fact.py), a private refusal for anyone else."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import Respond

from bot.render.team import render_add_modal
from bot.render.values import decode_value
from bot.slack.apierror import describe
from bot.slack.places import site_of
from bot.slack.posting import notify
from bot.slack.services import Services
from bot.slack.team import NOT_CURATOR, STALE

log = logging.getLogger("framework_bot.slack")

NO_TEAM_DIR = "No team knowledge directory is configured (FRAMEWORK_BOT_TEAM_DIR)."


def team_add(
    services: Services, body: dict[str, Any], action: dict[str, Any], respond: Respond, client
) -> None:
    """ "Add to knowledge": the modal for a curator, a private refusal for anyone else."""
    desk = services.team
    site = site_of(body)
    key = str(decode_value(action.get("value")).get("k") or "")
    reason = None
    reply = desk.store.get_context(f"slack:team:reply:{key}") if key else None
    if not desk.is_curator(site.user, client):
        reason = NOT_CURATOR
    elif desk.team_dir is None:
        reason = NO_TEAM_DIR
    elif not reply:
        reason = STALE
    if reason:
        if site.channel:
            notify(client, site.channel, site.user, site.thread_ts, reason)
        return
    kb = desk.engine.knowledge
    frameworks = [(fid, fw.name) for fid, fw in kb.frameworks.items()]
    metadata = json.dumps({"k": key, "c": site.channel or "", "t": site.thread_ts or ""})
    view = render_add_modal(frameworks, reply, metadata)
    try:
        client.views_open(trigger_id=body.get("trigger_id"), view=view)
    except Exception as exc:
        log.error("views.open failed: %s", describe(exc).code)
