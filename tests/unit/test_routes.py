"""Routes: each page names the only document body it shows, so a rebuild after a
body edit can skip every other page without computing it."""

import datetime as dt

import pytest

from support import trees
from transparency.publish import routes
from transparency.source import pipeline
from transparency.site.views import SiteModel

COUNCILS = {"sample": trees.ROOT / "content", "unseen": trees.FIXTURES / "unseen"}


@pytest.fixture(scope="module", params=sorted(COUNCILS))
def site(request):
    """Shared by the tests of a council: a test that counts calls patches it with monkeypatch, which
    puts the method back when the test ends."""
    return SiteModel(pipeline.check(COUNCILS[request.param]), dt.date(2026, 11, 25), "https://example.test")


def test_every_page_reads_at_most_the_body_it_names(site, monkeypatch):
    read = []
    body = site.body
    monkeypatch.setattr(site, "body", lambda doc: read.append((doc.type, doc.id)) or body(doc))
    shown = set()
    for route in routes.all_routes(site):
        read.clear()
        route.context  # noqa: B018 - computing it is the point
        assert set(read) <= {route.body}, f"{route.path} shows bodies {set(read)} but names {route.body}"
        shown.update(read)
    documents = {(doc.type, doc.id) for doc in site.archive.documents()}
    assert shown == documents  # and every document's body is shown somewhere


def test_contexts_are_computed_only_when_asked_for(site, monkeypatch):
    calls = []
    page = site.decision_page
    monkeypatch.setattr(site, "decision_page", lambda d: calls.append(d.id) or page(d))
    site_map = routes.all_routes(site)
    assert calls == []
    decision_route = next(r for r in site_map if r.template == "decision.html")
    assert decision_route.context["d"]["id"] == decision_route.body[1] and len(calls) == 1


def test_addresses_are_unique(site):
    paths = [route.path for route in routes.all_routes(site)]
    assert len(paths) == len(set(paths))
