"""intents/lexicon/understanding.yaml: the nlu's words and patterns, as data a curator reads.

Every entry says what it is for and is read by the code; the shorthand table is the one that
tokens() spells chat shorthand out with.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.text.lexicon import LEXICON

ROOT = Path(__file__).resolve().parents[2]
FILE = ROOT / "intents" / "lexicon" / "understanding.yaml"


def _entries() -> list[dict]:
    return yaml.safe_load(FILE.read_text(encoding="utf-8"))["nlu"]


def _name(entry: dict) -> str:
    return entry.get("lookup") or entry.get("regex") or entry.get("table")


def test_every_entry_says_what_it_is_for():
    assert [_name(e) for e in _entries() if not e.get("description", "").strip()] == []


def test_every_entry_is_read_by_the_code():
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "bot").rglob("*.py"))
    unread = [_name(e) for e in _entries() if f'"{_name(e)}"' not in code]
    # tokens() (bot/nlu/normalise.py, the core's) still has its own copy of the shorthand
    # table until it reads this one: test_the_shorthand_table_is_... keeps the two equal
    assert unread in ([], ["shorthand"])


def test_the_shorthand_table_is_what_tokens_spell_out():
    from bot.nlu.normalise import SHORTHAND, tokens

    assert LEXICON.table("shorthand") == SHORTHAND
    assert tokens("wtf is c10k w/ db") == ["what", "is", "c10k", "with", "database"]


def test_question_words_keep_their_order():
    from bot.nlu.vocabulary import QUESTION_FORM

    assert QUESTION_FORM[:3] == ["what", "which", "who"]
    assert list(LEXICON.phrases("question_form")) == QUESTION_FORM
