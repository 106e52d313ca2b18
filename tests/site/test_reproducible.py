"""Reproducible output: the same content built twice with the same
SOURCE_DATE_EPOCH, into two folders, from processes with different hash
seeds, time zones and locales, gives byte-identical trees (every file the
build writes: pages, feeds, search index, calendar, attachments).

Each build starts from an empty build cache of its own, so that reading,
parsing, rendering and indexing all run again under the second environment
(a shared cache would hand the second build the first one's results); the
developer's cache (.cache/transparency) is never used.
"""

import pytest

from support import sitechecks, trees

ENVIRONMENTS = (
    {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
    # At the build's noon in Bucharest it is already the next day on Kiritimati (UTC+14).
    {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "C", "LANG": "C"},
)
# The councils of the whole-site checks (tests/conftest.py), built here from their content alone.
COUNCILS = {
    "sample": (trees.ROOT / "content", "https://example.test"),
    "unseen": (trees.FIXTURES / "unseen", "https://primaria.example.test/transparenta"),
}


def build_in(folder, council, environment):
    content, siteurl = COUNCILS[council]
    output, cache = folder / "output", folder / "cache"
    result = trees.build(content, output, epoch=trees.EPOCH_2026_11_25, siteurl=siteurl, cache=cache,
                         env=environment)
    assert result.returncode == 0, result.stderr
    assert any(cache.iterdir()), "the build did not use the cache it was given"
    return output


@pytest.mark.slow
@pytest.mark.parametrize("council", sorted(COUNCILS))
def test_two_builds_are_byte_identical(council, tmp_path):
    first, second = (build_in(tmp_path / name, council, environment)
                     for name, environment in zip(("first", "second"), ENVIRONMENTS))
    files = sitechecks.tree_files(first)
    assert len(files) > 20
    differences = sitechecks.tree_differences(first, second)
    assert not differences, f"{len(differences)} of {len(files)} files differ ({council}):\n" + \
        "\n".join(differences)
