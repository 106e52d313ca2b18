"""The council's record as plain Python: vocabularies, model, problems, relations, timeline,
validation, votes, dates, personal-data rules. Imports neither Pelican nor the file system nor
the cache (docs/architecture.md; tests/unit/test_layers.py)."""
