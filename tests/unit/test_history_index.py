"""The `history` index (site/history_index.py): values made only where read, and fingerprints that
change exactly when a value can. Oracle: the values themselves, computed by domain/history.py."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from transparency.domain import history
from transparency.domain.model import Decision, Disposition
from transparency.domain.reads import ReadLog
from transparency.site.history_index import REMOVED, TEXTS_CHANGED, Entries, HistoryIndex
from transparency.source.lineage import named

TODAY = dt.date(2026, 6, 1)


def version(n: int, path: str, front: dict, body: str = "a") -> history.Version:
    return history.Version(f"{n:040x}", 1_750_000_000 + n, f"Mesaj {n}", "Ion Pop", path, f"blob-{path}-{n}",
                           history.plain(front), body)


def removal(n: int, path: str, title: str) -> history.Removal:
    return history.Removal(path, f"blob-{path}", history.plain({"title": title}), f"{n:040x}", 1_750_000_000 + n,
                           f"Șters {n}")


REMOVALS = {"pages/veche.md": removal(5, "pages/veche.md", "Pagina veche"),
            "dispozitii/p0.md": removal(6, "dispozitii/p0.md", "privind o sancțiune")}


def council(*, publish_text: bool = False, extra: tuple = (), authors: bool = False, reason: str = "",
            today: dt.date = TODAY, messages: dict | None = None, removed: dict = REMOVALS) -> Entries:
    decision = Decision(id="d1", source="hotarari/d1.md", title="D", status="adopted")
    other = Decision(id="d2", source="hotarari/d2.md", title="D2")
    act = Disposition(id="p1", source="dispozitii/p1.md", title="P", character="individual", publish_text=publish_text)
    versions = {
        "hotarari/d1.md": (version(1, "hotarari/d1.md", {"status": "adopted"}),
                           version(3, "hotarari/d1.md", {"status": "adopted"}, body="b"), *extra),
        "hotarari/d2.md": (version(2, "hotarari/d2.md", {"title": "D2"}),),
        # commit 3 changed the act too: its message must go from d1's history
        "dispozitii/p1.md": (version(0, "dispozitii/p1.md", {"title": "P"}),
                             version(3, "dispozitii/p1.md", {"title": "P2"})),
    }
    source = SimpleNamespace(reason=reason, versions=versions, names={p: named(v) for p, v in versions.items()},
                             facts={p: history.facts(v) for p, v in versions.items()}, ended=frozenset(),
                             removed=removed)
    return Entries([decision, other, act], source, authors=authors, today=today, messages=messages or {})


def fingerprints(entries: Entries) -> dict[str, str]:
    return {key: entries.fingerprint(key) for key in entries}


@pytest.mark.parametrize("options", [{}, {"publish_text": True}, {"authors": True}, {"reason": "shallow"},
                                     {"messages": {f"{3:040x}": "Corectură"}},
                                     {"extra": (version(4, "hotarari/d1.md", {"status": "repealed"}),)}])
def test_the_fingerprints_made_in_one_pass_are_each_keys_own(options):
    entries = council(**options)
    assert list(entries.fingerprints().items()) == list(fingerprints(entries).items())  # same order too


def test_values_are_made_only_when_read():
    entries = council()
    fingerprints(entries)
    assert entries.made == {}  # every digest from the names of the versions
    entries["decision/d2"]
    assert set(entries.made) == {"decision/d2"}


def test_every_key_has_its_value_and_the_adopted_texts_changed_are_the_whole_histories_changes():
    entries = council()
    whole = entries["decision/d1"]
    assert [c.commit for c in whole.changes] == [f"{3:040x}", f"{1:040x}"]
    assert set(entries) == {"decision/d1", "decision/d2", "disposition/p1", TEXTS_CHANGED, REMOVED}  # a change has none
    assert entries[TEXTS_CHANGED] == (("d1", whole.changes[0]),)  # adopted, then its text changed
    assert whole.changes[0].subject_withheld and not whole.changes[1].subject_withheld
    assert entries["disposition/p1"].changes[0].withheld
    with pytest.raises(KeyError):
        entries["decision/absent"]


@pytest.mark.parametrize("change", [
    {"publish_text": True},  # the act's text becomes public: its history and commit 3's message show
    {"authors": True},
    {"extra": (version(4, "hotarari/d1.md", {"status": "repealed"}, body="c"),)},
    {"reason": "shallow"},
    {"today": dt.date(2025, 1, 1)},  # before the text was changed: the activity pages do not show it yet
    {"messages": {f"{1:040x}": "Publicarea hotărârii"}},
    {"messages": {f"{5:040x}": "Pagină retrasă"}},
    {"removed": {**REMOVALS, "rapoarte/r.md": removal(7, "rapoarte/r.md", "Raport")}},
])
def test_a_fingerprint_changes_whenever_its_value_does(change):
    before, after = council(), council(**change)
    for key in set(before) & set(after):
        if before[key] != after[key]:
            assert before.fingerprint(key) != after.fingerprint(key), key
    assert any(before[key] != after[key] for key in set(before) & set(after))


def test_a_new_commit_leaves_the_fingerprints_of_what_it_did_not_change():
    before = fingerprints(council())
    after = fingerprints(council(extra=(version(4, "hotarari/d1.md", {"status": "adopted"}, body="c"),)))
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    assert changed == {"decision/d1", TEXTS_CHANGED}


def test_a_removal_shows_its_message_but_a_dispositions_and_reworded_as_staff_wrote():
    shown = {r.path: r for r in council(messages={f"{5:040x}": "Pagină retrasă", f"{6:040x}": "Numele cuiva"})[REMOVED]}
    assert (shown["pages/veche.md"].subject, shown["pages/veche.md"].reworded) == ("Pagină retrasă", True)
    assert shown["dispozitii/p0.md"].subject == "" and shown["dispozitii/p0.md"].subject_withheld  # may name a person
    assert council(reason="no-repository")[REMOVED] == ()


def test_a_reworded_message_shows_unless_the_commit_changed_a_withheld_act():
    entries = council(messages={f"{1:040x}": "Publicarea hotărârii", f"{3:040x}": "Numele cuiva"})
    created = entries["decision/d1"].changes[-1]
    assert (created.subject, created.reworded) == ("Publicarea hotărârii", True)
    assert entries["decision/d1"].changes[0].subject == ""  # commit 3 also changed the withheld act


def test_a_prefix_names_one_commit_or_says_what_is_wrong():
    commits = {"abc1234" + "0" * 33, "abc1299" + "0" * 33, "def5678" + "0" * 33}
    found, wrong = history.resolve([("abc12", 3), ("def5678", 4), ("0badc0de", 5), ("abc1234", 6)], commits)
    assert found == {"def5678": "def5678" + "0" * 33, "abc1234": "abc1234" + "0" * 33}
    assert [line for line, _ in wrong] == [3, 5]
    assert "mai multe" in wrong[0][1] and "niciun" in wrong[1][1]


def test_a_rewrite_committed_after_the_build_day_leaves_the_activity_entry_as_it_was():
    later = version(100_000_000, "hotarari/d1.md", {"status": "adopted"}, body="z")  # in 2028
    before, after = fingerprints(council()), fingerprints(council(extra=(later,)))
    assert before["decision/d1"] != after["decision/d1"]
    assert before[TEXTS_CHANGED] == after[TEXTS_CHANGED]
    assert council()[TEXTS_CHANGED] == council(extra=(later,))[TEXTS_CHANGED]


def test_only_the_last_entries_made_are_kept_and_one_made_again_is_the_same(monkeypatch):
    from transparency.site import history_index

    monkeypatch.setattr(history_index, "KEPT", 1)
    entries = council()
    first = entries["decision/d1"]
    entries["decision/d2"]
    assert list(entries.made) == ["decision/d2"]
    assert entries["decision/d1"] == first and list(entries.made) == ["decision/d1"]
    assert entries[TEXTS_CHANGED] is entries[TEXTS_CHANGED]  # kept for the build


def test_a_version_read_by_two_change_pages_is_read_and_masked_once():
    cnp = "1800101123450"
    texts = {"b1": f"CNP {cnp}.", "b2": "Fără cod."}
    read = []

    def body(blob):
        read.append(blob)
        return texts[blob]

    index = HistoryIndex(ReadLog(), lambda: {}, SimpleNamespace(body=body), {})
    assert history.MASK in index.shown_body("b1") and cnp not in index.shown_body("b1")
    assert index.shown_body("b2") == "Fără cod." and index.shown_body("b1") == index.shown_body("b1")
    assert read == ["b1", "b2"]


def test_only_the_versions_saying_what_the_guard_passed_are_shown_without_being_read_for_codes(monkeypatch):
    """A change page passes the digest of its document's current text when no code is allowed there
    (site/history.py change_page): the versions with that very text are not scanned again; any other is."""
    cnp = "1800101123450"
    texts = {"blob-hotarari/d1.md-1": f"CNP {cnp}.", "blob-hotarari/d1.md-3": "Fără cod, 12.05.2020, nr. 4567."}
    scanned = []
    monkeypatch.setattr(history, "redact", lambda body: scanned.append(body) or body.replace(cnp, history.MASK))
    entries = council()  # d1's versions: body digests "a" (blob 1), then "b" (blob 3)
    index = HistoryIndex(ReadLog(), lambda: entries, SimpleNamespace(body=texts.get), {})
    assert index.passed_guard("decision/d1", "b") == {"blob-hotarari/d1.md-3"}
    assert index.passed_guard("decision/d1", "") == index.passed_guard("decision/d2", "b") == frozenset()
    assert index.shown_body("blob-hotarari/d1.md-3", True) == texts["blob-hotarari/d1.md-3"] and scanned == []
    assert cnp not in index.shown_body("blob-hotarari/d1.md-1", False) and scanned == [texts["blob-hotarari/d1.md-1"]]


@pytest.mark.parametrize("allowed", [False, True])
def test_a_change_page_shows_the_current_text_as_the_guard_passed_it_and_masks_a_code_it_allowed(allowed):
    from transparency.site import history as site_history

    cnp = "1800101123450"
    bodies = {"blob-hotarari/d1.md-1": "Textul.", "blob-hotarari/d1.md-3": f"Textul. Beneficiar: CNP {cnp}."}
    entries = council()  # d1's versions: body digests "a" (blob 1), then "b" (blob 3), its current text
    doc = Decision(id="d1", source="hotarari/d1.md", title="D", status="adopted", allow_cnp=(cnp,) if allowed else (),
                   body_digest="b")
    [change, _] = entries["decision/d1"].changes
    site = SimpleNamespace(indexes={"history": HistoryIndex(ReadLog(), lambda: entries, SimpleNamespace(
        body=bodies.get), {})}, heading=lambda d: "HCJ nr. 1", href=lambda path: path)
    shown = "".join(part["text"] for part in site_history.change_page(site, doc, change.commit)["change"]["diff"]
                    if part["op"] != "del")
    # Not allowed there, a code in the current text would have stopped the build: the text is shown as it is.
    assert (cnp not in shown and history.MASK in shown) if allowed else shown == bodies["blob-hotarari/d1.md-3"]


def test_a_change_page_is_made_in_its_document_page_output():
    from transparency.publish.routes import Route
    from transparency.site import history as site_history

    change = Route(site_history.change_path("/hotarari/2025/45/", "a" * 40), site_history.CHANGE_TEMPLATE, "M")
    assert change.path == "/hotarari/2025/45/istoric/aaaaaaaaaaaa/"
    assert site_history.output_of(change) == "/hotarari/2025/45/"
    assert site_history.output_of(Route("/hotarari/2025/45/", "decision.html", "H")) == "/hotarari/2025/45/"
    # An address that holds the word is not a change's page unless made as one.
    assert site_history.output_of(Route("istoric/", "page.html", "Istoric")) == "istoric/"


@pytest.mark.parametrize("options", [{}, {"authors": True}, {"messages": {f"{3:040x}": "Corectură"}},
                                     {"extra": (version(4, "hotarari/d1.md", {"status": "adopted"}, body="c"),
                                                version(5, "hotarari/d1.md", {"status": "adopted"}, body="d"))}])
def test_the_adopted_texts_changed_are_those_changes_of_each_whole_history(options):
    entries = council(**options)
    expected = []
    for key in entries.paths:  # the oracle: the whole history, filtered by the domain's rewrites
        commits = {version.commit for _, version in history.rewrites(list(entries.versions(key)), entries.today)}
        expected += [(key.split("/", 1)[1], c) for c in entries[key].changes if c.commit in commits]
    assert entries[TEXTS_CHANGED] == tuple(expected) and expected
