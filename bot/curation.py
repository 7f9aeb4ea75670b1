"""The curation loop: what the bot could not answer, what people disliked, and teaching it more.

- `build_report` reads the state store's curation records and summarises them; `render_report`
  prints the summary as terminal tables (``framework-bot report``; ``--json`` prints the dict).
- `teach` appends one example utterance to an intent in ``intents/`` (``framework-bot teach``),
  editing the YAML as text so that the file's comments and layout stay as they were.

Records read (written by the Slack layer through ``store.record(kind, payload)``):

- ``fallback``: ``{"text", "surface", "intent", "score"}`` — a question that fell back; `intent`
  and `score` are the best guess that was not good enough.
- ``feedback``: ``{"question", "intent", "headline", "vote": +1 | -1, "surface", "score"}``
  (older records carry ``"rating": "up" | "down"`` instead of ``vote``; both are read). A
  changed vote is a new record with ``"replaces": +1 | -1``, the vote it takes back.
- ``answered`` (optional): ``{"intent", "surface", "score"}`` — every answered question; needed
  for the fallback rate.

Reports never show user ids: only the fields above are read, and Slack user mentions and
user-id-like tokens are scrubbed from the texts.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from bot.nlu.intent_data import IntentData, load_intents, resolve_intents_dir
from bot.nlu.normalise import fold, tokens
from bot.state.base import StateStore
from bot.yamlsrc import SourceErrors

SIMILARITY = 80  # token_set_ratio at or above which two unanswered questions are one group
MAX_DISTINCT = 5000  # most frequent distinct questions clustered; the rest are only counted
MAX_UTTERANCE = 200
DAY = 86_400.0

# -- privacy ---------------------------------------------------------------------------------

_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
_USER_ID = re.compile(r"\b[UW](?=[A-Z0-9]*\d)[A-Z0-9]{8,}\b")
_SPACE = re.compile(r"\s+")


def scrub(text: Any, limit: int = 300) -> str:
    """Printable text without Slack user mentions or user ids, collapsed and cut to `limit`."""
    if text is None:
        return ""
    text = _MENTION.sub("@someone", str(text))
    text = _USER_ID.sub("@someone", text)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- reading records -------------------------------------------------------------------------


def _epoch(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and value:
        try:
            when = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            try:
                return float(value)
            except ValueError:
                return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.timestamp()
    return None


def _iso(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _day(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).date().isoformat()


def _vote(value: Any) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int | float):
        return (value > 0) - (value < 0)
    text = str(value or "").strip().lower()
    if text in {"+1", "1", "up", "+", "👍", "thumbsup", ":+1:", "good", "yes"}:
        return 1
    if text in {"-1", "down", "-", "👎", "thumbsdown", ":-1:", "bad", "no"}:
        return -1
    return 0


def _score(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _label(value: Any, default: str = "unknown") -> str:
    return scrub(value, 60) or default


def _key(text: str) -> str:
    return " ".join(tokens(fold(text)))


def _records(store: StateStore, kind: str, since: float | None) -> list[tuple[float, dict]]:
    out = []
    for record in store.records_of(kind):
        when = _epoch(record.get("time"))
        if when is None:
            continue
        if since is not None and when < since:
            continue
        out.append((when, record))
    return out


# -- grouping unanswered questions -----------------------------------------------------------


@dataclass
class _Variant:
    text: str
    count: int = 0
    last: float = 0.0
    surfaces: Counter = field(default_factory=Counter)
    intents: Counter = field(default_factory=Counter)
    scores: list[float] = field(default_factory=list)


def cluster_texts(keys: Iterable[str], threshold: int = SIMILARITY) -> list[tuple[str, list[str]]]:
    """Greedy clustering: each key joins the first representative scoring >= `threshold`
    (token_set_ratio), else starts a group. Feed the keys most frequent first, so the
    representative of a group is its most frequent member."""
    reps: list[str] = []
    members: list[list[str]] = []
    for key in keys:
        match = process.extractOne(key, reps, scorer=fuzz.token_set_ratio, score_cutoff=threshold)
        if match is None:
            reps.append(key)
            members.append([key])
        else:
            members[match[2]].append(key)
    return list(zip(reps, members, strict=True))


def _unanswered(records: list[tuple[float, dict]], top: int) -> tuple[list[dict], int]:
    variants: dict[str, _Variant] = {}
    shown: dict[str, Counter] = defaultdict(Counter)
    for when, record in records:
        text = scrub(record.get("text"), MAX_UTTERANCE)
        key = _key(text)
        if not key:
            continue
        v = variants.setdefault(key, _Variant(text))
        v.count += 1
        v.last = max(v.last, when)
        v.surfaces[_label(record.get("surface"))] += 1
        v.intents[_label(record.get("intent"), "fallback")] += 1
        score = _score(record.get("score"))
        if score is not None:
            v.scores.append(score)
        shown[key][text] += 1
    for key, texts in shown.items():
        variants[key].text = texts.most_common(1)[0][0]
    ordered = sorted(variants, key=lambda k: (-variants[k].count, k))
    clustered, unclustered = ordered[:MAX_DISTINCT], ordered[MAX_DISTINCT:]
    groups = []
    for rep, keys in cluster_texts(clustered):
        parts = [variants[k] for k in keys]
        surfaces: Counter = sum((p.surfaces for p in parts), Counter())
        intents: Counter = sum((p.intents for p in parts), Counter())
        scores = [s for p in parts for s in p.scores]
        groups.append(
            {
                "text": variants[rep].text,
                "count": sum(p.count for p in parts),
                "variants": [p.text for p in parts[1:6]],
                "distinct": len(parts),
                "surfaces": dict(surfaces.most_common()),
                "best_guesses": dict(intents.most_common(3)),
                "mean_score": round(sum(scores) / len(scores), 3) if scores else None,
                "last_seen": _iso(max(p.last for p in parts)),
            }
        )
    groups.sort(key=lambda g: (-g["count"], g["text"]))
    return groups[:top], sum(variants[k].count for k in unclustered)


# -- feedback --------------------------------------------------------------------------------


def _worst_rated(records: list[tuple[float, dict]], top: int) -> list[dict]:
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for when, record in records:
        vote = _vote(record.get("vote", record.get("rating")))
        if not vote:
            continue
        question = scrub(record.get("question"), MAX_UTTERANCE)
        intent = _label(record.get("intent"))
        g = groups.setdefault(
            (_key(question), intent),
            {
                "questions": Counter(),
                "intent": intent,
                "headlines": Counter(),
                "up": 0,
                "down": 0,
                "surfaces": Counter(),
                "last": when,
            },
        )
        g["questions"][question] += 1
        headline = scrub(record.get("headline") or record.get("answer_headline"), 120)
        if headline:
            g["headlines"][headline] += 1
        g["up" if vote > 0 else "down"] += 1
        if _vote(record.get("replaces")):  # a changed vote takes the earlier one back
            g["up" if _vote(record.get("replaces")) > 0 else "down"] -= 1
        g["surfaces"][_label(record.get("surface"))] += 1
        g["last"] = max(g["last"], when)
    rows = [
        {
            "question": g["questions"].most_common(1)[0][0],
            "intent": g["intent"],
            "headline": g["headlines"].most_common(1)[0][0] if g["headlines"] else "",
            "up": g["up"],
            "down": g["down"],
            "net": g["up"] - g["down"],
            "surfaces": dict(g["surfaces"].most_common()),
            "last_seen": _iso(g["last"]),
        }
        for g in groups.values()
        if g["down"]
    ]
    rows.sort(key=lambda r: (r["net"], -r["down"], r["question"]))
    return rows[:top]


# -- the report ------------------------------------------------------------------------------


def build_report(
    store: StateStore,
    since_days: float | None = None,
    top: int = 10,
    now: float | None = None,
) -> dict[str, Any]:
    """Summarise the store's curation records (all of them, or the last `since_days` days)."""
    now = time.time() if now is None else now
    since = now - since_days * DAY if since_days is not None else None
    fallbacks = _records(store, "fallback", since)
    feedback = _records(store, "feedback", since)
    answered = _records(store, "answered", since)
    notes = []

    unanswered, unclustered = _unanswered(fallbacks, top)
    if unclustered:
        notes.append(
            f"{unclustered} fallbacks with rarer texts were not grouped "
            f"(only the {MAX_DISTINCT} most frequent distinct texts are)"
        )

    counts: dict[str, Counter] = defaultdict(Counter)
    for _, record in answered:
        counts[_label(record.get("intent"))]["answered"] += 1
    for _, record in fallbacks:
        counts[_label(record.get("intent"), "fallback")]["fell_back"] += 1
    for _, record in feedback:
        vote = _vote(record.get("vote", record.get("rating")))
        if vote:
            counts[_label(record.get("intent"))]["up" if vote > 0 else "down"] += 1
        replaced = _vote(record.get("replaces"))  # a changed vote takes the earlier one back
        if vote and replaced:
            counts[_label(record.get("intent"))]["up" if replaced > 0 else "down"] -= 1
    intents = [
        {
            "intent": name,
            "answered": c["answered"],
            "fell_back": c["fell_back"],
            "up": c["up"],
            "down": c["down"],
        }
        for name, c in counts.items()
    ]
    intents.sort(key=lambda r: (-(r["answered"] + r["fell_back"]), -r["down"], r["intent"]))

    per_day: dict[str, Counter] = defaultdict(Counter)
    for when, _ in answered:
        per_day[_day(when)]["answered"] += 1
    for when, _ in fallbacks:
        per_day[_day(when)]["fallback"] += 1
    has_answered = bool(answered)
    if fallbacks and not has_answered:
        notes.append(
            "no 'answered' records in this window, so the fallback rate is unknown "
            "(the bot records every answered question as kind 'answered')"
        )

    def rate(fell: int, ok: int) -> float | None:
        return round(fell / (fell + ok), 4) if has_answered and fell + ok else None

    fallback_rate = [
        {
            "day": day,
            "answered": c["answered"],
            "fallback": c["fallback"],
            "rate": rate(c["fallback"], c["answered"]),
        }
        for day, c in sorted(per_day.items())
    ]
    return {
        "generated_at": _iso(now),
        "window": {"since_days": since_days, "from": _iso(since), "to": _iso(now)},
        "totals": {
            "answered": len(answered),
            "fallback": len(fallbacks),
            "feedback": sum(1 for _, r in feedback if not _vote(r.get("replaces"))),
            "fallback_rate": rate(len(fallbacks), len(answered)),
        },
        "unanswered": unanswered,
        "worst_rated": _worst_rated(feedback, top),
        "intents": intents,
        "fallback_rate": fallback_rate,
        "notes": notes,
    }


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


