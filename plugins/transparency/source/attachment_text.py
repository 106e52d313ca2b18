"""The text of attached files, read for personal data before they are published.

An attachment is published as it is, so a CNP in it reaches the site just as
one in a body would. Every attached file is read: plain text (TXT, CSV,
Markdown, JSON…), web pages and SVG (their text once the markup is parsed),
PDFs (their text layer, page by page, their information, annotations, form
fields, bookmarks, XMP metadata and embedded files, and their plain bytes),
ZIP archives and the office documents that are ZIP packages (DOCX, XLSX,
ODT…: each part read as a file is, archives inside them too, within a budget
of inflated bytes), old Excel workbooks (their cells, numbers included, read
with xlrd), and any other file (images, old Word files) for the digits
written as text in its bytes (text chunks, EXIF, UTF-16). A CNP there is
an error naming the attachment and, for a PDF, the page, unless the document
that attaches the file allows that exact code under `allow_cnp:`. A PDF whose
text cannot be read (encrypted, damaged) is a warning: nobody checked it.
A PDF read whole whose pages hold no text (scanned, without a text layer) is
a warning too: it can be neither checked nor searched, and staff can publish
a version with text, or, as signed minutes often can only be scanned, say that
they checked it by hand (`scan_reviewed: true` on the attachment, a meeting's
`minutes_scan_reviewed: true`; as `allow_cnp:` allows a code, the document
answers for what it attaches). Said of a file that is no scan, that is a
warning: it would stand for a check of a scan put in the file's place later.
The text of a PDF's pages is kept (`TextScan.text`, up to MAX_TEXT
characters): the search indexes it (`Checked.attachment_texts`).

Reading a PDF's text is slow, so what a file holds is kept in the build cache
by the digest of its bytes; only new or changed files are read, on every core.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import olefile
import xlrd

from ..build import workers
from ..domain import privacy
from . import loader
from ..domain.model import Archive, Attachment, Document
from ..domain.problems import Problems

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
ZIP_READ_AT_MOST = 256 << 20  # bytes inflated from one attached archive, its archives included
NESTED_AT_MOST = 3  # archives (and PDFs' embedded files) inside one another that are read
PDF_MAGIC_WITHIN = 1024  # readers accept the header anywhere in the first kilobyte
MARKUP_SUFFIXES = (".html", ".htm", ".xhtml", ".svg", ".xml")
TEXT_SUFFIXES = (".txt", ".csv", ".tsv", ".md", ".markdown", ".json", ".rtf", ".ics", ".vcf")
SNIFF_BYTES = 8192  # a file of another name is text when these decode as UTF-8 with no NUL
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
PDF_STREAM = b"stream"  # where a PDF keeps page contents, compressed or not
METADATA_PAGE = 0  # where a PDF's title, author and subject are reported
MAX_TEXT = 200_000  # characters of a PDF's text kept for the search


@dataclass(frozen=True)
class TextScan:
    """The codes found in one file's text: at their line, or for a PDF at their page
    (METADATA_PAGE for its metadata); and why the text could not be read, if it could not."""

    found: tuple[privacy.Found, ...] = ()
    paged: bool = False
    unreadable: str = ""
    text: str = ""  # a PDF's text, its pages one after the other (at most MAX_TEXT characters)
    scanned: bool = False  # a PDF read whole, with pages but no text on any


def attached(document: Document) -> list[Attachment]:
    """Every file a document publishes with it: its attachments and a meeting's minutes."""
    minutes = getattr(document, "minutes", None)
    return [*document.attachments, *([minutes] if minutes else [])]


def scan(archive: Archive, root: Path, problems: Problems, cache: dict, worker_count: int = 1) -> dict[str, str]:
    """Report the CNPs in every attached file's text. `cache` (digest of a file's bytes → TextScan,
    kept between builds) is updated in place and keeps only the files attached today. Returns
    the text of each attached PDF that has some, by its source path."""
    listed = [(document, attachment) for document in archive.documents() for attachment in attached(document)]
    digests = {source: digest for source in sorted({a.source for _, a in listed})
               if (digest := _digest(root, source))}
    first_of = {}
    for source, digest in digests.items():
        if digest not in cache or "text" not in vars(cache[digest]):  # a reading older than the text
            first_of.setdefault(digest, source)
    jobs = sorted(first_of.items())
    readings = workers.map_slices(lambda part: [read_file(root / source) for _, source in part], jobs, worker_count)
    kept = {digest: cache[digest] for digest in set(digests.values()) if digest in cache and digest not in dict(jobs)}
    kept.update((digest, reading) for (digest, _), reading in zip(jobs, readings))
    cache.clear()
    cache.update(kept)
    for document, attachment in listed:
        if attachment.source in digests:
            report(cache[digests[attachment.source]], document, loader.display_path(root, attachment.source), problems,
                   attachment)
    return {source: cache[digest].text for source, digest in digests.items() if cache[digest].text}


