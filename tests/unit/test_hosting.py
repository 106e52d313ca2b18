"""The security headers: one policy for the pages, `_headers` and the server snippets of docs/hosting.md."""

from __future__ import annotations

import re

import jinja2
import pytest

from support import trees
from support.headers_file import rules
from transparency.publish import hosting
from transparency.source import attachment_types

DOC = (trees.ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
BASE = (trees.ROOT / "theme" / "templates" / "base.html").read_text(encoding="utf-8")


BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```\n", DOC, re.M | re.S)  # (info string, text), in order


def block(language: str) -> str:
    [text] = [text for info, text in BLOCKS if info == language]
    return text


def test_every_file_gets_the_policy_nosniff_and_the_referrer_policy():
    assert rules(hosting.headers_file("https://example.test", [])) == {"/*": dict(hosting.HEADERS)}


def test_a_site_under_a_path_has_its_rules_under_that_path():
    found = rules(hosting.headers_file("https://primaria.example.test/transparenta/", ["fisiere/a/harta.svg"]))
    assert found == {"/transparenta/*": dict(hosting.HEADERS),
                     "/transparenta/fisiere/a/harta.svg": {"Content-Disposition": "attachment"}}


@pytest.mark.parametrize("name", ["a b.svg", "x.svg\n/*\n  Access-Control-Allow-Origin: *\n#.svg", "a:b.html",
                                  "ă ș.htm", "tab\there.svg"])
def test_a_file_name_cannot_add_a_rule_or_a_header(name):
    found = rules(hosting.headers_file("https://example.test", [f"fisiere/{name}"]))
    assert len(found) == 2 and found["/*"] == dict(hosting.HEADERS)
    [(path, headers)] = [(p, h) for p, h in found.items() if p != "/*"]
    assert headers == {"Content-Disposition": "attachment"} and path.startswith("/fisiere/")


def test_the_pages_take_the_policy_from_the_template_context():
    assert '<meta http-equiv="Content-Security-Policy" content="{{ content_security_policy }}">' in BASE
    assert "default-src" not in BASE


def test_the_documented_policy_is_the_one_the_build_sends():
    policies = block("text").strip().split("\n")
    policies += re.findall(r"Content-Security-Policy: ([^\n]*)", block(""))
    policies += re.findall(r'add_header Content-Security-Policy "([^"]*)" always;', block("nginx"))
    policies += re.findall(r'Header always set Content-Security-Policy "([^"]*)"', block("apache"))
    assert len(policies) == 5 and set(policies) == {hosting.CONTENT_SECURITY_POLICY}


@pytest.mark.parametrize("name,value", hosting.HEADERS[1:] + (hosting.DOWNLOAD,))
def test_every_server_snippet_sends_every_header(name, value):
    assert f'add_header {name} "{value}" always;' in block("nginx")
    assert f'Header always set {name} "{value}"' in block("apache")
    assert f"  {name}: {value}" in block("")


def test_the_documented_headers_file_is_what_the_build_writes():
    written = hosting.headers_file("https://example.test", ["fisiere/hotarari/2025/anexe/harta.svg"])
    comments = [line for line in written.decode("utf-8").split("\n") if line.startswith("#")]
    assert "\n".join(comments + [block("").rstrip("\n")]) + "\n" == written.decode("utf-8")


@pytest.mark.parametrize("kind", attachment_types.TYPES, ids=lambda kind: kind.extensions[0])
def test_links_to_script_carrying_types_and_only_those_ask_the_browser_to_save(kind):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(trees.ROOT / "theme" / "templates"), autoescape=True)
    macro = env.get_template("partials/files.html").module.file_link
    for extension in kind.extensions:
        link = str(macro({"url": f"/fisiere/a.{extension}", "title": "A", "type": extension.upper(), "size": "1 kB"}))
        assert (" download>" in link) == kind.active, link