# -- teaching ---------------------------------------------------------------------------------


class TeachError(Exception):
    """The utterance or intent was refused, or the file could not be edited."""


@dataclass
class Taught:
    utterance: str
    intent: str
    file: Path
    line: int
    examples: int
    read_as: str | None = None
    confidence: float | None = None
    warnings: list[str] = field(default_factory=list)


_INTENT_LINE = re.compile(
    r"^(?P<dash>[ ]*)-[ ]+(?P<key>intent):[ ]*"
    r"(?P<q>['\"]?)(?P<name>[A-Za-z0-9_]+)(?P=q)[ ]*(?:#.*)?$"
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    return not line.strip()


def insert_example(source: str, intent: str, utterance: str) -> tuple[str, int] | None:
    """`source` with ``- utterance`` appended to `intent`'s ``examples: |`` block, and the new
    line's number (1-based); None when this file does not define `intent`."""
    newline = "\r\n" if "\r\n" in source else "\n"
    lines = source.splitlines(keepends=True)
    bare = [line.rstrip("\r\n") for line in lines]
    for start, text in enumerate(bare):
        m = _INTENT_LINE.match(text)
        if not m or m["name"] != intent:
            continue
        dash, key_col = len(m["dash"]), m.start("key")
        end = len(bare)
        for i in range(start + 1, len(bare)):
            line = bare[i]
            if not _blank(line) and not line.lstrip().startswith("#") and _indent(line) <= dash:
                end = i
                break
        header = re.compile(rf"^[ ]{{{key_col}}}examples:(?P<rest>.*)$")
        for h in range(start + 1, end):
            hm = header.match(bare[h])
            if not hm:
                continue
            block = re.match(r"^[ ]*\|(?P<mods>[-+0-9]*)[ ]*(?:#.*)?$", hm["rest"])
            if not block:
                raise TeachError(
                    f"the examples of '{intent}' (line {h + 1}) are not an `examples: |` block; "
                    "edit that file by hand"
                )
            digits = re.sub(r"\D", "", block["mods"])
            content = key_col + int(digits) if digits else None
            last = h
            for i in range(h + 1, len(bare)):
                line = bare[i]
                if _blank(line):
                    continue
                if content is None:
                    if _indent(line) <= key_col:
                        break
                    content = _indent(line)
                if _indent(line) < content:
                    break
                last = i
            if content is None:
                content = key_col + 2
            if not lines[last].endswith(("\n", "\r")):
                lines[last] += newline
            lines.insert(last + 1, f"{' ' * content}- {utterance}{newline}")
            return "".join(lines), last + 2
        raise TeachError(f"'{intent}' (line {start + 1}) has no `examples: |` block")
    return None


def _write(path: Path, text: str) -> None:
    """Replace `path` atomically (a crash leaves the old file or the new, never half of one)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clean_utterance(utterance: str) -> str:
    """One line, single spaces; raises TeachError if empty, too long or unprintable."""
    text = " ".join((utterance or "").split())
    if not text:
        raise TeachError("the utterance is empty")
    if len(text) > MAX_UTTERANCE:
        raise TeachError(
            f"the utterance is {len(text)} characters; examples are at most {MAX_UTTERANCE}"
        )
    if any(unicodedata.category(ch)[0] == "C" for ch in text):
        raise TeachError("the utterance contains control characters")
    if not tokens(fold(text)):
        raise TeachError("the utterance has no words in it")
    return text


def _masker(knowledge_dir: str | None, data: IntentData, warnings: list[str]):
    """The matcher's own masking (entity names → placeholders), or None without knowledge."""
    try:
        from bot.knowledge import load_knowledge
        from bot.nlu.understand import Understanding

        return Understanding(load_knowledge(knowledge_dir), data)
    except SourceErrors as exc:
        warnings.append(
            f"knowledge did not load ({exc.errors[0]}); duplicates checked without entity masking"
        )
        return None


def find_duplicate(text: str, data: IntentData, understanding=None) -> tuple[str, str, bool] | None:
    """(intent, example, masked?) of an existing example equal to `text` once normalised
    (case, accents, punctuation and spacing), or once entity names are masked."""
    key = _key(text)
    for name, spec in data.intents.items():
        for line in spec.example_lines():
            if _key(line) == key:
                return name, line, False
    if understanding is not None:
        matcher = understanding.matcher
        masked = " ".join(matcher.mask_text(text))
        for name, spec in data.intents.items():
            for line in spec.example_lines():
                if " ".join(matcher.mask_text(line)) == masked:
                    return name, line, True
    return None


def teach(
    utterance: str,
    intent: str,
    intents_dir: str | os.PathLike[str] | None = None,
    knowledge_dir: str | None = None,
) -> Taught:
    """Validate, append `utterance` to `intent`'s examples, re-load to verify (or restore)."""
    text = clean_utterance(utterance)
    root = resolve_intents_dir(intents_dir)
    data = load_intents(root)
    if intent not in data.intents:
        hint = " (that is a lookup table, not an intent)" if intent in data.lookups else ""
        raise TeachError(
            f"unknown intent '{intent}'{hint}; intents are: {', '.join(sorted(data.intents))}"
        )
    warnings: list[str] = []
    understanding = _masker(knowledge_dir, data, warnings)
    duplicate = find_duplicate(text, data, understanding)
    if duplicate:
        name, line, masked = duplicate
        how = " once entity names are masked" if masked else ""
        raise TeachError(f"already an example of '{name}'{how}: “{line}”")

    for file in data.files:
        path = Path(file)
        with path.open(encoding="utf-8", newline="") as handle:
            original = handle.read()
        edited = insert_example(original, intent, text)
        if edited is not None:
            break
    else:
        raise TeachError(
            f"no file in {root} has a `- intent: {intent}` line to add to; edit it by hand"
        )
    new_text, line_no = edited
    _write(path, new_text)
    try:
        reloaded = load_intents(root)
        if text not in reloaded.intents[intent].example_lines():
            raise TeachError(f"the new line was not read back as an example of '{intent}'")
    except SourceErrors as exc:
        _write(path, original)
        problems = "; ".join(str(e) for e in exc.errors[:3])
        raise TeachError(f"the edited intents no longer load ({problems}); file restored") from exc
    except BaseException:
        _write(path, original)
        raise

    taught = Taught(
        text,
        intent,
        path,
        line_no,
        len(reloaded.intents[intent].example_lines()),
        warnings=warnings,
    )
    if understanding is not None:
        from bot.nlu.understand import Understanding

        parse = Understanding(understanding.knowledge, reloaded).parse(text)
        taught.read_as, taught.confidence = parse.intent, parse.confidence
    return taught
