"""Renderers turn one Answer into terminal text, JSON or Slack Block Kit."""
