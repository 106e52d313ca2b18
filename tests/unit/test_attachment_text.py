"""attachment_text: the text of attached files is read for CNPs (plain text and CSV at their
line, web pages once parsed, PDFs page by page with their metadata); the document that attaches
a file may allow a code; a PDF that cannot be read is a warning, never a crash. PDFs are made
by hand (tests/support/pdfs.py) and checked with pypdf before use."""

import datetime as dt
import hashlib
import io
import logging

import pypdf
import pytest

from support import cnp, pdfs, trees
from transparency.source import attachment_text, pipeline

CODE = cnp.make(dt.date(1984, 7, 19), "12", 345)
OTHER = cnp.make(dt.date(1975, 3, 15), "40", 123, female=True)
HINT = f"{CODE[:3]}…{CODE[-2:]}"


def found(reading):
    return [(f.code, f.line) for f in reading.found]


@pytest.mark.parametrize("name, raw, line", [
    ("cereri.csv", f"nr;nume;cnp\n1;Ion Pop;{CODE}\n".encode(), 2),
    ("cereri.csv", f"nr;nume;cnp\r\n1;Ion Pop;{CODE}\r\n".encode("utf-16"), 2),
    ("nota.txt", f"Nota\n\n\nSemnat {CODE[:4]} {CODE[4:8]} {CODE[8:]}\n".encode("cp1250", "replace"), 4),
    ("anexa.html", f"<html><body>\n<p>Ion</p>\n<p>{CODE[:6]}<span>{CODE[6:]}</span></p>".encode(), 3),
    ("harta.svg", f'<svg xmlns="http://www.w3.org/2000/svg"><text>\n&#{ord(CODE[0])};{CODE[1:]}</text></svg>'.encode(),
     2),
    ("plan.svg", f"<svg><text>Solicitant</text>\n<text><![CDATA[{CODE}]]></text></svg>".encode(), 2),
    ("date.bin", f"fără extensie cunoscută, dar text: {CODE}".encode(), 1),
])
def test_a_code_in_a_text_attachment_is_found_at_its_line(name, raw, line):
    assert found(attachment_text.read(raw, name)) == [(CODE, line)]


def test_a_code_written_in_a_binary_file_is_found():
    # An image's text chunk, an old Word file's text in UTF-16: digits as text among other bytes.
    png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) + b"tEXtComment\0" + CODE.encode()
    assert found(attachment_text.read(png, "imagine.png")) == [(CODE, 1)]
    doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) + f"x CNP {CODE} x".encode("utf-16-le")
    assert found(attachment_text.read(doc, "cerere.doc")) == [(CODE, 1)]
    assert found(attachment_text.read(bytes(range(256)) * 64, "imagine.png")) == []


def office(parts: dict[str, str]) -> bytes:
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return data.getvalue()


WORKBOOK = trees.FIXTURES / "attacks/cnp-number-in-attached-xls/content/hotarari/2025/anexe/beneficiari.xls"


def test_a_code_typed_as_a_number_in_an_old_excel_workbook_is_found():
    """Written by xlwt: the cell holds a binary double, no digits in the bytes (checked here)."""
    raw = WORKBOOK.read_bytes()
    assert b"1800101123450" not in raw and "1800101123450".encode("utf-16-le") not in raw
    assert found(attachment_text.read(raw, "beneficiari.xls")) == [("1800101123450", 1)]


def test_an_old_excel_workbook_whose_cells_cannot_be_read_is_said_so():
    raw = WORKBOOK.read_bytes()
    start = raw.index(b"\x09\x08")  # the workbook stream's first record (BOF)
    reading = attachment_text.read(raw[:start] + b"\x00\x00" + raw[start + 2:], "beneficiari.xls")
    assert reading.found == () and reading.unreadable.startswith("celulele foii de calcul")


def test_a_code_in_an_office_file_or_an_archive_is_found_even_split_across_runs_of_text():
    docx = office({"word/document.xml": f"<w:document><w:p><w:r><w:t>{CODE[:5]}</w:t></w:r><w:r><w:t>{CODE[5:]}"
                                        "</w:t></w:r></w:p></w:document>", "[Content_Types].xml": "<Types/>"})
    assert found(attachment_text.read(docx, "cerere.docx")) == [(CODE, 1)]
    xlsx = office({"xl/worksheets/sheet1.xml": f"<sheetData><row><c><v>{CODE}</v></c></row></sheetData>"})
    assert found(attachment_text.read(office({"in/cereri.xlsx": xlsx}), "acte.zip")) == [(CODE, 1)]  # nested
    assert found(attachment_text.read(office({"word/document.xml": "<w:t>Fără date</w:t>"}), "a.docx")) == []


