"""`render_report`: a curation report as terminal tables (``framework-bot report``)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

# -- terminal rendering ----------------------------------------------------------------------


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(headers: list[str], rows: list[list[Any]], right: Collection[int] = ()) -> str:
    cells = [[str(c) for c in headers], *[["" if c is None else str(c) for c in r] for r in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        parts = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  " + "  ".join(parts).rstrip())
        if n == 0:
            lines.append("  " + "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _pct(rate: float | None) -> str:
    return "n/a" if rate is None else f"{rate * 100:.1f}%"


def _counts(counter: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counter.items())


def render_report(report: dict[str, Any], max_days: int = 31) -> str:
    window = report["window"]
    span = f"last {window['since_days']:g} days" if window["since_days"] is not None else "all time"
    totals = report["totals"]
    out = [
        f"framework-bot report ({span}, generated {report['generated_at']})",
        f"  answered {totals['answered']}, fell back {totals['fallback']}, "
        f"feedback {totals['feedback']}, fallback rate {_pct(totals['fallback_rate'])}",
        "",
        "Top unanswered questions (grouped by similarity)",
    ]
    if report["unanswered"]:
        rows = [
            [
                g["count"],
                _cut(g["text"], 50),
                g["distinct"],
                _cut(_counts(g["best_guesses"]), 28),
                _cut(_counts(g["surfaces"]), 24),
            ]
            for g in report["unanswered"]
        ]
        out.append(
            _table(["count", "question", "variants", "best guess", "surfaces"], rows, {0, 2})
        )
    else:
        out.append("  (none)")
    out += ["", "Worst-rated answers"]
    if report["worst_rated"]:
        rows = [
            [
                r["net"],
                r["up"],
                r["down"],
                _cut(r["question"], 40),
                r["intent"],
                _cut(r["headline"], 30),
            ]
            for r in report["worst_rated"]
        ]
        out.append(_table(["net", "👍", "👎", "question", "intent", "answer"], rows, {0, 1, 2}))
    else:
        out.append("  (no thumbs-down)")
    out += ["", "Intents"]
    if report["intents"]:
        rows = [
            [r["intent"], r["answered"], r["fell_back"], r["up"], r["down"]]
            for r in report["intents"]
        ]
        out.append(_table(["intent", "answered", "fell back", "👍", "👎"], rows, {1, 2, 3, 4}))
    else:
        out.append("  (none)")
    out += ["", "Fallback rate per day (UTC)"]
    days = report["fallback_rate"]
    if days:
        if len(days) > max_days:
            out.append(f"  (last {max_days} of {len(days)} days; --json has all)")
            days = days[-max_days:]
        rows = [
            [
                d["day"],
                d["answered"],
                d["fallback"],
                _pct(d["rate"]),
                "" if d["rate"] is None else "█" * round(d["rate"] * 20),
            ]
            for d in days
        ]
        out.append(_table(["day", "answered", "fallback", "rate", ""], rows, {1, 2, 3}))
    else:
        out.append("  (none)")
    for note in report["notes"]:
        out.append(f"\nnote: {note}")
    return "\n".join(out)
