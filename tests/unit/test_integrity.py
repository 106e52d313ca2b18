"""The integrity manifest's bytes, written entry by entry, are those of json.dumps."""

import json
import string

from hypothesis import given
from hypothesis import strategies as st

from transparency.publish import integrity

PATHS = st.text(alphabet=string.ascii_letters + "/._-ăîșțâ\"\\\n \u2028", min_size=1, max_size=20)
DIGESTS = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)
FILES = st.dictionaries(PATHS, st.tuples(st.integers(min_value=0, max_value=10**12), DIGESTS), max_size=8)
WORDS = st.text(max_size=30)  # site and commit as written in settings and git: any text


@given(FILES, WORDS, WORDS, WORDS)
def test_the_manifest_is_what_json_dumps_gives(files, commit, site, day):
    expected = {"format": integrity.FORMAT, "site": site, "commit": commit or None, "build_day": day,
                "algorithm": "sha256", "count": len(files),
                "files": [{"path": path, "size": size, "sha256": digest}
                          for path, (size, digest) in sorted(files.items())]}
    written = integrity.manifest_file(files, commit=commit, site=site, day=day)
    assert written == (json.dumps(expected, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def test_a_site_address_that_holds_the_files_key_is_left_as_written():
    files = {"index.html": (3, "0" * 64)}
    site = '"files": []'
    manifest = json.loads(integrity.manifest_file(files, commit="", site=site, day="2026-12-03"))
    assert manifest["site"] == site and manifest["files"] == [{"path": "index.html", "size": 3, "sha256": "0" * 64}]


def test_stamps_taken_while_checking_outputs_spare_asking_the_disk_again(tmp_path, monkeypatch):
    from transparency.publish.dependencies import intact
    from transparency.publish.records import Stamp

    for name, text in {"a/index.html": "A", "b/index.html": "BB"}.items():
        (tmp_path / name).parent.mkdir(parents=True)
        (tmp_path / name).write_text(text)
    paths = ["a/index.html", "b/index.html"]
    stamps = {path: Stamp.of(tmp_path / path) for path in paths}
    observed: dict = {}
    assert intact(tmp_path, paths, stamps, observed)
    expected = integrity.digests(str(tmp_path), paths, {})  # every file stat'ed and read
    asked = []
    real_stat = integrity.os.stat
    monkeypatch.setattr(integrity.os, "stat", lambda path, *a, **k: asked.append(path) or real_stat(path, *a, **k))
    assert integrity.digests(str(tmp_path), paths, {}, observed) == expected
    assert asked == []  # the stamps `intact` took were used
