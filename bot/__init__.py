"""framework-bot: sourced answers about Python web frameworks, in Slack or a terminal."""

__version__ = "0.1.0"
