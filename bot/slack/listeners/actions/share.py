""" "Share in channel" under an ephemeral answer: the same answer, posted visibly (from the
context it was given in); follow-ups continue in the new message's thread."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from slack_bolt import Respond

from bot.answers.model import Answer
from bot.render.blocks import render_answer
from bot.render.values import decode_value
from bot.slack.conversations import copy_context, mark_answered, snapshot_key
from bot.slack.keys import conversation_key
from bot.slack.places import site_of
from bot.slack.posting import error_code
from bot.slack.services import Services

log = logging.getLogger("framework_bot.slack")


def share(
    services: Services, body: dict[str, Any], action: dict[str, Any], respond: Respond, client
) -> None:
    site = site_of(body)
    value = decode_value(action.get("value"))
    if not site.channel:
        return
    engine = services.engine
    scratch = f"slack:share:{uuid.uuid4().hex}"
    question = str(value.get("q") or "")
    if "c" in value:
        answer: Answer = engine.choose(str(value.get("c") or ""), scratch)
    else:
        snapshot = str(value.get("k") or "")
        if snapshot:
            copy_context(engine, snapshot_key(snapshot), scratch)
        answer = engine.run(question, scratch).answer
    message = render_answer(
        answer,
        question=question,
        surface="channel",
        note=f"Shared from {services.config.command}",
    )
    try:
        response = client.chat_postMessage(
            channel=site.channel, unfurl_links=False, unfurl_media=False, **message.kwargs()
        )
    except Exception as exc:
        # Not in the channel, for example: the response_url can still post it visibly.
        log.warning("share via chat.postMessage failed in %s: %s", site.channel, error_code(exc))
        if not body.get("response_url"):
            services.store.clear_context(scratch)
            return
        respond(response_type="in_channel", replace_original=False, **message.kwargs())
    else:
        conversation = conversation_key(site.team, site.channel, response["ts"])
        copy_context(engine, scratch, conversation)
        mark_answered(services.store, conversation)
    services.store.clear_context(scratch)
    if body.get("response_url"):
        respond(delete_original=True)
