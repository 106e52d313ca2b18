"""sitemap.xml's parts (publish/sitemap.py): each page in exactly one part, by section and year,
no part over the protocol's limit, a part too large split the same way at every build."""

from __future__ import annotations

from types import SimpleNamespace

from transparency.publish import sitemap


def route(path: str, template: str = "page.html"):
    return SimpleNamespace(path=path, template=template)


def test_pages_go_to_their_section_and_year_and_the_rest_together():
    routes = [route(""), route("contact/"), route("hotarari/"), route("hotarari/2025/4/"),
              route("hotarari/2025/4/istoric/abc/"), route("rapoarte/r-1/"), route("404.html", "404.html")]
    found = {name: [r.path for r in listed] for name, listed in sitemap.parts(routes).items()}
    assert found == {"hotarari-2025": ["hotarari/2025/4/", "hotarari/2025/4/istoric/abc/"],
                     "pagini": ["", "contact/", "hotarari/"], "rapoarte": ["rapoarte/r-1/"]}


def test_a_part_over_the_limit_is_split_by_document_and_the_split_is_stable():
    routes = [route(f"rapoarte/r-{n}/") for n in range(300)]
    routes += [route(f"rapoarte/r-{n}/istoric/{n:012x}/") for n in range(0, 300, 3)]
    found = sitemap.parts(routes, limit=100)
    assert all(len(listed) <= 100 for listed in found.values()) and len(found) > 1
    assert sorted(r.path for listed in found.values() for r in listed) == sorted(r.path for r in routes)
    part = {r.path: name for name, listed in found.items() for r in listed}
    assert all(part[f"rapoarte/r-{n}/istoric/{n:012x}/"] == part[f"rapoarte/r-{n}/"] for n in range(0, 300, 3))
    assert {n: [r.path for r in v] for n, v in sitemap.parts(list(reversed(routes)), limit=100).items()}.keys() \
        == found.keys()


def test_the_fingerprint_of_a_part_changes_only_with_its_pages():
    before = sitemap.fingerprints(sitemap.parts([route("hotarari/2025/4/"), route("hotarari/2024/1/")]))
    after = sitemap.fingerprints(sitemap.parts([route("hotarari/2025/4/"), route("hotarari/2024/1/"),
                                                route("hotarari/2024/1/istoric/abc/")]))
    assert {read.name for read in before if before[read] != after.get(read)} == {"hotarari-2024"}
