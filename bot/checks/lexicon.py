"""`framework-bot check`, the lexicon part: every intents/lexicon/*.yaml entry the bot reads
(FRAMEWORK_BOT_LEXICON, else the shipped folder) is validated from its YAML, not from the
compiled copy, so a broken entry is named by file, key and line before it ships."""

from __future__ import annotations

from typing import TextIO

from bot.text.lexicon import lexicon_dir, load_lexicon
from bot.yamlsrc import SourceError, SourceErrors


def check_lexicon(out: TextIO) -> list[SourceError]:
    """Print the lexicon's entry counts; return its errors (none when it is sound)."""
    root = lexicon_dir()
    print(f"lexicon: {root}", file=out)
    try:
        lexicon = load_lexicon(root)
    except SourceErrors as exc:
        print(f"  {len(exc.errors)} error(s) in the lexicon files (listed below)", file=out)
        return list(exc.errors)
    counts = {
        "lookups": len(lexicon.lookups),
        "regexes": len(lexicon.regexes),
        "tables": len(lexicon.tables),
    }
    for kind, n in counts.items():
        print(f"  {kind:<8}  {n:>5}", file=out)
    return []
