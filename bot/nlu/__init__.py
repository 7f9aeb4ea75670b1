"""Understanding: normalise text, find entities, score intents, resolve thread context."""
