"""/framework [help | choose | why <question> | list [category] | digest | <question>]: an
answer only its asker sees, until they share it."""

from __future__ import annotations

from typing import Any

from bot.render.blocks import render_answer
from bot.render.home import render_help
from bot.slack.answering import private_answer
from bot.slack.keys import command_key
from bot.slack.listeners.commands.digest import digest
from bot.slack.services import Services

HELP_WORDS = ("", "help", "?", "-h", "--help")  # what asks for the command's help


def framework(services: Services, command: dict[str, Any], respond, client) -> None:
    text = " ".join((command.get("text") or "").split())
    team = command.get("team_id") or "T"
    channel = command.get("channel_id") or ""
    user = command.get("user_id") or ""
    conversation = command_key(team, channel, user)
    lowered = text.lower()
    first, _, rest = text.partition(" ")
    if lowered == "digest" and services.desk is not None and client is not None:
        return digest(services, command, respond, client)  # curators: to the experts
    if lowered in HELP_WORDS or (first.lower() == "why" and not rest):
        message = render_help(services.config.command)
    elif lowered in ("choose", "help me choose"):
        answer = services.engine.choose("", conversation)
        message = render_answer(answer, surface="command")
    else:
        explain = first.lower() == "why"
        question = rest if explain else text
        message = private_answer(services, question, conversation, explain)
    respond(response_type="ephemeral", **message.kwargs())
