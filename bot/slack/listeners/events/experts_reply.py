"""A reply in an experts thread the bot started: relayed to the asker's thread, attributed
(and, with a team directory, kept for a curator's "Add to knowledge")."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

from bot.render.team import plain_slack, render_delivered, render_relay
from bot.slack.apierror import describe
from bot.slack.services import Services
from bot.slack.team import TEAM_TTL

log = logging.getLogger("framework_bot.slack")


def relay_experts_reply(services: Services, event: dict[str, Any], client) -> bool:
    """A person's reply in an experts thread the bot started: relayed to the asker's
    thread, attributed. True when the event was such a reply (nothing else answers it)."""
    desk = services.team
    if event.get("channel") != desk.experts or not event.get("thread_ts"):
        return False
    asked = desk.store.get_context(f"slack:team:thread:{desk.experts}:{event['thread_ts']}")
    if not asked:
        return False  # not a thread the bot started: the usual rules apply
    author = str(event.get("user") or "")
    text = plain_slack(str(event.get("text") or ""))
    if not text:
        return True
    key = None
    if desk.team_dir is not None:
        key = uuid.uuid4().hex[:16]
        desk.store.put_context(
            f"slack:team:reply:{key}",
            {
                "question": asked.get("question", ""),
                "framework": asked.get("framework", ""),
                "facet": asked.get("facet", ""),
                "text": text,
                "author": author,
                "date": dt.date.today().isoformat(),
                "permalink": desk.permalink(client, desk.experts, event.get("ts")),
            },
            TEAM_TTL,
        )
    relay = render_relay(text, author, desk.experts, key)
    try:
        client.chat_postMessage(
            channel=asked["channel"],
            thread_ts=asked["thread"],
            unfurl_links=False,
            unfurl_media=False,
            **relay.kwargs(),
        )
    except Exception as exc:
        log.error("relaying the team's answer failed: %s", describe(exc).code)
        return True
    # the experts see it was delivered, and curators among them can add it from here
    sent = render_delivered(key)
    try:
        client.chat_postMessage(channel=desk.experts, thread_ts=event["thread_ts"], **sent.kwargs())
    except Exception as exc:
        log.error("chat.postMessage failed in the experts channel: %s", describe(exc).code)
    return True
