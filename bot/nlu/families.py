"""Moved to the text tools: bot/text/families.py."""

from bot.text.families import SHARED_STEM, WordFamilies, kin  # noqa: F401  (moved)
