"""What the build does to its output folder when the disk fails, and what it deletes.

Faults are injected under the output folder only (tests/support/faults.py: a
full disk, a read-only one, one without permission), since the tests run as
root, whom chmod does not stop. The oracle of every test is a build of the
same content into a fresh folder on a working disk.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import trees

FAULTS = Path(__file__).resolve().parents[1] / "support" / "faults.py"
MANIFEST = ".transparency-manifest.json"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def built(content: Path, output: Path, cache: Path) -> dict[str, bytes]:
    result = trees.build(content, output, cache=cache)
    assert result.returncode == 0, result.stderr
    return tree(output)


def build_on_failing_disk(content: Path, output: Path, cache: Path, error: str, room: int = 0):
    env = {**os.environ, "SOURCE_DATE_EPOCH": trees.EPOCH_2025_11_25, "PYTHONPATH": str(trees.ROOT / "plugins")}
    command = [sys.executable, str(FAULTS), str(output), error, str(room), "--", "build",
               "--settings", str(trees.ROOT / "pelicanconf.py"), "--content", str(content), "--output", str(output),
               "--siteurl", "https://example.test", "--cache", str(cache)]
    return subprocess.run(command, cwd=trees.ROOT, env=env, capture_output=True, text=True, timeout=600)


def assert_stopped_once(result, error: str, output: Path) -> None:
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert "Traceback" not in said, said
    [line] = [line for line in result.stderr.splitlines() if f"({error})" in line]
    assert line.startswith(f"Construirea a fost oprită: {output}/"), line
    assert "Site-ul anterior a rămas întreg" in line


def listed(output: Path) -> set[str]:
    return set(json.loads((output / MANIFEST).read_text(encoding="utf-8"))["files"])


@pytest.mark.parametrize("share", [0.0, 0.3, 0.97])
def test_a_full_disk_stops_a_cold_build_and_cuts_no_file_short(tmp_path, share):
    content = trees.FIXTURES / "minimal"
    expected = built(content, tmp_path / "reference", tmp_path / "reference-cache")
    output = tmp_path / "output"
    room = int(share * sum(len(data) for data in expected.values()))
    result = build_on_failing_disk(content, output, tmp_path / "cache", "ENOSPC", room)
    assert_stopped_once(result, "ENOSPC", output)
    written = tree(output) if output.exists() else {}
    whole = {name: data for name, data in written.items() if name != MANIFEST}
    assert [name for name, data in whole.items() if expected.get(name) != data] == []  # none cut short
    assert not whole or set(whole) <= listed(output)  # the next build knows every file written


@pytest.mark.parametrize("error", ["ENOSPC", "EROFS", "EACCES"])
def test_a_failed_rebuild_leaves_the_previous_site(tmp_path, error):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    output, cache = tmp_path / "output", tmp_path / "cache"
    old = built(content, output, cache)
    council = content / "data" / "council.yml"  # the council's name is on every page
    council.write_text(council.read_text(encoding="utf-8").replace("Exemplu", "Exemplu Nou"), encoding="utf-8")
    (content / "hotarari/2025/proiect-parcari.md").unlink()
    new = built(content, tmp_path / "reference", tmp_path / "reference-cache")
    room = sum(len(data) for data in new.values()) // 5
    assert_stopped_once(build_on_failing_disk(content, output, cache, error, room), error, output)
    now = tree(output)
    assert sorted(set(old) - set(now)) == []  # nothing deleted
    assert [name for name, data in now.items() if name != MANIFEST and data not in (old.get(name), new.get(name))] == []
    if error != "ENOSPC":
        assert now == old
    assert built(content, output, cache) == new  # once the disk works again


def test_a_deleted_document_leaves_the_site_even_without_the_cache(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    draft = content / "hotarari/2025/proiect-parcari.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace(
        "consultation:", "attachments:\n  - {file: anexe/parcari.pdf, title: Regulament}\nconsultation:"), encoding="utf-8")
    (content / "hotarari/2025/anexe/parcari.pdf").write_bytes(b"%PDF-1.4\n")
    output, cache = tmp_path / "output", tmp_path / "cache"
    first = built(content, output, cache)
    gone = ["proiecte/proiect-parcari/index.html", "feeds/proiecte/proiect-parcari.rss",
            "feeds/proiecte/proiect-parcari.atom", "fisiere/hotarari/2025/anexe/parcari.pdf"]
    assert set(gone) <= set(first)
    (output / "proiecte/proiect-parcari/de-mana.txt").write_text("put here by staff", encoding="utf-8")
    (output / "googleverification.html").write_text("put here by staff", encoding="utf-8")
    draft.unlink()
    (content / "hotarari/2025/anexe/parcari.pdf").unlink()
    shutil.rmtree(cache)
    now = built(content, output, cache)
    clean = built(content, tmp_path / "clean", tmp_path / "clean-cache")
    assert [name for name in gone if name in now] == []
    assert now.pop("proiecte/proiect-parcari/de-mana.txt") == now.pop("googleverification.html") == b"put here by staff"
    assert now == clean


def test_a_failure_to_write_the_integrity_files_stops_the_build_once_naming_the_file(tmp_path):
    """Written last, once every other file is known: a failure there is the build's own error."""
    content = tmp_path / "content"
    shutil.copytree(trees.FIXTURES / "minimal", content)
    output, cache = tmp_path / "output", tmp_path / "cache"
    built(content, output, cache)
    sums = output / "date" / "integritate" / "SHA256SUMS"
    sums.unlink()
    sums.mkdir()  # a folder where the build writes the file: the write fails (EISDIR)
    result = trees.build(content, output, cache=cache)
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert "Traceback" not in said and "procesul de lucru" not in said, said
    [line] = [line for line in result.stderr.splitlines() if line.startswith("Construirea a fost oprită")]
    assert line.startswith(f"Construirea a fost oprită: {sums}: "), line


@pytest.mark.parametrize("target", ["index.html", "theme/css/site.css"])
def test_a_folder_where_a_page_or_a_copied_file_goes_stops_the_build_once(tmp_path, target):
    content = tmp_path / "content"
    shutil.copytree(trees.FIXTURES / "minimal", content)
    output, cache = tmp_path / "output", tmp_path / "cache"
    built(content, output, cache)
    assert (output / target).is_file()
    (output / target).unlink()
    (output / target).mkdir()
    result = trees.build(content, output, cache=cache)
    said = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in said and "procesul de lucru" not in said, said
    assert f"Construirea a fost oprită: {output / target}: " in result.stderr
