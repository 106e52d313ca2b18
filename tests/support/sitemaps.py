"""Reading a built site's sitemap.xml (a sitemap index) and every part it names, as a crawler would,
each checked against its schema written from the sitemaps.org protocol (tests/schemas)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def parts(site: Path) -> dict[str, Path]:
    """Each part's address, as the index names it → its file in the built folder (the index valid)."""
    index = etree.parse(str(site / "sitemap.xml"))
    schema("siteindex.xsd").assertValid(index)
    return {loc: site / loc.rsplit("/", 1)[1] for loc in index.getroot().xpath("s:sitemap/s:loc/text()", namespaces=NS)}


def listed(site: Path) -> dict[str, str | None]:
    """Every page address the site map lists → its lastmod (None without), each part valid."""
    urlset = schema("sitemap.xsd")
    found: dict[str, str | None] = {}
    for path in parts(site).values():
        document = etree.parse(str(path))
        urlset.assertValid(document)
        for url in document.getroot().findall("s:url", NS):
            loc = url.findtext("s:loc", namespaces=NS)
            assert loc not in found, f"{loc} listed twice"
            found[loc] = url.findtext("s:lastmod", namespaces=NS)
    return found
