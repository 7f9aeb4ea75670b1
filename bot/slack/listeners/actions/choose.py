"""One step of the guided "help me choose" flow. A step replaces the message it was clicked
in, but only for the person who started that flow: anyone else gets a flow of their own,
privately, and a finished result in a channel stays as it is (Start over starts a private
flow). From the App Home, the flow goes on in Messages."""

from __future__ import annotations

from typing import Any

from slack_bolt import Respond

from bot.render.blocks import is_flow_question, render_answer
from bot.render.values import FEEDBACK, decode_value
from bot.slack.conversations import flow_owner, mark_answered, own_flow
from bot.slack.home_tab import acknowledge_home, post_to_dm
from bot.slack.keys import command_key, home_key
from bot.slack.places import Site, reply_where, site_of
from bot.slack.posting import post_ephemeral, update
from bot.slack.services import Services

NOT_YOURS = (
    "That guided choice belongs to someone else, so your click didn't change it. "
    "Here is one of your own:"
)


def choose(
    services: Services, body: dict[str, Any], action: dict[str, Any], respond: Respond, client
) -> None:
    site = site_of(body)
    value = str(decode_value(action.get("value")).get("c") or "")
    engine, store = services.engine, services.store
    if site.kind == "home":
        scratch = home_key(site.team, site.user)
        answer = engine.choose("", scratch)
        if post_to_dm(services, site, render_answer(answer, surface="dm"), scratch, client):
            acknowledge_home(services, site, "the first question of Help me choose", client)
        return
    if site.kind == "ephemeral" or not site.channel or not site.message_ts:
        conversation = command_key(site.team, site.channel or "", site.user)
        answer = engine.choose(value, conversation)
        share = None if is_flow_question(answer) else {"c": value}
        message = render_answer(answer, surface="command", share=share)
        respond(response_type="ephemeral", replace_original=True, **message.kwargs())
        return
    if not site.is_dm:
        owner = flow_owner(store, site.channel, site.message_ts)
        if (owner and owner != site.user) or (not value and is_result(site)):
            return private_flow(services, site, client, note=NOT_YOURS if owner else "")
        if not owner:
            own_flow(store, site.channel, site.message_ts, site.user)
    where = reply_where(site)
    answer = engine.choose(value, where.conversation)
    message = render_answer(answer, surface=where.surface)
    if where.surface == "channel":
        mark_answered(store, where.conversation)
    update(client, site.channel, site.message_ts, message.blocks, message.text)


def is_result(site: Site) -> bool:
    """A finished recommendation (it has feedback buttons), as opposed to a flow step."""
    return any(
        str(element.get("action_id", "")).startswith(f"{FEEDBACK}:")
        for block in site.blocks
        if block.get("type") == "actions"
        for element in block.get("elements", [])
    )


def private_flow(services: Services, site: Site, client, note: str = "") -> None:
    """Question 1 of a flow only the clicker sees; its buttons come back as ephemeral."""
    assert site.channel is not None
    conversation = command_key(site.team, site.channel, site.user)
    answer = services.engine.choose("", conversation)
    if note:
        answer.text = f"{note}\n{answer.text}"
    message = render_answer(answer, surface="command")
    post_ephemeral(client, site.channel, site.user, site.thread_ts, message)
