"""The bot's English lives in intents/lexicon/*.yaml, where a curator can read it: every entry
the code reads is there with a description, every entry there is read by the code, and no
module spells out a list of English words itself."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml
from paths import ROOT

BOT = ROOT / "bot"
LEXICON = ROOT / "intents" / "lexicon"
WORD = re.compile(r"^[a-z']+$")
# LEXICON.words("name"), .phrases, .pattern, .table, or a module's alias of one (_words("name"))
READ = re.compile(r"(?:\.(?:words|phrases|pattern|table)|_words)\(\s*\"([a-z0-9_]+)\"")
# Lists of names the code itself defines, not English: Slack payload fields and Bolt argument
# names (gate.py, background.py), and the stemmer's suffix rules (stem.py).
NOT_ENGLISH = {"bot/slack/gate.py", "bot/slack/background.py", "bot/text/stem.py"}


def entries() -> dict[str, dict]:
    out = {}
    for path in sorted(LEXICON.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            name = entry.get("lookup") or entry.get("regex") or entry.get("table")
            out[name] = entry
    return out


def read_in_code() -> set[str]:
    return {m for p in BOT.rglob("*.py") for m in READ.findall(p.read_text(encoding="utf-8"))}


def test_every_entry_the_code_reads_is_in_the_lexicon():
    assert read_in_code() <= set(entries())


def test_every_lexicon_entry_is_read_and_described():
    found = entries()
    assert set(found) - read_in_code() == set(), "entries no code reads"
    assert all(len(e.get("description", "")) > 20 for e in found.values())


def intent_names() -> set[str]:
    found = set()
    for path in (ROOT / "intents").glob("*.yaml"):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            found.add(entry.get("intent"))
    return found - {None}


def word_lists(path: Path) -> list[int]:
    """Lines where Python spells out five or more bare words: a list, set or tuple of them, or
    a string of them split into words. Lists of intent names are code, not English."""
    lines = []
    intents = intent_names()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.List | ast.Set | ast.Tuple):
            words = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            english = all(isinstance(w, str) and WORD.match(w) for w in words)
            if len(words) >= 5 and english and not set(words) <= intents:
                lines.append(node.lineno)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "split"
            and isinstance(node.func.value, ast.Constant)
            and len(str(node.func.value.value).split()) >= 5
            and not set(str(node.func.value.value).split()) <= intents
        ):
            lines.append(node.lineno)
    return lines


def test_no_english_word_list_is_left_in_the_code():
    found = {str(p.relative_to(ROOT)): word_lists(p) for p in BOT.rglob("*.py")}
    found = {p: lines for p, lines in found.items() if p not in NOT_ENGLISH}
    assert {p: lines for p, lines in found.items() if lines} == {}


def test_the_checker_sees_an_english_list(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        'A = ("what", "how", "which", "who", "why")\n'
        'B = ("greet", "help", "thanks", "sources", "fallback")\n'
    )
    assert word_lists(module) == [1]
