"""The answer composers' English lives in intents/lexicon/answers.yaml: every entry the code reads
is there with a description, and every entry there is read by some composer."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "bot" / "answers"
LEXICON_FILE = ROOT / "intents" / "lexicon" / "answers.yaml"
WORD = re.compile(r"^[a-z']+$")
READ = re.compile(r"LEXICON\.(?:words|phrases|pattern|table)\(\s*\"([a-z0-9_]+)\"")


def entries() -> dict[str, dict]:
    data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    out = {}
    for entry in data["nlu"]:
        name = entry.get("lookup") or entry.get("regex") or entry.get("table")
        out[name] = entry
    return out


def read_in_code() -> set[str]:
    return {m for p in ANSWERS.rglob("*.py") for m in READ.findall(p.read_text(encoding="utf-8"))}


def test_every_entry_the_composers_read_is_in_answers_yaml():
    assert read_in_code() <= set(entries())


def test_every_entry_of_answers_yaml_is_read_and_described():
    found = entries()
    assert set(found) <= read_in_code(), "an entry no composer reads"
    assert all(len(e.get("description", "")) > 20 for e in found.values())


def word_lists(path: Path) -> list[int]:
    """Lines where Python spells out five or more bare words: a list, set or tuple of them, or
    a string of them split into words."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.List | ast.Set | ast.Tuple):
            words = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            if len(words) >= 5 and all(isinstance(w, str) and WORD.match(w) for w in words):
                lines.append(node.lineno)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "split"
            and isinstance(node.func.value, ast.Constant)
            and len(str(node.func.value.value).split()) >= 5
        ):
            lines.append(node.lineno)
    return lines


def test_no_english_word_list_is_left_in_the_composers():
    # the detail search (search.py, retrieve.py) keeps its words with the text tools' lexicon
    composers = [p for p in ANSWERS.rglob("*.py") if p.name not in ("search.py", "retrieve.py")]
    found = {str(p): word_lists(p) for p in composers}
    assert {p: lines for p, lines in found.items() if lines} == {}
