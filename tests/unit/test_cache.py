"""The build cache: parts saved and loaded per scope; foreign or broken files ignored."""

from importlib import metadata

from transparency.build import cache as cache_module
from transparency.build.cache import KEEP_SCOPES, BuildCache, Shards, code_version, library_versions


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


def test_store_folders_are_emptied_for_another_code_version(tmp_path):
    folder = BuildCache(tmp_path, "c", version="old").store_folder("bodies")
    (folder / "entry").write_text("x")
    assert (BuildCache(tmp_path, "c", version="old").store_folder("bodies") / "entry").exists()
    assert list(BuildCache(tmp_path, "c", version="new").store_folder("bodies").iterdir()) == [folder / ".version"]
    assert BuildCache(None, "c").store_folder("bodies") is None


def shards(folder):
    return Shards(folder, shard_of=lambda name: name[0], stamp_of=lambda value: value)


def test_shards_rewrite_only_the_files_whose_entries_changed(tmp_path):
    first = shards(tmp_path)
    first.save({"a1": 1, "a2": 2, "b1": 3})
    written = {path.name: path.stat().st_ino for path in tmp_path.iterdir()}
    again = shards(tmp_path)
    entries = again.load()
    assert entries == {"a1": 1, "a2": 2, "b1": 3} and len(written) == 2
    entries["b1"] = 4
    del entries["a2"]
    entries["c1"] = 5
    again.save(entries)
    after = {path.name: path.stat().st_ino for path in tmp_path.iterdir()}
    assert len(after) == 3 and sum(after.get(name) == stamp for name, stamp in written.items()) == 0
    entries.pop("c1")
    again.save(entries)  # a shard left empty loses its file
    assert len(list(tmp_path.iterdir())) == 2 and shards(tmp_path).load() == {"a1": 1, "b1": 4}


def test_an_unchanged_shard_is_not_written_again_and_a_broken_one_is_ignored(tmp_path):
    shards(tmp_path).save({"a1": 1, "b1": 2})
    stamps = {path.name: path.stat().st_ino for path in tmp_path.iterdir()}
    loaded = shards(tmp_path)
    entries = loaded.load()
    entries["b1"] = 3
    loaded.save(entries)
    unchanged = [name for name, stamp in stamps.items() if (tmp_path / name).stat().st_ino == stamp]
    assert len(unchanged) == 1
    (tmp_path / unchanged[0]).write_bytes(b"broken")
    assert shards(tmp_path).load() == {"b1": 3}


def test_a_damaged_or_altered_file_is_never_unpickled(tmp_path, capsys):
    cache = BuildCache(tmp_path, "c")
    cache.save("content", {"a": 1})
    data = bytearray(cache.path("content").read_bytes())
    data[-3] ^= 0x01  # one bit flipped in the pickled payload: it might still unpickle
    cache.path("content").write_bytes(bytes(data))
    assert cache.load("content") == {}
    assert "deteriorat" in capsys.readouterr().err
    assert not cache.path("content").exists()  # discarded, then made again by the next save


def test_a_file_an_earlier_version_sealed_is_dropped_without_a_word(tmp_path, capsys):
    """Upgrading changes the seal; the files sealed before are expected there, not damage."""
    cache = BuildCache(tmp_path, "c")
    cache.save("content", {"a": 1})
    older = cache_module.OLDER_SEALS[0] + bytes(32) + cache.path("content").read_bytes()[len(cache_module.SEAL) + 4:]
    cache.path("content").write_bytes(older)
    assert cache.load("content") == {} and capsys.readouterr().err == ""
    assert not cache.path("content").exists()
    cache.save("content", {"a": 2})
    assert BuildCache(tmp_path, "c").load("content") == {"a": 2}


def test_a_corrupt_version_stamp_empties_the_store_instead_of_failing(tmp_path):
    folder = BuildCache(tmp_path, "c").store_folder("bodies")
    (folder / ".version").write_bytes(b"\xff\xfe not utf-8")
    (folder / "entry").write_text("x")
    assert list(BuildCache(tmp_path, "c").store_folder("bodies").iterdir()) == [folder / ".version"]
    (folder / ".version").unlink()
    (folder / ".version").mkdir()
    assert (BuildCache(tmp_path, "c").store_folder("bodies") / ".version").is_file()


