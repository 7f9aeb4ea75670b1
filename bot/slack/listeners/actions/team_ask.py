""" "Ask the team" under a decline: the question goes to the experts channel, once per
decline; replies in its thread come back to the asker (listeners/events/experts_reply.py)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Respond

from bot.render.team import render_asked, render_experts_question
from bot.render.values import decode_value
from bot.slack.apierror import describe
from bot.slack.places import site_of
from bot.slack.posting import notify
from bot.slack.services import Services
from bot.slack.team import TEAM_TTL
from bot.team import FACET_OF_INTENT

log = logging.getLogger("framework_bot.slack")

ALREADY_ASKED = "The team has already been asked this one; their answer will come to this thread."


def team_ask(
    services: Services, body: dict[str, Any], action: dict[str, Any], respond: Respond, client
) -> None:
    """ "Ask the team" under a decline: post the question (escaped, with a link to where
    it was asked, mentioning nobody) to the experts channel, once per decline."""
    desk = services.team
    site = site_of(body)
    question = str(decode_value(action.get("value")).get("q") or "").strip()
    if site.kind != "message" or not site.channel or not site.message_ts or not question:
        return
    thread = site.thread_ts or site.message_ts
    if not desk.claim(f"asked:{site.channel}:{thread}"):
        notify(client, site.channel, site.user, thread, ALREADY_ASKED)
        return
    parse = desk.engine.understanding.parse(question, None)  # for the modal
    frameworks = [e for e in parse.entities if e in desk.engine.knowledge.frameworks]
    permalink = "" if site.is_dm else desk.permalink(client, site.channel, site.message_ts)
    message = render_experts_question(question, site.channel, site.is_dm, permalink)
    try:
        posted = client.chat_postMessage(
            channel=desk.experts, unfurl_links=False, unfurl_media=False, **message.kwargs()
        )
    except Exception as exc:
        code = describe(exc).code
        log.error("posting to the experts channel failed: %s", code)
        desk.release(f"asked:{site.channel}:{thread}")
        note = f"Sorry, I couldn't reach the team ({code}). Please try again later."
        notify(client, site.channel, site.user, thread, note)
        return
    desk.store.put_context(
        f"slack:team:thread:{desk.experts}:{posted['ts']}",
        {
            "channel": site.channel,
            "thread": thread,
            "question": question,
            "framework": frameworks[0] if frameworks else "",
            "facet": FACET_OF_INTENT.get(parse.intent, "features"),
        },
        TEAM_TTL,
    )
    asked = render_asked(desk.experts)
    try:
        client.chat_postMessage(channel=site.channel, thread_ts=thread, **asked.kwargs())
    except Exception as exc:
        log.error("chat.postMessage failed in %s: %s", site.channel, describe(exc).code)
