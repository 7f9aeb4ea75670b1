"""What the app sent to the Web API stand-in, waited for the way the Slack tests read it."""

from __future__ import annotations

from types import SimpleNamespace

from slack_standin import Call

POST = "chat.postMessage"


def posts(slack: SimpleNamespace, channel: str, count: int = 1, method: str = POST) -> list[Call]:
    """At least `count` calls of `method` to `channel` (failed ones too)."""
    return slack.standin.wait_for(lambda c: c.method == method and c.channel == channel, count)


def replies(
    slack: SimpleNamespace,
    channel: str,
    count: int = 1,
    method: str = POST,
    timeout: float = 10.0,
) -> list[Call]:
    """At least `count` accepted calls of `method` to `channel` (faults and failures are
    recorded too, as not ok)."""
    return slack.standin.wait_for(
        lambda c: c.method == method and c.channel == channel and c.ok, count, timeout
    )


def settled(
    slack: SimpleNamespace, channel: str, method: str = POST, wait: float = 0.6
) -> list[Call]:
    """The calls of `method` to `channel` once the app has been quiet for `wait` seconds (for
    'no reply' and 'exactly one')."""
    return slack.standin.settle(lambda c: c.method == method and c.channel == channel, wait)


def hook_calls(slack: SimpleNamespace, hook: str, count: int = 1) -> list[Call]:
    """At least `count` posts to the response_url `hook`."""
    path = "/" + hook.split("/", 3)[-1]
    return slack.standin.wait_for(lambda c: c.args.get("_url") == path, count)
