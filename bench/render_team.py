"""The "Ask the team" flow as Slack shows it, for the README: the decline with its button, the
question in the experts channel, the team's answer in the asker's thread, and the same
question answered later from the team fact. Rendered from the bot's real Block Kit with
bench/render_blocks.py's stand-in for Slack's client (HTML, and PNG with Chromium).

    python bench/render_team.py docs/images
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_blocks import page, screenshot

from bot.engine import Engine
from bot.render.blocks import render_answer
from bot.render.team import render_experts_question, render_relay
from bot.team import NewFact, add_fact

QUESTION = "how do I deploy flask on kubernetes?"
REPLY = "We run it under gunicorn, one pod per service; the Helm chart is in infra/charts/flask."
NAMES = {"<@U0ANA>": "@ana", "<#C0EXPERTS>": "#framework-experts", "<#C0GENERAL>": "#general"}


def shown(blocks: list[dict]) -> list[dict]:
    """Mentions and links as a Slack client shows them (names, underlined labels)."""
    text = json.dumps(blocks)
    for markup, name in NAMES.items():
        text = text.replace(markup, name)
    text = re.sub(r"<https://[^|>]+\|([^>]+)>", r"\1", text)
    return json.loads(text)


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/images").resolve()
    out.mkdir(parents=True, exist_ok=True)
    team = Path(tempfile.mkdtemp())
    engine = Engine.load(team_dir=str(team))
    decline = render_answer(engine.ask(QUESTION), question=QUESTION, ask_team=True)
    asked = render_experts_question(
        QUESTION, "C0GENERAL", False, "https://example.slack.com/archives/C0GENERAL/p1"
    )
    relay = render_relay(REPLY, "U0ANA", "C0EXPERTS", "k")
    add_fact(
        team,
        NewFact("flask", "features", QUESTION, REPLY, "U0ANA", dt.date(2026, 12, 4), "https://x"),
        engine.knowledge.frameworks,
    )
    later = render_answer(engine.ask(QUESTION), question=QUESTION)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    for name, label, message in (
        ("team_decline", QUESTION, decline),
        ("team_asked", "(in #framework-experts)", asked),
        ("team_relay", "(in the asker's thread)", relay),
        ("team_answer", QUESTION + " (later)", later),
    ):
        target = out / f"{name}.html"
        target.write_text(page(label, shown(message.blocks)), encoding="utf-8")
        if browser:
            screenshot(browser, target, out / f"{name}.png", height=300)
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
