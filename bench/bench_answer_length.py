"""How long answers are, as a channel reads them: characters of the short answer.

Runs every question of the labelled sets (tests/data/eval_*.yaml and the holdout sets) through
the engine, with its thread context, and prints median, 90th percentile and maximum length of
the rendered short answer (what `framework-bot ask` prints and Slack shows before "More
details"), overall and per intent, and the share of answers that keep details back.

    python bench/bench_answer_length.py [files...]
"""

from __future__ import annotations

import glob
import statistics
import sys
from collections import defaultdict
from pathlib import Path

from bot.engine import Engine
from bot.evaluate import load_items
from bot.render.text import render_text

ROOT = Path(__file__).resolve().parent.parent / "tests" / "data"


def percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: list[str]) -> int:
    files = argv or sorted(
        glob.glob(str(ROOT / "eval_*.yaml")) + glob.glob(str(ROOT / "holdout" / "eval_*.yaml"))
    )
    engine = Engine.load()
    lengths: list[int] = []
    by_intent: dict[str, list[int]] = defaultdict(list)
    with_details = 0
    for i, (_path, item) in enumerate(load_items(files)):
        conversation = f"bench:{i}"
        for earlier in item.context:
            engine.ask(earlier, conversation)
        answer = engine.ask(item.q, conversation)
        engine.reset(conversation)
        n = len(render_text(answer))
        lengths.append(n)
        by_intent[answer.intent].append(n)
        with_details += bool(getattr(answer, "details", []))
    print(f"{len(lengths)} answers from {len(files)} files")
    print(
        f"short answer, characters: median {statistics.median(lengths):.0f}, "
        f"p90 {percentile(lengths, 0.9)}, max {max(lengths)}; "
        f"{with_details / len(lengths):.0%} keep details behind 'More details'"
    )
    print(f"{'intent':20} {'n':>5} {'median':>7} {'p90':>6} {'max':>6}")
    for intent, values in sorted(by_intent.items()):
        print(
            f"{intent:20} {len(values):5} {statistics.median(values):7.0f} "
            f"{percentile(values, 0.9):6} {max(values):6}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
