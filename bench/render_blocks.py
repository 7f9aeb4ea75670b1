"""Look at answers as Slack shows them: Block Kit rendered to HTML (and PNG with Chromium).

A rough stand-in for Slack's client, enough to see what a channel reads: the header, the
sections with their bold and bullets, the grey context line and the buttons.

    python bench/render_blocks.py OUT_DIR "compare=compare flask and fastapi" "what is wsgi"

Writes OUT_DIR/<name>.html for each question (`name=` before it, or its number) and, when
`chromium` is on PATH, OUT_DIR/<name>.png.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from bot.engine import Engine
from bot.render.blocks import render_answer

STYLE = """
body { font: 15px/1.45 -apple-system, 'DejaVu Sans', sans-serif; margin: 0; background: #fff; }
.msg { display: flex; padding: 16px 20px; width: 680px; }
.avatar { width: 36px; height: 36px; border-radius: 6px; background: #4a154b; color: #fff;
  font-weight: bold; display: flex; align-items: center; justify-content: center; flex: none; }
.content { margin-left: 10px; flex: 1; }
.who { font-weight: 900; } .who span { color: #616061; font-weight: normal; font-size: 12px; }
.q { color: #1d1c1d; margin: 0 0 8px; font-style: italic; }
h1 { font-size: 18px; margin: 4px 0 6px; } .section { margin: 4px 0; white-space: pre-wrap; }
.context { color: #616061; font-size: 13px; margin: 6px 0; white-space: pre-wrap; }
.actions { margin: 8px 0 2px; display: flex; flex-wrap: wrap; gap: 6px; }
.btn { border: 1px solid #bbb; border-radius: 4px; padding: 3px 10px; font-size: 13px;
  font-weight: 600; } .btn.primary { background: #007a5a; color: #fff; border-color: #007a5a; }
"""


def mrkdwn(text: str) -> str:
    out = html.escape(html.unescape(text))
    out = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"<b>\1</b>", out)
    out = re.sub(r"(?<![\w_])_([^_\n]+)_(?![\w_])", r"<i>\1</i>", out)
    return re.sub(r"`([^`\n]+)`", r"<code>\1</code>", out)


def block_html(block: dict[str, Any]) -> str:
    kind = block.get("type")
    if kind == "header":
        return f"<h1>{html.escape(block['text']['text'])}</h1>"
    if kind == "section":
        return f"<div class='section'>{mrkdwn(block['text']['text'])}</div>"
    if kind == "context":
        return (
            "<div class='context'>"
            + " ".join(mrkdwn(e.get("text", "")) for e in block.get("elements", []))
            + "</div>"
        )
    if kind == "actions":
        buttons = "".join(
            f"<span class='btn {e.get('style', '')}'>{html.escape(e['text']['text'])}</span>"
            for e in block.get("elements", [])
        )
        return f"<div class='actions'>{buttons}</div>"
    if kind == "divider":
        return "<hr>"
    return ""


def screenshot(browser: str, html_file: Path, png: Path, height: int) -> None:
    """`html_file` as Chromium draws it, 720 pixels wide, into `png`."""
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={png}",
            f"--window-size=720,{height}",
            html_file.as_uri(),
        ],
        check=False,
        capture_output=True,
        timeout=60,
    )


def page(question: str, blocks: list[dict[str, Any]]) -> str:
    body = "".join(block_html(b) for b in blocks)
    return (
        f"<html><head><meta charset='utf-8'><style>{STYLE}</style></head><body>"
        f"<div class='msg'><div class='avatar'>fb</div><div class='content'>"
        f"<div class='q'>you asked: {html.escape(question)}</div>"
        f"<div class='who'>framework-bot <span>APP</span></div>{body}</div></div></body></html>"
    )


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    out = Path(argv[0]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    engine = Engine.load()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    for n, arg in enumerate(argv[1:], 1):
        name, _, question = arg.partition("=") if re.match(r"^\w+=", arg) else (str(n), "", arg)
        message = render_answer(engine.ask(question), question=question)
        target = out / f"{name}.html"
        target.write_text(page(question, message.blocks), encoding="utf-8")
        if browser:
            screenshot(browser, target, out / f"{name}.png", height=520)
        print(f"{target}: {len(message.blocks)} blocks, {len(message.text)} characters of text")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
