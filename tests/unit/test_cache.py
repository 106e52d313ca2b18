"""The build cache: parts saved and loaded per scope; foreign or broken files ignored."""

from transparency.cache import KEEP_SCOPES, BuildCache, code_version


def test_round_trip_per_scope(tmp_path):
    cache = BuildCache(tmp_path, "content", "output")
    cache.save("content", {"a": [1, 2]})
    assert BuildCache(tmp_path, "content", "output").load("content") == {"a": [1, 2]}
    assert BuildCache(tmp_path, "other", "output").load("content") == {}


def test_other_code_versions_and_broken_files_are_ignored(tmp_path):
    BuildCache(tmp_path, "c", version="old").save("content", {"a": 1})
    assert BuildCache(tmp_path, "c", version="new").load("content") == {}
    cache = BuildCache(tmp_path, "c")
    cache.path("bodies").write_bytes(b"\x80broken")
    assert cache.load("bodies") == {}
    assert code_version() == cache.version


def test_no_folder_means_no_cache(tmp_path):
    cache = BuildCache(None, "c")
    cache.save("content", {"a": 1})
    assert cache.load("content") == {}


def test_only_the_latest_scopes_are_kept(tmp_path):
    for index in range(KEEP_SCOPES + 3):
        BuildCache(tmp_path, f"content-{index}").save("routes", {})
    assert len(list(tmp_path.glob("*.pickle"))) == KEEP_SCOPES
