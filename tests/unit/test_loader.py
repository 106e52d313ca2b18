"""The loader accounts for every file, in file order, whether it parses on one
process or several, and reuses what it read before while a file is unchanged."""

import os
import shutil
from types import SimpleNamespace

from bench import synth
from transparency.source import bodies, loader
from transparency.domain.problems import Problems


def council_with_defects(tmp_path):
    root = synth.generate(tmp_path / "content", 120).root
    decision = sorted(root.glob("hotarari/*/*.md"))[3]
    shutil.copy(decision, root / "rapoarte" / decision.name)  # the same id twice
    (root / "rapoarte" / "stricat.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    (root / "hotarari" / "nota.txt").write_text("x", encoding="utf-8")
    return root


def loaded(root, cache=None, worker_count=1):
    problems = Problems()
    archive = loader.load(root, problems, cache, worker_count)
    return archive, [str(p) for p in problems.items]


def test_same_archive_and_problems_in_the_same_order_on_two_processes(tmp_path):
    root = council_with_defects(tmp_path)
    one, problems_one = loaded(root)
    two, problems_two = loaded(root, worker_count=2)
    assert problems_one == problems_two and len(problems_one) == 3
    assert "id-ul" in problems_one[0] or "id-ul" in problems_one[1]
    assert one == two


def test_cache_reuses_unchanged_files_and_forgets_deleted_ones(tmp_path):
    root = council_with_defects(tmp_path)
    cache = {}
    first, problems = loaded(root, cache, 2)
    entries = dict(cache)
    edited = sorted(root.glob("rapoarte/*/*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMai mult text.\n", encoding="utf-8")
    (root / "rapoarte" / "stricat.md").unlink()
    second, problems_again = loaded(root, cache, 2)
    assert "rapoarte/stricat.md" not in cache and len(problems_again) == len(problems) - 1
    changed = [path for path in cache if cache[path] is not entries.get(path)]
    assert changed == [edited.relative_to(root).as_posix()]
    assert bodies.read_body(root, second.reports[edited.stem]).endswith("Mai mult text.\n")


def test_files_whose_stamp_is_unchanged_are_not_even_read(tmp_path, monkeypatch):
    # The loader's clock is fixed, and every file's time set relative to it: nothing here waits
    # for real time to pass, or hopes that it has not.
    now = 1_790_000_000 * 10**9
    monkeypatch.setattr(loader, "time", SimpleNamespace(time_ns=lambda: now))
    root = synth.generate(tmp_path / "content", 40).root
    for path in root.rglob("*.md"):
        os.utime(path, ns=(now - 3600 * 10**9,) * 2)
    cache = {}
    loaded(root, cache)
    reads = []
    read = loader._read
    monkeypatch.setattr(loader, "_read", lambda path, *rest: reads.append(path) or read(path, *rest))
    loaded(root, cache)
    assert reads == []
    touched, edited = sorted(root.glob("hotarari/*/*.md"))[:2]
    just_before = now - loader.RACY_NS // 2  # within the clock tick of the load: could change again unseen
    os.utime(touched, ns=(just_before, just_before))  # same bytes, new time: read and hashed, not parsed again
    before = cache[touched.relative_to(root).as_posix()]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nAdăugat.\n", encoding="utf-8")
    os.utime(edited, ns=(just_before, just_before))
    archive, _ = loaded(root, cache)
    assert sorted(reads) == sorted([str(touched), str(edited)])
    assert cache[touched.relative_to(root).as_posix()] is before
    assert bodies.read_body(root, archive.decisions[edited.stem]).endswith("Adăugat.\n")
    reads.clear()
    loaded(root, cache)  # the same moment: still too recent to trust their stamps, hashed again
    assert sorted(reads) == sorted([str(touched), str(edited)])
    reads.clear()
    now += loader.RACY_NS  # their time is safely past: read once more to record the stamp, then never
    loaded(root, cache)
    assert sorted(reads) == sorted([str(touched), str(edited)])
    reads.clear()
    loaded(root, cache)
    assert reads == []
