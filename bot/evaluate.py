"""framework-bot eval: score labelled question sets, the project's `rasa test nlu`.

An item is answered correctly when the intent is one of those accepted, the framework and
category ids match, every `must` string is in the answer and no `must_not` string is.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml
from pydantic import BaseModel, ConfigDict, Field

from bot.engine import Engine
from bot.render.text import render_text

SWEEP = tuple(round(0.30 + 0.025 * i, 3) for i in range(13))


class EvalItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    q: str
    context: list[str] = []
    intent: str | list[str] | None = None
    entities: list[str] = []
    must: list[str] = []
    must_not: list[str] = []
    fallback: bool = False
    note: str | None = None

    @property
    def accepted(self) -> set[str]:
        if self.fallback:
            return {"fallback"}
        if isinstance(self.intent, list):
            return set(self.intent)
        return {self.intent} if self.intent else set()

    @property
    def label(self) -> str:
        if self.fallback:
            return "fallback"
        return self.intent[0] if isinstance(self.intent, list) else (self.intent or "?")


class EvalFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[EvalItem] = Field(min_length=1)


@dataclass
class Outcome:
    item: EvalItem
    file: str
    intent: str
    entities: list[str]
    text: str
    confidence: float
    problems: list[str] = field(default_factory=list)

    @property
    def correct(self) -> bool:
        return not self.problems


def load_items(paths: list[str]) -> list[tuple[str, EvalItem]]:
    items = []
    for path in paths:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        for item in EvalFile.model_validate(data).items:
            items.append((path, item))
    return items


def judge(engine: Engine, path: str, item: EvalItem, index: int) -> Outcome:
    conversation = f"eval:{index}"
    engine.reset(conversation)
    for earlier in item.context:
        engine.ask(earlier, conversation)
    answer = engine.ask(item.q, conversation)
    engine.reset(conversation)
    text = render_text(answer)
    scoped = [
        e
        for e in answer.entities
        if e in engine.knowledge.frameworks or e in engine.knowledge.categories
    ]
    outcome = Outcome(item, path, answer.intent, scoped, text, answer.confidence)
    if answer.intent not in item.accepted:
        outcome.problems.append(f"intent {answer.intent}, expected {sorted(item.accepted)}")
    if not item.fallback and set(scoped) != set(item.entities):
        outcome.problems.append(f"entities {scoped}, expected {item.entities}")
    lowered = text.casefold()
    if not item.fallback:
        for needle in item.must:
            if needle.casefold() not in lowered:
                outcome.problems.append(f"missing “{needle}”")
    for needle in item.must_not:
        if needle.casefold() in lowered:
            outcome.problems.append(f"should not say “{needle}”")
    return outcome


def run_all(engine: Engine, items: list[tuple[str, EvalItem]]) -> list[Outcome]:
    return [judge(engine, path, item, i) for i, (path, item) in enumerate(items)]


def summarise(outcomes: list[Outcome]) -> dict[str, Any]:
    total = len(outcomes)
    correct = sum(o.correct for o in outcomes)
    intent_ok = sum(o.intent in o.item.accepted for o in outcomes)
    in_scope = [o for o in outcomes if not o.item.fallback]
    entity_ok = sum(set(o.entities) == set(o.item.entities) for o in in_scope)
    oos = [o for o in outcomes if o.item.fallback]
    predicted_oos = [o for o in outcomes if o.intent == "fallback"]
    true_oos = [o for o in oos if o.intent == "fallback"]
    labels = sorted({o.item.label for o in outcomes} | {o.intent for o in outcomes})
    per_intent = {}
    for label in labels:
        gold = [o for o in outcomes if o.item.label == label]
        predicted = [o for o in outcomes if _predicted_label(o) == label]
        hits = [o for o in gold if _predicted_label(o) == label]
        precision = len(hits) / len(predicted) if predicted else 0.0
        recall = len(hits) / len(gold) if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_intent[label] = {
            "support": len(gold),
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
        }
    confused = Counter(
        (o.item.label, o.intent) for o in outcomes if o.intent not in o.item.accepted
    ).most_common(8)
    return {
        "items": total,
        "answer_accuracy": round(correct / total, 4) if total else 0.0,
        "intent_accuracy": round(intent_ok / total, 4) if total else 0.0,
        "entity_accuracy": round(entity_ok / len(in_scope), 4) if in_scope else 0.0,
        "out_of_scope": {
            "items": len(oos),
            "precision": round(len(true_oos) / len(predicted_oos), 4) if predicted_oos else 0.0,
            "recall": round(len(true_oos) / len(oos), 4) if oos else 0.0,
        },
        "per_intent": per_intent,
        "confused": [{"expected": a, "got": b, "count": n} for (a, b), n in confused],
        "failures": [
            {"file": o.file, "q": o.item.q, "context": o.item.context, "problems": o.problems}
            for o in outcomes
            if not o.correct
        ],
    }


def _predicted_label(outcome: Outcome) -> str:
    return outcome.item.label if outcome.intent in outcome.item.accepted else outcome.intent


def sweep(engine: Engine, items: list[tuple[str, EvalItem]]) -> list[dict[str, float]]:
    """Answer accuracy and out-of-scope recall at each fallback threshold."""
    original = engine.understanding.threshold
    rows = []
    try:
        for threshold in SWEEP:
            engine.understanding.threshold = threshold
            summary = summarise(run_all(engine, items))
            rows.append(
                {
                    "threshold": threshold,
                    "answer_accuracy": summary["answer_accuracy"],
                    "oos_precision": summary["out_of_scope"]["precision"],
                    "oos_recall": summary["out_of_scope"]["recall"],
                }
            )
    finally:
        engine.understanding.threshold = original
    return rows


def run_eval(
    engine: Engine,
    files: list[str],
    min_accuracy: float | None,
    min_out_of_scope: float | None,
    as_json: bool,
    out: TextIO,
) -> int:
    items = load_items(files)
    summary = summarise(run_all(engine, items))
    summary["threshold"] = engine.understanding.threshold
    summary["sweep"] = sweep(engine, items)
    best = max(summary["sweep"], key=lambda r: (r["answer_accuracy"], r["oos_recall"]))
    summary["best_threshold"] = best["threshold"]
    if as_json:
        out.write(json.dumps(summary, indent=2) + "\n")
    else:
        _print_table(summary, out)
    failed = []
    if min_accuracy is not None and summary["answer_accuracy"] < min_accuracy:
        failed.append(f"answer accuracy {summary['answer_accuracy']:.3f} < {min_accuracy}")
    oos_recall = summary["out_of_scope"]["recall"]
    if min_out_of_scope is not None and oos_recall < min_out_of_scope:
        failed.append(f"out-of-scope handled {oos_recall:.3f} < {min_out_of_scope}")
    for line in failed:
        out.write(f"FAIL: {line}\n")
    return 1 if failed else 0


def _print_table(summary: dict[str, Any], out: TextIO) -> None:
    w = out.write
    w(f"items: {summary['items']}\n")
    w(f"answer accuracy:  {summary['answer_accuracy']:.3f}\n")
    w(f"intent accuracy:  {summary['intent_accuracy']:.3f}\n")
    w(f"entity accuracy:  {summary['entity_accuracy']:.3f}\n")
    oos = summary["out_of_scope"]
    w(
        f"out of scope ({oos['items']} items): precision {oos['precision']:.3f}, "
        f"recall {oos['recall']:.3f}\n\n"
    )
    w(f"{'intent':<20} {'support':>7} {'prec':>6} {'recall':>6} {'f1':>6}\n")
    for name, row in summary["per_intent"].items():
        w(
            f"{name:<20} {row['support']:>7} {row['precision']:>6.2f} {row['recall']:>6.2f} "
            f"{row['f1']:>6.2f}\n"
        )
    if summary["confused"]:
        w("\nmost confused (expected → got):\n")
        for row in summary["confused"]:
            w(f"  {row['expected']} → {row['got']}: {row['count']}\n")
    w("\nthreshold sweep (fallback below):\n")
    for row in summary["sweep"]:
        mark = " ← current" if row["threshold"] == summary["threshold"] else ""
        w(
            f"  {row['threshold']:.3f}: accuracy {row['answer_accuracy']:.3f}, out-of-scope "
            f"precision {row['oos_precision']:.3f} recall {row['oos_recall']:.3f}{mark}\n"
        )
    w(f"best threshold: {summary['best_threshold']:.3f}\n")
    if summary["failures"]:
        w(f"\nfailures ({len(summary['failures'])}):\n")
        for f in summary["failures"]:
            ctx = f" (after {' / '.join(f['context'])})" if f["context"] else ""
            w(f"  {f['q']}{ctx}: {'; '.join(f['problems'])}\n")
