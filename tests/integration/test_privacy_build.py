"""A CNP reaches every kind of output the site has (pages, feeds, open data, the search index,
published attachments) when its document allows it; the same content without `allow_cnp` fails
the build, each code reported where it was written, and none of the codes is in any output file.

The allowed build is the proof that the channels are real: the search index, for one, is made
from the body's HTML (character references decoded), so a code the guard let through in the body
would be in the index; the refused build shows that the guard reads the body as the index does."""

import datetime as dt
import re

from support import cnp, pdfs, trees

IN_TITLE = cnp.make(dt.date(1984, 7, 19), "12", 345)
IN_BODY = cnp.make(dt.date(1975, 3, 15), "40", 123, female=True)
IN_ATTACHMENT = cnp.make(dt.date(1990, 11, 30), "22", 77)
CODES = (IN_TITLE, IN_BODY, IN_ATTACHMENT)

DECISION = f"""---
title: privind cererea {IN_TITLE}
status: draft
registered: 2025-10-01
initiator: Președintele consiliului județean
{{allow}}attachments:
  - {{{{file: anexe/cereri.csv, title: Lista cererilor}}}}
---
Solicitant: Ion Pop, CNP &#{ord(IN_BODY[0])};{IN_BODY[1:]}.
"""


def site(tmp_path, allow: str):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    trees.write(content, "hotarari/2025/proiect-cereri.md", DECISION.format(allow=allow))
    trees.write(content, "hotarari/2025/anexe/cereri.csv", f"nume;cnp\nIon Pop;{IN_ATTACHMENT}\n")
    output = tmp_path / "out"
    return trees.build(content, output, cache=tmp_path / "cache"), output


def holders(output, code: str) -> set[str]:
    """The top folders (or files) of the output where some file holds `code` or is named with it."""
    found = set()
    for path in output.rglob("*"):
        relative = path.relative_to(output).as_posix()
        if code in relative or (path.is_file() and code.encode() in path.read_bytes()):
            found.add(relative.split("/", 1)[0])
    return found


def test_allowed_codes_reach_every_channel(tmp_path):
    allow = "allow_cnp: [" + ", ".join(f'"{code}"' for code in CODES) + "]\n"
    result, output = site(tmp_path, allow)
    assert result.returncode == 0, result.stderr
    assert {"proiecte", "feeds", "date", "cautare"} <= holders(output, IN_TITLE)
    assert {"proiecte", "cautare"} <= holders(output, IN_BODY)  # decoded in the page and in the index
    assert holders(output, IN_ATTACHMENT) == {"fisiere"}


def test_the_same_codes_not_allowed_stop_the_build_and_reach_nothing(tmp_path):
    result, output = site(tmp_path, "")
    assert result.returncode == 1
    expected = [
        r"content/hotarari/2025/proiect-cereri\.md:2: CNP: câmpul „title” conține",
        r"content/hotarari/2025/proiect-cereri\.md:9: CNP: textul conține",
        r"content/hotarari/2025/anexe/cereri\.csv:2: CNP: anexa conține",
    ]
    for pattern in expected:
        assert re.search(rf"^{pattern}", result.stderr, re.M), result.stderr
    assert [code for code in CODES if output.exists() and holders(output, code)] == []


def test_a_pdf_pypdf_repairs_as_it_reads_does_not_stop_make_publish(tmp_path):
    # pypdf logs each repair as a warning, and Pelican raises on any warning under --strict.
    content = trees.copy_fixture("minimal", tmp_path / "content")
    damaged = pdfs.with_wrong_offsets(pdfs.make("Anexa 1", "Bugetul general"))
    (content / "hotarari/2025/anexe/buget-anexa-1.pdf").write_bytes(damaged)
    result = trees.build(content, tmp_path / "out", strict=True, cache=tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/fisiere/hotarari/2025/anexe/buget-anexa-1.pdf").read_bytes() == damaged
