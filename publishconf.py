"""Production settings: `make publish` (any warning is fatal there)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pelicanconf  # noqa: E402

globals().update({name: value for name, value in vars(pelicanconf).items() if name.isupper()})

# The address the site is published at (`make publish SITEURL=https://…`): no default, a build
# without it stops, as feeds and calendars made of a placeholder would be kept by their subscribers.
SITEURL = os.environ.get("SITEURL", "")