def test_an_archive_that_would_inflate_too_far_is_unchecked_and_said_so(monkeypatch):
    monkeypatch.setattr(attachment_text, "ZIP_READ_AT_MOST", 1 << 20)
    inner = office({f"zero-{index}.txt": "x" * (400 << 10) for index in range(2)})
    reading = attachment_text.read(office({"a.zip": inner, "b.zip": inner}), "bomba.zip")  # 1.6 MB in all
    assert "prea mare" in reading.unreadable
    assert attachment_text.read(inner, "a.zip").unreadable == ""  # 0.8 MB: read


def test_a_code_in_a_pdf_annotation_form_field_bookmark_or_embedded_file_is_found():
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdfs.make("Anexa 1"))))
    from pypdf.annotations import FreeText

    writer.add_annotation(0, FreeText(text=f"Nota: CNP {CODE}", rect=(50, 50, 200, 100)))
    writer.add_outline_item(f"Cererea {OTHER}", 0)
    writer.add_attachment("cereri.csv", f"nume;cnp\nIon;{CODE[:6]} {CODE[6:]}\n".encode())
    out = io.BytesIO()
    writer.write(out)
    codes = {code for code, _ in found(attachment_text.read(out.getvalue(), "anexa.pdf"))}
    assert codes == {CODE, OTHER}


def test_a_code_in_a_pdf_is_found_with_its_page_and_in_its_metadata():
    pdf = pdfs.make("Anexa 1\nFara date personale", f"Semnat:\nIon Pop, CNP {CODE[:1]} {CODE[1:7]} {CODE[7:]}",
                    title=f"Cererea lui {OTHER}")
    assert CODE[7:] in pypdf.PdfReader(io.BytesIO(pdf)).pages[1].extract_text()  # the file says what we think
    reading = attachment_text.read(pdf, "anexa.pdf")
    assert (reading.paged, reading.unreadable) == (True, "")
    assert found(reading) == [(OTHER, attachment_text.METADATA_PAGE), (CODE, 2)]


def test_a_pdf_locked_against_editing_only_is_read():
    pdf = pdfs.encrypted(pdfs.make(f"CNP {CODE}"), user_password="")
    assert pypdf.PdfReader(io.BytesIO(pdf)).is_encrypted
    assert found(attachment_text.read(pdf, "anexa.pdf")) == [(CODE, 1)]


def test_a_pdf_that_needs_a_password_is_unread_and_said_so():
    pdf = pdfs.encrypted(pdfs.make(f"CNP {CODE}"), user_password="parola")
    reading = attachment_text.read(pdf, "anexa.pdf")
    assert (reading.found, reading.unreadable) == ((), "este protejat cu parolă")


def test_a_damaged_pdf_is_unread_and_said_so_and_its_plain_bytes_are_still_read():
    pdf = pdfs.make(f"CNP {CODE}")
    damaged = pdf[: pdf.index(b"xref")]  # no cross-reference table, no trailer
    reading = attachment_text.read(damaged, "anexa.pdf")
    assert reading.unreadable.startswith("fișier deteriorat sau neobișnuit")
    assert found(reading) == [(CODE, 1)]  # the uncompressed page text, read in the raw bytes


def test_a_repaired_pdf_is_read_and_pypdf_notes_of_its_repairs_reach_no_log(caplog):
    # Pelican's logger raises on any warning under `make publish`: pypdf's notes must not reach it.
    damaged = pdfs.with_wrong_offsets(pdfs.make("Pagina 1", f"CNP {CODE}"))
    with caplog.at_level(logging.DEBUG):
        pypdf.PdfReader(io.BytesIO(damaged)).pages[1].extract_text()
    assert any(record.name.startswith("pypdf") for record in caplog.records)  # pypdf does log this file
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert found(attachment_text.read(damaged, "anexa.pdf")) == [(CODE, 2)]
    assert caplog.records == []


def test_a_pdf_stub_without_content_is_not_reported():
    stub = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    assert attachment_text.read(stub, "anexa.pdf") == attachment_text.TextScan()


