"""Addresses made from names in content: slugs only, and no two names sharing one."""

import re

import pytest
from hypothesis import given, strategies as st

from support.trees import FIXTURES, check_with, found
from transparency.domain import text, urls
from transparency.domain.urls import AddressError

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
COUNCIL = (FIXTURES / "minimal" / "data" / "council.yml").read_text(encoding="utf-8")


@given(st.text())
def test_a_segment_is_a_slug_or_refused(name):
    try:
        found_segment = urls.segment(name)
    except AddressError as exc:
        assert exc.name == name
        return
    assert SLUG.fullmatch(found_segment) and len(found_segment) <= urls.MAX_SEGMENT


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_an_ascii_name_is_slugged_as_any_other(name):
    assert text.slug.__wrapped__(name) == text.latin_slug(name)  # the fast path against the whole way


@pytest.mark.parametrize("name, segment", [("Ion Popescu-Tăriceanu", "ion-popescu-tariceanu"),
                                           ("../../../victim2", "victim2"), ("Finanțe", "finante"),
                                           ("finanţe", "finante"), ("HCL 45/2025", "hcl-45-2025")])
def test_segments(name, segment):
    assert urls.segment(name) == segment


@pytest.mark.parametrize("name", ["", "ПВН", "../../ПВН", "..", "/", "\u200b", "a" * (urls.MAX_SEGMENT + 1)])
def test_names_that_give_no_segment(name):
    with pytest.raises(AddressError):
        urls.segment(name)


def test_every_part_of_an_attachment_path_is_a_slug():
    assert urls.attachment("hotarari/2025/anexe/Anexa 1 – listă.PDF") == "fisiere/hotarari/2025/anexe/anexa-1-lista.pdf"
    assert urls.attachment("hotarari/2025/anexe/buget-anexa-1.pdf") == "fisiere/hotarari/2025/anexe/buget-anexa-1.pdf"
    assert urls.attachment("pages/LICENTA") == "fisiere/pages/licenta"
    for hostile in ("../secret.pdf", "hotarari/../../x.pdf", "anexe/ПВН.pdf", "anexe//x.pdf"):
        with pytest.raises(AddressError):
            urls.attachment(hostile)


def council(members=None, committees=None) -> str:
    text = COUNCIL
    if members is not None:
        text = re.sub(r"members:\n(  - .*\n)+", "members:\n" + "".join(f"  - {{name: {m}}}\n" for m in members), text)
    if committees is not None:
        text = re.sub(r"committees:\n(  - .*\n)+", "committees:\n" + "".join(
            f"  - {{slug: {slug}, name: Comisia {n}}}\n" for n, slug in enumerate(committees, start=1)), text)
    return text


def test_a_committee_slug_must_be_a_slug_as_written(tmp_path):
    checked = check_with(tmp_path, {"data/council.yml": council(committees=["buget", '"../../../victim2"', "ПВН"])})
    assert found(checked, "committees[2].slug") == [
        ("data/council.yml", 17, "error", "„../../../victim2” nu poate fi o adresă: "
                                          "doar litere latine fără diacritice, cifre și cratime")]
    [problem] = [p for p in checked.problems.items if p.field == "committees[2].slug"]
    assert problem.expected == "de exemplu „victim2”"
    assert [line for _, line, _, _ in found(checked, "committees[3].slug")] == [18]


def test_members_whose_names_give_one_address_are_reported_with_both_lines(tmp_path):
    members = ["Ana Pop", "Ion Pop", "Ión Pop", "Ion-Pop", "Dan Ştefan", "Dan Ștefan", "Dan Stan"]
    checked = check_with(tmp_path, {"data/council.yml": council(members=members)})
    problems = {field: message for field, (_, _, _, message) in
                ((p.field, (p.path, p.line, p.severity, p.message)) for p in checked.problems.items)}
    assert problems["members[3].name"].startswith("„Ión Pop” ar avea aceeași adresă, /consilieri/ion-pop/, "
                                                  "ca „Ion Pop” din ")
    assert problems["members[3].name"].endswith("data/council.yml:9")
    assert problems["members[4].name"].startswith("„Ion-Pop” ar avea aceeași adresă")
    assert problems["members[6].name"].startswith("„Dan Ștefan” ar avea aceeași adresă, /consilieri/dan-stefan/")
    assert {p.field for p in checked.problems.items} == {"members[3].name", "members[4].name", "members[6].name"}


