"""Block Kit for "Ask the team": the question in the experts channel, the team's answer in the
asker's thread, and the curator's "Add to knowledge" modal.

Everything a person wrote is escaped (bot.render.escape). The only mentions are the ones our
code builds from ids it checked (`<@U…>`, `<#C…>`), so that nobody is pinged by user text and
the attribution cannot be forged; the question's author is never mentioned.
"""

from __future__ import annotations

import re
from typing import Any

from bot.records import FACETS
from bot.render.escape import escape
from bot.render.kit import (
    Message,
    actions,
    button,
    context,
    fallback_text,
    plain,
    section,
    split_text,
    user_mention,
)
from bot.render.values import TEAM_ADD, TEAM_TEACH, TEAM_VIEW
from bot.text.lexicon import LEXICON

_CHANNEL = re.compile(r"^[CGD][A-Z0-9]{2,}$")
_PERMALINK = re.compile(r"^https://[^\s<>|]+$")
MAX_OPTIONS = 100  # static_select

FACET_LABELS = LEXICON.table("facet_labels")  # what the modal calls each facet
GENERAL = "general"  # the framework option for a fact about no one framework


def channel_mention(channel: str) -> str:
    return f"<#{channel}>" if _CHANNEL.match(channel) else escape("#" + channel)


def _link(permalink: str, label: str) -> str:
    return f"<{permalink}|{escape(label)}>" if _PERMALINK.match(permalink or "") else ""


def quote(text: str) -> str:
    """Someone's words, escaped, set off in italics line by line (not a `>` quote: the
    angle bracket stays escaped everywhere)."""
    return "\n".join(
        f"_{line.strip()}_" if line.strip() else "" for line in escape(text).split("\n")
    )


_MARKUP = re.compile(r"<([^<>]*)>")


def plain_slack(text: str) -> str:
    """A Slack message as plain words: links as 'label (url)', mentions as '@U…'/'#name', and
    broadcasts dropped (what the team fact keeps, and what is shown escaped)."""

    def one(match: re.Match[str]) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            return "@" + (label or target[1:])
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            return ""
        return f"{label} ({target})" if label and label != target else target

    text = _MARKUP.sub(one, text or "")
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def render_experts_question(question: str, channel: str, is_dm: bool, permalink: str) -> Message:
    """The declined question, posted to the experts channel: no mention of the asker."""
    where = "a direct message" if is_dm else channel_mention(channel)
    link = "" if is_dm else _link(permalink, "see where it was asked")
    asked = f"Asked in {where}" + (f" · {link}" if link else "")
    blocks = [
        section("*A question the documents don't answer*\n" + quote(question)),
        context(asked),
        context(
            escape(
                "Reply in this thread: I pass each reply to the asker, marked as the team's "
                "answer, not the documents'."
            )
        ),
        actions([button("Teach (curators)", f"{TEAM_TEACH}:0", {"q": question})], "teach"),
    ]
    return Message(fallback_text("A question the documents don't answer", question), blocks)


def render_asked(experts_channel: str) -> Message:
    text = f"I asked the team in {channel_mention(experts_channel)}. " + escape(
        "Their answer will come to this thread."
    )
    return Message(fallback_text("I asked the team."), [section(text)])


def render_asked_digest(experts_channel: str) -> Message:
    text = f"I posted the digest in {channel_mention(experts_channel)}."
    return Message(fallback_text("I posted the digest."), [section(text)])


def render_relay(text: str, author: str, experts_channel: str, reply_key: str | None) -> Message:
    """The team's answer in the asker's thread, attributed and marked as not from the
    documents; with `reply_key`, an "Add to knowledge" button for curators."""
    head = f"*Answered by {user_mention(author)} in {channel_mention(experts_channel)}*\n"
    blocks = [section(chunk) for chunk in split_text(head + quote(text))]
    blocks.append(context(escape("From the team, not from the documents.")))
    if reply_key:
        blocks.append(
            actions([button("Add to knowledge", f"{TEAM_ADD}:0", {"k": reply_key})], "team")
        )
    return Message(fallback_text("The team answered", text), blocks)


