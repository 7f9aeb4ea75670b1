"""Casual words read as the words the intent examples use ('snappy' → 'fast', 'tl;dr' →
'overview'), from the Rasa-style `synonym:` entries in intents/."""

from __future__ import annotations

import re

from bot.text.tokens import fold


class Synonyms:
    def __init__(self, table: dict[str, str]) -> None:
        self.table = {fold(k): v for k, v in table.items() if fold(k)}
        variants = sorted(self.table, key=len, reverse=True)  # "bare bones" before "bare"
        self.pattern = (
            re.compile(r"(?<![\w'])(" + "|".join(re.escape(v) for v in variants) + r")(?![\w'])")
            if variants
            else None
        )

    def apply(self, folded: str) -> str:
        if self.pattern is None:
            return folded
        return self.pattern.sub(lambda m: self.table[m.group(1)], folded)
