"""Bodies are rendered once per distinct text, kept out of memory, linked when shown."""

from dataclasses import dataclass

import pytest

from transparency.domain.authority import Authority
from transparency.source import bodies, markup
from transparency.domain.text import digest

BODIES = {"a": "Vezi HCJ nr. 5/2025.\n\n[^1]: nota\n\nText[^1]", "b": "*[HCJ]: Hotărârea\n\nHCJ",
          "c": "Vezi HCJ nr. 5/2025.\n\n[^1]: nota\n\nText[^1]", "d": "Simplu, fără trimiteri."}


@dataclass
class Doc:
    id: str
    source: str
    body_digest: str
    display: str = ""
    type: str = "decision"


@pytest.fixture
def docs(tmp_path):
    found = []
    for name, body in BODIES.items():
        (tmp_path / f"{name}.md").write_text(f"---\ntitle: {name}\n---\n{body}", encoding="utf-8")
        found.append(Doc(name, f"{name}.md", digest(body), f"content/{name}.md"))
    return found


CLUJ = Authority.of("Consiliul Județean Cluj")


def expected(name, url_for):
    return markup.link_mentions(markup.render(BODIES[name]), url_for, CLUJ)


@pytest.mark.parametrize("in_folder", [False, True])
@pytest.mark.parametrize("worker_count", [1, 2])
def test_same_html_as_rendering_each_body_alone(tmp_path, docs, in_folder, worker_count):
    url_for = {"5/2025": "/hotarari/2025/5/"}.get
    folder = tmp_path / "store" if in_folder else None
    if folder:
        folder.mkdir()
    store = bodies.BodyStore(tmp_path, folder)
    bodies.prepare(store, docs * 20, worker_count)
    assert all(store.has(d.body_digest) for d in docs) and len(store.entries) == 3  # a and c share a body
    for doc in docs:
        assert bodies.linked(store.get(doc), url_for, CLUJ) == expected(doc.id, url_for)
    if in_folder:  # found again by the next build's store
        assert bodies.BodyStore(tmp_path, folder).get(docs[0]) == store.get(docs[0])


def test_links_follow_the_cited_decision_without_rendering_again(tmp_path, docs):
    store = bodies.BodyStore(tmp_path)
    bodies.prepare(store, docs, 1)
    (tmp_path / "a.md").unlink()  # rendered already: the file is not read again
    assert 'href="/b/"' in bodies.linked(store.get(docs[0]), {"5/2025": "/b/"}.get, CLUJ)
    assert 'href="/b/"' not in bodies.linked(store.get(docs[0]), {}.get, CLUJ)


def test_bodies_no_document_has_are_forgotten(tmp_path, docs):
    (tmp_path / "store").mkdir()
    bodies.prepare(bodies.BodyStore(tmp_path, tmp_path / "store"), docs, 1)
    store = bodies.BodyStore(tmp_path, tmp_path / "store")
    bodies.prepare(store, docs[3:], 1)
    assert list(bodies.BodyStore(tmp_path, tmp_path / "store").entries) == [docs[3].body_digest]


def test_a_file_changed_during_the_build_is_not_published_unchecked(tmp_path, docs):
    (tmp_path / "d.md").write_text("---\ntitle: d\n---\nAlt text", encoding="utf-8")
    with pytest.raises(bodies.BodyChanged, match="content/d.md"):
        bodies.BodyStore(tmp_path).get(docs[3])


def test_a_store_keeps_its_bodies_across_builds_and_survives_damage(tmp_path, docs):
    folder = tmp_path / "store"
    folder.mkdir()
    bodies.prepare(bodies.BodyStore(tmp_path, folder), docs, 1)
    again = bodies.BodyStore(tmp_path, folder)
    (tmp_path / "a.md").rename(tmp_path / "a.bak")
    bodies.prepare(again, docs, 1)  # nothing to render: a.md is not read
    (tmp_path / "a.bak").rename(tmp_path / "a.md")
    again.entries[docs[0].body_digest] = b"damaged"
    assert bodies.linked(again.get(docs[0]), {}.get, CLUJ) == expected("a", {}.get)


def test_mentioned_citations():
    assert bodies.mentioned("<p>HCJ nr. 05/2024 și Hotărârea nr. 7/2025; Legea nr. 52/2003</p>") == ("5/2024", "7/2025")