DECISION = """---
title: privind o cerere
status: draft
registered: 2025-02-03
initiator: Președintele consiliului județean
{extra}attachments:
  - {{file: anexe/cereri.csv, title: Cereri}}
  - {{file: anexe/scan.pdf, title: Scan}}
---
Text.
"""


def tree_with(tmp_path, files: dict[str, str | bytes]):
    root = trees.copy_fixture("minimal", tmp_path / "content")
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    return root


def cnp_problems(checked):
    return sorted((p.path.split("content/", 1)[-1], p.line, p.severity, p.message, p.expected)
                  for p in checked.problems.items if p.field in ("CNP", "anexă"))


def test_the_build_names_the_attachment_its_page_and_the_document_that_may_allow_it(tmp_path):
    root = tree_with(tmp_path, {
        "hotarari/2025/cerere.md": DECISION.format(extra=""),
        "hotarari/2025/anexe/cereri.csv": f"nume;cnp\nIon Pop;{CODE}\n",
        "hotarari/2025/anexe/scan.pdf": pdfs.make("Pagina 1", f"CNP {CODE}"),
    })
    fix = ("ștergeți-l din anexă sau, dacă publicarea este legală, treceți codul exact în antetul "
           "content/hotarari/2025/cerere.md, sub „allow_cnp:”")
    assert cnp_problems(pipeline.check(root)) == [
        ("hotarari/2025/anexe/cereri.csv", 2, "error", f"anexa conține un cod numeric personal ({HINT})", fix),
        ("hotarari/2025/anexe/scan.pdf", 1, "error", f"anexa conține un cod numeric personal ({HINT}) pe pagina 2",
         fix),
    ]


def test_a_code_the_attaching_document_allows_is_published(tmp_path):
    root = tree_with(tmp_path, {
        "hotarari/2025/cerere.md": DECISION.format(extra=f'allow_cnp: ["{CODE}"]\n'),
        "hotarari/2025/anexe/cereri.csv": f"nume;cnp\nIon Pop;{CODE}\n",
        "hotarari/2025/anexe/scan.pdf": pdfs.make(f"CNP {CODE}", title=f"{OTHER}"),
    })
    [problem] = cnp_problems(pipeline.check(root))
    message = ("metadatele PDF (titlu, autor, subiect, adnotări, câmpuri, semne de carte, fișiere încorporate) "
               f"conțin un cod numeric personal ({OTHER[:3]}…{OTHER[-2:]})")
    assert problem[:4] == ("hotarari/2025/anexe/scan.pdf", 1, "error", message)


def test_an_unreadable_pdf_is_a_warning_naming_it(tmp_path):
    locked = pdfs.encrypted(pdfs.make("Anexa"), user_password="parola")
    root = tree_with(tmp_path, {
        "hotarari/2025/cerere.md": DECISION.format(extra=""),
        "hotarari/2025/anexe/cereri.csv": "nume\nIon Pop\n",
        "hotarari/2025/anexe/scan.pdf": locked,
    })
    [(path, line, severity, message, _)] = cnp_problems(pipeline.check(root))
    assert (path, line, severity) == ("hotarari/2025/anexe/scan.pdf", 1, "warning")
    assert "nu a fost verificat pentru CNP" in message and "protejat cu parolă" in message


def test_what_a_file_holds_is_kept_by_its_digest_and_read_once(tmp_path):
    root = tree_with(tmp_path, {
        "hotarari/2025/cerere.md": DECISION.format(extra=""),
        "hotarari/2025/anexe/cereri.csv": f"nume;cnp\nIon Pop;{CODE}\n",
        "hotarari/2025/anexe/scan.pdf": pdfs.make("Pagina 1"),
    })
    cache = {}
    first = cnp_problems(pipeline.check(root, cache))
    kept = dict(cache["attachment_text"])
    assert len(kept) == 3  # the two new files and the fixture's PDF
    # A reading taken from the cache gives the same report; an edited file is read again.
    assert cnp_problems(pipeline.check(root, cache)) == first
    assert cache["attachment_text"] == kept
    (root / "hotarari/2025/anexe/cereri.csv").write_text("nume\nIon Pop\n", encoding="utf-8")
    assert cnp_problems(pipeline.check(root, cache)) == []
    assert len(cache["attachment_text"]) == 3 and cache["attachment_text"].keys() != kept.keys()


