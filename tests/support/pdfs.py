"""Small PDF files for tests, written by hand from the PDF 1.4 reference: one page per text,
shown in Helvetica by an uncompressed content stream, with a cross-reference table at the right
offsets (so that any reader opens them), and an optional document title. `encrypted` copies one
with a password set through pypdf; `with_wrong_offsets` spoils its table, as damaged files are."""

from __future__ import annotations

import io
import re

import pypdf


def _literal(text: str) -> str:
    """A PDF literal string: backslash, parentheses escaped (Latin-1 text only)."""
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def make(*pages: str, title: str = "") -> bytes:
    """A PDF with one page for each text (its lines shown one under the other)."""
    count = len(pages)
    kids = " ".join(f"{3 + 2 * n} 0 R" for n in range(count))
    objects = ["<</Type/Catalog/Pages 2 0 R>>", f"<</Type/Pages/Kids[{kids}]/Count {count}>>"]
    font = 3 + 2 * count
    for n, text in enumerate(pages):
        lines = " T* ".join(f"{_literal(line)} Tj" for line in text.split("\n"))
        stream = f"BT /F1 12 Tf 14 TL 50 750 Td {lines} ET"
        objects.append(f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents {4 + 2 * n} 0 R"
                       f"/Resources<</Font<</F1 {font} 0 R>>>>>>")
        objects.append(f"<</Length {len(stream.encode('latin-1'))}>>\nstream\n{stream}\nendstream")
    objects.append("<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>")
    info = ""
    if title:
        objects.append(f"<</Title{_literal(title)}>>")
        info = f"/Info {len(objects)} 0 R"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R{info}>>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def encrypted(pdf: bytes, user_password: str, owner_password: str = "owner") -> bytes:
    """`pdf` locked with RC4 (which pypdf reads without optional dependencies); an empty
    `user_password` locks editing only: anyone may open and read it."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password, owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def with_wrong_offsets(pdf: bytes) -> bytes:
    """`pdf` with every offset of its cross-reference table wrong: readers find the objects by
    scanning the file, and pypdf logs a warning for each repair."""
    head, table = pdf.split(b"\nxref\n", 1)
    return head + b"\nxref\n" + re.sub(rb"\d{10} 00000 n", b"0000000001 00000 n", table)
