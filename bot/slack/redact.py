"""Keep secrets out of every log line, whoever writes it (our code, Bolt, slack_sdk, gunicorn).

`protect(*secrets)` installs, once per process, a log-record factory that renders each record's
message (and its traceback, if any) and replaces

- the registered secrets (the bot token, the app token, the signing secret, a Redis password)
  wherever they appear, and
- anything shaped like a Slack token (``xoxb-…``, ``xoxp-…``, ``xapp-…``, ``xoxe.xoxb-…``),

with ``[redacted]``. It works at record creation, so it holds for every handler (gunicorn's,
pytest's caplog, a JSON shipper) without configuring them. Records below the logger's level
are never created, so debug logging that is off costs nothing extra.
"""

from __future__ import annotations

import logging
import re
import threading
import traceback
from typing import Any
from urllib.parse import unquote, urlsplit

REDACTED = "[redacted]"
TOKEN_PATTERN = re.compile(r"\b(?:xoxe\.)?xox[abeoprs]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+")

_secrets: set[str] = set()
_lock = threading.Lock()
_installed = False
_base_factory = logging.getLogRecordFactory()


def redact(text: str) -> str:
    """`text` with every registered secret and token-shaped string replaced."""
    for secret in sorted(_secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, REDACTED)
    return TOKEN_PATTERN.sub(REDACTED, text)


def url_password(url: str | None) -> str | None:
    """The password in a URL (``redis://:secret@host``), for `protect`; None when there is
    none or the URL cannot be read. Never raises."""
    try:
        password = urlsplit(url or "").password
    except ValueError:
        return None
    return unquote(password) if password else None


def _factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _base_factory(*args, **kwargs)
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: leave it to the handler to report
        return record
    clean = redact(message)
    if clean != message or record.args:
        record.msg, record.args = clean, None
    if record.exc_info and record.exc_info[0] is not None:
        text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        record.exc_text = redact(text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record


def protect(*secrets: str | None) -> None:
    """Register secrets (short or empty values are ignored) and install the record factory."""
    global _installed
    with _lock:
        _secrets.update(s for s in secrets if s and len(s) >= 6)
        if not _installed:
            logging.setLogRecordFactory(_factory)
            _installed = True
