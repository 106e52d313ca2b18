"""The warm process of `serve` (adapters/warm.py) starts again when what its builds would run changed:
a source file of the package, or a library installed or removed; not when a build writes into the
working directory or the settings file's folder, both on sys.path. Reading the settings to find the
cache's files, it says nothing (the build says it)."""

import logging
import os
import sys
import warnings

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


def test_what_the_settings_file_imports_is_left_for_each_build_to_import(tmp_path, monkeypatch):
    """A settings file that imports another (publishconf → pelicanconf) edited while `serve` runs:
    the warm process must not keep the module it imported to find the cache, or builds would reuse it."""
    (tmp_path / "base_settings_for_test.py").write_text("SITENAME = 'x'\n", encoding="utf-8")
    (tmp_path / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(tmp_path)!r})\nfrom base_settings_for_test import *\n"
        f"TRANSPARENCY = {{'build_cache': {str(tmp_path / 'cache')!r}}}\n", encoding="utf-8")
    path = list(sys.path)
    assert warm.cache_files(["--settings", str(tmp_path / "conf.py"), "--content", str(tmp_path)]) == []
    assert "base_settings_for_test" not in sys.modules and sys.path == path


def test_reading_the_settings_to_find_the_cache_says_nothing(tmp_path, capfd, caplog):
    """The warm process reads the settings before each build only to find the cache's files; the build
    reads them again and says what it has to say of them. Said here too, a warning would be shown
    twice per build, the second time after the build's own end."""
    (tmp_path / "conf.py").write_text(
        "import logging, sys, warnings\n"
        "print('spus la ieșire')\nprint('spus la erori', file=sys.stderr)\n"
        "logging.getLogger('pelican.settings').warning('un avertisment al setărilor')\n"
        "warnings.warn('o setare veche')\n"
        f"TRANSPARENCY = {{'build_cache': {str(tmp_path / 'cache')!r}}}\n"
        "SITEURL = 'https://exemplu.test/'\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        assert warm.cache_files(["--settings", str(tmp_path / "conf.py"), "--content", str(tmp_path)]) == []
    said = capfd.readouterr()
    assert (said.out, said.err) == ("", "")
    assert caplog.records == [] and warned == []
    assert logging.root.manager.disable == logging.NOTSET  # logging as it was, for the build
