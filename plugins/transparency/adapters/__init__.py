"""Pelican and the command line: the generator Pelican runs, the reader, the namespaced
settings and `python -m transparency`."""
