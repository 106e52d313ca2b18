"""Spec checks for feeds (tests only): each returns a list of problems, empty when valid.

Atom: the RFC 4287 Appendix B grammar (tests/schemas/atom.rng, RELAX NG XML
converted from atom.rnc beside it) plus the grammar's two Schematron rules,
read from the schema and evaluated with XPath. RSS 2.0: the elements the
RSS 2.0 specification requires, RFC 822 dates, guid semantics.
"""

from __future__ import annotations

import email.utils
import re
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree

from support.trees import ROOT

SCHEMA = ROOT / "tests" / "schemas" / "atom.rng"
NS = {"atom": "http://www.w3.org/2005/Atom", "s": "http://www.ascc.net/xml/schematron",
      "rng": "http://relaxng.org/ns/structure/1.0"}
# RFC 822 date-time as RSS 2.0 uses it (4-digit years allowed), numeric zone.
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                    r"\d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")


@lru_cache(maxsize=1)
def atom_schema() -> tuple[etree.RelaxNG, tuple[tuple[str, str, str], ...]]:
    tree = etree.parse(str(SCHEMA))
    rules = tuple((rule.get("context"), check.get("test"), check.text)
                  for rule in tree.iterfind(".//s:rule", NS) for check in rule.iterfind("s:assert", NS))
    return etree.RelaxNG(tree), rules


def atom_problems(data: bytes) -> list[str]:
    schema, rules = atom_schema()
    doc = etree.fromstring(data)
    problems = [] if schema.validate(doc) else [str(e) for e in schema.error_log]
    for context, test, message in rules:
        for node in doc.getroottree().xpath("//" + context, namespaces=NS):
            if not node.xpath(f"boolean({test})", namespaces=NS):
                problems.append(f"{context}: {message}")
    return problems


def rss_problems(data: bytes) -> list[str]:
    root = etree.fromstring(data)
    problems = []
    if root.tag != "rss" or root.get("version") != "2.0":
        problems.append("root element is not <rss version=\"2.0\">")
    channel = root.find("channel")
    if channel is None:
        return problems + ["no <channel>"]
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"channel has no {name}")
    for date in (channel.findtext("lastBuildDate"), channel.findtext("pubDate")):
        if date is not None and not _rfc822(date):
            problems.append(f"channel date not RFC 822: {date}")
    for index, item in enumerate(channel.findall("item"), start=1):
        if not (item.findtext("title") or item.findtext("description")):
            problems.append(f"item {index} has neither title nor description")
        guid = item.find("guid")
        if guid is not None:
            permalink = guid.get("isPermaLink", "true")
            is_url = urlsplit(guid.text or "").scheme in ("http", "https")
            if permalink == "true" and not is_url:
                problems.append(f"item {index}: guid isPermaLink=true but not a URL: {guid.text}")
        if item.findtext("pubDate") is not None and not _rfc822(item.findtext("pubDate")):
            problems.append(f"item {index}: pubDate not RFC 822: {item.findtext('pubDate')}")
    return problems


def _rfc822(text: str) -> bool:
    if not RFC822.match(text):
        return False
    return email.utils.parsedate_to_datetime(text).strftime("%a, %d %b %Y %H:%M:%S %z") == text
