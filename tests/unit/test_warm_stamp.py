"""The warm process of `serve` (adapters/warm.py) starts again when what its builds would run changed:
a source file of the package, or a library installed or removed; not when a build writes into the
working directory or the settings file's folder, both on sys.path."""

import os
import sys

from transparency.adapters import warm


def test_a_library_installed_changes_the_code_stamp(tmp_path, monkeypatch):
    monkeypatch.setattr(warm, "library_folders", lambda: [tmp_path])
    before = warm.code_stamp()
    assert warm.code_stamp() == before
    (tmp_path / "newlib-1.0.dist-info").mkdir()
    os.utime(tmp_path, ns=(1, 1))  # the folder's time, changed as installing changes it (whatever the clock)
    assert warm.code_stamp() != before


def test_every_source_file_of_the_package_is_in_the_code_stamp():
    stamped = {path for path, *_ in warm.code_stamp()}
    assert {str(path) for path in warm.PACKAGE.rglob("*.py")} <= stamped
    assert str(warm.PACKAGE / "adapters" / "warm.py") in stamped


def test_the_folders_a_build_writes_into_are_not_in_the_code_stamp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])  # as `python -m` and Pelican's settings put them
    before = warm.code_stamp()
    (tmp_path / "output").mkdir()
    os.utime(tmp_path, ns=(1, 1))
    assert warm.code_stamp() == before
    assert any("site-packages" in str(folder) for folder in warm.library_folders())
