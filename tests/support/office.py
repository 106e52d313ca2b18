"""Small office files written from their specifications, for tests (no office suite needed).

`compound_file` writes an OLE2 compound file ([MS-CFB], version 3) holding
the named streams, as Word 97–2003 (`WordDocument`) and Excel 97–2003
(`Workbook`) files do; `office_open_xml` and `open_document` write the ZIP
packages of .docx/.xlsx and .odt/.ods.
"""

from __future__ import annotations

import io
import struct
import zipfile

SECTOR = 512
STREAM_SECTORS = 8  # 4,096 bytes: the mini-stream cutoff, so every stream lives in ordinary sectors
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _entry(name: str, kind: int, child: int = NO_STREAM, right: int = NO_STREAM, start: int = END,
           size: int = 0) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return struct.pack("<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, NO_STREAM, right, child,
                       b"\0" * 16, 0, 0, 0, start, size)


def compound_file(*streams: str) -> bytes:
    """A compound file whose root storage holds `streams` (names at the top level), 4 KB of zeros each."""
    assert 1 <= len(streams) <= 3, "one directory sector holds the root and three streams"
    fat = [FAT_SECTOR, END]  # sector 0: this table; sector 1: the directory
    entries = [_entry("Root Entry", 5, child=1)]
    for index, name in enumerate(streams):
        start = len(fat)
        fat += [*range(start + 1, start + STREAM_SECTORS), END]
        right = index + 2 if index + 1 < len(streams) else NO_STREAM  # a chain of right siblings
        entries.append(_entry(name, 2, right=right, start=start, size=STREAM_SECTORS * SECTOR))
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("d0cf11e0a1b11ae1"), b"\0" * 16, 0x3E, 3,
                         0xFFFE, 9, 6, b"\0" * 6, 0, 1, 1, 0, 4096, END, 0, END, 0)
    header += struct.pack("<109I", 0, *[FREE] * 108)
    fat_sector = struct.pack(f"<{SECTOR // 4}I", *fat, *[FREE] * (SECTOR // 4 - len(fat)))
    directory = b"".join(entries).ljust(SECTOR, b"\0")
    return header + fat_sector + directory + b"\0" * (SECTOR * STREAM_SECTORS * len(streams))


def _package(entries: list[tuple[str, bytes]], stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, data) in enumerate(entries):
            method = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name, (2025, 1, 1, 0, 0, 0)), data, compress_type=method)
    return buffer.getvalue()


def office_open_xml(main_part: str, *more: str) -> bytes:
    """A .docx (`word/document.xml`) or .xlsx (`xl/workbook.xml`) package; `more` adds empty parts."""
    return _package([("[Content_Types].xml", b"<Types/>"), ("_rels/.rels", b"<Relationships/>"),
                     (main_part, b"<document/>"), *[(name, b"") for name in more]])


def open_document(kind: str, *more: str) -> bytes:
    """An OpenDocument package (`text`, `spreadsheet`): the stored `mimetype` entry first, as ODF requires."""
    return _package([("mimetype", f"application/vnd.oasis.opendocument.{kind}".encode("ascii")),
                     ("content.xml", b"<office:document-content/>"), *[(name, b"") for name in more]],
                    stored_first=True)
