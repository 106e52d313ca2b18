"""Benchmark of the build on a synthetic council: `python -m bench --documents N` (see __main__.py)."""
