"""The security headers the site needs from the server that hosts it.

The Content-Security-Policy is written here once: the pages carry it in a
`<meta>` tag (theme/templates/base.html reads it from the template context),
and the build writes `_headers` at the root of the output folder, the file
Netlify and Cloudflare Pages read, so that the policy, `nosniff` and the
referrer policy apply to every file of the site, attachments included.
docs/hosting.md gives the same headers for nginx and Apache
(tests/unit/test_hosting.py keeps the three in step).

An attachment that can hold script (SVG, HTML; refused unless
`TRANSPARENCY["download_only_types"]` allows it, see attachment_types.py) is
given `Content-Disposition: attachment`, so a browser saves it instead of
opening it on the site's address.

`rules_of` reads `_headers` back, for the preview server (adapters/staff.py):
`serve` sends each file what the published site's host would, from the same
file the build wrote, never from a table of its own.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

from ..domain import urls
from ..source import attachment_types

# `object-src 'self'`, not 'none': the header applies to attached PDFs too, and Chrome shows a PDF
# through its own <embed>, which `object-src 'none'` blocks. Pages hold no <object> or <embed>
# (markup.py removes them; tests/site checks every page).
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "object-src 'self'; base-uri 'none'; form-action 'self'")
REFERRER_POLICY = "strict-origin-when-cross-origin"
HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", REFERRER_POLICY),
)
DOWNLOAD = ("Content-Disposition", "attachment")
HEADERS_FILE = "_headers"
URL_SAFE = "/-_.~"  # as views.py quotes addresses


def headers_file(siteurl: str, download_only: list[str]) -> bytes:
    """`_headers` (Netlify / Cloudflare Pages syntax): every header for every file, and
    `Content-Disposition: attachment` for each address in `download_only` (output paths)."""
    root = (urlsplit(siteurl).path.rstrip("/") or "") + "/"
    lines = ["# Security headers for every file of the site (Netlify, Cloudflare Pages); see docs/hosting.md.",
             "# Written by the build: edit plugins/transparency/publish/hosting.py, not this file.",
             f"{quote(root, safe=URL_SAFE)}*"]
    lines += [f"  {name}: {value}" for name, value in HEADERS]
    for path in download_only:
        # Quoted: no space, newline or colon of a file name can end the path or start a header.
        lines += [quote(root + path, safe=URL_SAFE), f"  {DOWNLOAD[0]}: {DOWNLOAD[1]}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write(output, site) -> set[str]:
    """Write `_headers` into `output` (an outputs.OutputFolder) for `site` (views.SiteModel); returns
    the paths written, for the manifest."""
    download_only = [urls.attachment(source) for source in attachment_types.download_only_files(site.checked.archive)]
    output.declare([HEADERS_FILE])
    output.write(HEADERS_FILE, headers_file(site.siteurl, download_only))
    return {HEADERS_FILE}


def rules_of(data: bytes) -> list[tuple[str, bool, list[tuple[str, str]]]]:
    """The rules of a `_headers` file as `headers_file` writes it: (address, splat, headers) in order,
    the address unquoted; a splat rule (its address ends in `*`, which `quote` never leaves in a path)
    covers every address that starts with what precedes the `*`, any other rule only its address."""
    found: list[tuple[str, bool, list[tuple[str, str]]]] = []
    for line in data.decode("utf-8", "replace").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line[0] not in " \t":
            address = line.strip()
            splat = address.endswith("*")
            found.append((unquote(address[:-1] if splat else address), splat, []))
        elif found and ": " in line:
            name, value = line.strip().split(": ", 1)
            found[-1][2].append((name, value))
    return found
