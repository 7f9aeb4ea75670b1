"""What every listener works with: the engine, the Slack settings and, when an experts channel
is configured, the "Ask the team" desk (bot/slack/team.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.engine import Engine
from bot.slack.config import SlackConfig
from bot.slack.dedupe import claim_request
from bot.slack.team import TeamDesk
from bot.state.base import StateStore


@dataclass
class Services:
    engine: Engine
    config: SlackConfig
    desk: TeamDesk | None = None

    @classmethod
    def start(cls, engine: Engine, config: SlackConfig) -> Services:
        return cls(engine, config, TeamDesk(engine, config) if config.experts_channel else None)

    @property
    def team(self) -> TeamDesk:
        """The desk, for the team listeners (registered only when there is one)."""
        assert self.desk is not None
        return self.desk

    @property
    def store(self) -> StateStore:
        """The engine's store (read each time: a reload may give the engine a new one)."""
        return self.engine.store

    def first_request(self, body: dict[str, Any]) -> bool:
        """True once per slash command or click: a replay is acknowledged, not run again."""
        return claim_request(self.store, body)
