"""The Teach modal's submission: the intended question becomes an example, checked by
`teach`, and the engine reloads; a problem stays in the modal (it must be in the ack)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from bot.curation import TeachError, teach
from bot.slack.posting import notify
from bot.slack.services import Services
from bot.slack.team import NOT_CURATOR, submitted
from bot.yamlsrc import SourceErrors

log = logging.getLogger("framework_bot.slack")

TYPED_UNKNOWN = "I don't answer that one either: type a question I do answer, or pick one above."
PICK_ONE = "Pick a question from the list, or type one."
TAUGHT = (
    "Taught: an example of {intent} in intents/{file} (line {line}), live here now "
    "(other instances: framework-bot reload)."
)


def teach_submitted(services: Services, ack, body: dict[str, Any], client) -> None:
    """The intended question becomes an example, validated by `teach`; the engine reloads."""
    desk = services.team
    user, meta, values = submitted(body)
    picked = ((values.get("intent") or {}).get("value") or {}).get("selected_option") or {}
    typed = str(((values.get("typed") or {}).get("value") or {}).get("value") or "").strip()
    question = str(meta.get("q") or "")
    if not desk.is_curator(user, client) or not question:
        ack(response_action="errors", errors={"typed": NOT_CURATOR})
        return
    engine = desk.engine
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
