"""The cross-file checks kept between checks (source/pipeline.py, `front_checks`): the same
problems as a check without cache, and not run again while only bodies or titles changed."""

from pathlib import Path

import holidays
import pytest

from support.trees import EPOCH_2025_11_25, copy_fixture
from transparency.build.cache import BuildCache
from transparency.domain import deadlines
from transparency.source import pipeline

DECISION = "hotarari/2025/rectificare-buget.md"


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_11_25)
    return copy_fixture("minimal", tmp_path / "content")


@pytest.fixture
def runs(monkeypatch) -> list:
    """One entry each time the checks across files run (validate.check, the first of them)."""
    calls, real = [], pipeline.validate.check
    monkeypatch.setattr(pipeline.validate, "check", lambda *args: (calls.append(1), real(*args))[1])
    return calls


def reported(checked) -> list[str]:
    return sorted(str(problem) for problem in checked.problems.items)


def cached_and_fresh(content: Path, cache: Path) -> tuple[list[str], list[str]]:
    cached, _ = pipeline.check_cached(content, BuildCache(cache, content))
    return reported(cached), reported(pipeline.check(content))


def edit(content: Path, old: str, new: str) -> None:
    path = content / DECISION
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_a_body_or_title_edit_keeps_them_a_front_edit_checks_again(content, tmp_path, runs):
    cached, fresh = cached_and_fresh(content, tmp_path / "cache")
    assert cached == fresh and len(runs) == 2  # the cached check, then the check without cache

    edit(content, "\n---\n", "\n---\n\nUn paragraf nou în textul hotărârii.\n\n")  # the body
    edit(content, "title: ", "title: Nou, ")
    cached, fresh = cached_and_fresh(content, tmp_path / "cache")
    assert cached == fresh and len(runs) == 3  # kept: only the check without cache ran them

    edit(content, "number: 40", "number: 5")  # the number of buget-2025.md: a numbering error
    cached, fresh = cached_and_fresh(content, tmp_path / "cache")
    assert cached == fresh and len(runs) == 5
    assert any("numărul 5/2025" in line for line in cached)


def test_another_build_day_checks_again(content, tmp_path, runs, monkeypatch):
    cached_and_fresh(content, tmp_path / "cache")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH_2025_11_25) + 400 * 86400))  # deadlines pass
    cached, fresh = cached_and_fresh(content, tmp_path / "cache")
    assert cached == fresh and len(runs) == 4


def test_the_holidays_are_kept_and_the_next_check_asks_none(content, tmp_path, monkeypatch):
    """The deadlines' calendar: the holidays of the years the check needed are kept (the
    `holidays` package's own answer), and the next check, its cross-file checks run again
    (another build day), takes them from the cache without asking the package."""
    first, _ = pipeline.check_cached(content, BuildCache(tmp_path / "cache", content))
    kept = BuildCache(tmp_path / "cache", content).load(pipeline.HOLIDAYS)
    assert kept and kept == first.working_days.known
    assert all(days == frozenset(holidays.country_holidays("RO", years=year)) for year, days in kept.items())

    asked = []
    monkeypatch.setattr(deadlines, "romanian_holidays", lambda year: asked.append(year) or frozenset())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH_2025_11_25) + 86400))
    again, _ = pipeline.check_cached(content, BuildCache(tmp_path / "cache", content))
    assert asked == [] and reported(again) == reported(first)
