"""Attached files are published only when their content is of an allowed type.

The type is decided by the file's bytes (magic numbers, read with the
`filetype` library; the inside of ZIP and OLE2 containers with `zipfile` and
`olefile` to tell office documents apart), and the extension must name that
same type: a PDF called `.png`, a program called `.pdf` or an HTML page
called `.txt` is an error naming the document that attaches it, the line and
the fix. Office documents with macros are refused.

SVG images and HTML pages can carry script that would run on the site's own
address, so they are errors unless `TRANSPARENCY["download_only_types"]`
lists them; then they are published with `Content-Disposition: attachment`
(hosting.py writes the rule, docs/hosting.md tells the host).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable, NamedTuple

import filetype
import olefile

from ..domain.model import Archive
from ..domain.problems import Problems

HEAD_BYTES = 8192  # what filetype reads; enough for every signature here
CHUNK = 1 << 20

# Text whose first tag a browser would take for a web page (the WHATWG MIME
# sniffing standard's HTML and XML patterns), or an SVG image.
MARKUP_START = re.compile(
    rb"^[\t\n\x0c\r ]*<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p"
    rb"|!--|\?xml|svg)(?=[\s>/])",
    re.I,
)
SVG_ROOT = re.compile(rb"<svg[\s>]", re.I)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
OPEN_DOCUMENT = "application/vnd.oasis.opendocument."


class Content:
    """What a file holds, as far as the checks need; each part is read once, when first asked for."""

    def __init__(self, path: Path):
        self.path = path
        with open(path, "rb") as handle:
            self.head = handle.read(HEAD_BYTES)

    @cached_property
    def guessed(self) -> str:
        """filetype's name for the bytes ("pdf", "zip", "exe"…), "" when it knows none."""
        kind = filetype.guess(self.head) if self.head else None
        return kind.extension if kind else ""

    @cached_property
    def zip_names(self) -> set[str]:
        """The entries of a ZIP container (office documents are ZIP packages); empty for anything else."""
        if self.guessed not in ZIP_FAMILY:
            return set()
        try:
            with zipfile.ZipFile(self.path) as archive:
                return set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return set()  # a damaged archive: no document, reported as such

    @cached_property
    def open_document_kind(self) -> str:
        """"text", "spreadsheet"… from the `mimetype` entry of an OpenDocument package (ODF 1.2, part 3, 3.3)."""
        if "mimetype" not in self.zip_names:
            return ""
        try:
            with zipfile.ZipFile(self.path) as archive, archive.open("mimetype") as entry:
                written = entry.read(100).decode("ascii", "replace")
        except (zipfile.BadZipFile, OSError, ValueError):
            return ""
        return written.removeprefix(OPEN_DOCUMENT) if written.startswith(OPEN_DOCUMENT) else ""

    @cached_property
    def ole_entries(self) -> set[str]:
        """The streams and storages of an OLE2 compound file (Office 97–2003); empty for anything else."""
        if not self.head.startswith(olefile.MAGIC):
            return set()
        try:
            with olefile.OleFileIO(str(self.path)) as ole:
                return {"/".join(entry) for entry in ole.listdir(streams=True, storages=True)}
        except (OSError, ValueError):  # how olefile reports a damaged file
            return set()

    @cached_property
    def markup(self) -> bool:
        """The text starts as a web page or an SVG image would (read in UTF-8 or UTF-16 with its mark)."""
        head = self.head
        if head.startswith(UTF16_BOMS):
            head = head.decode("utf-16", "replace").encode("utf-8")
        return bool(MARKUP_START.match(head.removeprefix(b"\xef\xbb\xbf")))

    @cached_property
    def text(self) -> bool:
        """Text in any encoding: no known binary signature and no NUL byte (but in UTF-16)."""
        if self.guessed:
            return False
        if self.head.startswith(UTF16_BOMS):
            return True
        with open(self.path, "rb") as handle:
            return all(b"\0" not in chunk for chunk in iter(lambda: handle.read(CHUNK), b""))


@dataclass(frozen=True)
class FileType:
    label: str  # as staff know it
    extensions: tuple[str, ...]
    holds: Callable[[Content], bool]  # the content is of this type
    active: bool = False  # can run script in a browser: published only as a download, when allowed


ZIP_FAMILY = {"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub"}

TYPES = (
    FileType("PDF", ("pdf",), lambda c: c.guessed == "pdf"),
    FileType("imagine PNG", ("png",), lambda c: c.guessed in ("png", "apng")),
    FileType("imagine JPEG", ("jpg", "jpeg"), lambda c: c.guessed == "jpg"),
    FileType("imagine GIF", ("gif",), lambda c: c.guessed == "gif"),
    FileType("imagine WebP", ("webp",), lambda c: c.guessed == "webp"),
    FileType("document Word (DOCX)", ("docx",), lambda c: "word/document.xml" in c.zip_names),
    FileType("tabel Excel (XLSX)", ("xlsx",), lambda c: "xl/workbook.xml" in c.zip_names),
    FileType("document OpenDocument (ODT)", ("odt",), lambda c: c.open_document_kind == "text"),
    FileType("tabel OpenDocument (ODS)", ("ods",), lambda c: c.open_document_kind == "spreadsheet"),
    FileType("document Word 97–2003 (DOC)", ("doc",), lambda c: "WordDocument" in c.ole_entries),
    FileType("tabel Excel 97–2003 (XLS)", ("xls",), lambda c: bool({"Workbook", "Book"} & c.ole_entries)),
    FileType("tabel CSV", ("csv",), lambda c: c.text and not c.markup),
    FileType("text simplu", ("txt",), lambda c: c.text and not c.markup),
    FileType("arhivă ZIP", ("zip",), lambda c: c.guessed in ZIP_FAMILY),
    FileType("imagine SVG", ("svg",), lambda c: c.text and bool(SVG_ROOT.search(c.head)), active=True),
    FileType("pagină HTML", ("html", "htm"), lambda c: c.text, active=True),
)
BY_EXTENSION = {extension: kind for kind in TYPES for extension in kind.extensions}
# Parts of an office file that hold macros (VBA in Office files, Basic or scripts in OpenDocument).
MACRO_PARTS = re.compile(r"^(?:word/vbaProject\.bin|xl/vbaProject\.bin|Basic/|Scripts/|Macros(?:/|$)|"
                         r"_VBA_PROJECT_CUR(?:/|$))")
