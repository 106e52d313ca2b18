"""Production settings: `make publish` (any warning is fatal there)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pelicanconf  # noqa: E402

globals().update({name: value for name, value in vars(pelicanconf).items() if name.isupper()})

SITEURL = os.environ.get("SITEURL", "https://transparenta.example.ro")
