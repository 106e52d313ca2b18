"""Reproducible output: the same content built twice with the same
SOURCE_DATE_EPOCH, into two folders, from processes with different hash
seeds, time zones and locales, gives byte-identical trees (every file the
build writes: pages, feeds, search index, calendar, attachments)."""

import pytest

from support import sitechecks, trees

ENVIRONMENTS = (
    {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
    {"PYTHONHASHSEED": "4242", "TZ": "America/Los_Angeles", "LC_ALL": "C", "LANG": "C"},
)


def build_in(whole_site, folder, environment, monkeypatch):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    output = folder / whole_site.root_path.strip("/")
    result = trees.build(whole_site.content, output, epoch=whole_site.epoch, siteurl=whole_site.siteurl)
    assert result.returncode == 0, result.stderr
    return output


@pytest.mark.slow
def test_two_builds_are_byte_identical(whole_site, tmp_path, monkeypatch):
    first, second = (build_in(whole_site, tmp_path / name, environment, monkeypatch)
                     for name, environment in zip(("first", "second"), ENVIRONMENTS))
    files = sitechecks.tree_files(first)
    assert len(files) > 20
    differences = sitechecks.tree_differences(first, second)
    assert not differences, f"{len(differences)} of {len(files)} files differ ({whole_site.name}):\n" + \
        "\n".join(differences)
