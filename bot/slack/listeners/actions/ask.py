"""A suggested follow-up or a "Did you mean" choice: answered where it was clicked (in its
thread, privately under an ephemeral answer, or in Messages for an App Home button)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Respond

from bot.render.blocks import clarify_done, render_answer, render_notice
from bot.render.values import decode_value
from bot.slack.answering import answer_in, private_answer, run_and_record
from bot.slack.home_tab import acknowledge_home, post_to_dm
from bot.slack.keys import command_key, home_key
from bot.slack.places import Site, reply_where, site_of
from bot.slack.posting import update
from bot.slack.records import record_fallback
from bot.slack.services import Services

NOT_SURE = "OK, none of those. Try asking in other words, for example “What is Flask?”."


def ask(
    services: Services, body: dict[str, Any], action: dict[str, Any], respond: Respond, client
) -> None:
    answer_click(services, body, action, respond, client)


def clarify(
    services: Services, body: dict[str, Any], action: dict[str, Any], respond: Respond, client
) -> None:
    answer_click(services, body, action, respond, client, clarify=True)


def answer_click(
    services: Services,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    client,
    clarify: bool = False,
) -> None:
    site = site_of(body)
    value = decode_value(action.get("value"))
    question = str(value.get("q") or "")
    label = ((action.get("text") or {}).get("text")) or question
    if clarify and not question:
        return none_of_these(services, site, value, respond, client)
    if site.kind == "home":
        return answer_in_dm(services, site, question, client)
    if site.kind == "ephemeral" or not site.channel:
        conversation = command_key(site.team, site.channel or "", site.user)
        message = private_answer(services, question, conversation)
        respond(response_type="ephemeral", replace_original=clarify, **message.kwargs())
        return
    answer_in(services, client, reply_where(site), question, site.user)
    if clarify and site.message_ts and site.blocks:
        picked = clarify_done(site.blocks, f"You picked: {label}")
        update(client, site.channel, site.message_ts, picked, site.text)


def none_of_these(
    services: Services, site: Site, value: dict[str, Any], respond: Respond, client
) -> None:
    """ "None of these": recorded for the curators (the question as typed), and the choice
    buttons replaced by a hint."""
    surface = "command" if site.kind == "ephemeral" else ("dm" if site.is_dm else "channel")
    record_fallback(services.store, str(value.get("o") or ""), surface, "clarify_none", 0.0)
    if site.kind == "ephemeral":
        respond(
            response_type="ephemeral", replace_original=True, **render_notice(NOT_SURE).kwargs()
        )
    elif site.kind == "message" and site.message_ts and site.blocks:
        update(
            client, site.channel, site.message_ts, clarify_done(site.blocks, NOT_SURE), site.text
        )


def answer_in_dm(services: Services, site: Site, question: str, client) -> None:
    """A button in the App Home: the answer arrives in the app's Messages tab."""
    scratch = home_key(site.team, site.user)
    services.store.clear_context(scratch)
    result = run_and_record(services, question, scratch, "dm")
    message = render_answer(result.answer, question=result.parse.text, surface="dm")
    if post_to_dm(services, site, message, scratch, client):
        acknowledge_home(services, site, f"“{question}”", client)
