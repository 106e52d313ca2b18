"""A rebuild with nothing changed does nothing; any change, however small, is seen.

Observed from outside: the build cache's parsed-content folder is deleted
between builds, so a build that parses the content makes it again and one that
found nothing to do does not; the oracle of the output is a cold build.
"""

import os
import shutil
import time
from pathlib import Path

from support import trees

MANIFEST = ".transparency-manifest.json"


def aged(folder: Path) -> None:
    """Every file older than the few seconds a file must have to be trusted unchanged (as in git)."""
    old = time.time() - 3600
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (old, old), follow_symlinks=False)


def parsed_cache(cache: Path) -> list[Path]:
    return sorted(cache.glob("content-*.d"))


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def rebuilt(content: Path, output: Path, cache: Path, **options) -> bool:
    """Build; True when the build read the content (it made the parsed-content cache again)."""
    for folder in parsed_cache(cache):
        shutil.rmtree(folder)
    result = trees.build(content, output, cache=cache, **options)
    assert result.returncode == 0, result.stderr
    return bool(parsed_cache(cache))


def test_nothing_changed_nothing_read_and_every_change_seen(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    aged(content)
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert rebuilt(content, output, cache)
    assert not rebuilt(content, output, cache)  # nothing changed: nothing read
    # a page changed by hand is made again
    page = next(output.glob("hotarari/*/*/index.html"))
    page.write_text("changed by hand", encoding="utf-8")
    assert rebuilt(content, output, cache) and page.read_text(encoding="utf-8") != "changed by hand"
    # so are the integrity files, written after every other file was looked at (unchanged.recorded)
    sums = output / "date/integritate/SHA256SUMS"
    sums.write_text("changed by hand", encoding="utf-8")
    assert rebuilt(content, output, cache) and sums.read_text(encoding="utf-8") != "changed by hand"
    # another build day, another address: everything looked at again
    assert not rebuilt(content, output, cache)
    assert rebuilt(content, output, cache, epoch=trees.EPOCH_2026_11_25)
    assert rebuilt(content, output, cache, epoch=trees.EPOCH_2026_11_25, siteurl="https://other.test")
    # one content file changed (and aged, as after a checkout): seen
    decision = content / "hotarari/2025/proiect-parcari.md"
    decision.write_text(decision.read_text(encoding="utf-8").replace("parcări", "parcaje"), encoding="utf-8")
    aged(content)
    assert rebuilt(content, output, cache, epoch=trees.EPOCH_2026_11_25, siteurl="https://other.test")
    cold = tmp_path / "cold"
    assert rebuilt(content, cold, tmp_path / "cold-cache", epoch=trees.EPOCH_2026_11_25, siteurl="https://other.test")
    assert tree(output) == tree(cold)


def test_the_command_stops_before_the_generator_when_nothing_changed(tmp_path):
    """Python's own report of what it imported (PYTHONPROFILEIMPORTTIME) is the witness: the
    generator, and everything it publishes with, is not even imported; the site stays whole."""
    content = trees.copy_fixture("minimal", tmp_path / "content")
    aged(content)
    output, cache = tmp_path / "output", tmp_path / "cache"
    imports = {"PYTHONPROFILEIMPORTTIME": "1"}
    first = trees.build(content, output, cache=cache, env=imports)
    assert first.returncode == 0 and "transparency.adapters.generator" in first.stderr
    before = tree(output)
    again = trees.build(content, output, cache=cache, env=imports)
    assert again.returncode == 0, again.stderr
    assert "transparency.adapters.start" in again.stderr
    assert "transparency.adapters.generator" not in again.stderr and "icalendar" not in again.stderr
    assert tree(output) == before
    council = content / "data" / "council.yml"
    council.write_text(council.read_text(encoding="utf-8") + "\n",
                       encoding="utf-8")
    aged(content)
    changed = trees.build(content, output, cache=cache, env=imports)
    assert changed.returncode == 0 and "transparency.adapters.generator" in changed.stderr


def test_a_file_just_written_is_trusted_by_its_bytes(tmp_path):
    """A file changed less than two seconds before the build could change again unseen within the
    same timestamp (git's racy files): it is signed by its bytes too, so a rebuild right after does
    nothing, and one after its bytes changed under the same stamp reads the content again."""
    content = trees.copy_fixture("minimal", tmp_path / "content")
    aged(content)
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert rebuilt(content, output, cache)
    decision = content / "hotarari/2025/proiect-parcari.md"
    decision.touch()
    assert rebuilt(content, output, cache)
    assert not rebuilt(content, output, cache)  # written just before the last build: its bytes are the same
    stamp = decision.stat()
    text = decision.read_text(encoding="utf-8")
    changed = text.replace("closes: 2025-12-05", "closes: 2025-12-15")  # the consultation runs longer
    assert len(changed.encode()) == len(text.encode()) and changed != text
    decision.write_text(changed, encoding="utf-8")
    os.utime(decision, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # the same size and stamp, other bytes
    assert rebuilt(content, output, cache)
    cold = tmp_path / "cold"
    assert rebuilt(content, cold, tmp_path / "cold-cache")
    assert tree(output) == tree(cold)
