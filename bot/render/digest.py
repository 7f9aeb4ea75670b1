"""The weekly digest for the experts channel: what `framework-bot report` prints, as Block Kit
(the most asked unanswered questions, grouped; the worst-rated answers; the fallback rate per
day). Every question in it was typed by someone, so all of it is escaped."""

from __future__ import annotations

from typing import Any

from bot.render.escape import escape
from bot.render.kit import Message, context, fallback_text, header, section, split_text

BAR = 10  # characters of the widest fallback-rate bar


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _bullets(lines: list[str]) -> list[dict[str, Any]]:
    return [section(chunk) for chunk in split_text("\n".join(lines))]


def render_digest(report: dict[str, Any]) -> Message:
    window = report["window"]
    days = window.get("since_days")
    span = f"the last {days:g} days" if days is not None else "all time"
    totals = report["totals"]
    summary = (
        f"{span}: answered {totals['answered']}, fell back {totals['fallback']}, "
        f"{totals['feedback']} ratings, fallback rate {_pct(totals['fallback_rate'])}"
    )
    blocks: list[dict[str, Any]] = [
        header("Digest: what the bot couldn't answer"),
        context(escape(summary)),
    ]

    blocks.append(section("*Most asked unanswered questions*"))
    unanswered = report.get("unanswered") or []
    if unanswered:
        lines = []
        for group in unanswered:
            more = group["distinct"] - 1
            variants = f" (and {more} similar)" if more > 0 else ""
            lines.append(f"• {group['count']} × “{escape(group['text'])}”{escape(variants)}")
        blocks += _bullets(lines)
    else:
        blocks.append(context(escape("None: every question got an answer.")))

    blocks.append(section("*Worst-rated answers*"))
    worst = report.get("worst_rated") or []
    if worst:
        lines = [
            f"• 👎 {row['down']} 👍 {row['up']}: “{escape(row['question'] or row['headline'])}” "
            f"→ {escape(row['headline'])} _({escape(row['intent'])})_"
            for row in worst
        ]
        blocks += _bullets(lines)
    else:
        blocks.append(context(escape("No answer was rated down.")))

    days_rows = (report.get("fallback_rate") or [])[-14:]
    if days_rows:
        blocks.append(section("*Fallback rate per day (UTC)*"))
        top = max((row["rate"] or 0.0) for row in days_rows) or 1.0
        lines = [
            f"{row['day']}  {_pct(row['rate']):>6}  "
            + "█" * round(BAR * (row["rate"] or 0.0) / top)
            for row in days_rows
        ]
        blocks.append(section("```" + escape("\n".join(lines)) + "```"))
    for note in report.get("notes") or []:
        blocks.append(context(escape(note)))
    blocks.append(context(escape("framework-bot report --since 7 prints the same in a terminal.")))
    return Message(fallback_text("Digest: what the bot couldn't answer", summary), blocks[:50])