def test_an_image_is_read_for_codes_once_and_kept_by_its_digest(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 64
    root = tree_with(tmp_path, {
        "hotarari/2025/cerere.md": DECISION.format(extra="").replace("anexe/scan.pdf", "anexe/plan.png"),
        "hotarari/2025/anexe/cereri.csv": "nume\nIon Pop\n",
        "hotarari/2025/anexe/plan.png": png,
    })
    cache = {}
    pipeline.check(root, cache)
    read = {hashlib.blake2b((root / "hotarari/2025" / name).read_bytes()).hexdigest()
            for name in ("anexe/cereri.csv", "anexe/buget-anexa-1.pdf", "anexe/plan.png")}
    assert set(cache["attachment_text"]) == read  # the image too: its text chunks may hold a code


MINUTES = """---
title: Ședința ordinară din 18 decembrie 2025
kind: ordinary
date: 2025-12-18 10:00
minutes: procese-verbale/2025-12-18.pdf
{extra}---
"""


def reported(checked, *fields):
    return [(p.path.split("content/", 1)[-1], p.line, p.field, p.severity, p.message, p.expected)
            for p in checked.problems.items if p.field in fields]


@pytest.mark.parametrize("scanned", [True, False])
def test_a_scan_checked_by_hand_is_said_so_in_the_attachment_and_gives_no_warning(tmp_path, scanned):
    """Signed minutes are scans: the warning (the CNP guard cannot read them) stopped `make publish`
    for good, with nothing staff could write to say they had checked the file."""
    attachment = "  - {file: anexe/scan.pdf, title: Scan}"
    text = DECISION.format(extra="").replace(attachment, "  - file: anexe/scan.pdf\n    scan_reviewed: true")
    root = tree_with(tmp_path, {
        "hotarari/2025/cerere.md": text,
        "hotarari/2025/anexe/cereri.csv": "nume\nIon Pop\n",
        "hotarari/2025/anexe/scan.pdf": pdfs.make("", "") if scanned else pdfs.make("Anexa cu text"),
    })
    problems = reported(pipeline.check(root), "anexă", "attachments[2].scan_reviewed")
    if scanned:
        assert problems == []
    else:  # a file with text: said to be no scan, at the line that says it is one checked by hand
        [(path, line, _, severity, message, expected)] = problems
        assert (path, line, severity) == ("hotarari/2025/cerere.md", 9, "warning")
        assert "„anexe/scan.pdf” nu este unul" in message and expected.startswith("ștergeți „scan_reviewed: true”")


def test_a_scan_not_said_to_be_checked_is_a_warning_naming_the_field_to_write(tmp_path):
    root = tree_with(tmp_path, {
        "hotarari/2025/cerere.md": DECISION.format(extra=""),
        "hotarari/2025/anexe/cereri.csv": "nume\nIon Pop\n",
        "hotarari/2025/anexe/scan.pdf": pdfs.make("", ""),
        "sedinte/2025/sedinta-2025-12-18.md": MINUTES.format(extra=""),
        "sedinte/2025/procese-verbale/2025-12-18.pdf": pdfs.make(""),
    })
    warned = {path: expected for path, _, _, _, _, expected in reported(pipeline.check(root), "anexă")}
    assert warned["hotarari/2025/anexe/scan.pdf"].endswith(
        "scrieți „scan_reviewed: true” lângă „file: anexe/scan.pdf” în antetul content/hotarari/2025/cerere.md")
    assert warned["sedinte/2025/procese-verbale/2025-12-18.pdf"].endswith(
        "scrieți „minutes_scan_reviewed: true” în antetul content/sedinte/2025/sedinta-2025-12-18.md")


@pytest.mark.parametrize("minutes, said", [(True, []), (False, [(6, "warning")])])
def test_a_meetings_scanned_minutes_checked_by_hand_give_no_warning(tmp_path, minutes, said):
    text = MINUTES.format(extra="minutes_scan_reviewed: true\n")
    root = tree_with(tmp_path, {
        "sedinte/2025/sedinta-2025-12-18.md": text if minutes else text.replace("minutes: procese-verbale/2025"
                                                                                "-12-18.pdf\n", "place: Sala\n"),
        **({"sedinte/2025/procese-verbale/2025-12-18.pdf": pdfs.make("")} if minutes else {}),
    })
    checked = pipeline.check(root)
    assert reported(checked, "anexă") == []
    assert [(line, severity) for _, line, _, severity, *_ in reported(checked, "minutes_scan_reviewed")] == said
