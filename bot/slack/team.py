"""Ask the team: a declined question goes to the experts channel, replies in its thread come
back to the asker, and a curator can turn a reply into a team fact (bot/team.py).

State (in the engine's store, so it holds across workers): which experts thread belongs to
which asker's thread (no user id of the asker), and each relayed reply (its text, its author's
id, date and permalink: what the attribution shows) for "Add to knowledge".
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
import uuid
from pathlib import Path
from typing import Any

from bot.render.blocks import render_notice
from bot.render.team import (
    GENERAL,
    plain_slack,
    render_add_modal,
    render_asked,
    render_asked_digest,
    render_delivered,
    render_experts_question,
    render_relay,
    render_teach_modal,
    render_teach_offer,
)
from bot.render.values import decode_value
from bot.slack.apierror import describe
from bot.slack.config import SlackConfig
from bot.slack.places import Site, site_of
from bot.slack.posting import notify, post_ephemeral
from bot.team import FACET_OF_INTENT, NewFact, TeamWriteError, add_fact
from bot.yamlsrc import SourceErrors

log = logging.getLogger("framework_bot.slack")

GROUP_TTL = 60.0  # seconds a curator group's member list is trusted
TEAM_TTL = 30 * 24 * 3600.0  # how long an experts thread (and a relayed reply) stays live
ALREADY_ASKED = "The team has already been asked this one; their answer will come to this thread."
NOT_CURATOR = (
    "Only curators can add answers to the knowledge base. Ask one of them to click "
    "Add to knowledge."
)
NO_TEAM_DIR = "No team knowledge directory is configured (FRAMEWORK_BOT_TEAM_DIR)."
STALE = "That answer is too old to add from here; a curator can add it to the team files."
ADDED = "Added to the team knowledge. Later answers cite it as the team's, with its author."
ALREADY_ADDED = "That answer is already in the team knowledge."
NOT_CURATOR_DIGEST = "Only curators can post the digest."
DIGEST_DAYS = 7
TEACH_OPTIONS = 5
TYPED_UNKNOWN = "I don't answer that one either: type a question I do answer, or pick one above."
PICK_ONE = "Pick a question from the list, or type one."
TAUGHT = (
    "Taught: an example of {intent} in intents/{file} (line {line}), live here now "
    "(other instances: framework-bot reload)."
)
DIGEST_TOP = 8


def submitted(body: dict[str, Any]) -> tuple[str, dict[str, Any], dict]:
    """A modal submission's user, its private metadata (empty when stale or malformed) and
    its input values."""
    view = body.get("view") or {}
    user = str((body.get("user") or {}).get("id") or "")
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        meta = {}
    if not isinstance(meta, dict):
        meta = {}
    values = (view.get("state") or {}).get("values") or {}
    return user, meta, values


class TeamDesk:
    """The "Ask the team" listeners and the state they share (the curator group's members)."""

    def __init__(self, engine: Any, config: SlackConfig) -> None:
        self.engine = engine  # bot.engine.Engine
        self.config = config
        self.experts = config.experts_channel
        self._group: tuple[float, frozenset[str]] | None = None  # (when, curator group members)

    @property
    def store(self):
        return self.engine.store

    @property
    def team_dir(self):
        team = self.engine.team
        return team.directory if team is not None else None

    def _claim(self, name: str) -> bool:
        """True once per `name` (atomic, across workers), until `_release` gives it back:
        a claim is a first_time key numbered by how many times it was given back."""
        attempt = (self.store.get_context(f"slack:team:attempt:{name}") or {}).get("n", 0)
        return self.store.first_time(f"slack:team:claim:{name}:{attempt}", TEAM_TTL)

    def _release(self, name: str) -> None:
        """After a failure: the next click may try again."""
        key = f"slack:team:attempt:{name}"
        attempt = (self.store.get_context(key) or {}).get("n", 0)
        self.store.put_context(key, {"n": attempt + 1}, TEAM_TTL)

    def _permalink(self, client, channel: str, ts: str | None) -> str:
        if not ts:
            return ""
        try:
            return str(client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink"))
        except Exception as exc:
            log.warning("chat.getPermalink failed in %s: %s", channel, describe(exc).code)
            return ""

    # -- the question goes to the experts ---------------------------------------------------

    def on_ask(self, body: dict[str, Any], action: dict[str, Any], respond, client) -> None:
        """ "Ask the team" under a decline: post the question (escaped, with a link to where
        it was asked, mentioning nobody) to the experts channel, once per decline."""
        site = site_of(body)
        question = str(decode_value(action.get("value")).get("q") or "").strip()
        if site.kind != "message" or not site.channel or not site.message_ts or not question:
            return
        thread = site.thread_ts or site.message_ts
        if not self._claim(f"asked:{site.channel}:{thread}"):
            notify(client, site.channel, site.user, thread, ALREADY_ASKED)
            return
        parse = self.engine.understanding.parse(question, None)  # for the modal
        frameworks = [e for e in parse.entities if e in self.engine.knowledge.frameworks]
        permalink = "" if site.is_dm else self._permalink(client, site.channel, site.message_ts)
        message = render_experts_question(question, site.channel, site.is_dm, permalink)
        try:
            posted = client.chat_postMessage(
                channel=self.experts, unfurl_links=False, unfurl_media=False, **message.kwargs()
            )
        except Exception as exc:
            code = describe(exc).code
            log.error("posting to the experts channel failed: %s", code)
            self._release(f"asked:{site.channel}:{thread}")
            note = f"Sorry, I couldn't reach the team ({code}). Please try again later."
            notify(client, site.channel, site.user, thread, note)
            return
        self.store.put_context(
            f"slack:team:thread:{self.experts}:{posted['ts']}",
            {
                "channel": site.channel,
                "thread": thread,
                "question": question,
                "framework": frameworks[0] if frameworks else "",
                "facet": FACET_OF_INTENT.get(parse.intent, "features"),
            },
            TEAM_TTL,
        )
        asked = render_asked(self.experts)
        try:
            client.chat_postMessage(channel=site.channel, thread_ts=thread, **asked.kwargs())
        except Exception as exc:
            log.error("chat.postMessage failed in %s: %s", site.channel, describe(exc).code)

    # -- replies come back --------------------------------------------------------------------

    def take_reply(self, event: dict[str, Any], client) -> bool:
        """A person's reply in an experts thread the bot started: relayed to the asker's
        thread, attributed. True when the event was such a reply (nothing else answers it)."""
        if event.get("channel") != self.experts or not event.get("thread_ts"):
            return False
        asked = self.store.get_context(f"slack:team:thread:{self.experts}:{event['thread_ts']}")
        if not asked:
            return False  # not a thread the bot started: the usual rules apply
        author = str(event.get("user") or "")
        text = plain_slack(str(event.get("text") or ""))
        if not text:
            return True
        key = None
        if self.team_dir is not None:
            key = uuid.uuid4().hex[:16]
            self.store.put_context(
                f"slack:team:reply:{key}",
                {
                    "question": asked.get("question", ""),
                    "framework": asked.get("framework", ""),
                    "facet": asked.get("facet", ""),
                    "text": text,
                    "author": author,
                    "date": dt.date.today().isoformat(),
                    "permalink": self._permalink(client, self.experts, event.get("ts")),
                },
                TEAM_TTL,
            )
        relay = render_relay(text, author, self.experts, key)
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
            client.chat_postMessage(
                channel=self.experts, thread_ts=event["thread_ts"], **sent.kwargs()
            )
        except Exception as exc:
            log.error("chat.postMessage failed in the experts channel: %s", describe(exc).code)
        return True

    # -- the digest ---------------------------------------------------------------------------

    def digest(self, command: dict[str, Any], respond, client) -> None:
        """`/framework digest`: a curator posts the last week's report to the experts channel."""
        from bot.curation import build_report
        from bot.render.digest import render_digest

        user = str(command.get("user_id") or "")
        if not self.is_curator(user, client):
            respond(response_type="ephemeral", **render_notice(NOT_CURATOR_DIGEST).kwargs())
            return
        message = render_digest(build_report(self.store, since_days=DIGEST_DAYS, top=DIGEST_TOP))
        try:
            client.chat_postMessage(
                channel=self.experts, unfurl_links=False, unfurl_media=False, **message.kwargs()
            )
        except Exception as exc:
            code = describe(exc).code
            log.error("posting the digest failed: %s", code)
            note = f"Sorry, I couldn't post the digest ({code})."
            respond(response_type="ephemeral", **render_notice(note).kwargs())
            return
        respond(response_type="ephemeral", **render_asked_digest(self.experts).kwargs())

    # -- a curator teaches the question ------------------------------------------------------

    def on_teach(self, body: dict[str, Any], action: dict[str, Any], respond, client) -> None:
        """ "Teach" under a question in the experts channel: the modal, for curators only."""
        from bot.engine import QUESTION_FOR

        site = site_of(body)
        question = str(decode_value(action.get("value")).get("q") or "").strip()
        if not self.is_curator(site.user, client):
            if site.channel:
                notify(client, site.channel, site.user, site.thread_ts, NOT_CURATOR)
            return
        if not question:
            return
        engine = self.engine
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

    def offer_teach(self, site: Site, question: str, client) -> None:
        """After a curator's 👎: a private Teach button for the question that was asked."""
        if not question.strip() or not site.channel or not self.is_curator(site.user, client):
            return
        offer = render_teach_offer(question)
        post_ephemeral(client, site.channel, site.user, site.thread_ts, offer)

    def on_teach_submit(self, ack, body: dict[str, Any], client) -> None:
        """The intended question becomes an example, validated by `teach`; the engine reloads."""
        from bot.curation import TeachError, teach

        user, meta, values = submitted(body)
        picked = ((values.get("intent") or {}).get("value") or {}).get("selected_option") or {}
        typed = str(((values.get("typed") or {}).get("value") or {}).get("value") or "").strip()
        question = str(meta.get("q") or "")
        if not self.is_curator(user, client) or not question:
            ack(response_action="errors", errors={"typed": NOT_CURATOR})
            return
        engine = self.engine
        intent = str(picked.get("value") or "")
        if typed:
            parse = engine.understanding.parse(typed, None)
            if parse.intent == "fallback" or engine.ask(typed).is_fallback:
                ack(response_action="errors", errors={"typed": TYPED_UNKNOWN})
                return
            intent = parse.intent
        if not intent:
            ack(response_action="errors", errors={"typed": PICK_ONE})
            return
        try:
            taught = teach(question, intent, engine.intents_dir, engine.knowledge.directory)
            engine.reload()
        except (TeachError, SourceErrors) as exc:
            ack(response_action="errors", errors={"typed": f"Not taught: {str(exc)[:200]}"})
            return
        ack()
        log.info("taught an example of %s from Slack (%s:%s)", intent, taught.file, taught.line)
        channel = str(meta.get("c") or "")
        if channel:
            note = TAUGHT.format(intent=intent, file=Path(taught.file).name, line=taught.line)
            notify(client, channel, user, meta.get("t") or None, note)

    # -- a curator adds it --------------------------------------------------------------------

    def is_curator(self, user: str, client) -> bool:
        """Listed in FRAMEWORK_BOT_CURATORS, or a member of FRAMEWORK_BOT_CURATOR_GROUP
        (asked of Slack, kept for a minute; if Slack can't say, the answer is no)."""
        config = self.config
        if user in config.curators:
            return True
        if not config.curator_group or not user:
            return False
        now = time.monotonic()
        if self._group is None or now - self._group[0] > GROUP_TTL:
            try:
                response = client.usergroups_users_list(usergroup=config.curator_group)
                self._group = (now, frozenset(response.get("users") or []))
            except Exception as exc:
                log.error("usergroups.users.list failed: %s", describe(exc).code)
                return False
        return user in self._group[1]

    def on_add(self, body: dict[str, Any], action: dict[str, Any], respond, client) -> None:
        """ "Add to knowledge": the modal for a curator, a private refusal for anyone else."""
        site = site_of(body)
        key = str(decode_value(action.get("value")).get("k") or "")
        reason = None
        reply = self.store.get_context(f"slack:team:reply:{key}") if key else None
        if not self.is_curator(site.user, client):
            reason = NOT_CURATOR
        elif self.team_dir is None:
            reason = NO_TEAM_DIR
        elif not reply:
            reason = STALE
        if reason:
            if site.channel:
                notify(client, site.channel, site.user, site.thread_ts, reason)
            return
        kb = self.engine.knowledge
        frameworks = [(fid, fw.name) for fid, fw in kb.frameworks.items()]
        metadata = json.dumps({"k": key, "c": site.channel or "", "t": site.thread_ts or ""})
        view = render_add_modal(frameworks, reply, metadata)
        try:
            client.views_open(trigger_id=body.get("trigger_id"), view=view)
        except Exception as exc:
            log.error("views.open failed: %s", describe(exc).code)

    def on_submit(self, ack, body: dict[str, Any], client) -> None:
        """The modal's Add: checked, written, served at once; a problem stays in the modal."""
        user, meta, values = submitted(body)

        def value(block: str) -> str:
            field = (values.get(block) or {}).get("value") or {}
            chosen = field.get("selected_option") or {}
            return str(chosen.get("value") or field.get("value") or "").strip()

        key = str(meta.get("k") or "")
        reply = self.store.get_context(f"slack:team:reply:{key}") if key else None
        if not self.is_curator(user, client) or self.team_dir is None or not reply:
            ack(response_action="errors", errors={"text": NOT_CURATOR if reply else STALE})
            return
        framework = value("framework")
        facet = value("facet")
        text, question = value("text"), value("question")
        errors = {}
        if not text:
            errors["text"] = "Write the answer the team gave."
        if not question:
            errors["question"] = "Write the question it answers."
        if errors:
            ack(response_action="errors", errors=errors)
            return
        if not self._claim(f"added:{key}"):
            ack(response_action="errors", errors={"text": ALREADY_ADDED})
            return
        try:
            fact_id = add_fact(
                self.team_dir,
                NewFact(
                    framework=None if framework in ("", GENERAL) else framework,
                    facet=facet or "features",
                    question=question,
                    text=text,
                    author=str(reply["author"]),
                    date=dt.date.fromisoformat(str(reply["date"])),
                    permalink=str(reply["permalink"]),
                ),
                self.engine.knowledge.frameworks,
            )
        except (TeamWriteError, ValueError, KeyError) as exc:
            self._release(f"added:{key}")
            ack(response_action="errors", errors={"text": f"Not added: {str(exc)[:200]}"})
            return
        ack()
        log.info("team fact %s added from Slack", fact_id)
        channel = str(meta.get("c") or "")
        if channel:
            notify(client, channel, user, meta.get("t") or None, ADDED)