def _digest(root: Path, source: str) -> str:
    """The digest of a plain file inside `root` ("" for anything else: a missing file or a link out
    of the content folder is reported where it is attached and is not published)."""
    path = root / source
    real_root = os.path.realpath(root)
    if not path.is_file() or os.path.commonpath([real_root, os.path.realpath(path)]) != real_root:
        return ""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "blake2b").hexdigest()


def report(reading: TextScan, document: Document, display: str, problems: Problems,
           attachment: Attachment | None = None) -> None:
    allowed = privacy.allowed_codes(document.allow_cnp)
    fix = (f"ștergeți-l din anexă sau, dacă publicarea este legală, treceți codul exact în antetul "
           f"{document.display or document.source}, sub „allow_cnp:”")
    for found in reading.found:
        if not reading.paged:
            privacy.report(found, allowed, display, problems, "anexa conține", fix)
        elif found.line == METADATA_PAGE:
            privacy.report(privacy.Found(found.code, 1), allowed, display, problems,
                           "metadatele PDF (titlu, autor, subiect, adnotări, câmpuri, semne de carte, "
                           "fișiere încorporate) conțin", fix)
        else:
            privacy.report(privacy.Found(found.code, 1), allowed, display, problems, "anexa conține", fix,
                           where=f" pe pagina {found.line}")
    if reading.unreadable:
        problems.warning(display, 1, "anexă",
                         f"textul anexei nu poate fi citit ({reading.unreadable}), deci nu a fost verificat pentru CNP",
                         "un PDF sau o arhivă fără parolă, cu text; sau verificați anexa de mână înainte de publicare")
    minutes = attachment is not None and attachment is getattr(document, "minutes", None)
    key = "minutes_scan_reviewed" if minutes else "scan_reviewed"  # how staff say they checked it by hand
    reviewed = attachment is not None and attachment.scan_reviewed
    where = f"lângă „file: {attachment.file}” " if attachment is not None and not minutes else ""
    if reading.scanned and not reviewed:
        problems.warning(display, 1, "anexă",
                         "PDF-ul nu conține text (pare scanat): nu poate fi găsit prin căutare și nu a fost verificat "
                         "pentru CNP",
                         "publicați un PDF cu text (salvat ca PDF din documentul original) sau adăugați textul "
                         "anexei în document; sau verificați anexa de mână și, dacă nu conține date personale de "
                         f"ascuns, scrieți „{key}: true” {where}în antetul {document.display or document.source}")
    elif reviewed and not reading.scanned and not reading.unreadable:
        field, line = attachment.reviewed_at
        problems.warning(document.display or document.source, line, field,
                         f"„{key}: true” privește doar un PDF scanat, fără text, iar „{attachment.file}” nu este "
                         "unul: ce conține este verificat automat pentru CNP",
                         f"ștergeți „{key}: true”: ar ține loc de verificare și pentru o scanare pusă mai târziu "
                         "în locul fișierului")


def read_file(path: Path) -> TextScan:
    return read(path.read_bytes(), path.name.lower())


def read(raw: bytes, name: str, depth: int = 0, budget: list[int] | None = None) -> TextScan:
    """The codes in a file's text; `name` (lower case) tells how to read a file that is not a PDF.
    `depth`: how many archives (or PDFs) this file is inside; `budget`: the bytes its archives may
    still inflate (ZIP_READ_AT_MOST for an attached file, shared by every archive inside it)."""
    kind = _kind(raw[:SNIFF_BYTES], name)
    budget = [ZIP_READ_AT_MOST] if budget is None else budget
    if kind == "pdf":
        return read_pdf(raw, depth, budget)
    if kind == "zip":
        return read_zip(raw, depth, budget)
    if kind == "markup":
        return TextScan(found=tuple(privacy.codes_shown(_decode(raw))))
    if kind == "text":
        return TextScan(found=tuple(_codes([privacy.plain_pieces(_decode(raw))])))
    if raw.startswith(olefile.MAGIC):
        return read_workbook(raw)
    return TextScan(found=tuple(in_bytes(raw)))


