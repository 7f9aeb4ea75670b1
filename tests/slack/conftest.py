"""What every Slack test starts from: the Web API stand-in, the app served over HTTP, and
Slack's Socket Mode endpoint (all in tests/slack_standin.py, which tests elsewhere import too).

Each test module gets its own stand-in and app. Every test here is checked as it ends: what the
app sent is escaped and inside Block Kit's limits (`checked_messages`, autouse).
"""

from __future__ import annotations

import pytest
from slack_standin import SocketModeStandIn, checked_messages, slack, standin


@pytest.fixture
def socket_mode(standin):
    """Slack's Socket Mode endpoint, a websocket on 127.0.0.1 that the stand-in's
    apps.connections.open hands out; closed after the test."""
    endpoint = SocketModeStandIn()
    standin.ws_url = endpoint.url
    yield endpoint
    endpoint.close()
