"""`build_report`: the store's curation records summarised (unanswered questions grouped,
the worst-rated answers, rates per day)."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from bot.curation.reading import (
    DAY,
    MAX_UTTERANCE,
    day_of,
    iso_time,
    label_of,
    question_key,
    records_since,
    score_of,
    scrub,
    vote_of,
)
from bot.state.base import StateStore

SIMILARITY = 80  # token_set_ratio at or above which two unanswered questions are one group
MAX_DISTINCT = 5000  # most frequent distinct questions clustered; the rest are only counted


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
        key = question_key(text)
        if not key:
            continue
        v = variants.setdefault(key, _Variant(text))
        v.count += 1
        v.last = max(v.last, when)
        v.surfaces[label_of(record.get("surface"))] += 1
        v.intents[label_of(record.get("intent"), "fallback")] += 1
        score = score_of(record.get("score"))
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
                "last_seen": iso_time(max(p.last for p in parts)),
            }
        )
    groups.sort(key=lambda g: (-g["count"], g["text"]))
    return groups[:top], sum(variants[k].count for k in unclustered)


# -- feedback --------------------------------------------------------------------------------


def _worst_rated(records: list[tuple[float, dict]], top: int) -> list[dict]:
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for when, record in records:
        vote = vote_of(record.get("vote", record.get("rating")))
        if not vote:
            continue
        question = scrub(record.get("question"), MAX_UTTERANCE)
        intent = label_of(record.get("intent"))
        g = groups.setdefault(
            (question_key(question), intent),
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
        if vote_of(record.get("replaces")):  # a changed vote takes the earlier one back
            g["up" if vote_of(record.get("replaces")) > 0 else "down"] -= 1
        g["surfaces"][label_of(record.get("surface"))] += 1
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
            "last_seen": iso_time(g["last"]),
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
    fallbacks = records_since(store, "fallback", since)
    feedback = records_since(store, "feedback", since)
    answered = records_since(store, "answered", since)
    notes = []

    unanswered, unclustered = _unanswered(fallbacks, top)
    if unclustered:
        notes.append(
            f"{unclustered} fallbacks with rarer texts were not grouped "
            f"(only the {MAX_DISTINCT} most frequent distinct texts are)"
        )

    counts: dict[str, Counter] = defaultdict(Counter)
    for _, record in answered:
        counts[label_of(record.get("intent"))]["answered"] += 1
    for _, record in fallbacks:
        counts[label_of(record.get("intent"), "fallback")]["fell_back"] += 1
    for _, record in feedback:
        vote = vote_of(record.get("vote", record.get("rating")))
        if vote:
            counts[label_of(record.get("intent"))]["up" if vote > 0 else "down"] += 1
        replaced = vote_of(record.get("replaces"))  # a changed vote takes the earlier one back
        if vote and replaced:
            counts[label_of(record.get("intent"))]["up" if replaced > 0 else "down"] -= 1
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
        per_day[day_of(when)]["answered"] += 1
    for when, _ in fallbacks:
        per_day[day_of(when)]["fallback"] += 1
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
        "generated_at": iso_time(now),
        "window": {"since_days": since_days, "from": iso_time(since), "to": iso_time(now)},
        "totals": {
            "answered": len(answered),
            "fallback": len(fallbacks),
            "feedback": sum(1 for _, r in feedback if not vote_of(r.get("replaces"))),
            "fallback_rate": rate(len(fallbacks), len(answered)),
        },
        "unanswered": unanswered,
        "worst_rated": _worst_rated(feedback, top),
        "intents": intents,
        "fallback_rate": fallback_rate,
        "notes": notes,
    }
