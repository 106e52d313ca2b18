"""Bodies are rendered once per distinct text and relinked when a cited decision moves."""

from dataclasses import dataclass

from transparency import bodies, markup


@dataclass
class Doc:
    id: str
    body: str
    type: str = "decision"


DOCS = [Doc("a", "Vezi HCJ nr. 5/2025.\n\n[^1]: nota\n\nText[^1]"), Doc("b", "*[HCJ]: Hotărârea\n\nHCJ"),
        Doc("c", "Vezi HCJ nr. 5/2025.\n\n[^1]: nota\n\nText[^1]"), Doc("d", "Simplu, fără trimiteri.")]


def expected(doc, url_for):
    return markup.link_mentions(markup.render(doc.body), url_for)


def test_same_html_as_rendering_each_body_alone_on_any_number_of_workers():
    url_for = {"5/2025": "/hotarari/2025/5/"}.get
    for worker_count in (1, 2):
        result = bodies.render_all(DOCS * 20, url_for, {}, worker_count)
        assert result == {("decision", d.id): expected(d, url_for) for d in DOCS}


def test_cache_reused_relinked_and_pruned():
    cache = {}
    bodies.render_all(DOCS, {"5/2025": "/a/"}.get, cache, 1)
    assert len(cache) == 3  # a and c share a body
    moved = bodies.render_all(DOCS, {"5/2025": "/b/"}.get, cache, 1)
    assert 'href="/b/"' in moved[("decision", "a")] and 'href="/a/"' not in moved[("decision", "a")]
    bodies.render_all(DOCS[3:], {}.get, cache, 1)
    assert list(cache) == [bodies.digest(DOCS[3].body)]


def test_mentioned_citations():
    assert bodies.mentioned("<p>HCJ nr. 05/2024 și Hotărârea nr. 7/2025; Legea nr. 52/2003</p>") == ("5/2024", "7/2025")