def read_workbook(raw: bytes) -> TextScan:
    """An OLE2 file (old Word, Excel…): the codes in its bytes, and, when it is an Excel 97–2003
    workbook, in its cells' values too. A number in a cell is a binary double, not digits: a CNP
    column typed as numbers (the usual way to keep one) shows nowhere in the bytes. The cells
    are read with xlrd; a workbook it cannot read is a warning, as an unreadable PDF is."""
    found = in_bytes(raw)
    try:
        with olefile.OleFileIO(raw) as ole:
            if not (ole.exists("Workbook") or ole.exists("Book")):
                return TextScan(found=tuple(found))
    except (OSError, ValueError):  # how olefile reports a damaged file: its bytes were read above
        return TextScan(found=tuple(found))
    try:
        book = xlrd.open_workbook(file_contents=raw, logfile=io.StringIO(), on_demand=True)
        cells = [_cell_text(value) for index in range(book.nsheets)
                 for row in book.get_sheet(index).get_rows() for value in (cell.value for cell in row)]
    except Exception as error:  # xlrd raises what its parser meets: the file's bytes were read above
        return TextScan(found=tuple(found), unreadable=f"celulele foii de calcul: {error}")
    found += [privacy.Found(code.code, 1) for code in privacy.find_codes(privacy.plain_pieces("\n".join(cells)))]
    return TextScan(found=tuple(dict.fromkeys(found)))


