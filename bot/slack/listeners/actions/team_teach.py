""" "Teach" under a question in the experts channel (or after a curator's 👎): the modal that
turns the question into an example of what it meant (listeners/views/team_teach.py)."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import Respond

from bot.answers.clarify import QUESTION_FOR
from bot.render.team import render_teach_modal
from bot.render.values import decode_value
from bot.slack.apierror import describe
from bot.slack.places import site_of
from bot.slack.posting import notify
from bot.slack.services import Services
from bot.slack.team import NOT_CURATOR

log = logging.getLogger("framework_bot.slack")

TEACH_OPTIONS = 5


def team_teach(
    services: Services, body: dict[str, Any], action: dict[str, Any], respond: Respond, client
) -> None:
    """ "Teach" under a question in the experts channel: the modal, for curators only."""
    desk = services.team
    site = site_of(body)
    question = str(decode_value(action.get("value")).get("q") or "").strip()
    if not desk.is_curator(site.user, client):
        if site.channel:
            notify(client, site.channel, site.user, site.thread_ts, NOT_CURATOR)
        return
    if not question:
        return
    engine = desk.engine
    parse = engine.understanding.parse(question, None)
    kb = engine.knowledge
    names = [
        (kb.frameworks.get(e) or kb.categories.get(e) or kb.terms.get(e)).name
        for e in parse.entities
        if e in kb.frameworks or e in kb.categories or e in kb.terms
    ]
    subject = " and ".join(names[:2]) or "Flask"
    ranked = [s.intent for s in (parse.ranking.scores if parse.ranking else [])]
    options: list[tuple[str, str]] = []
    for intent in [*ranked, *QUESTION_FOR]:
        template = QUESTION_FOR.get(intent)
        if template and intent not in {o[1] for o in options} and len(options) < TEACH_OPTIONS:
            options.append((template.format(name=subject), intent))
    metadata = json.dumps(
        {"q": question[:1500], "c": site.channel or "", "t": site.thread_ts or ""}
    )
    try:
        client.views_open(
            trigger_id=body.get("trigger_id"),
            view=render_teach_modal(question, options, metadata),
        )
    except Exception as exc:
        log.error("views.open failed: %s", describe(exc).code)
