"""Moved: understanding is the pipeline in bot/nlu/pipeline.py (the Parse in bot/nlu/parse.py)."""

from bot.nlu.parse import Parse  # moved
from bot.nlu.pipeline import DEFAULT_THRESHOLD, Understanding  # moved

__all__ = ["DEFAULT_THRESHOLD", "Parse", "Understanding"]
