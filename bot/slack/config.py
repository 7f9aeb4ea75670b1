"""Slack settings from the environment, checked at start-up.

A missing or malformed variable is one `ConfigError` naming the variable; the message never
contains a secret's value, so it can go to the terminal or a log as it is.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import SplitResult, parse_qs, urlsplit

from bot.slack.redact import protect, url_password

Mode = Literal["http", "socket"]

COMMAND = "/framework"
DEFAULT_FOLLOWUP_CONFIDENCE = 0.55

_BOT_TOKEN = re.compile(r"^(?:xoxe\.)?xoxb-[A-Za-z0-9-]+$")
_APP_TOKEN = re.compile(r"^xapp-[A-Za-z0-9-]+$")
_SIGNING_SECRET = re.compile(r"^[A-Za-z0-9]{16,128}$")
_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{2,}$")
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_GROUP_ID = re.compile(r"^S[A-Z0-9]{2,}$")


class ConfigError(ValueError):
    """A setting is missing or malformed; str(error) names the variable, never its value."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"{variable} {problem}")
        self.variable = variable


@dataclass(frozen=True)
class SlackConfig:
    bot_token: str = field(repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    app_token: str | None = field(default=None, repr=False)
    api_url: str | None = None
    onboarding_channels: frozenset[str] = frozenset()
    onboarding_everywhere: bool = False
    followup_confidence: float = DEFAULT_FOLLOWUP_CONFIDENCE
    command: str = COMMAND
    # "Ask the team": where declined questions go, and who may add the answers to knowledge.
    experts_channel: str | None = None
    curators: frozenset[str] = frozenset()
    curator_group: str | None = None  # a user group whose members are curators too

    def wants_onboarding(self, channel: str) -> bool:
        return self.onboarding_everywhere or channel in self.onboarding_channels


def _secret(env: Mapping[str, str], name: str, pattern: re.Pattern[str], hint: str) -> str:
    value = (env.get(name) or "").strip()
    if not value:
        raise ConfigError(name, f"is not set ({hint})")
    if not pattern.match(value):
        raise ConfigError(name, f"is malformed ({hint})")
    return value


def _split(variable: str, value: str, expected: str) -> SplitResult:
    """urlsplit, with its port checked (urllib raises ValueError for '[::1', ':notaport',
    ':99999'); any problem is a ConfigError that never quotes the URL: it may hold a password."""
    try:
        parts = urlsplit(value)
        _ = parts.port
    except ValueError:
        raise ConfigError(variable, f"is malformed (expected {expected})") from None
    return parts


def parse_api_url(value: str | None) -> str | None:
    """SLACK_API_URL: an http(s) base URL for the Web API; a trailing '/' is added if missing."""
    value = (value or "").strip()
    if not value:
        return None
    expected = "a URL such as https://slack.com/api/"
    parsed = _split("SLACK_API_URL", value, expected)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ConfigError("SLACK_API_URL", f"is malformed (expected {expected})")
    if parsed.username is not None or parsed.password is not None:
        # slack_sdk would send them as part of the host name, and print them in errors.
        raise ConfigError("SLACK_API_URL", "must not contain a user name or password")
    return value if value.endswith("/") else value + "/"


REDIS_SCHEMES = ("redis", "rediss", "unix")


def parse_redis_url(value: str | None) -> str | None:
    """REDIS_URL, checked as redis-py will read it (redis://[[user]:password@]host[:port][/db],
    rediss://..., unix:///path[?db=N]), so that a mistake is one line before anything connects
    and no error message ever quotes the URL with its password."""
    value = (value or "").strip()
    if not value:
        return None
    expected = "redis://[:password@]host[:port][/db], rediss://... or unix:///path"
    parsed = _split("REDIS_URL", value, expected)
    db = parsed.path.strip("/") if parsed.scheme != "unix" else ""
    query_db = parse_qs(parsed.query).get("db", [""])[-1]
    if (
        parsed.scheme not in REDIS_SCHEMES
        or (parsed.scheme == "unix" and not parsed.path)
        or (db and not db.isdigit())
        or (query_db and not query_db.isdigit())
    ):
        raise ConfigError("REDIS_URL", f"is malformed (expected {expected})")
    return value


def parse_onboarding(value: str | None) -> tuple[frozenset[str], bool]:
    """ONBOARDING_CHANNELS: comma-separated channel ids, or '*' for every channel."""
    value = (value or "").strip()
    if value == "*":
        return frozenset(), True
    ids = [item.strip() for item in value.split(",") if item.strip()]
    for item in ids:
        if not _CHANNEL_ID.match(item):
            raise ConfigError(
                "ONBOARDING_CHANNELS",
                f"has {item[:30]!r}, which is not a channel id (expected e.g. C0123ABCD, or '*')",
            )
    return frozenset(ids), False


def parse_experts_channel(value: str | None) -> str | None:
    """FRAMEWORK_BOT_EXPERTS_CHANNEL: one channel id (unset: no "Ask the team" button)."""
    value = (value or "").strip()
    if value and not _CHANNEL_ID.match(value):
        raise ConfigError(
            "FRAMEWORK_BOT_EXPERTS_CHANNEL",
            f"has {value[:30]!r}, which is not a channel id (expected e.g. C0123ABCD)",
        )
    return value or None


def parse_curators(value: str | None) -> frozenset[str]:
    """FRAMEWORK_BOT_CURATORS: comma-separated user ids of the people who may add knowledge."""
    ids = [item.strip() for item in (value or "").split(",") if item.strip()]
    for item in ids:
        if not _USER_ID.match(item):
            raise ConfigError(
                "FRAMEWORK_BOT_CURATORS",
                f"has {item[:30]!r}, which is not a user id (expected e.g. U0123ABCD)",
            )
    return frozenset(ids)


def parse_curator_group(value: str | None) -> str | None:
    """FRAMEWORK_BOT_CURATOR_GROUP: a user group id (S…) whose members are curators too."""
    value = (value or "").strip()
    if value and not _GROUP_ID.match(value):
        raise ConfigError(
            "FRAMEWORK_BOT_CURATOR_GROUP",
            f"has {value[:30]!r}, which is not a user group id (expected e.g. S0123ABCD)",
        )
    return value or None


def _confidence(value: str | None) -> float:
    if not value:
        return DEFAULT_FOLLOWUP_CONFIDENCE
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise ConfigError("FRAMEWORK_BOT_FOLLOWUP_CONFIDENCE", "must be a number from 0 to 1")
    return number


def load_config(env: Mapping[str, str] | None = None, mode: Mode = "http") -> SlackConfig:
    """Read and check the settings one mode needs; raises ConfigError on the first problem."""
    env = os.environ if env is None else env
    bot_token = _secret(
        env, "SLACK_BOT_TOKEN", _BOT_TOKEN, "the app's Bot User OAuth Token, starting with xoxb-"
    )
    signing_secret = app_token = None
    if mode == "http":
        signing_secret = _secret(
            env,
            "SLACK_SIGNING_SECRET",
            _SIGNING_SECRET,
            "the Signing Secret from the app's Basic Information page",
        )
    else:
        app_token = _secret(
            env,
            "SLACK_APP_TOKEN",
            _APP_TOKEN,
            "an app-level token with connections:write, starting with xapp-",
        )
    channels, everywhere = parse_onboarding(env.get("ONBOARDING_CHANNELS"))
    # The state store reads REDIS_URL; checked here, at start-up, and its password is kept out
    # of every log line from now on (whoever writes it: redis-py, our code, gunicorn).
    protect(url_password(parse_redis_url(env.get("REDIS_URL"))))
    return SlackConfig(
        bot_token=bot_token,
        signing_secret=signing_secret,
        app_token=app_token,
        api_url=parse_api_url(env.get("SLACK_API_URL")),
        onboarding_channels=channels,
        onboarding_everywhere=everywhere,
        followup_confidence=_confidence(env.get("FRAMEWORK_BOT_FOLLOWUP_CONFIDENCE")),
        experts_channel=parse_experts_channel(env.get("FRAMEWORK_BOT_EXPERTS_CHANNEL")),
        curators=parse_curators(env.get("FRAMEWORK_BOT_CURATORS")),
        curator_group=parse_curator_group(env.get("FRAMEWORK_BOT_CURATOR_GROUP")),
    )


def digest_config(env: Mapping[str, str]) -> SlackConfig:
    """What `framework-bot digest` needs: the bot token, the experts channel, the API URL."""
    bot_token = _secret(
        env, "SLACK_BOT_TOKEN", _BOT_TOKEN, "the app's Bot User OAuth Token, starting with xoxb-"
    )
    channel = parse_experts_channel(env.get("FRAMEWORK_BOT_EXPERTS_CHANNEL"))
    if channel is None:
        raise ConfigError("FRAMEWORK_BOT_EXPERTS_CHANNEL", "is not set (where the digest goes)")
    return SlackConfig(
        bot_token=bot_token,
        api_url=parse_api_url(env.get("SLACK_API_URL")),
        experts_channel=channel,
    )