# What the bytes are, for the message, when they are no allowed type (filetype's names).
CONTENT_NAMES = {
    "exe": "un program Windows (.exe)", "elf": "un program Linux (ELF)", "wasm": "cod WebAssembly",
    "swf": "o animație Flash", "rtf": "un document RTF", "ps": "un fișier PostScript",
    "pdf": "un PDF", "png": "o imagine PNG", "apng": "o imagine PNG", "jpg": "o imagine JPEG",
    "gif": "o imagine GIF", "webp": "o imagine WebP", "zip": "o arhivă ZIP",
}


def extension_of(source: str) -> str:
    name = posixpath.basename(source)
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def allowed_extensions(download_only: tuple[str, ...] = ()) -> list[str]:
    return [e for kind in TYPES for e in kind.extensions if not kind.active or _active_name(e) in download_only]


def _active_name(extension: str) -> str:
    return "html" if extension == "htm" else extension


class Refusal(NamedTuple):
    message: str  # what is wrong with the file
    expected: str  # what to do instead


def refusal(path: Path, download_only: tuple[str, ...] = ()) -> Refusal | None:
    """Why the file at `path` may not be published, or None when it may."""
    extension = extension_of(path.name)
    kind = BY_EXTENSION.get(extension)
    if kind is None:
        allowed = ", ".join(f".{e}" for e in allowed_extensions(download_only))
        return Refusal(f"fișierele „.{extension}” nu se publică" if extension else "fișierul nu are extensie",
                       f"un fișier de tip permis ({allowed}); convertiți-l, de exemplu în PDF")
    if kind.active and _active_name(extension) not in download_only:
        return Refusal(f"un fișier „.{extension}” ({kind.label}) poate conține scripturi care ar rula pe site; "
                       "nu se publică",
                       "convertiți-l în PDF sau PNG; sau, doar dacă serverul trimite antetele din docs/hosting.md, "
                       f"TRANSPARENCY[\"download_only_types\"] = [\"{_active_name(extension)}\"] în pelicanconf.py")
    try:
        content = Content(path)
        agrees = kind.holds(content)
        macros = sorted(name for name in content.zip_names | content.ole_entries if MACRO_PARTS.match(name))
    except OSError as exc:
        return Refusal(f"fișierul nu poate fi citit ({exc.strerror or exc})", "un fișier pe care îl puteți deschide")
    if not agrees:
        return Refusal(f"conținutul fișierului nu este {kind.label}, cum spune extensia „.{extension}”: "
                       f"{_what(content)}", f"fișierul {kind.label} adevărat sau extensia potrivită conținutului")
    if macros:
        return Refusal(f"documentul conține macrocomenzi ({macros[0]}), cod care ar rula pe calculatorul cititorului",
                       "salvați documentul fără macrocomenzi sau ca PDF")
    return None


def _what(content: Content) -> str:
    guessed = content.guessed
    if guessed in CONTENT_NAMES:
        return f"este {CONTENT_NAMES[guessed]}"
    if guessed:
        return f"este un fișier de tip {guessed.upper()}"
    if not content.head:
        return "fișierul este gol"
    if content.markup:
        return "este o pagină web sau o imagine SVG"
    return "tipul lui nu este recunoscut"


def check(archive: Archive, root: Path, problems: Problems, download_only: tuple[str, ...] = ()) -> None:
    """Report every attachment or minutes file whose content may not be published, at each line naming it."""
    found: dict[str, Refusal | None] = {}
    for document in archive.documents():
        named = [(f"attachments[{i}].file", a) for i, a in enumerate(getattr(document, "attachments", ()), 1)]
        minutes = getattr(document, "minutes", None)
        if minutes is not None:
            named.append(("minutes", minutes))
        for field_name, attachment in named:
            if attachment.source not in archive.attachments:
                continue  # missing or outside content/: already an error
            if attachment.source not in found:
                found[attachment.source] = refusal(root / attachment.source, download_only)
            refused = found[attachment.source]
            if refused:
                problems.error(document.display, attachment.line, field_name,
                               f"„{attachment.file}”: {refused.message}", refused.expected)


def download_only_files(archive: Archive) -> list[str]:
    """The attachments (content-relative) that may only be downloaded: any left after `check` was allowed."""
    return sorted(s for s in archive.attachments if getattr(BY_EXTENSION.get(extension_of(s)), "active", False))
