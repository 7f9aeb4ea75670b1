"""Ask the team: a declined question goes to the experts channel, replies in its thread come
back to the asker, and a curator can turn a reply into a team fact (bot/team.py) or teach the
question as an example. The listeners are in bot/slack/listeners (actions/team_*.py,
events/experts_reply.py, commands/digest.py, views/team_*.py); this is what they share.

State (in the engine's store, so it holds across workers): which experts thread belongs to
which asker's thread (no user id of the asker), and each relayed reply (its text, its author's
id, date and permalink: what the attribution shows) for "Add to knowledge".
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from bot.render.team import render_teach_offer
from bot.slack.apierror import describe
from bot.slack.config import SlackConfig
from bot.slack.places import Site
from bot.slack.posting import post_ephemeral

log = logging.getLogger("framework_bot.slack")

GROUP_TTL = 60.0  # seconds a curator group's member list is trusted
TEAM_TTL = 30 * 24 * 3600.0  # how long an experts thread (and a relayed reply) stays live
NOT_CURATOR = (
    "Only curators can add answers to the knowledge base. Ask one of them to click "
    "Add to knowledge."
)
STALE = "That answer is too old to add from here; a curator can add it to the team files."


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
    """The experts channel, who the curators are (the group's members, kept for a minute),
    and the claims that make each team action happen once."""

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

    def claim(self, name: str) -> bool:
        """True once per `name` (atomic, across workers), until `release` gives it back:
        a claim is a first_time key numbered by how many times it was given back."""
        attempt = (self.store.get_context(f"slack:team:attempt:{name}") or {}).get("n", 0)
        return self.store.first_time(f"slack:team:claim:{name}:{attempt}", TEAM_TTL)

    def release(self, name: str) -> None:
        """After a failure: the next click may try again."""
        key = f"slack:team:attempt:{name}"
        attempt = (self.store.get_context(key) or {}).get("n", 0)
        self.store.put_context(key, {"n": attempt + 1}, TEAM_TTL)

    def permalink(self, client, channel: str, ts: str | None) -> str:
        if not ts:
            return ""
        try:
            return str(client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink"))
        except Exception as exc:
            log.warning("chat.getPermalink failed in %s: %s", channel, describe(exc).code)
            return ""

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

    def offer_teach(self, site: Site, question: str, client) -> None:
        """After a curator's 👎: a private Teach button for the question that was asked."""
        if not question.strip() or not site.channel or not self.is_curator(site.user, client):
            return
        offer = render_teach_offer(question)
        post_ephemeral(client, site.channel, site.user, site.thread_ts, offer)
