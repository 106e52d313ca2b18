"""The security headers file the build writes carries the policy every page carries.

`_headers` (Netlify and Cloudflare Pages) sits at the root of the output and
gives every file the Content-Security-Policy of the pages' <meta> tag,
`nosniff` and the referrer policy (tests/unit/test_hosting.py compares the
nginx and Apache snippets of docs/hosting.md with the same policy).
"""

from support import sitechecks
from support.headers_file import rules
from transparency.publish import hosting


def test_every_page_carries_the_policy_the_headers_file_sends(whole_site):
    sent = rules((whole_site.output / "_headers").read_bytes())
    assert sent == {f"{whole_site.root_path}*": dict(hosting.HEADERS)}  # no SVG or HTML attachment here
    policies = {sitechecks.parse(page).find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
                for page in sitechecks.html_pages(whole_site.output)}
    assert policies == {sent[f"{whole_site.root_path}*"]["Content-Security-Policy"]}
