"""Text tools every layer may use; nothing here imports anything above it.

- lexicon.py: the English words and patterns, read from intents/lexicon/*.yaml;
- markup.py: Slack markup → the plain question; tokens.py: `fold` and `tokens`;
- stem.py: the tiny stemmer; families.py: word families ('perform'/'performance');
- facts.py: the one index of the knowledge's facts, read by grounding and the detail search.
"""
