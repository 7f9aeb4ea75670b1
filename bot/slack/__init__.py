"""The Slack app: a Bolt app over the engine, in Socket Mode or over HTTP.

Nothing here is imported by the engine or by `framework-bot ask`.
"""
