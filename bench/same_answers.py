"""Prove a restructure kept behaviour: every labelled question's answer, byte for byte.

Answers every question in tests/data (the eval sets, the holdouts and the dev sets, each with
its thread context) and records, per question, the answer model, its plain text (short and
`--full`), its Slack blocks and its `ask --jsonl` line. `--base REV` does the same on a git
revision (checked out in a temporary worktree) and lists every question whose answer differs.

    python bench/same_answers.py                 # digest of this tree's answers
    python bench/same_answers.py --base main     # compare with main; exit 1 on any difference
    python bench/same_answers.py --dump out.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs inside the tree being measured (this one, or the base worktree), so it only uses entry
# points that a behaviour-preserving restructure keeps; where a function may move, each known
# home is tried in turn.
DUMP = r"""
import dataclasses, importlib, json, sys
from pathlib import Path

import yaml

def find(name, *modules):
    for module in modules:
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
    raise ImportError(name)

import bot
if Path(bot.__file__).resolve().parent.parent != Path(sys.argv[1]).resolve():
    sys.exit(f"bot imported from {bot.__file__}, not from {sys.argv[1]}")
from bot.engine import Engine
render_text = find("render_text", "bot.render.text")
render_answer = find("render_answer", "bot.render.blocks", "bot.render.blocks.answer")

root = Path(sys.argv[1])
engine = Engine.load()
paths = sorted((root / "tests" / "data").rglob("*.yaml"))
out = open(sys.argv[2], "w", encoding="utf-8")
n = 0
for path in paths:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for i, item in enumerate(data.get("items") or []):
        conversation = f"same:{path.name}:{i}"
        engine.reset(conversation)
        for earlier in item.get("context") or []:
            engine.ask(earlier, conversation)
        answer = engine.ask(item["q"], conversation)
        engine.reset(conversation)
        record = {
            "file": str(path.relative_to(root)),
            "q": item["q"],
            "context": item.get("context") or [],
            "answer": dataclasses.asdict(answer),
            "text": render_text(answer),
            "full": render_text(answer, full=True),
            "blocks": render_answer(answer, question=item["q"]).blocks,
        }
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
out.close()
print(n)
"""


def dump(tree: Path, out: Path) -> int:
    """Answer every labelled question with the code in `tree`; one JSON line each in `out`."""
    done = subprocess.run(
        [sys.executable, "-c", DUMP, str(tree), str(out)],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"answering in {tree} failed:\n{done.stderr}")
    return int(done.stdout.strip().splitlines()[-1])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def differences(base: Path, head: Path) -> list[str]:
    """The questions whose records differ, by file and question."""
    old = base.read_text(encoding="utf-8").splitlines()
    new = head.read_text(encoding="utf-8").splitlines()
    if len(old) != len(new):
        return [f"{len(old)} answers before, {len(new)} after"]
    found = []
    for before, after in zip(old, new, strict=True):
        if before != after:
            record = json.loads(after)
            found.append(f"{record['file']}: {record['q']}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", metavar="REV", help="git revision to compare with")
    parser.add_argument("--dump", metavar="FILE", help="keep this tree's answers here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        head = Path(args.dump) if args.dump else Path(tmp) / "head.jsonl"
        count = dump(ROOT, head)
        print(f"this tree: {count} answers, sha256 {digest(head)}")
        if not args.base:
            return 0
        tree = Path(tmp) / "base"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), args.base],
            check=True,
        )
        try:
            # the base tree answers from its own data, but the questions must be the same
            subprocess.run(["rm", "-rf", str(tree / "tests" / "data")], check=True)
            subprocess.run(["cp", "-r", str(ROOT / "tests" / "data"), str(tree / "tests")])
            base = Path(tmp) / "base.jsonl"
            dump(tree, base)
            print(f"{args.base}: {count} answers, sha256 {digest(base)}")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)])
        changed = differences(base, head)
        for line in changed[:40]:
            print("  differs:", line)
        print("byte-identical" if not changed else f"{len(changed)} answers differ")
        return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