def render_delivered(reply_key: str | None) -> Message:
    """In the experts thread, under a reply: it reached the asker (and, for curators, the
    button that adds it to the team knowledge)."""
    blocks = [context(escape("Sent to the asker's thread, marked as the team's answer."))]
    if reply_key:
        blocks.append(
            actions([button("Add to knowledge", f"{TEAM_ADD}:0", {"k": reply_key})], "team")
        )
    return Message(fallback_text("Sent to the asker."), blocks)


def _option(label: str, value: str) -> dict[str, Any]:
    return {"text": plain(label[:75]), "value": value}


def _select(
    block_id: str, label: str, options: list[dict[str, Any]], initial: str
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "static_select",
        "action_id": "value",
        "options": options[:MAX_OPTIONS],
    }
    chosen = next((o for o in options if o["value"] == initial), None)
    if chosen:
        element["initial_option"] = chosen
    return {"type": "input", "block_id": block_id, "label": plain(label), "element": element}


def _text_input(
    block_id: str, label: str, initial: str, limit: int, multiline: bool
) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": block_id,
        "label": plain(label),
        "element": {
            "type": "plain_text_input",
            "action_id": "value",
            "multiline": multiline,
            "max_length": limit,
            "initial_value": initial[:limit],
        },
    }


def render_add_modal(
    frameworks: list[tuple[str, str]],
    reply: dict[str, Any],
    metadata: str,
) -> dict[str, Any]:
    """The modal a curator checks before a team answer becomes a team fact. Author, date and
    permalink come from the reply itself and are not editable."""
    framework_options = [_option(name, fid) for fid, name in frameworks]
    framework_options.append(_option("None: about no one framework", GENERAL))
    facet_options = [_option(FACET_LABELS.get(f, f), f) for f in FACETS]
    credit = f"Source: the team — {user_mention(str(reply.get('author') or ''))}, " + escape(
        str(reply.get("date") or "")
    )
    link = _link(str(reply.get("permalink") or ""), "the answer in Slack")
    blocks = [
        _select("framework", "Framework", framework_options, str(reply.get("framework") or "")),
        _select("facet", "What it is about", facet_options, str(reply.get("facet") or "")),
        _text_input(
            "question", "The question it answers", str(reply.get("question") or ""), 500, False
        ),
        _text_input("text", "The team's answer", str(reply.get("text") or ""), 2000, True),
        context(credit + (f" · {link}" if link else "")),
        context(escape("Written to the team knowledge, checked like every knowledge file.")),
    ]
    return {
        "type": "modal",
        "callback_id": TEAM_VIEW,
        "private_metadata": metadata,
        "title": plain("Add to knowledge"),
        "submit": plain("Add"),
        "close": plain("Cancel"),
        "blocks": blocks,
    }


def render_teach_modal(question: str, options: list[tuple[str, str]], metadata: str) -> dict:
    """Teach: which question the declined one meant (a short list, or typed), as for
    `framework-bot teach`. `options` are (question, intent)."""
    choices = [_option(label, intent) for label, intent in options]
    blocks: list[dict[str, Any]] = [
        section("*Teach me this question*\n" + quote(question)),
    ]
    if choices:
        pick = _select("intent", "It means the same as", choices, "")
        pick["optional"] = True
        blocks.append(pick)
    typed = _text_input("typed", "Or type a question I answer that means the same", "", 300, False)
    typed["optional"] = True
    typed["element"].pop("initial_value")
    blocks.append(typed)
    blocks.append(
        context(escape("It becomes an example in intents/, checked as framework-bot teach does."))
    )
    return {
        "type": "modal",
        "callback_id": TEAM_TEACH,
        "private_metadata": metadata,
        "title": plain("Teach"),
        "submit": plain("Teach"),
        "close": plain("Cancel"),
        "blocks": blocks,
    }


def render_teach_offer(question: str) -> Message:
    """To a curator who rated an answer down: teach the bot what the question meant."""
    blocks = [
        section(escape("Did I read this question wrong? You can teach me what it meant:")),
        section(quote(question)),
        actions([button("Teach", f"{TEAM_TEACH}:0", {"q": question})], "teach"),
    ]
    return Message(fallback_text("Teach me what it meant", question), blocks)
