"""Reproducible output: the same content built again with the same
SOURCE_DATE_EPOCH, into another folder, from a process with another hash
seed, time zone and locale, gives a byte-identical tree (every file the build
writes: pages, feeds, search index, calendar, attachments)."""

from support import sitechecks, trees


def test_two_builds_are_byte_identical(whole_site, tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONHASHSEED", "4242")
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    monkeypatch.setenv("LC_ALL", "C")
    monkeypatch.setenv("LANG", "C")
    second = tmp_path / "again" / whole_site.root_path.strip("/")
    result = trees.build(whole_site.content, second, epoch=whole_site.epoch, siteurl=whole_site.siteurl)
    assert result.returncode == 0, result.stderr
    files = sitechecks.tree_files(whole_site.output)
    assert len(files) > 20
    differences = sitechecks.tree_differences(whole_site.output, second)
    assert not differences, f"{len(differences)} of {len(files)} files differ ({whole_site.name}):\n" + \
        "\n".join(differences)
