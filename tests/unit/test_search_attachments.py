"""The text of attached PDFs for the search: read once by digest with the personal-data check
(source/attachment_text.py), a scanned PDF reported, every kind of file reported or read and
never a traceback; each PDF with text a search document pointing to the file and its document."""

import json

from support import pdfs, trees
from transparency.domain.problems import Problems
from transparency.source import attachment_text


def test_a_pdf_with_text_keeps_its_pages_text():
    reading = attachment_text.read(pdfs.make("Tariful de baza 0,45 lei/km", "Cluj-Napoca - Huedin 18 lei"), "a.pdf")
    assert "Tariful de baza" in reading.text and "Huedin" in reading.text
    assert not reading.scanned and not reading.unreadable


def test_a_scanned_pdf_is_reported_and_has_no_text(tmp_path):
    reading = attachment_text.read(pdfs.make("", ""), "scan.pdf")
    assert reading.scanned and reading.text == ""
    problems = Problems()
    document = type("D", (), {"allow_cnp": (), "display": "content/hotarari/x.md", "source": "x.md"})()
    attachment_text.report(reading, document, "content/hotarari/anexe/scan.pdf", problems)
    [warning] = problems.items
    assert warning.severity == "warning" and "nu conține text" in warning.message and warning.field == "anexă"


def test_encrypted_and_broken_pdfs_are_reported_or_read_never_raised():
    locked = attachment_text.read(pdfs.encrypted(pdfs.make("secret"), "parola"), "locked.pdf")
    assert locked.unreadable and locked.text == "" and not locked.scanned
    damaged = attachment_text.read(pdfs.with_wrong_offsets(pdfs.make("Anexa 1 buget")), "damaged.pdf")
    assert damaged.unreadable or "Anexa 1" in damaged.text
    garbage = attachment_text.read(b"%PDF-1.4\nstream\n\x00\x01 not a pdf", "garbage.pdf")
    assert garbage.unreadable and garbage.text == ""


def test_the_check_returns_each_pdfs_text_and_reads_an_unchanged_file_once(tmp_path, monkeypatch):
    from transparency.source import pipeline

    root = trees.copy_fixture("minimal", tmp_path / "content")
    [source] = [p.relative_to(root).as_posix() for p in root.rglob("*.pdf")]
    (root / source).write_bytes(pdfs.make("Bugetul general pe capitole: drumuri judetene 120.000 mii lei"))
    cache = {}
    checked = pipeline.check(root, cache)
    assert "drumuri judetene" in checked.attachment_texts[source]
    reads = []
    original = attachment_text.read_file
    monkeypatch.setattr(attachment_text, "read_file", lambda path: reads.append(path) or original(path))
    again = pipeline.check(root, cache)
    assert reads == [] and again.attachment_texts == checked.attachment_texts


def test_an_old_cached_reading_without_text_is_read_again(tmp_path):
    from transparency.source import pipeline

    root = trees.copy_fixture("minimal", tmp_path / "content")
    [source] = [p.relative_to(root).as_posix() for p in root.rglob("*.pdf")]
    (root / source).write_bytes(pdfs.make("Anexa cu text"))
    cache = {}
    pipeline.check(root, cache)
    for digest, reading in list(cache["attachment_text"].items()):
        old = attachment_text.TextScan(reading.found, reading.paged, reading.unreadable)
        del old.__dict__["text"], old.__dict__["scanned"]  # as pickled before the text was kept
        cache["attachment_text"][digest] = old
    assert "Anexa cu text" in pipeline.check(root, cache).attachment_texts[source]


def test_pdf_results_point_to_the_file_and_name_their_document(sample_site):
    index = sample_site / "cautare" / "index"
    manifest = json.loads((index / "manifest.json").read_bytes())
    records = [r for name in manifest["records"]["files"] for r in json.loads((index / "d" / f"{name}.json").read_bytes())]
    annexes = [r for r in records if r["u"].startswith("/fisiere/")]
    assert len(annexes) == sum(1 for _ in trees.ROOT.joinpath("content").rglob("*.pdf"))
    annex = next(r for r in annexes if r["u"].endswith("45-2025-anexa-1.pdf"))
    assert annex["p"] == "/hotarari/2025/45/" and annex["pt"].startswith("Hotărârea nr. 45/2025")
    assert annex["k"] == "Anexă (PDF)" and (sample_site / annex["u"].lstrip("/")).is_file()
    minutes = next(r for r in annexes if r["u"].endswith("2025-03-27.pdf"))
    assert minutes["k"] == "Proces-verbal (PDF)" and minutes["p"] == "/sedinte/sedinta-2025-03-27/"
    assert "anexa" in manifest["facets"]["tip"]
