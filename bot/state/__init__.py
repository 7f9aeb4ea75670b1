"""State stores: thread context, dedupe keys and curation records (memory, SQLite, Redis)."""
