"""Production settings: `make publish` (any warning is fatal there)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pelicanconf  # noqa: E402

globals().update({name: value for name, value in vars(pelicanconf).items() if name.isupper()})

# The address the site is published at (`make publish SITEURL=https://…`): no default, a build
# without it stops, as feeds and calendars made of a placeholder would be kept by their subscribers.
SITEURL = os.environ.get("SITEURL", "")

# The key that signs /date/integritate/manifest.json (docs/history.md): the path of its PEM file, from
# the environment, so that CI can keep it in a secret (docs/ci.md); unset or empty: unsigned. A relative
# path is taken from the folder the build runs in (the checkout's root under make), not from this file's.
if os.environ.get("TRANSPARENCY_SIGNING_KEY"):
    TRANSPARENCY = {**pelicanconf.TRANSPARENCY, "signing_key": os.environ["TRANSPARENCY_SIGNING_KEY"]}
