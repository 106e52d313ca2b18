"""Attachments are published only when their bytes are of an allowed type that their extension names.

The files are written here from their formats' own definitions (PNG chunks,
GIF and WebP headers, OLE2 compound files and ZIP packages from
tests/support/office.py), not with the library the check uses.
"""

from __future__ import annotations

import struct
import zlib

import pytest

from support import office
from support.trees import check_with, copy_fixture, write
from transparency.adapters import settings
from transparency.source import attachment_types, pipeline
from transparency.domain.problems import Problems


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1×1, 8-bit grey
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b"")


PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x00;"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\0" * 48 + b"This program cannot be run in DOS mode."
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\0" * 56
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n'
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>\n"
ZIP = office._package([("date.csv", b"a,b\n")])

ALLOWED = {
    "raport.pdf": PDF, "harta.png": png(), "poza.jpg": JPEG, "poza.jpeg": JPEG, "sigla.gif": GIF,
    "sigla.webp": WEBP, "anexa.docx": office.office_open_xml("word/document.xml"),
    "tabel.xlsx": office.office_open_xml("xl/workbook.xml"), "anexa.odt": office.open_document("text"),
    "tabel.ods": office.open_document("spreadsheet"), "anexa.doc": office.compound_file("WordDocument"),
    "tabel.xls": office.compound_file("Workbook"), "vechi.xls": office.compound_file("Book"),
    "date.csv": "an,sumă\n2025,„10”\n".encode("utf-8-sig"), "date-excel.csv": "an;sumă\n".encode("utf-16"),
    "nota.txt": "Notă: valoarea < 5 și > 2.\n".encode("iso8859_16"), "arhiva.zip": ZIP, "MARE.PDF": PDF,
    "gol.txt": b"",
}


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_an_allowed_type_whose_extension_names_it_is_published(tmp_path, name):
    (tmp_path / name).write_bytes(ALLOWED[name])
    assert attachment_types.refusal(tmp_path / name) is None


@pytest.mark.parametrize("name,data,says", [
    ("plan.png", PDF, "nu este imagine PNG, cum spune extensia „.png”: este un PDF"),
    ("anexa.pdf", EXE, "nu este PDF, cum spune extensia „.pdf”: este un program Windows (.exe)"),
    ("anexa.pdf", ELF, "este un program Linux (ELF)"),
    ("anexa.pdf", b"", "fișierul este gol"),
    ("anexa.pdf", b"Doar text, nu PDF.\n", "tipul lui nu este recunoscut"),
    ("nota.txt", HTML, "nu este text simplu, cum spune extensia „.txt”: este o pagină web sau o imagine SVG"),
    ("date.csv", b"  <svg onload=alert(1)>", "este o pagină web sau o imagine SVG"),
    ("nota.txt", "<html><script>x</script>".encode("utf-16"), "este o pagină web"),
    ("nota.txt", EXE, "este un program Windows"),
    ("nota.txt", b"text\0binar", "nu este text simplu"),
    ("poza.jpg", png(), "este o imagine PNG"),
    ("tabel.xlsx", office.office_open_xml("word/document.xml"), "nu este tabel Excel (XLSX)"),
    ("anexa.docx", ZIP, "nu este document Word (DOCX)"),
    ("anexa.odt", office.open_document("spreadsheet"), "nu este document OpenDocument (ODT)"),
    ("anexa.doc", office.compound_file("Workbook"), "nu este document Word 97–2003 (DOC)"),
    ("instalare.doc", office.compound_file("SummaryInformation"), "nu este document Word 97–2003"),
    ("anexa.doc", office.compound_file("WordDocument")[:600], "nu este document Word 97–2003"),
    ("arhiva.zip", PDF, "nu este arhivă ZIP"),
])
def test_content_that_is_not_what_the_extension_says_is_refused(tmp_path, name, data, says):
    (tmp_path / name).write_bytes(data)
    refused = attachment_types.refusal(tmp_path / name)
    assert refused is not None and says in refused.message, refused
    assert refused.expected


@pytest.mark.parametrize("name", ["program.exe", "script.js", "pagina.php", "comanda.bat", "fara-extensie"])
def test_other_types_are_refused_whatever_they_hold(tmp_path, name):
    (tmp_path / name).write_bytes(PDF)
    refused = attachment_types.refusal(tmp_path / name)
    assert refused is not None and ".pdf, .png" in refused.expected


@pytest.mark.parametrize("name,data,parts", [
    ("anexa.docx", office.office_open_xml("word/document.xml", "word/vbaProject.bin"), "word/vbaProject.bin"),
    ("tabel.xlsx", office.office_open_xml("xl/workbook.xml", "xl/vbaProject.bin"), "xl/vbaProject.bin"),
    ("tabel.ods", office.open_document("spreadsheet", "Basic/Standard/Module1.xml"), "Basic/"),
    ("anexa.doc", office.compound_file("WordDocument", "Macros"), "Macros"),
    ("tabel.xls", office.compound_file("Workbook", "_VBA_PROJECT_CUR"), "_VBA_PROJECT_CUR"),
])
def test_office_documents_with_macros_are_refused(tmp_path, name, data, parts):
    (tmp_path / name).write_bytes(data)
    refused = attachment_types.refusal(tmp_path / name)
    assert refused is not None and "macrocomenzi" in refused.message and parts in refused.message


