"""Malformed SLACK_API_URL and REDIS_URL at start-up (issue 16, item 8): one clear line naming
the variable, exit status 2, no traceback, and never the user name or password in the URL."""

from __future__ import annotations

import logging

import pytest
from slack_standin import BOT_TOKEN, SIGNING_SECRET
from test_slack_config import assert_one_clean_line, base_env, cli

from bot.slack.config import ConfigError, load_config, parse_api_url, parse_redis_url

USER, PASSWORD = "ada", "hunter2pass"

BAD_API_URLS = [
    f"http://{USER}:{PASSWORD}@127.0.0.1:notaport/api/",
    f"http://{USER}:{PASSWORD}@[::1/api/",
    f"http://{USER}:{PASSWORD}@/api/",
    f"https://{USER}:{PASSWORD}@127.0.0.1:99999/api/",
    f"http://{USER}:{PASSWORD}@127.0.0.1:8080/api/",  # slack_sdk cannot send credentials
    f"ftp://{USER}:{PASSWORD}@127.0.0.1/api/",
]

BAD_REDIS_URLS = [
    f"redis://:{PASSWORD}@127.0.0.1:notaport/0",
    f"redis://{USER}:{PASSWORD}@[::1/0",
    f"redis://{USER}:{PASSWORD}@127.0.0.1:70000/0",
    f"redis://:{PASSWORD}@127.0.0.1:6379/zero",
    f"redis://:{PASSWORD}@127.0.0.1:6379/0?db=x",
    f"http://:{PASSWORD}@127.0.0.1:6379/0",
    "unix://",
]


@pytest.mark.parametrize("url", BAD_API_URLS)
def test_a_malformed_api_url_is_refused_without_its_credentials(url):
    with pytest.raises(ConfigError) as caught:
        parse_api_url(url)
    assert caught.value.variable == "SLACK_API_URL"
    assert PASSWORD not in str(caught.value) and USER not in str(caught.value)


@pytest.mark.parametrize("url", BAD_REDIS_URLS)
def test_a_malformed_redis_url_is_refused_without_its_credentials(url):
    with pytest.raises(ConfigError) as caught:
        parse_redis_url(url)
    assert caught.value.variable == "REDIS_URL"
    assert PASSWORD not in str(caught.value) and USER not in str(caught.value)


@pytest.mark.parametrize(
    "url",
    [
        "redis://127.0.0.1:6379/0",
        f"redis://:{PASSWORD}@127.0.0.1:6379",
        f"rediss://{USER}:{PASSWORD}@redis.example:6380/2",
        "redis://localhost",
        "unix:///run/redis.sock?db=1",
    ],
)
def test_good_redis_urls_pass(url):
    assert parse_redis_url(url) == url


@pytest.mark.parametrize("url", BAD_API_URLS[:4])
def test_serve_with_a_malformed_api_url_is_one_line_without_credentials(url):
    env = base_env(
        SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=url
    )
    result = cli("serve", "--http", "--port", "1", env=env)
    assert_one_clean_line(result, "SLACK_API_URL", PASSWORD, BOT_TOKEN, SIGNING_SECRET)


@pytest.mark.parametrize("url", BAD_REDIS_URLS[:4])
def test_serve_with_a_malformed_redis_url_is_one_line_without_credentials(standin, url):
    env = base_env(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=standin.api_url,
        REDIS_URL=url,
    )
    result = cli("serve", "--http", "--port", "1", env=env)
    assert_one_clean_line(result, "REDIS_URL", PASSWORD, BOT_TOKEN, SIGNING_SECRET)


def test_the_redis_password_never_reaches_a_log_line(caplog):
    load_config(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "REDIS_URL": f"redis://{USER}:{PASSWORD}@127.0.0.1:6379/0",
        }
    )
    logging.getLogger("framework_bot.state").error(
        "cannot connect to redis://%s:%s@127.0.0.1:6379/0", USER, PASSWORD
    )
    assert PASSWORD not in caplog.text and "[redacted]" in caplog.text
