"""Casual words read as the words the intent examples use ('snappy' → 'fast', 'tl;dr' →
'overview'), from the Rasa-style `synonym:` entries in intents/; the words wrapping an
indirect question ('i wonder which ...', '..., right?') are read as the question they wrap."""

from __future__ import annotations

import re

from bot.nlu.words import QUESTION_WRAPPERS
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
        """`folded` in the examples' words, with no wrapper around what it asks."""
        # "anyone knows who uses flask" asks "who uses flask": the wrapper is no part of it
        folded = " ".join(QUESTION_WRAPPERS.sub(" ", folded).split())
        if self.pattern is None:
            return folded
        return self.pattern.sub(lambda m: self.table[m.group(1)], folded)
