"""👍/👎 under an answer: stored with the intent, question and surface (no user ids); a
second, different click changes the vote. A curator's 👎 offers to teach the question."""

from __future__ import annotations

import hashlib
from typing import Any

from slack_bolt import Respond

from bot.render.blocks import render_notice
from bot.render.values import decode_value
from bot.slack.places import site_of
from bot.slack.posting import notify
from bot.slack.records import record_feedback
from bot.slack.services import Services

FEEDBACK_TTL = 90 * 24 * 3600.0  # one rating per person and message


def feedback(
    services: Services, body: dict[str, Any], action: dict[str, Any], respond: Respond, client
) -> None:
    site = site_of(body)
    value = decode_value(action.get("value"))
    rating = value.get("r") if value.get("r") in ("up", "down") else None
    if rating is None:
        return
    store = services.store
    who = f"{site.user}|{site.channel}|{site.message_ts}".encode()
    key = "slack:feedback:" + hashlib.sha256(who).hexdigest()[:32]
    previous = (store.get_context(key) or {}).get("r")
    if previous == rating:
        thanks = "You already rated this answer. Thanks!"
    else:
        # a second, different click changes the vote: the report counts the latest only
        store.put_context(key, {"r": rating}, FEEDBACK_TTL)
        record_feedback(store, value, rating, previous)
        thanks = "Thanks, I changed your rating." if previous else "Thanks for the feedback!"
    if site.kind == "ephemeral":
        respond(response_type="ephemeral", replace_original=False, **render_notice(thanks).kwargs())
    elif site.kind == "message" and site.channel:
        notify(client, site.channel, site.user, site.thread_ts, thanks)
    if services.desk is not None and rating == "down" and previous != rating:
        services.desk.offer_teach(site, str(value.get("q") or ""), client)  # curators only
