"""A document's history: what each change shows (domain/history.py) and how git is read (source/history.py)."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from transparency.build.cache import BuildCache
from transparency.domain import history, privacy, wordiff
from transparency.source import git_repository, git_walk, markup, version_reading
from transparency.source import history as source_history

CNP = "1800101123450"


def version(n: int, front: dict, body: str = "Text.", path: str = "hotarari/a.md") -> history.Version:
    return history.Version(f"{n:040x}", 1_750_000_000 + n, f"Commit {n}", "Ion Pop", path, f"blob{n}",
                           history.plain(front), body)


def test_changes_are_newest_first_with_the_first_commit_last_and_fields_labelled_in_romanian():
    changes = history.changes([version(1, {"status": "draft", "title": "T"}),
                               version(2, {"status": "adopted", "title": "T",
                                           "vote": {"present": 7, "for": 5}}, body="Text."),
                               version(3, {"status": "adopted", "title": "T", "vote": {"present": 7, "for": 6}},
                                       body="Text nou.")])
    assert [c.kind for c in changes] == ["modified", "modified", "created"]
    latest, adoption, first = changes
    assert [(f.label, f.old, f.new) for f in adoption.fields] == [
        ("Stare", "proiect", "adoptată"), ("Vot", "", "pentru: 5, prezenți: 7")]
    assert latest.after_adoption and latest.text_changed
    assert not adoption.after_adoption  # the text did not change
    assert first.fields == () and first.old_blob == ""
    assert all(c.author == "" for c in changes)  # names only when the setting allows them
    assert history.changes([version(1, {})], authors=True)[0].author == "Ion Pop"


def test_a_move_is_a_renamed_change_and_an_identical_version_is_not_a_change():
    moved = version(2, {"title": "T"}, path="hotarari/2025/a.md")
    changes = history.changes([version(1, {"title": "T"}), moved,
                               history.Version(*[*moved.__dict__.values()][:1], 1_750_000_003, "x", "", moved.path,
                                               moved.blob, moved.front, moved.body_digest)])
    assert [c.kind for c in changes] == ["renamed", "created"]
    assert changes[0].old_path == "hotarari/a.md"


def test_a_corrected_event_is_tied_to_its_commit():
    before = {"events": [{"date": "2025-04-01", "event": "published"}]}
    after = {"events": [*before["events"], {"date": "2025-05-02", "event": "corrected", "note": "eroare materială"}]}
    changes = history.changes([version(1, before), version(2, after)])
    assert changes[0].corrected and not changes[1].corrected
    assert "eveniment: rectificare" in changes[0].fields[0].new
    assert changes[0].corrected_notes == ("eroare materială",) and changes[1].corrected_notes == ()


def test_a_corrections_note_is_the_one_its_commit_added_with_any_code_masked():
    first = {"events": [{"date": "2025-05-02", "event": "corrected", "note": "art. 2"}]}
    again = {"events": [*first["events"], {"date": "2025-06-02", "event": "corrected",
                                           "note": f"art. 4, CNP {CNP} șters"}]}
    [latest, _] = history.changes([version(1, first), version(2, again)])
    [note] = latest.corrected_notes
    assert note.startswith("art. 4, CNP ") and CNP not in note


def test_masked_texts_compared_word_by_word_never_show_a_cnp():
    diff = list(wordiff.compare(history.redact(f"Art. 1. Beneficiar CNP {CNP}, suma de 5 lei."),
                                history.redact("Art. 1. Suma de 7 lei.")))
    assert ("ins", "7") in diff and ("del", "5") in diff
    shown = "".join(text for _, text in diff)
    assert CNP not in shown
    assert not [f for run in privacy.markup_pieces(shown) for f in privacy.find_codes(run)]
    assert history.MASK in shown
    # Written with separators, or in a field's value, the same.
    assert "1800" not in history.redact("CNP: 1800 101 123 450")
    assert CNP not in history.shown(history.plain({"note": f"cod {CNP}"}))


def test_commit_subjects_lose_email_addresses():
    assert history.mask_emails("Corectat la cererea ion.pop@gmail.com") == "Corectat la cererea [adresă ascunsă]"


def git(repo: Path, *args: str, when: str = "2025-04-02T10:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.ro", "GIT_COMMITTER_NAME": "A",
           "GIT_COMMITTER_EMAIL": "a@example.ro", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def write(path: Path, title: str, body: str = "Text.") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\n---\n{body}\n", encoding="utf-8")


def test_one_pass_follows_renames_and_a_new_commit_is_the_only_one_read(tmp_path):
    repo = tmp_path / "repo"
    content = repo / "site" / "content"  # the content folder below the repository's root
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    write(content / "pages/a.md", "Unu")
    write(repo / "README.md", "outside content/")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Primul")
    git(repo, "mv", "site/content/pages/a.md", "site/content/pages/b.md")
    git(repo, "commit", "-q", "-m", "Mutat")
    write(repo / "README.md", "changed outside content/")
    git(repo, "commit", "-q", "-am", "În afara conținutului")
    cache = BuildCache(tmp_path / "cache", str(content))
    found = source_history.read(content, ["pages/b.md"], cache)
    assert found.prefix == "site/content" and found.read_commits == 3
    assert [(v.subject, v.path) for v in found.versions["pages/b.md"]] == [("Primul", "pages/a.md"),
                                                                          ("Mutat", "pages/b.md")]
    write(content / "pages/b.md", "Doi")
    git(repo, "commit", "-q", "-am", "Titlu nou")
    again = source_history.read(content, ["pages/b.md"], cache)
    assert again.read_commits == 1
    assert [v.subject for v in again.versions["pages/b.md"]] == ["Primul", "Mutat", "Titlu nou"]
    assert again.body(again.versions["pages/b.md"][0].blob).strip() == "Text."


def test_no_repository_and_a_shallow_clone_say_why(tmp_path):
    write(tmp_path / "plain/pages/a.md", "Unu")
    assert source_history.read(tmp_path / "plain", ["pages/a.md"]).reason == "no-repository"
    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    for n in range(2):
        write(repo / "content/pages/a.md", f"V{n}")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"c{n}")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(tmp_path / "shallow"))
    assert source_history.read(tmp_path / "shallow/content", ["pages/a.md"]).reason == "shallow"
    assert git_repository.head_id(tmp_path / "shallow/content").endswith("-shallow")


def test_commits_compared_on_several_cores_give_what_one_process_gives(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    stream = bytearray()
    for n in range(80):  # 80 commits through fast-import: file n % 5 changed, renamed at the 40th
        name = f"content/pages/p{n % 5}.md" if n < 40 or n % 5 else "content/pages/moved.md"
        stream += f"commit refs/heads/main\ncommitter A <a@example.ro> {1_750_000_000 + n} +0200\n".encode()
        message = f"c{n}".encode()
        stream += f"data {len(message)}\n".encode() + message + b"\n"
        if n == 40:  # a move alone (the same bytes): git's rule finds it
            stream += b"R content/pages/p0.md content/pages/moved.md\n\n"
            continue
        text = f"---\ntitle: V{n}\n---\nText {n}.\n".encode()
        stream += f"M 100644 inline {name}\ndata {len(text)}\n".encode() + text + b"\n\n"
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=bytes(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=True)
    paths = ["pages/moved.md", "pages/p1.md", "pages/p4.md"]
    alone = source_history.read(repo / "content", paths)
    monkeypatch.setattr(git_walk, "CHUNK", 1)  # 80 runs of one commit: two workers
    shared = source_history.read(repo / "content", paths, worker_count=2)
    assert shared.versions == alone.versions and shared.read_commits == alone.read_commits == 80
    assert [v.path for v in alone.versions["pages/moved.md"]][:2] == ["pages/p0.md", "pages/p0.md"]
    assert [v.subject for v in alone.versions["pages/moved.md"]][7:10] == ["c35", "c40", "c45"]
    assert alone.versions["pages/moved.md"][-1].subject == "c75"


def test_an_act_whose_text_is_withheld_shows_register_fields_only_and_no_commit_message():
    changes = history.changes([version(1, {"title": "T", "character": "individual", "summary": "Pentru Ion Pop"}),
                               version(2, {"title": "T2", "character": "individual", "summary": "Pentru Ana Pop"},
                                       body="Alt text.")])
    shown = history.register_only(changes)
    assert [[f.field for f in c.fields] for c in shown] == [["title"], []]  # the summary names a person
    assert all(c.withheld and c.subject_withheld and c.subject == "" for c in shown)
    assert shown[0].text_changed  # said, never shown
    others = history.without_subjects(history.changes([version(1, {}), version(3, {"title": "x"})]),
                                      frozenset({f"{2:040x}", f"{3:040x}"}))
    assert [(c.subject, c.subject_withheld) for c in others] == [("", True), ("Commit 1", False)]


def test_a_front_matter_read_before_is_not_parsed_again_and_reads_the_same():
    fronts: dict = {}
    first = version_reading.parse(b"---\ntitle: T\nstatus: adopted\n---\nText unu.\n", fronts)
    second = version_reading.parse(b"---\ntitle: T\nstatus: adopted\n---\nText doi.\n", fronts)
    alone = version_reading.parse(b"---\ntitle: T\nstatus: adopted\n---\nText doi.\n")
    assert second == alone and second[0] is first[0] and second[1] != first[1]
    assert version_reading.parse(b"---\ntitle: [\n---\nText.\n", fronts)[0] == ()  # unreadable: no fields


@given(st.text(alphabet=st.sampled_from("0123456789\u0661\uff15a .\n-x"), max_size=60))
def test_a_text_is_parsed_for_codes_exactly_when_it_holds_thirteen_digits(text):
    assert bool(history.THIRTEEN_DIGITS.match(text)) == (sum(ch.isdecimal() for ch in text) >= privacy.CNP_LENGTH)


def test_a_line_of_the_repository_is_shown_without_controls_addresses_or_codes():
    import xml.etree.ElementTree as ET

    line = history.shown_line("Corectura \x1b[31mrosu\x00 de la ion@example.ro, CNP 1840719123452, pages/cerere.md")
    assert "ion@example.ro" not in line and "1840719123452" not in line and "Corectura" in line
    ET.fromstring(f"<t>{line}</t>")  # what an XML feed can hold
    assert history.shown_line("pages/cerere-1840719123452.md") != "pages/cerere-1840719123452.md"
    assert history.shown_line("Art. 2 reformulat") == "Art. 2 reformulat"


def test_an_old_version_whose_front_matter_would_explode_or_recurse_is_not_read():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(  # ten times more at each level
        f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))
    deep = "title: x\nbomb: " + "[" * 1200 + "]" * 1200 + "\n"
    stairs = "title: x\nbomb: " + "- " * 1200 + "x\n"
    for front in (bomb, deep, stairs):
        parsed, body = version_reading.front_and_body(f"---\n{front}---\nText.\n".encode(), {})
        assert parsed == () and body == b"Text.\n"
    ok = "title: „privind *bugetul*”\nstatus: adopted\nadopted: 2025-03-27\ntopics: [buget, finanțe]\n"
    parsed, _ = version_reading.front_and_body(f"---\n{ok}---\nText.\n".encode(), {})
    assert dict(parsed) == {"title": "„privind *bugetul*”", "status": "adopted", "adopted": "2025-03-27",
                            "topics": ("buget", "finanțe")}


def test_a_key_the_check_refused_in_an_old_version_is_not_shown_by_the_history():
    def version(commit, front):
        return history.Version(commit, 1_700_000_000, "mesaj", "", "pages/despre.md", f"blob-{commit}",
                               history.plain(front), "same body")

    before = version("a", {"title": "Despre"})
    secret = version("b", {"title": "Despre noi", "nota_interna": "sunați la 0722 123 456, parola Primarie2026!"})
    after = version("c", {"title": "Despre noi"})
    shown = history.changes([before, secret, after], fields=frozenset({"title", "summary", "allow_cnp"}))
    text = repr(shown)
    assert "nota_interna" not in text and "0722" not in text and "Primarie2026" not in text
    assert [f.field for c in shown for f in c.fields] == ["title"]
    assert "nota_interna" in repr(history.changes([before, secret, after]))  # without the type's keys: all


@pytest.mark.parametrize("address", ['"ion pop"@example.ro', "ion@[10.0.0.1]", "ion.pop+x@primarie.example.ro",
                                     "ion@localhost"])
def test_every_form_of_an_address_in_a_commit_message_is_hidden(address):
    shown = history.shown_line(f"Corectură cerută de {address}, mulțumim")
    assert "@" not in shown and "[adresă ascunsă]" in shown and shown.endswith(", mulțumim")


def test_every_key_a_document_may_have_is_named_in_romanian_in_its_history():
    """A change lists the fields it changed by their labels: a key the history would show as written
    (an English YAML key on a Romanian page) is a key someone added to a schema and not here."""
    from transparency.domain import consolidation
    from transparency.source import mol_schema, schema

    keys = {*schema.DECISION_KEYS, *schema.REPORT_KEYS, *schema.MEETING_KEYS, *schema.PAGE_KEYS,
            *mol_schema.DISPOSITION_KEYS, *mol_schema.PUBLICATION_KEYS, *schema.ATTACHMENT_KEYS, *schema.EVENT_KEYS,
            *schema.VOTE_KEYS, *schema.NOMINAL_KEYS, *schema.CONSULTATION_KEYS, *schema.AGENDA_KEYS,
            *consolidation.CHANGE_KEYS}
    assert sorted(keys - set(history.FIELD_LABELS)) == []
    assert set(history.VALUE_LABELS["action"]) == set(consolidation.ACTIONS)


def test_an_event_the_history_lists_is_named_so_that_it_holds_of_a_day_to_come():
    """The history shows what a file says: an `in-force` event dated next year is a date, not a
    fact, and the page never says the decision is in force (the contract); every event is named."""
    from transparency.domain import vocab

    assert set(vocab.EVENT_NAMES) == set(vocab.EVENTS)
    new = {"events": ((("date", "2027-01-01"), ("event", "in-force")),)}
    [change] = history.field_changes({"events": ()}, new)
    assert change.new == "data: 2027-01-01, eveniment: data intrării în vigoare"


@pytest.mark.parametrize("number", ["0722 123 456", "0722123456", "+40 722 123 456", "0722-123-456"])
def test_a_mobile_number_in_a_commit_message_is_hidden(number):
    shown = history.shown_line(f"Corectură la cererea dlui Popa, tel. {number}, mulțumim")
    assert shown == "Corectură la cererea dlui Popa, tel. [telefon ascuns], mulțumim"
    assert history.shown_line("Bugetul pe 2025, art. 12 alin. (3), 1.200.000 lei") == \
        "Bugetul pe 2025, art. 12 alin. (3), 1.200.000 lei"


def test_a_list_of_groups_reads_one_group_after_another_with_their_keys_in_lower_case():
    events = history.plain([{"date": "2026-10-30", "event": "signed"}, {"date": "2026-11-02", "event": "published"}])
    assert history.as_text(events, "events") == ("data: 2026-10-30, eveniment: semnare; "
                                                 "data: 2026-11-02, eveniment: publicare în Monitorul Oficial Local")


AMENDING = """---
title: privind modificarea tarifelor de parcare
status: adopted
amends: [48/2024]
changes:
  - decision: 48/2024
    article: "12^1"
    paragraph: 2
    action: replace
    text: |
      (2) Tariful orar se stabilește la 6 lei.
{after}---
**Art. 1.** Se modifică tarifele.
"""


def test_a_block_text_last_in_the_front_matter_reads_the_same_once_a_field_follows_it(tmp_path):
    """Adding `events` after a `changes` block whose `text: |` closed the front matter changed no
    text: the history must not say that `changes` changed (YAML's `|` keeps the final line break,
    which the file has before the closing line wherever the block stands)."""
    repo = tmp_path / "repo"
    path = repo / "content/hotarari/2025/tarife.md"
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    path.parent.mkdir(parents=True)
    path.write_text(AMENDING.format(after=""), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Publicată")
    path.write_text(AMENDING.format(after="events:\n  - {date: 2025-05-02, event: published}\n"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Publicarea în MOL")
    versions = source_history.read(repo / "content", ["hotarari/2025/tarife.md"]).versions["hotarari/2025/tarife.md"]
    first, second = (dict(version.front)["changes"] for version in versions)
    assert first == second and dict(first[0])["text"] == "(2) Tariful orar se stabilește la 6 lei.\n"
    latest = history.changes(list(versions))[0]
    assert [f.field for f in latest.fields] == ["events"]


def test_a_field_is_said_to_have_changed_only_when_it_reads_differently():
    """A value shown old → new must differ as the page shows it: a block text's final line break
    (`|` against `|-`), or a line broken elsewhere, changes nothing a reader sees."""
    old = history.plain({"summary": "Tarife de parcare.\n", "title": "Tarife\nde parcare",
                         "changes": [{"decision": "48/2024", "text": "(2) 6 lei.\n"}]})
    new = history.plain({"summary": "Tarife de parcare.", "title": "Tarife de parcare",
                         "changes": [{"decision": "48/2024", "text": "(2) 6 lei."}]})
    assert history.field_changes(dict(old), dict(new)) == ()
    [change] = history.field_changes(dict(old), {**dict(new), "summary": "Tarife de parcare și taxe."})
    assert (change.old, change.new) == ("Tarife de parcare.\n", "Tarife de parcare și taxe.")


def test_a_groups_keys_are_listed_in_the_order_the_schema_declares_them():
    """A vote reads „prezenți, pentru, împotrivă, abțineri” (the contract's order), not by name;
    a consultation, an event, an item of `changes` likewise."""
    from transparency.site.history_index import KEYS

    old = {"vote": {"present": 7, "for": 5, "against": 1, "abstain": 1},
           "consultation": {"opened": "2025-01-10", "closes": "2025-02-10", "comments": 3, "accepted": 1}}
    new = {"vote": {"present": 7, "for": 6, "against": 1, "abstain": 0}, "events": [{"note": "nr. 4", "event":
           "published", "date": "2025-05-02"}], "changes": [{"text": "(2) 6 lei.", "letter": "b", "paragraph": 2,
           "decision": "48/2024", "article": "12^1", "annex": "1", "action": "replace", "after": "141/2025"}]}
    found = {f.field: f for f in history.field_changes(dict(history.plain(old)), dict(history.plain(new)), keys=KEYS)}
    assert found["vote"].old == "prezenți: 7, pentru: 5, împotrivă: 1, abțineri: 1"
    assert found["vote"].new == "prezenți: 7, pentru: 6, împotrivă: 1, abțineri: 0"
    assert found["consultation"].old == ("deschisă: 2025-01-10, se încheie: 2025-02-10, recomandări: 3, "
                                         "recomandări acceptate: 1")
    assert found["events"].new == "data: 2025-05-02, eveniment: publicare în Monitorul Oficial Local, notă: nr. 4"
    assert found["changes"].new == ("hotărârea: 48/2024, anexa: 1, articolul: 12^1, alineatul: 2, litera: b, "
                                    "acțiunea: înlocuire, textul: (2) 6 lei., după hotărârea: 141/2025")


def test_a_list_of_groups_shows_only_the_items_removed_and_added_in_their_order():
    from transparency.site.history_index import KEYS

    signed, published = {"date": "2027-02-26", "event": "signed"}, {"date": "2027-03-01", "event": "published"}
    suspended = {"event": "suspended", "date": "2027-04-01"}
    old = {"events": [signed, published], "attachments": [{"file": "a.pdf", "title": "Anexa 1"}],
           "topics": ["buget"]}
    new = {"events": [signed, published, suspended], "topics": ["buget", "taxe"],
           "attachments": [{"file": "a.pdf", "title": "Anexa 1 – Bugetul"}, {"file": "b.pdf", "title": "Anexa 2"}]}
    found = {f.field: f for f in history.field_changes(dict(history.plain(old)), dict(history.plain(new)), keys=KEYS)}
    assert (found["events"].removed, found["events"].added) == ((), ("data: 2027-04-01, eveniment: suspendare",))
    assert found["events"].items
    assert found["attachments"].removed == ("fișier: a.pdf, titlu: Anexa 1",)
    assert found["attachments"].added == ("fișier: a.pdf, titlu: Anexa 1 – Bugetul", "fișier: b.pdf, titlu: Anexa 2")
    assert not found["topics"].items and found["topics"].new == "buget, taxe"  # a list of texts: old → new
    # A list added whole, or removed whole: each of its items; one whose items read the same: no change.
    [added] = history.field_changes({}, dict(history.plain({"events": [signed]})), keys=KEYS)
    assert added.added == ("data: 2027-02-26, eveniment: semnare",) and added.removed == ()
    assert history.field_changes(dict(history.plain({"events": [{**signed, "note": "nr. 4\n"}]})),
                                 dict(history.plain({"events": [{**signed, "note": "nr. 4"}]}))) == ()
    # Items reordered are removed and added again (the order of an agenda is what it says).
    [moved] = history.field_changes(dict(history.plain({"items": [{"title": "A"}, {"title": "B"}]})),
                                    dict(history.plain({"items": [{"title": "B"}, {"title": "A"}]})))
    assert len(moved.removed) == len(moved.added) == 1
    # A CNP in an item removed since is masked there too.
    [secret] = history.field_changes(dict(history.plain({"events": [{**signed, "note": f"cod {CNP}"}]})), {})
    assert CNP not in secret.removed[0] and history.MASK in secret.removed[0]


def test_two_meetings_of_the_same_title_are_told_apart_by_their_ids():
    import datetime as dt
    from types import SimpleNamespace

    from transparency.site import history as site_history

    meeting = SimpleNamespace(title="Ședința extraordinară", start=dt.datetime(2027, 2, 25, 10, 0))
    site = SimpleNamespace(archive=SimpleNamespace(meetings={"sedinta-a": meeting, "sedinta-b": meeting}))
    old, new = site_history.meeting_names(site, "sedinta-a", "sedinta-b")
    assert str(old) == 'Ședința extraordinară (sedinta-a) (<time datetime="2027-02-25">25 februarie 2027</time>)'
    assert str(new).startswith("Ședința extraordinară (sedinta-b)")
    assert [str(name) for name in site_history.meeting_names(site, "", "sedinta-x")] == ["", "sedinta-x"]


def test_a_change_to_the_vote_or_title_of_an_adopted_decision_rewrote_it_as_a_text_change_does():
    adopted = {"status": "adopted", "title": "T", "vote": {"present": 7, "for": 5}}
    for changed in ({**adopted, "vote": {"present": 7, "for": 6}}, {**adopted, "title": "T nou"}):
        latest = history.changes([version(1, adopted), version(2, changed)])[0]
        assert latest.after_adoption and not latest.text_changed
    summary = history.changes([version(1, adopted), version(2, {**adopted, "summary": "Rezumat"})])[0]
    assert not summary.after_adoption  # staff's summary is no part of the act


def test_a_commit_dated_before_its_files_earlier_versions_says_so_and_is_recorded_no_earlier_than_them():
    def at(n: int, seconds: int, body: str) -> history.Version:
        return history.Version(f"{n:040x}", seconds, f"Commit {n}", "", "hotarari/a.md", f"blob{n}", (), body)

    latest, middle, first = history.changes([at(1, 1_000, "a"), at(2, 3_000, "b"), at(3, 2_000, "c")])
    assert (latest.dated_before, latest.recorded) == (3_000, 3_000)  # its own 2,000 is kept as its time
    assert latest.time == 2_000
    assert (middle.dated_before, middle.recorded, first.dated_before) == (0, 3_000, 0)


def test_an_acts_citations_are_read_by_its_type_and_a_removed_reports_number_cites_nothing():
    """A decision's number makes its address once adopted, a disposition's once dated; a report's
    registration number and date make none (a removed report must leave no page under /dispozitii/)."""
    decision = [version(1, {"status": "adopted", "number": 5, "adopted": "2025-02-26"}),
                version(2, {"status": "adopted", "number": 7, "adopted": "2025-02-26"})]
    assert history.facts(decision).cited == (("decision", 2025, 5), ("decision", 2025, 7))
    disposition = [version(1, {"number": 40, "date": "2025-05-05"}, path="dispozitii/a.md"),
                   version(2, {"number": 41, "date": "2026-01-03"}, path="dispozitii/a.md")]
    assert history.facts(disposition).cited == (("disposition", 2025, 40), ("disposition", 2026, 41))
    assert history.facts([version(1, {"status": "draft", "number": 5, "adopted": "2025-02-26"})]).cited == ()
    front = history.plain({"number": 5123, "date": "2025-03-01", "title": "Raport"})
    removed = {doc_type: history.Removal(path, "blob", front, "0" * 40, 1_750_000_000, "Șters")
               for doc_type, path in (("report", "rapoarte/r.md"), ("disposition", "dispozitii/r.md"))}
    assert removed["report"].doc_type == "report" and removed["report"].cited is None
    assert removed["disposition"].cited == (2025, 5123)


def worded(n: int, front: dict, body: str) -> history.Version:
    """A version as the source layer reads it: its body's digest and its words' digest."""
    return dataclasses.replace(version(n, front, body=version_reading.body_digest(body.encode())),
                               wording_digest=version_reading.wording_digest(body.encode()))


ADOPTED = {"status": "adopted", "number": 5, "adopted": "2025-02-26"}
TEXT = "**Art. 1.** Se aprobă bugetul județului\npe anul 2025.\n\n**Art. 2.** Direcția economică duce la îndeplinire.\n"


@pytest.mark.parametrize("relaid", [
    "**Art. 1.** Se aprobă bugetul județului pe anul 2025.\n\n**Art. 2.** Direcția economică\nduce la îndeplinire.\n",
    "**Art. 1.**   Se aprobă bugetul județului\n  pe anul 2025.  \n\n\n\n"
    "**Art. 2.** Direcția economică duce la îndeplinire.",
    TEXT.replace("\n", "\r\n"),
])
def test_a_text_only_re_broken_or_respaced_after_adoption_is_not_said_to_have_changed(relaid):
    """The second review: a paragraph's lines broken elsewhere read the same, and were flagged as a
    text changed after adoption. The change is still listed (the file changed), said to be a layout."""
    change = history.changes([worded(1, ADOPTED, TEXT), worded(2, ADOPTED, relaid)])[0]
    assert change.kind == history.MODIFIED and change.relaid
    assert not change.text_changed and not change.after_adoption


@pytest.mark.parametrize("edited", [
    TEXT.replace("2025", "2026"),  # a word
    TEXT.replace("județului\npe", "județului\n\npe"),  # a paragraph split: paragraphs are numbered by place
    TEXT.replace("**Art. 2.**", "Art. 2."),  # a sign
    TEXT.replace("județului\npe", "județului  \npe"),  # a forced line break
    TEXT.replace("județului\npe", "județului\\\npe"),  # the other way to write one
])
def test_a_word_a_sign_a_paragraph_or_a_forced_break_changed_after_adoption_is_a_text_change(edited):
    change = history.changes([worded(1, ADOPTED, TEXT), worded(2, ADOPTED, edited)])[0]
    assert change.text_changed and change.after_adoption and not change.relaid


# Words of decisions and signs that mean something to python-markdown at a line's start or end.
TOKENS = ["Art.", "1.", "2)", "**Art.", "2.**", "bugetul", "județului", "Se", "aprobă", "(2)", "-", "*", "+", "#",
          ">", "|", "a|b", "---", "===", "***", "`x`", "[1]:", "[^1]:", "*[HTML]:", ":", "{:", "<b>", "~~~", "_", "\\"]
LAYOUT = st.tuples(st.sampled_from(["", " ", "  ", "    ", "\t"]), st.sampled_from([" ", "  "]),
                   st.sampled_from(["", " ", "  ", "\t", "\\"]))  # indentation, spaces between words, line's end


def laid_out(lines: list[list[str]], layouts: list[tuple], blank_after: list[bool]) -> str:
    return "\n".join(indent + gap.join(tokens) + end + ("\n" if blank else "")
                     for tokens, (indent, gap, end), blank in zip(lines, layouts, blank_after))


def rendered(text: str) -> str:
    """The HTML python-markdown makes of a body (the site's converter), its runs of white space as one
    and none between tags: what a reader sees."""
    html = re.sub(r"\s+", " ", markup.render(text))
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", html).strip()


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=5), min_size=1, max_size=5), st.data())
def test_two_texts_read_alike_only_when_python_markdown_renders_them_alike(lines, data):
    """The oracle is python-markdown itself: the same words, broken into other lines, indented, spaced
    and ended otherwise, must render alike whenever `wording` says they read alike (the review of
    December 7 joined two table rows, two list items, a line and its setext underline: all said to
    be a mere layout, all rendered otherwise)."""
    tokens = [token for line in lines for token in line]
    cuts = data.draw(st.lists(st.booleans(), min_size=len(tokens), max_size=len(tokens)))
    other, line = [], []
    for token, cut in zip(tokens, cuts):
        line.append(token)
        if cut:
            other, line = other + [line], []
    other += [line] if line else []
    first = laid_out(lines, data.draw(st.lists(LAYOUT, min_size=len(lines), max_size=len(lines))),
                     data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines))))
    second = laid_out(other, data.draw(st.lists(LAYOUT, min_size=len(other), max_size=len(other))),
                      data.draw(st.lists(st.booleans(), min_size=len(other), max_size=len(other))))
    if history.wording(first.encode()) == history.wording(second.encode()):
        assert rendered(first) == rendered(second), (first, second)


@pytest.mark.parametrize("before, after", [
    ("| Taxa | Suma |\n|---|---|\n| Parcare | 5 lei |\n| Ridicare auto | 300 lei |\n",
     "| Taxa | Suma |\n|---|---|\n| Parcare | 5 lei | | Ridicare auto | 300 lei |\n"),
    ("- închiderea străzii A\n- deschiderea străzii B\n", "- închiderea străzii A - deschiderea străzii B\n"),
    ("Se aprobă bugetul\n---\n", "Se aprobă bugetul ---\n"),
    ("- punctul unu\n    - subpunct\n", "- punctul unu\n- subpunct\n"),
    ("Text de lege.\n\n    Text indentat.\n", "Text de lege.\n\nText indentat.\n"),
    ("Vezi nota.\n[^1]: Nota.\n", "Vezi nota. [^1]: Nota.\n"),
])
def test_the_reviews_changes_that_render_otherwise_are_text_changes(before, after):
    assert rendered(before) != rendered(after)  # python-markdown says they differ
    change = history.changes([worded(1, ADOPTED, before), worded(2, ADOPTED, after)])[0]
    assert change.text_changed and change.after_adoption and not change.relaid


def test_a_tables_padding_realigned_is_a_layout():
    """Widening a table's dashes and aligning its cells (what editors do) renders alike."""
    before = "| Taxa | Suma |\n|---|---|\n| Parcare | 5 lei |\n"
    for after in ("| Taxa    | Suma  |\n| ------- | ----- |\n| Parcare | 5 lei |\n",
                  "|Taxa|Suma|\n|-|-|\n|Parcare|5 lei|\n"):
        assert rendered(before) == rendered(after)
        change = history.changes([worded(1, ADOPTED, before), worded(2, ADOPTED, after)])[0]
        assert change.relaid and not change.after_adoption, after


def test_a_decision_set_back_to_draft_and_adopted_again_with_another_text_was_changed_after_adoption():
    """The review of December 7: adopted, set back to draft by mistake, adopted again with another
    text; the text shown is not the one first adopted, and nothing said so."""
    draft = {**ADOPTED, "status": "draft"}
    versions = [worded(1, ADOPTED, TEXT), worded(2, draft, TEXT), worded(3, ADOPTED, TEXT + "\nAlt articol.\n")]
    again, back, first = history.changes(versions)
    assert again.after_adoption and not back.after_adoption and not first.after_adoption
    assert [r.after for r in history.facts(versions).adopted_rewritten] == [2]
    same_again = [worded(1, ADOPTED, TEXT), worded(2, draft, TEXT), worded(3, ADOPTED, TEXT)]
    assert not any(c.after_adoption for c in history.changes(same_again))


def test_a_title_respaced_after_adoption_is_no_change_of_the_record():
    """The review of December 7: a title's runs of spaces changed (it reads the same) flagged
    „Modificare după adoptare: textul” with no field listed and no notice on the page."""
    spaced = {**ADOPTED, "title": "privind  aprobarea bugetului"}
    change = history.changes([worded(1, {**ADOPTED, "title": "privind aprobarea bugetului"}, TEXT),
                              worded(2, spaced, TEXT)])[0]
    assert not change.after_adoption and change.fields == ()
