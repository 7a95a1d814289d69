"""Domain objects ↔ SQLite: schema, build/import, queries, search. No Textual; no eager imports."""