def test_the_versions_of_every_library_that_shapes_output_are_in_the_key():
    names = dict(library_versions())
    # pyproject's own dependencies, and libraries they bring that shape bytes (feedgen → lxml,
    # pelican → jinja2 → markupsafe, icalendar → tzdata); none of them listed by hand in the code.
    for name in ("markdown", "pyyaml", "nh3", "pelican", "feedgen", "lxml", "icalendar", "tzdata",
                 "jinja2", "markupsafe", "babel", "beautifulsoup4", "lunr"):
        assert names.get(name) == metadata.version(name), name
    assert "pytest" not in names and "hypothesis" not in names  # test extras do not shape output


def test_code_version_covers_files_in_sub_packages(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    (package / "domain").mkdir(parents=True)
    (package / "domain" / "model.py").write_text("A = 1\n")
    (package / "build").mkdir()
    (package / "build" / "cache.py").write_text("")
    monkeypatch.setattr(cache_module, "__file__", str(package / "build" / "cache.py"))
    before = code_version()
    (package / "domain" / "model.py").write_text("A = 2\n")
    assert code_version() != before


def test_loading_a_cache_leaves_the_cycle_collector_as_it_was(tmp_path):
    import gc

    from transparency.build import cache as build_cache

    target = tmp_path / "part.pickle"
    build_cache.seal(target, {"many": [[i] for i in range(50_000)]})
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            assert build_cache.unseal(target)["many"][-1] == [49_999]
            assert gc.isenabled() is enabled
        finally:
            gc.enable()


def test_a_warm_process_hands_over_each_file_it_read_once_and_only_while_unchanged(tmp_path):
    """adapters/warm.py: the values read before a build stand in for their files, each taken once
    (a build may change what it was given) and never once the file was written again."""
    cache = BuildCache(tmp_path, "c")
    cache.save("content", {"a": 1})
    cache.save("holidays", {"h": 1})
    kept = cache_module.preloaded(cache.sealed_files(), {})
    assert sorted(kept) == sorted(str(p) for p in (cache.path("content"), cache.path("holidays")))
    value = kept[str(cache.path("content"))][1]
    token = cache_module.PRELOADED.set(kept)
    try:
        given = cache.load("content")
        assert given is value["data"]  # the very value: no file read
        given["a"] = 2  # changed by the build that was given it
        assert cache.load("content") == {"a": 1}  # the next load reads the file
        cache.save("holidays", {"h": 2})  # written again (a new file) after the values were read
        assert cache.load("holidays") == {"h": 2}
    finally:
        cache_module.PRELOADED.reset(token)


def test_values_read_for_a_warm_process_are_read_again_only_where_a_file_changed(tmp_path):
    cache = BuildCache(tmp_path, "c")
    cache.save("content", {"a": 1})
    cache.save("holidays", {"h": 1})
    first = cache_module.preloaded(cache.sealed_files(), {})
    cache.save("holidays", {"h": 2})
    cache.path("content").with_name("ignored.txt").write_text("not sealed")
    second = cache_module.preloaded(cache.sealed_files(), first)
    assert second[str(cache.path("content"))] is first[str(cache.path("content"))]
    assert second[str(cache.path("holidays"))][1]["data"] == {"h": 2}
    cache.path("holidays").write_bytes(b"\x80broken")  # damaged: dropped, as a build would
    assert str(cache.path("holidays")) not in cache_module.preloaded(cache.sealed_files(), second)


def test_the_sealed_files_of_a_scope_include_its_folders_and_no_other_scope(tmp_path):
    cache = BuildCache(tmp_path, "c", "o")
    cache.save("content", {"a": 1})
    shards = Shards(cache.store_folder("bodies"), shard_of=lambda key: key[:1], stamp_of=len)
    shards.save({"x1": "one", "y2": "two"})
    BuildCache(tmp_path, "other").save("content", {"b": 1})
    found = cache.sealed_files()
    assert cache.path("content") in found and len(found) == 3
    assert all(cache.scope in str(path) for path in found)


def test_a_code_version_computed_once_stands_for_the_code(tmp_path):
    token = cache_module.KNOWN_CODE_VERSION.set("computed-once")
    try:
        assert BuildCache(tmp_path, "c").version == "computed-once"
    finally:
        cache_module.KNOWN_CODE_VERSION.reset(token)
    assert BuildCache(tmp_path, "c").version == code_version() != "computed-once"
