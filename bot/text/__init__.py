"""Text tools every layer may use (the lexicon of English words and patterns, tokens, stems,
word families, the fact index); nothing here imports anything above it."""