@pytest.mark.parametrize("name,data,kind", [("harta.svg", SVG, "svg"), ("pagina.html", HTML, "html"),
                                            ("pagina.htm", HTML, "html")])
def test_svg_and_html_are_refused_unless_allowed_as_downloads(tmp_path, name, data, kind):
    (tmp_path / name).write_bytes(data)
    refused = attachment_types.refusal(tmp_path / name)
    assert refused is not None and "scripturi" in refused.message
    assert f'TRANSPARENCY["download_only_types"] = ["{kind}"]' in refused.expected
    assert attachment_types.refusal(tmp_path / name, (kind,)) is None


def test_an_allowed_svg_must_be_an_svg(tmp_path):
    (tmp_path / "harta.svg").write_bytes(PDF)
    assert "nu este imagine SVG" in attachment_types.refusal(tmp_path / "harta.svg", ("svg",)).message


DECISION = """---
title: privind aprobarea planului
status: draft
registered: 2025-10-01
attachments:
  - {file: anexe/plan.pdf, title: Planul}
  - {file: anexe/harta.png, title: Harta}
---
Text.
"""


def checked_attachments(tmp_path, files: dict[str, str | bytes], download_only=()) -> Problems:
    """The problems the check finds with the attached files of the minimal council with `files` added."""
    content = copy_fixture("minimal", tmp_path / "content")
    for relative, data in files.items():
        path = write(content, relative, data if isinstance(data, str) else "")
        if isinstance(data, bytes):
            path.write_bytes(data)
    found = pipeline.check(content, download_only=download_only).problems.items
    return Problems([p for p in found if p.field.startswith(("attachments", "minutes"))])


def test_the_check_names_each_document_line_and_field_that_attaches_a_refused_file(tmp_path):
    problems = checked_attachments(tmp_path, {
        "hotarari/2025/proiect-plan.md": DECISION, "hotarari/2025/proiect-plan-2.md": DECISION.replace("planului", "x"),
        "hotarari/2025/anexe/plan.pdf": PDF, "hotarari/2025/anexe/harta.png": PDF})
    assert [(p.path.split("content/")[-1], p.line, p.field) for p in problems.errors] == [
        ("hotarari/2025/proiect-plan-2.md", 7, "attachments[2].file"),
        ("hotarari/2025/proiect-plan.md", 7, "attachments[2].file")]
    assert problems.errors[0].message.startswith("„anexe/harta.png”: conținutul fișierului nu este imagine PNG")


MEETING = """---
title: Ședința ordinară din 26 iunie 2025
kind: ordinary
date: 2025-06-26 10:00
place: Sala mare
minutes: procese-verbale/pv.pdf
---
"""


def test_minutes_are_checked_too(tmp_path):
    problems = checked_attachments(tmp_path, {"sedinte/sedinta-2025-06-26.md": MEETING,
                                              "sedinte/procese-verbale/pv.pdf": "nu este PDF"})
    [problem] = problems.errors
    assert (problem.field, problem.line) == ("minutes", 6) and "nu este PDF" in problem.message


def test_download_only_files_are_the_svg_and_html_attachments(tmp_path):
    checked = check_with(tmp_path, {})
    checked.archive.attachments |= {"hotarari/anexe/harta.svg", "hotarari/anexe/p.HTM", "hotarari/anexe/a.pdf"}
    assert attachment_types.download_only_files(checked.archive) == ["hotarari/anexe/harta.svg",
                                                                     "hotarari/anexe/p.HTM"]


@pytest.mark.parametrize("value", ["svg", ["exe"], [1], {"svg": True}])
def test_the_download_only_setting_takes_a_list_of_svg_and_html(value):
    with pytest.raises(settings.SettingsError, match="download_only_types"):
        settings.resolve({"download_only_types": value})


def test_the_download_only_setting_is_read():
    assert settings.resolve({"download_only_types": ["svg", "html", "svg"]})["download_only_types"] == ("html", "svg")
    assert settings.resolve({})["download_only_types"] == ()


def test_the_setting_reaches_the_check(tmp_path):
    files = {"hotarari/2025/proiect-plan.md": DECISION.replace("anexe/harta.png", "anexe/harta.svg"),
             "hotarari/2025/anexe/plan.pdf": PDF, "hotarari/2025/anexe/harta.svg": SVG}
    [refused] = checked_attachments(tmp_path / "a", files).errors
    assert "scripturi" in refused.message
    assert checked_attachments(tmp_path / "b", files, download_only=("svg",)).items == []
