"""`framework-bot check` validates the lexicon (intents/lexicon/*.yaml) the bot reads: a broken
entry is named by file, key and line, and fails the check."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from bot.checks import run_check
from bot.text.lexicon import lexicon_dir

ENTRY = """\
  - lookup: a_list_without_examples
    description: broken on purpose
"""
BAD_REGEX = """\
  - regex: an_unclosed_group
    description: broken on purpose
    examples: |
      - (unclosed
"""


@pytest.fixture
def lexicon(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "lexicon"
    shutil.copytree(lexicon_dir(), target)
    monkeypatch.setenv("FRAMEWORK_BOT_LEXICON", str(target))
    return target


def _append(path: Path, text: str) -> int:
    """Append an entry to the file's `nlu:` list; the line it starts on."""
    before = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def _entries(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line[:4] == "  - ")


def test_shipped_lexicon_passes_the_check() -> None:
    out = io.StringIO()
    assert run_check(None, None, out) == 0
    text = out.getvalue()
    assert f"lexicon: {lexicon_dir()}" in text
    assert "lookups" in text and "check ok" in text


@pytest.mark.parametrize(("entry", "message"), [(ENTRY, "examples"), (BAD_REGEX, "bad regex")])
def test_broken_lexicon_entry_is_named_by_file_key_and_line(
    lexicon: Path, entry: str, message: str
) -> None:
    path = lexicon / "text.yaml"
    index = _entries(path)
    line = _append(path, entry)
    out = io.StringIO()
    assert run_check(None, None, out) == 1
    rows = [row for row in out.getvalue().splitlines() if row.startswith(f"{path}:{line} ")]
    assert rows, out.getvalue()
    assert f"[nlu[{index}]" in rows[0] and message in rows[0]
    assert "check FAILED" in out.getvalue()


def test_a_name_defined_twice_is_named_where_it_repeats(lexicon: Path) -> None:
    path = lexicon / "text.yaml"
    line = _append(path, "  - lookup: kind_words\n    examples: |\n      - again\n")
    out = io.StringIO()
    assert run_check(None, None, out) == 1
    assert any(
        row.startswith(f"{path}:{line} ") and "also defined" in row
        for row in out.getvalue().splitlines()
    ), out.getvalue()
