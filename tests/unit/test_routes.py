"""Routes: the site map, made without computing any page; each page, once made, has recorded
the bodies it shows (so that a body edit makes it again: publish/dependencies.py)."""

import datetime as dt

import pytest

from support import trees
from transparency.domain.reads import Part, Read
from transparency.publish import routes
from transparency.source import pipeline
from transparency.site.views import SiteModel

COUNCILS = {"sample": trees.ROOT / "content", "unseen": trees.FIXTURES / "unseen"}


@pytest.fixture(scope="module", params=sorted(COUNCILS))
def site(request):
    """Shared by the tests of a council: a test that counts calls patches it with monkeypatch, which
    puts the method back when the test ends."""
    return SiteModel(pipeline.check(COUNCILS[request.param]), dt.date(2026, 11, 25), "https://example.test")


def test_every_page_records_the_bodies_it_shows(site, monkeypatch):
    """What a page shows of a body is found by watching the body renderer, not through the log."""
    shown_now = []
    body = site.body
    monkeypatch.setattr(site, "body", lambda doc: shown_now.append(f"{doc.type}/{doc.id}") or body(doc))
    shown = set()
    for route in routes.all_routes(site):
        shown_now.clear()
        with site.log.apart() as reads:
            route.make()
        recorded = expanded(site, reads)
        missing = {name for name in shown_now if Read(Part.BODY, name) not in recorded}
        assert not missing, f"{route.path} shows the bodies of {missing} without recording them"
        shown.update(shown_now)
    # each body shown somewhere, but an individual disposition's without `publish_text` (never shown)
    assert shown == {f"{doc.type}/{doc.id}" for doc in site.checked.archive.documents()
                     if getattr(doc, "text_public", True)}


def test_contexts_are_computed_only_when_asked_for(site, monkeypatch):
    calls = []
    page = site.decision_page
    monkeypatch.setattr(site, "decision_page", lambda d: calls.append(d.id) or page(d))
    site_map = routes.all_routes(site)
    assert calls == []
    decision_route = next(r for r in site_map if r.template == "decision.html")
    assert decision_route.context["d"]["url"].endswith(decision_route.path) and len(calls) == 1


def expanded(site, reads) -> set:
    """The reads, with those of every memo they read (and of theirs)."""
    found, todo = set(), list(reads)
    while todo:
        read = todo.pop()
        if read not in found:
            found.add(read)
            if read.part is Part.MEMO:
                todo.extend(site.memos.computed[read.name])
    return found


def test_addresses_are_unique(site):
    paths = [route.path for route in routes.all_routes(site)]
    assert len(paths) == len(set(paths))
