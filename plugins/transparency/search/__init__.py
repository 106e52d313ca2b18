"""The search index (docs/search.md): Romanian analysis, the sharded files, what is searchable,
and the Python reader that answers as search.js does."""