def test_a_member_named_twice_is_reported_once_as_a_repeat(tmp_path):
    checked = check_with(tmp_path, {"data/council.yml": council(members=["Ana Pop", "Ana Pop", "Dan Stan"])})
    assert [p.message for p in checked.problems.items] == ["membru „Ana Pop” apare de două ori"]


def test_names_without_a_latin_letter(tmp_path):
    draft = ("---\ntitle: privind un proiect\nstatus: draft\nregistered: 2025-11-03\n"
             "topics: [ПВН, Finanțe, finante]\n---\nText.\n")
    checked = check_with(tmp_path, {"hotarari/2025/proiect-pvn.md": draft,
                                    "data/council.yml": council(members=["Ana Pop", "ПВН", "Dan Stan"])})
    assert found(checked, "topics[1]") == [("hotarari/2025/proiect-pvn.md", 5, "error",
                                            "„ПВН” nu poate da o adresă: nu are nicio literă latină sau cifră")]
    assert found(checked, "topics[2]") == found(checked, "topics[3]") == []  # one topic, by design
    assert [line for _, line, _, _ in found(checked, "members[2].name")] == [9]


def test_documents_and_attachments_whose_names_give_one_address(tmp_path):
    draft = ("---\ntitle: privind un proiect\nstatus: draft\nregistered: 2025-11-03\n"
             "attachments:\n  - {file: anexe/Buget Anexa 1.pdf, title: A}\n  - {file: anexe/buget-anexa-1.pdf, title: B}\n"
             "---\nText.\n")
    checked = check_with(tmp_path, {"hotarari/2025/Proiect Parcari.md": draft,
                                    "hotarari/2025/anexe/Buget Anexa 1.pdf": "%PDF-1.4\n",
                                    "pages/Despre.md": "---\ntitle: Despre\n---\nText.\n",
                                    "pages/Abonare.md": "---\ntitle: Abonare\n---\nText.\n",
                                    "pages/abonare.md": "---\ntitle: Abonare\n---\nText.\n"})
    ids = sorted(found(checked, "id"))
    assert [(path, message.split(" ar avea")[0]) for path, _, _, message in ids if "ar avea" in message] == [
        ("hotarari/2025/proiect-parcari.md", "„proiect-parcari”"), ("pages/despre.md", "„despre”")]
    assert [path for path, _, _, message in ids if "rezervată de site" in message] == ["pages/Abonare.md"]
    assert [path for path, _, _, message in ids if "este rezervat de site" in message] == ["pages/abonare.md"]
    here = "content/hotarari/2025/Proiect Parcari.md:6"
    assert found(checked, "attachments[2].file") == [(
        "hotarari/2025/Proiect Parcari.md", 7, "error", "„anexe/buget-anexa-1.pdf” ar avea aceeași adresă, "
        f"/fisiere/hotarari/2025/anexe/buget-anexa-1.pdf, ca „anexe/Buget Anexa 1.pdf” din {here}")]
    assert [(path, line) for path, line, _, _ in found(checked, "attachments[1].file")] == [
        ("hotarari/2025/buget-2025.md", 21)]


def test_one_file_attached_by_two_documents_is_one_address(tmp_path):
    draft = ("---\ntitle: privind un proiect\nstatus: draft\nregistered: 2025-11-03\n"
             "attachments:\n  - {file: anexe/buget-anexa-1.pdf, title: Anexa}\n---\nText.\n")
    assert check_with(tmp_path, {"hotarari/2025/proiect-anexa.md": draft}).problems.items == []

def test_a_name_too_long_for_a_file_name(tmp_path):
    draft = "---\ntitle: privind ceva\nstatus: draft\nregistered: 2025-11-03\ntopics: [" + "x" * 200 + "]\n---\n"
    checked = check_with(tmp_path, {"hotarari/2025/proiect-lung.md": draft})
    [(_, _, _, message)] = found(checked, "topics[1]")
    assert "prea lungă, de 200 de caractere" in message
