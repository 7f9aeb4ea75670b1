"""Moved to the text tools: bot/text/markup.py (Slack markup) and bot/text/tokens.py."""

from bot.text.markup import MAX_QUESTION_CHARS, normalise_slack  # noqa: F401  (moved)
from bot.text.tokens import SHORTHAND, fold, tokens  # noqa: F401  (moved)
