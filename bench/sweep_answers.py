"""Print the answer sweep (bot/sweep.py): every framework, kind and glossary term through plain
question templates, then every suggested follow-up asked in turn.

    python bench/sweep_answers.py
"""

from __future__ import annotations

import sys
from collections import Counter

from bot.engine import Engine
from bot.sweep import suggestion_problems, sweep


def main() -> int:
    engine = Engine.load()
    total = 0
    counts: Counter[str] = Counter()
    offered: dict[str, None] = {}
    for item in sweep(engine):
        total += 1
        offered.update(dict.fromkeys(item.answer.suggestions))
        for problem in item.problems:
            counts[problem.split(" (")[0]] += 1
        if item.problems:
            print(f"{item.question!r:55} {item.answer.intent:18} {', '.join(item.problems)}")
    bad_suggestions = 0
    for question in offered:
        found = suggestion_problems(engine, question)
        if found:
            bad_suggestions += 1
            print(f"suggested {question!r:45} {', '.join(found)}")
    print(
        f"\n{total} questions, {sum(counts.values())} problems {dict(counts)}; "
        f"{len(offered)} distinct suggestions, {bad_suggestions} not answered well"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
