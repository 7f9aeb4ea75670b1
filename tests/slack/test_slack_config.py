"""Start-up settings: one clear line naming a bad variable, exit 2, no traceback, no secret."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from paths import ROOT
from slack_standin import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET

from bot.slack.config import ConfigError, SlackConfig, load_config, parse_api_url


def base_env(**overrides: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "ONBOARDING_", "PORT", "WEB_CONCURRENCY", "REDIS_URL"))
    }
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["FRAMEWORK_BOT_DB"] = ":memory:"
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def cli(*args: str, env: dict[str, str], timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# -- parsing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "mode", "variable"),
    [
        ({}, "http", "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xapp-1-wrong-kind"}, "http", "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-has space"}, "http", "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN}, "http", "SLACK_SIGNING_SECRET"),
        (
            {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": "short"},
            "http",
            "SLACK_SIGNING_SECRET",
        ),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN}, "socket", "SLACK_APP_TOKEN"),
        (
            {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "xoxb-not-an-app-token"},
            "socket",
            "SLACK_APP_TOKEN",
        ),
        (
            {
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": "slack.com/api",
            },
            "http",
            "SLACK_API_URL",
        ),
        (
            {
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "ONBOARDING_CHANNELS": "C0OK, #general",
            },
            "http",
            "ONBOARDING_CHANNELS",
        ),
    ],
)
def test_bad_settings_name_the_variable_and_never_the_secret(env, mode, variable):
    with pytest.raises(ConfigError) as info:
        load_config(env, mode)
    assert info.value.variable == variable
    assert str(info.value).startswith(variable)
    for name, value in env.items():
        if name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
            assert value.strip() not in str(info.value)


def test_good_settings():
    config = load_config(
        {
            "SLACK_BOT_TOKEN": f" {BOT_TOKEN}\n",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": "https://slack-gov.com/api",
            "ONBOARDING_CHANNELS": "C0ONE,G0TWO",
        },
        "http",
    )
    assert config.bot_token == BOT_TOKEN
    assert config.api_url == "https://slack-gov.com/api/"  # the trailing slash WebClient needs
    assert config.onboarding_channels == {"C0ONE", "G0TWO"}
    assert BOT_TOKEN not in repr(config) and SIGNING_SECRET not in repr(config)
    assert parse_api_url("") is None
    assert (
        load_config(
            {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN}, "socket"
        ).app_token
        == APP_TOKEN
    )
    assert SlackConfig(bot_token="x").wants_onboarding("C1") is False


# -- the command line -----------------------------------------------------------------------


def assert_one_clean_line(result: subprocess.CompletedProcess, variable: str, *secrets: str):
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert variable in lines[0] and lines[0].startswith("framework-bot: ")
    assert "Traceback" not in result.stderr + result.stdout
    for secret in secrets:
        assert secret not in result.stderr + result.stdout


def test_serve_http_without_signing_secret():
    result = cli("serve", "--http", env=base_env(SLACK_BOT_TOKEN=BOT_TOKEN))
    assert_one_clean_line(result, "SLACK_SIGNING_SECRET", BOT_TOKEN)


def test_serve_with_a_malformed_bot_token():
    bad = "xoxp-user-token-in-the-wrong-place-123"
    result = cli(
        "serve", "--http", env=base_env(SLACK_BOT_TOKEN=bad, SLACK_SIGNING_SECRET=SIGNING_SECRET)
    )
    assert_one_clean_line(result, "SLACK_BOT_TOKEN", bad, SIGNING_SECRET)


def test_serve_without_app_token_explains_both_modes():
    result = cli("serve", env=base_env(SLACK_BOT_TOKEN=BOT_TOKEN))
    assert_one_clean_line(result, "SLACK_APP_TOKEN", BOT_TOKEN)
    assert "--http" in result.stderr


def test_serve_with_a_malformed_app_token():
    bad = "xoxb-this-is-a-bot-token-0000"
    result = cli("serve", env=base_env(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=bad))
    assert_one_clean_line(result, "SLACK_APP_TOKEN", bad, BOT_TOKEN)


def test_a_token_slack_rejects_is_one_line(standin):
    rejected = "xoxb-9999-revoked-token"
    standin.rejected_tokens.add(rejected)
    result = cli(
        "serve",
        "--http",
        "--port",
        "1",
        env=base_env(
            SLACK_BOT_TOKEN=rejected,
            SLACK_SIGNING_SECRET=SIGNING_SECRET,
            SLACK_API_URL=standin.api_url,
        ),
    )
    assert_one_clean_line(result, "SLACK_BOT_TOKEN", rejected, SIGNING_SECRET)
    assert "invalid_auth" in result.stderr


def test_an_unreachable_api_is_one_line():
    result = cli(
        "serve",
        "--http",
        env=base_env(
            SLACK_BOT_TOKEN=BOT_TOKEN,
            SLACK_SIGNING_SECRET=SIGNING_SECRET,
            SLACK_API_URL="http://127.0.0.1:9/api/",
        ),
    )
    assert_one_clean_line(result, "Slack Web API", BOT_TOKEN, SIGNING_SECRET)


def test_manifest_command():
    result = cli("manifest", env=base_env())
    assert result.returncode == 0 and "socket_mode_enabled: true" in result.stdout
    result = cli("manifest", "--http", "https://bot.example.com", env=base_env())
    assert "request_url: https://bot.example.com/slack/events" in result.stdout
    result = cli("manifest", "--http", "http://insecure.example.com", env=base_env())
    assert result.returncode == 2 and "https://" in result.stderr


def test_the_engine_commands_never_import_slack():
    code = (
        "import sys; from bot.cli import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('slack_bolt', 'slack_sdk', 'gunicorn') or m.startswith('bot.slack.') "
        "and m != 'bot.slack.commands_cli'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=base_env(),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr
