"""What every listener shares: conversation keys, dedupe, asking the engine, posting replies.

Slack code only turns events into questions and answers into messages; the engine does the rest.
Listeners (bot/slack/listeners/*) stay thin and call the methods here.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from bot.answers.model import Answer
from bot.engine import Engine, Result
from bot.render.blocks import (
    SMALLTALK,
    Message,
    clarify_done,
    decode_value,
    is_flow_question,
    render_answer,
    render_help,
    render_home,
    render_notice,
    render_welcome,
)
from bot.slack.apierror import describe
from bot.slack.config import SlackConfig
from bot.state.batch import batched, claim

log = logging.getLogger("framework_bot.slack")

Surface = Literal["channel", "dm", "command"]

DEDUPE_TTL = 6 * 3600.0  # Slack retries for minutes; a generous window costs little
ANSWERED_TTL = 7 * 24 * 3600.0  # threads the bot answered, for follow-ups without a mention
SNAPSHOT_TTL = 24 * 3600.0  # context behind an ephemeral answer, for "Share in channel"
FEEDBACK_TTL = 90 * 24 * 3600.0  # one rating per person and message
FLOW_TTL = 7 * 24 * 3600.0  # who started a guided flow on a visible message
NOT_YOURS = (
    "That guided choice belongs to someone else, so your click didn't change it. "
    "Here is one of your own:"
)
QUIET_HINT = (
    "I only answer follow-ups here when I'm sure what you mean. Mention me to get an answer."
)
REQUEST_TTL = 15 * 60.0  # a signature is accepted for 5 minutes; a replay must find the key
NOT_SURE = "OK, none of those. Try asking in other words, for example “What is Flask?”."

_USER_MESSAGE_SUBTYPES = (None, "file_share", "thread_broadcast")


@dataclass(frozen=True)
class Where:
    """Where a reply goes, and which conversation (engine context) it continues."""

    channel: str
    thread_ts: str | None
    conversation: str
    surface: Surface


@dataclass(frozen=True)
class Site:
    """Where a button was clicked (block_actions payload)."""

    kind: Literal["message", "ephemeral", "home"]
    team: str
    user: str
    channel: str | None
    message_ts: str | None
    thread_ts: str | None
    blocks: list[dict[str, Any]]
    text: str = ""

    @property
    def is_dm(self) -> bool:
        return bool(self.channel and self.channel.startswith("D"))


def site_of(body: dict[str, Any]) -> Site:
    container = body.get("container") or {}
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
    team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id") or "T"
    user = (body.get("user") or {}).get("id") or ""
    if container.get("type") == "view" or (body.get("view") or {}).get("type") == "home":
        kind: Literal["message", "ephemeral", "home"] = "home"
    elif container.get("is_ephemeral"):
        kind = "ephemeral"
    else:
        kind = "message"
    return Site(
        kind=kind,
        team=team,
        user=user,
        channel=channel,
        message_ts=container.get("message_ts") or message.get("ts"),
        thread_ts=message.get("thread_ts") or container.get("thread_ts"),
        blocks=list(message.get("blocks") or []),
        text=str(message.get("text") or ""),
    )


_QUESTION_LEADS = frozenset(
    "what which who whom whose how why when where is are can could does do did should would "
    "will any anyone".split()
)


def _looks_like_question(text: str) -> bool:
    """A real question (worth a hint when the bot stays quiet), not people talking."""
    words = text.strip().lower().split()
    return "?" in text or bool(words and words[0] in _QUESTION_LEADS)


def _error_code(exc: Exception) -> str:
    """Slack's error code, an HTTP status or a fixed word: never the upstream body's text."""
    return describe(exc).code


class Responder:
    def __init__(self, engine: Engine, config: SlackConfig) -> None:
        from bot.slack.team import TeamDesk

        self.engine = engine
        self.config = config
        # "Ask the team" (bot/slack/team.py), when an experts channel is configured
        self.team = TeamDesk(self) if config.experts_channel else None

    @property
    def store(self):
        return self.engine.store

    # -- keys and dedupe -------------------------------------------------------------------

    @staticmethod
    def key(team: str, channel: str, thread: str) -> str:
        return f"{team}:{channel}:{thread}"

    @staticmethod
    def command_key(team: str, channel: str, user: str) -> str:
        return f"{team}:{channel}:cmd:{user}"

    def claim_event(self, event_id: str) -> bool:
        return self.store.first_time(f"slack:event:{event_id}", DEDUPE_TTL)

    def claim_delivery(
        self,
        event_id: str | None,
        question: tuple[str, str] | None,
        fetch: list[str] | None = None,
    ) -> bool:
        """True when neither this delivery (event_id) nor this question ((channel, ts)) has been
        seen. One round trip to the store, claiming in order: a re-delivery stops at its event
        id and claims nothing else, so an original and its retry racing on two workers can
        never each take one key and both give up. The same round trip fetches the contexts
        `fetch` names (`reads_of`), where the store can."""
        keys = [f"slack:event:{event_id}"] if event_id else []
        if question:
            keys.append(f"slack:msg:{question[0]}:{question[1]}")
        return all(claim(self.store, keys, DEDUPE_TTL, fetch or ())) if keys else True

    def reads_of(self, event: dict[str, Any], team: str, bot_user_id: str | None) -> list[str]:
        """The contexts answering `event` reads (on_mention / on_message), to fetch with its
        claim. Only a hint: a context left out is read when needed."""
        channel, ts = str(event.get("channel") or ""), str(event.get("ts") or "")
        thread = event.get("thread_ts")
        if event.get("channel_type") == "im" or channel.startswith("D"):
            return [self.key(team, channel, thread or "main")]
        text = event.get("text") or ""
        if event.get("type") == "app_mention" or self.mentions(text, bot_user_id):
            return [self.key(team, channel, thread or ts)]
        if thread:
            conversation = self.key(team, channel, thread)
            return [f"slack:answered:{conversation}", conversation]
        return []

    def claim_request(self, body: dict[str, Any]) -> bool:
        """True once per slash command or button click. A signed request replayed within its
        5-minute window (or re-sent by a proxy) carries the same trigger_id, which Slack makes
        new for every command and click; without one, the whole body stands for it."""
        trigger = body.get("trigger_id")
        if isinstance(trigger, str) and trigger:
            key = trigger
        else:
            dumped = json.dumps(body, sort_keys=True, default=str).encode()
            key = "body:" + hashlib.sha256(dumped).hexdigest()[:32]
        return self.store.first_time(f"slack:request:{key}", REQUEST_TTL)

    def claim_message(self, channel: str, ts: str) -> bool:
        """True once per (channel, ts): app_mention and message.* deliver the same question."""
        return self.store.first_time(f"slack:msg:{channel}:{ts}", DEDUPE_TTL)

    def question_key(
        self, event: dict[str, Any], bot_user_id: str | None
    ) -> tuple[str, str] | None:
        """(channel, ts) of a message the bot may answer (a mention, a DM, a thread reply), for
        the dedupe middleware; None for everything else (nothing to claim)."""
        if event.get("type") not in ("app_mention", "message"):
            return None
        if not self.is_user_message(event, bot_user_id) or not event.get("ts"):
            return None
        channel = str(event["channel"])
        if (
            event.get("type") == "app_mention"
            or event.get("channel_type") == "im"
            or channel.startswith("D")
            or event.get("thread_ts")
            or self.mentions(event.get("text") or "", bot_user_id)
        ):
            return channel, str(event["ts"])
        return None

    def mark_answered(self, conversation: str) -> None:
        self.store.put_context(f"slack:answered:{conversation}", {"answered": True}, ANSWERED_TTL)

    def was_answered(self, conversation: str) -> bool:
        return self.store.get_context(f"slack:answered:{conversation}") is not None

    def _copy_context(self, source: str, *targets: str) -> None:
        context = self.store.get_context(source)
        if context:
            with batched(self.store):
                for target in targets:
                    self.store.put_context(target, context, self.engine.context_ttl)

    # -- the engine ------------------------------------------------------------------------

    def run(self, text: str, conversation: str | None, surface: Surface) -> Result:
        """Ask the engine; every question is recorded for the curators (see `record_result`)."""
        result = self.engine.run(text if text.strip() else "help", conversation)
        self.record_result(result, surface)
        return result

    def record_result(self, result: Result, surface: str) -> None:
        """A question that fell back as "fallback" (its text, the best guess and its score);
        any other as "answered" (intent and score only), for the fallback rate over time."""
        if result.answer.is_fallback:
            self.record_fallback(
                result.parse.text, surface, result.parse.intent, result.parse.confidence
            )
        else:
            self.store.record(
                "answered",
                {
                    "surface": surface,
                    "intent": result.answer.intent,
                    "score": round(result.parse.confidence, 3),
                    "time": time.time(),
                },
            )

    def record_fallback(self, text: str, surface: str, intent: str, score: float) -> None:
        self.store.record(
            "fallback",
            {
                "text": text,
                "surface": surface,
                "intent": intent,
                "score": round(score, 3),
                "time": time.time(),
            },
        )

    def snapshot(self, conversation: str) -> str:
        """Keep the context an ephemeral answer was given in, so sharing it repeats it exactly."""
        context = self.store.get_context(conversation)
        if not context:
            return ""
        snapshot_id = uuid.uuid4().hex[:16]
        self.store.put_context(f"slack:snapshot:{snapshot_id}", context, SNAPSHOT_TTL)
        return snapshot_id

    # -- posting ---------------------------------------------------------------------------

    def post(self, client, where: Where, message: Message, user: str | None = None) -> str | None:
        """chat.postMessage; on an API error, log Slack's error code and tell the asker."""
        try:
            response = client.chat_postMessage(
                channel=where.channel,
                thread_ts=where.thread_ts,
                unfurl_links=False,
                unfurl_media=False,
                **message.kwargs(),
            )
        except Exception as exc:  # SlackApiError or a network error: never crash a listener
            failure = describe(exc)
            log.error("chat.postMessage failed in %s: %s", where.channel, failure.code)
            if user and where.surface != "dm":
                # A timeout says nothing about the outcome: Slack may well have posted it.
                note = (
                    "Slack was slow to confirm my answer here. If you don't see it, please ask "
                    "again."
                    if failure.maybe_done
                    else f"Sorry, I couldn't post my answer here ({failure.code})."
                )
                self.notify(client, where.channel, user, where.thread_ts, note)
            return None
        return response.get("ts")

    def notify(self, client, channel: str, user: str, thread_ts: str | None, text: str) -> None:
        """A short ephemeral note to one person; failures are only logged."""
        try:
            client.chat_postEphemeral(
                channel=channel, user=user, thread_ts=thread_ts, **render_notice(text).kwargs()
            )
        except Exception as exc:
            log.error("chat.postEphemeral failed in %s: %s", channel, _error_code(exc))

    def answer(self, client, where: Where, text: str, user: str | None) -> str | None:
        with batched(self.store):  # the answer's writes in one round trip, before posting
            result = self.run(text, where.conversation, where.surface)
            message = render_answer(
                result.answer,
                question=result.parse.text,
                surface=where.surface,
                ask_team=self.team is not None,
            )
            if where.surface == "channel":
                # Before posting: a quick reply to the answer must find the thread marked.
                self.mark_answered(where.conversation)
        posted = self.post(client, where, message, user)
        if posted and user and is_flow_question(result.answer):
            self._own_flow(where.channel, posted, user)
        return posted

    # -- events ----------------------------------------------------------------------------

    @staticmethod
    def is_user_message(event: dict[str, Any], bot_user_id: str | None) -> bool:
        """A person's new message: not an edit or deletion, not this bot, not any other bot."""
        if event.get("subtype") not in _USER_MESSAGE_SUBTYPES or event.get("hidden"):
            return False
        if event.get("bot_id") or event.get("bot_profile") or event.get("app_id"):
            return False
        user = event.get("user")
        return bool(user) and user != bot_user_id and bool(event.get("channel"))

    @staticmethod
    def mentions(text: str, bot_user_id: str | None) -> bool:
        return bool(bot_user_id) and (f"<@{bot_user_id}>" in text or f"<@{bot_user_id}|" in text)

    def on_message(self, event: dict[str, Any], team: str, bot_user_id: str | None, client) -> None:
        if not self.is_user_message(event, bot_user_id):
            return
        if self.team is not None and self.team.take_reply(event, client):
            return  # a reply in an experts thread: it goes to the asker
        text = event.get("text") or ""
        if event.get("channel_type") == "im":
            self.answer_dm(event, team, client)
        elif self.mentions(text, bot_user_id):
            self.answer_mention(event, team, client)
        elif event.get("thread_ts"):
            self.answer_followup(event, team, client)

    def on_mention(self, event: dict[str, Any], team: str, bot_user_id: str | None, client) -> None:
        if not self.is_user_message(event, bot_user_id):
            return
        if self.team is not None and self.team.take_reply(event, client):
            return
        if str(event.get("channel", "")).startswith("D"):  # a mention in a DM is just a DM
            self.answer_dm(event, team, client)
        else:
            self.answer_mention(event, team, client)

    def answer_mention(self, event: dict[str, Any], team: str, client) -> None:
        """An explicit mention always gets a reply, in the thread of the question."""
        channel, ts = event["channel"], event["ts"]
        thread = event.get("thread_ts") or ts
        where = Where(channel, thread, self.key(team, channel, thread), "channel")
        self.answer(client, where, event.get("text") or "", event.get("user"))

    def answer_followup(self, event: dict[str, Any], team: str, client) -> None:
        """A reply without a mention in a thread the bot answered: only confident answers."""
        channel, thread = event["channel"], event["thread_ts"]
        conversation = self.key(team, channel, thread)
        text = event.get("text") or ""
        if "<@" in text or "<!" in text or not self.was_answered(conversation):
            return  # addressed to someone else (or everyone), or not the bot's thread
        result = self.engine.run(text, conversation, remember=False)
        answer = result.answer
        if (
            answer.is_fallback
            or answer.clarify
            or answer.intent in SMALLTALK
            or result.parse.confidence < self.config.followup_confidence
        ):
            log.debug(
                "staying quiet in %s (%s %.2f)", channel, answer.intent, result.parse.confidence
            )
            self._stay_quiet(client, event, conversation, result)
            return
        with batched(self.store):  # one round trip for these writes
            self.engine.remember(conversation, result)  # only what the bot said shapes it
            self.record_result(result, "channel")
            message = render_answer(answer, question=result.parse.text, surface="channel")
            self.mark_answered(conversation)  # refresh the TTL
        self.post(
            client, Where(channel, thread, conversation, "channel"), message, event.get("user")
        )

    def _stay_quiet(self, client, event: dict[str, Any], conversation: str, result) -> None:
        """A follow-up the bot won't answer: recorded for the report; the first time in a
        thread that this is a real question (not small talk), the asker gets a private hint."""
        answer = result.answer
        if answer.intent in SMALLTALK and not answer.is_fallback:
            return
        self.record_fallback(
            result.parse.text, "thread_quiet", result.parse.intent, result.parse.confidence
        )
        if _looks_like_question(result.parse.text) and self.store.first_time(
            f"slack:quiet-hint:{conversation}", ANSWERED_TTL
        ):
            user = event.get("user")
            if user:
                self.notify(client, event["channel"], user, event.get("thread_ts"), QUIET_HINT)

    def answer_dm(self, event: dict[str, Any], team: str, client) -> None:
        """Every DM is a question. Top-level DMs share one conversation and get top-level
        replies; a DM thread is its own conversation, answered in the thread."""
        channel, ts = event["channel"], event["ts"]
        thread = event.get("thread_ts")
        conversation = self.key(team, channel, thread or "main")
        where = Where(channel, thread, conversation, "dm")
        posted = self.answer(client, where, event.get("text") or "", event.get("user"))
        if posted and thread is None:
            # A thread started later on the question or on the answer continues this subject.
            self._copy_context(
                conversation, self.key(team, channel, ts), self.key(team, channel, posted)
            )

    def on_member_joined(self, event: dict[str, Any], bot_user_id: str | None, client) -> None:
        user, channel = event.get("user"), event.get("channel")
        if not user or not channel or user == bot_user_id:
            return
        if not self.config.wants_onboarding(channel):
            return
        try:
            client.chat_postEphemeral(
                channel=channel, user=user, **render_welcome(self.config.command).kwargs()
            )
        except Exception as exc:
            log.error("onboarding in %s failed: %s", channel, _error_code(exc))

    def on_home_opened(self, event: dict[str, Any], client) -> None:
        if event.get("tab") != "home" or not event.get("user"):
            return
        view = render_home(self.engine.knowledge, self.config.command)
        try:
            client.views_publish(user_id=event["user"], view=view)
        except Exception as exc:
            log.error("views.publish failed: %s", _error_code(exc))

    # -- the slash command -----------------------------------------------------------------

    def on_command(self, command: dict[str, Any], respond, client=None) -> None:
        """/framework [help | choose | why <question> | list [category] | <question>]."""
        text = " ".join((command.get("text") or "").split())
        team = command.get("team_id") or "T"
        channel = command.get("channel_id") or ""
        user = command.get("user_id") or ""
        conversation = self.command_key(team, channel, user)
        lowered = text.lower()
        first, _, rest = text.partition(" ")
        if lowered == "digest" and self.team is not None and client is not None:
            return self.team.digest(command, respond, client)  # curators: to the experts
        if lowered in ("", "help", "?", "-h", "--help") or (first.lower() == "why" and not rest):
            message = render_help(self.config.command)
        elif lowered in ("choose", "help me choose"):
            answer = self.engine.choose("", conversation)
            message = render_answer(answer, surface="command")
        else:
            explain = first.lower() == "why"
            question = rest if explain else text
            message = self._private_answer(question, conversation, explain)
        respond(response_type="ephemeral", **message.kwargs())

    def _private_answer(self, question: str, conversation: str, explain: bool = False):
        """An answer only its asker sees, with the snapshot "Share in channel" posts."""
        from bot.render.explain import why_lines

        snapshot = self.snapshot(conversation)
        result = self.run(question, conversation, "command")
        return render_answer(
            result.answer,
            question=result.parse.text,
            surface="command",
            share={"q": question, "k": snapshot},
            why=why_lines(result) if explain else None,
        )

    # -- buttons ---------------------------------------------------------------------------

    def reply_where(self, site: Site) -> Where:
        """Where to answer a button in a visible message: its thread (or a DM's main line)."""
        assert site.channel is not None
        if site.is_dm:
            thread = site.thread_ts
            return Where(
                site.channel, thread, self.key(site.team, site.channel, thread or "main"), "dm"
            )
        thread = site.thread_ts or site.message_ts or ""
        return Where(site.channel, thread, self.key(site.team, site.channel, thread), "channel")

    def on_ask(
        self, body: dict[str, Any], action: dict[str, Any], respond, client, clarify: bool = False
    ) -> None:
        """A suggested follow-up or a "Did you mean" choice: answer it where it was clicked."""
        site = site_of(body)
        value = decode_value(action.get("value"))
        question = str(value.get("q") or "")
        label = ((action.get("text") or {}).get("text")) or question
        if clarify and not question:
            return self._none_of_these(site, value, respond, client)
        if site.kind == "home":
            return self._answer_in_dm(site, question, client)
        if site.kind == "ephemeral" or not site.channel:
            conversation = self.command_key(site.team, site.channel or "", site.user)
            message = self._private_answer(question, conversation)
            respond(response_type="ephemeral", replace_original=clarify, **message.kwargs())
            return
        where = self.reply_where(site)
        self.answer(client, where, question, site.user)
        if clarify and site.message_ts and site.blocks:
            self._update(client, site, clarify_done(site.blocks, f"You picked: {label}"), site.text)

    def _none_of_these(self, site: Site, value: dict[str, Any], respond, client) -> None:
        surface = "command" if site.kind == "ephemeral" else ("dm" if site.is_dm else "channel")
        self.record_fallback(str(value.get("o") or ""), surface, "clarify_none", 0.0)
        if site.kind == "ephemeral":
            respond(
                response_type="ephemeral", replace_original=True, **render_notice(NOT_SURE).kwargs()
            )
        elif site.kind == "message" and site.message_ts and site.blocks:
            self._update(client, site, clarify_done(site.blocks, NOT_SURE), site.text)

    def _update(self, client, site: Site, blocks: list[dict[str, Any]], text: str) -> None:
        try:
            client.chat_update(
                channel=site.channel,
                ts=site.message_ts,
                text=text or "framework-bot",
                blocks=blocks,
            )
        except Exception as exc:
            log.error("chat.update failed in %s: %s", site.channel, _error_code(exc))

    def _answer_in_dm(self, site: Site, question: str, client) -> None:
        """A button in the App Home: the answer arrives in the app's Messages tab."""
        scratch = f"slack:home:{site.team}:{site.user}"
        self.store.clear_context(scratch)
        result = self.run(question, scratch, "dm")
        message = render_answer(result.answer, question=result.parse.text, surface="dm")
        if self._post_to_dm(site, message, scratch, client):
            self._acknowledge_home(site, f"“{question}”", client)

    def _post_to_dm(self, site: Site, message: Message, scratch: str, client) -> bool:
        try:
            response = client.chat_postMessage(channel=site.user, **message.kwargs())
        except Exception as exc:
            log.error("chat.postMessage to a DM failed: %s", _error_code(exc))
            return False
        channel = response.get("channel")
        if channel:
            self._copy_context(scratch, self.key(site.team, channel, "main"))
        return True

    def _acknowledge_home(self, site: Site, what: str, client) -> None:
        """The Home tab says where a button's answer went (it arrives in Messages)."""
        notice = f"I sent {what} to our Messages tab: open it to read it."
        view = render_home(self.engine.knowledge, self.config.command, notice=notice)
        try:
            client.views_publish(user_id=site.user, view=view)
        except Exception as exc:
            log.error("views.publish failed: %s", _error_code(exc))

    def on_choose(self, body: dict[str, Any], action: dict[str, Any], respond, client) -> None:
        """One step of the guided flow. A step replaces the message it was clicked in, but only
        for the person who started that flow: anyone else gets a flow of their own, privately,
        and a finished result in a channel stays as it is (Start over starts a private flow)."""
        site = site_of(body)
        value = str(decode_value(action.get("value")).get("c") or "")
        if site.kind == "home":
            scratch = f"slack:home:{site.team}:{site.user}"
            answer = self.engine.choose("", scratch)
            if self._post_to_dm(site, render_answer(answer, surface="dm"), scratch, client):
                self._acknowledge_home(site, "the first question of Help me choose", client)
            return
        if site.kind == "ephemeral" or not site.channel or not site.message_ts:
            conversation = self.command_key(site.team, site.channel or "", site.user)
            answer = self.engine.choose(value, conversation)
            share = None if is_flow_question(answer) else {"c": value}
            message = render_answer(answer, surface="command", share=share)
            respond(response_type="ephemeral", replace_original=True, **message.kwargs())
            return
        if not site.is_dm:
            owner = self._flow_owner(site.channel, site.message_ts)
            if (owner and owner != site.user) or (not value and self._is_result(site)):
                return self._private_flow(site, client, note=NOT_YOURS if owner else "")
            if not owner:
                self._own_flow(site.channel, site.message_ts, site.user)
        where = self.reply_where(site)
        answer = self.engine.choose(value, where.conversation)
        message = render_answer(answer, surface=where.surface)
        if where.surface == "channel":
            self.mark_answered(where.conversation)
        self._update(client, site, message.blocks, message.text)

    def _flow_owner(self, channel: str, ts: str) -> str | None:
        owner = self.store.get_context(f"slack:flow:{channel}:{ts}")
        return str(owner.get("user") or "") or None if owner else None

    def _own_flow(self, channel: str, ts: str, user: str) -> None:
        self.store.put_context(f"slack:flow:{channel}:{ts}", {"user": user}, FLOW_TTL)

    @staticmethod
    def _is_result(site: Site) -> bool:
        """A finished recommendation (it has feedback buttons), as opposed to a flow step."""
        return any(
            str(element.get("action_id", "")).startswith("feedback:")
            for block in site.blocks
            if block.get("type") == "actions"
            for element in block.get("elements", [])
        )

    def _private_flow(self, site: Site, client, note: str = "") -> None:
        """Question 1 of a flow only the clicker sees; its buttons come back as ephemeral."""
        assert site.channel is not None
        conversation = self.command_key(site.team, site.channel, site.user)
        answer = self.engine.choose("", conversation)
        if note:
            answer.text = f"{note}\n{answer.text}"
        message = render_answer(answer, surface="command")
        try:
            client.chat_postEphemeral(
                channel=site.channel,
                user=site.user,
                thread_ts=site.thread_ts,
                **message.kwargs(),
            )
        except Exception as exc:
            log.error("chat.postEphemeral failed in %s: %s", site.channel, _error_code(exc))

    def on_feedback(self, body: dict[str, Any], action: dict[str, Any], respond, client) -> None:
        """👍/👎: stored with the intent, question and surface — no user ids."""
        site = site_of(body)
        value = decode_value(action.get("value"))
        rating = value.get("r") if value.get("r") in ("up", "down") else None
        if rating is None:
            return
        who = f"{site.user}|{site.channel}|{site.message_ts}".encode()
        key = "slack:feedback:" + hashlib.sha256(who).hexdigest()[:32]
        previous = (self.store.get_context(key) or {}).get("r")
        if previous == rating:
            thanks = "You already rated this answer. Thanks!"
        else:
            # a second, different click changes the vote: the report counts the latest only
            self.store.put_context(key, {"r": rating}, FEEDBACK_TTL)
            score = value.get("p")
            record = {
                "vote": 1 if rating == "up" else -1,
                "rating": rating,
                "score": score if isinstance(score, int | float) else None,
                "intent": str(value.get("i") or ""),
                "headline": str(value.get("h") or ""),
                "question": str(value.get("q") or ""),
                "surface": str(value.get("s") or ""),
                "time": time.time(),
            }
            if previous in ("up", "down"):
                record["replaces"] = 1 if previous == "up" else -1
            self.store.record("feedback", record)
            thanks = "Thanks, I changed your rating." if previous else "Thanks for the feedback!"
        if site.kind == "ephemeral":
            respond(
                response_type="ephemeral", replace_original=False, **render_notice(thanks).kwargs()
            )
        elif site.kind == "message" and site.channel:
            self.notify(client, site.channel, site.user, site.thread_ts, thanks)
        if self.team is not None and rating == "down" and previous != rating:
            self.team.offer_teach(site, str(value.get("q") or ""), client)  # curators only

    def on_share(self, body: dict[str, Any], action: dict[str, Any], respond, client) -> None:
        """Post an ephemeral answer visibly; follow-ups continue in the new message's thread."""
        site = site_of(body)
        value = decode_value(action.get("value"))
        if not site.channel:
            return
        scratch = f"slack:share:{uuid.uuid4().hex}"
        question = str(value.get("q") or "")
        if "c" in value:
            answer: Answer = self.engine.choose(str(value.get("c") or ""), scratch)
        else:
            snapshot = str(value.get("k") or "")
            if snapshot:
                self._copy_context(f"slack:snapshot:{snapshot}", scratch)
            answer = self.engine.run(question, scratch).answer
        message = render_answer(
            answer, question=question, surface="channel", note=f"Shared from {self.config.command}"
        )
        try:
            response = client.chat_postMessage(
                channel=site.channel, unfurl_links=False, unfurl_media=False, **message.kwargs()
            )
        except Exception as exc:
            # Not in the channel, for example: the response_url can still post it visibly.
            log.warning(
                "share via chat.postMessage failed in %s: %s", site.channel, _error_code(exc)
            )
            if not body.get("response_url"):
                self.store.clear_context(scratch)
                return
            respond(response_type="in_channel", replace_original=False, **message.kwargs())
        else:
            conversation = self.key(site.team, site.channel, response["ts"])
            self._copy_context(scratch, conversation)
            self.mark_answered(conversation)
        self.store.clear_context(scratch)
        if body.get("response_url"):
            respond(delete_original=True)