def _cell_text(value) -> str:
    """A cell's value as a person reads it: a whole number without its `.0`."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def in_bytes(raw: bytes) -> list[privacy.Found]:
    """The codes written as text anywhere in a binary file (at line 1): an image's text chunks and
    EXIF, an old Word or Excel file's text (in one-byte code pages or UTF-16), a PDF's uncompressed
    objects. Random bytes hold thirteen digits that make a valid CNP next to never."""
    texts = [raw.decode("latin-1"), raw.decode("utf-16-le", "replace")]
    if len(raw) > 1:
        texts.append(raw[1:].decode("utf-16-le", "replace"))  # UTF-16 text at an odd offset
    found = [privacy.Found(code.code, 1) for text in texts for code in privacy.find_codes(privacy.plain_pieces(text))]
    return list(dict.fromkeys(found))


def read_zip(raw: bytes, depth: int, budget: list[int]) -> TextScan:
    """The codes in every file of a ZIP archive (an office document is one: DOCX, XLSX, ODT… keep
    their text in XML parts, read as markup, so that a number split across runs of text is read
    whole), each read as `read` reads a file, archives inside it too, up to NESTED_AT_MOST deep
    and ZIP_READ_AT_MOST bytes in all (an archive that inflates beyond is unchecked, and said so)."""
    found = list(in_bytes(raw))  # what the archive writes plainly: names, comments, stored files

    def scan(unreadable: str = "") -> TextScan:
        return TextScan(found=tuple(dict.fromkeys(found)), unreadable=unreadable)

    if depth >= NESTED_AT_MOST:
        return scan("arhivă în prea multe alte arhive")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                budget[0] -= info.file_size  # what it says it inflates to: zipfile reads no more
                if budget[0] < 0:
                    return scan("arhiva este prea mare pentru a fi citită")
                with archive.open(info) as member:
                    data = member.read(info.file_size)
                inner = read(data, info.filename.lower(), depth + 1, budget)
                found.extend(privacy.Found(code.code, 1) for code in inner.found)
                if inner.unreadable:
                    return scan(f"{info.filename}: {inner.unreadable}")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError, EOFError,
            RuntimeError) as exc:  # damaged, encrypted, compressed in a way zipfile does not read
        return scan(f"arhiva nu poate fi citită: {type(exc).__name__}")
    return scan()


def _kind(head: bytes, name: str) -> str:
    """How a file whose first bytes are `head` and whose name is `name` is read."""
    if PDF_MAGIC in head[:PDF_MAGIC_WITHIN]:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if name.endswith(MARKUP_SUFFIXES):
        return "markup"
    if name.endswith(TEXT_SUFFIXES) or _looks_like_text(head):
        return "text"
    return "binary"


def read_pdf(raw: bytes, depth: int = 0, budget: list[int] | None = None) -> TextScan:
    import pypdf  # here, not above: it takes longer to import than `make check` takes to run

    try:
        with _pypdf_notes_kept_quiet():
            reader = pypdf.PdfReader(io.BytesIO(raw))
            if reader.is_encrypted and not reader.decrypt(""):  # most are locked against editing only
                return TextScan(unreadable="este protejat cu parolă")
            metadata = reader.metadata or {}
            pages = [(METADATA_PAGE, "\n".join(str(value) for value in metadata.values()))]
            pages += [(number, page.extract_text()) for number, page in enumerate(reader.pages, start=1)]
            beside = pdf_beside_pages(reader, depth, budget)
    # pypdf raises many kinds of exception on damaged or hostile files (its own, KeyError,
    # ValueError, RecursionError, a missing optional dependency for AES…): whatever it is, the
    # file stays unchecked, which is reported, and the build goes on.
    except Exception as exc:  # noqa: BLE001
        return _unparsed_pdf(raw, type(exc).__name__)
    found = [privacy.Found(code.code, number) for number, text in pages
             for code in privacy.find_codes(privacy.plain_pieces(text))]
    on_pages = {code.code for code in found}  # a page's text is often in its bytes as well
    found += [privacy.Found(code.code, METADATA_PAGE) for code in [*beside, *in_bytes(raw)]
              if code.code not in on_pages]
    found = list(dict.fromkeys(found))
    text = "\n".join(page for number, page in pages if number != METADATA_PAGE and page and page.strip())
    return TextScan(found=tuple(found), paged=True, text=text[:MAX_TEXT], scanned=len(pages) > 1 and not text)


def pdf_beside_pages(reader, depth: int, budget: list[int] | None) -> list[privacy.Found]:
    """The codes a PDF holds beside its pages' text and its information: its annotations (comments,
    their authors), its form fields' values, its bookmarks, its XMP metadata and its embedded
    files (read as `read` reads a file). A part that cannot be read is passed over: the PDF's
    plain bytes are read anyway (`in_bytes`)."""
    texts: list[str] = []

    def outline(items) -> None:
        for item in items:
            if isinstance(item, list):
                outline(item)
            else:
                texts.append(str(getattr(item, "title", "") or ""))

    parts = (
        lambda: texts.extend(str(annotation.get_object().get(key) or "") for page in reader.pages
                             for annotation in (page.get("/Annots") or [])
                             for key in ("/Contents", "/T", "/TU", "/V", "/RC", "/Subj")),
        lambda: texts.extend(str(field.get("/V") or "") + " " + str(field.get("/T") or "")
                             for field in (reader.get_fields() or {}).values()),
        lambda: outline(reader.outline),
        lambda: texts.append(reader.xmp_metadata.stream.get_data().decode("utf-8", "replace")
                             if reader.xmp_metadata else ""),
    )
    for part in parts:
        try:
            part()
        except Exception:  # noqa: BLE001 - pypdf on a hostile file: its bytes are read anyway
            continue
    found = [code for text in texts if text for code in privacy.codes_shown(text)]
    if depth < NESTED_AT_MOST:
        try:
            embedded = reader.attachments
            for name in sorted(embedded):
                for data in embedded[name]:
                    found += read(data, name.lower(), depth + 1, budget).found
        except Exception:  # noqa: BLE001 - as above
            pass
    return found


@contextlib.contextmanager
def _pypdf_notes_kept_quiet():
    """pypdf logs what it repairs in a damaged file ("Ignoring wrong pointing object") as warnings:
    through Pelican's logger they would name no file, and under `make publish` Pelican raises on
    any warning, in the middle of pypdf. A file whose text was read anyway needs nothing from
    staff; one whose text could not be read is reported by `read_pdf`, with its name. (pypdf's
    loggers, one per module, take their level from this parent.)"""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _unparsed_pdf(raw: bytes, error: str) -> TextScan:
    """What can be said of a PDF pypdf could not read: the text written plainly in its bytes (its
    metadata, uncompressed text) is read; a file with streams may hide more text, so it is
    reported as unchecked (a file without streams, such as an empty stub, hides nothing)."""
    text = raw.decode("latin-1")  # every byte a character: the ASCII digits stay where they are
    found = tuple(privacy.Found(code.code, 1) for code in privacy.find_codes(privacy.plain_pieces(text)))
    unreadable = f"fișier deteriorat sau neobișnuit: {error}" if PDF_STREAM in raw else ""
    return TextScan(found=found, unreadable=unreadable)


def _codes(runs: list[list[privacy.Piece]]) -> list[privacy.Found]:
    return [found for run in runs for found in privacy.find_codes(run)]


def _decode(raw: bytes) -> str:
    """Text in whatever encoding: the digits and separators looked for are ASCII, so a file in a
    legacy code page reads well enough as UTF-8 with its odd bytes replaced."""
    codec = "utf-16" if raw.startswith(UTF16_BOMS) else "utf-8-sig"
    return raw.decode(codec, errors="replace").replace("\r\n", "\n").replace("\r", "\n")


def _looks_like_text(head: bytes) -> bool:
    if b"\0" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # a character cut at the end of the sniffed bytes
    return True
