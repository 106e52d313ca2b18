"""An index declared as made without the documents' text fields (`Index.reads_text = False`)
really is: every title and summary of a council rewritten, its entries come out the same. The
build relies on it to keep such an index's entries after a title edit without computing it
(site/inputs.py `fingerprints`)."""

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from bench import synth
from transparency.domain.model import TEXT_FIELDS
from transparency.publish.feeds import FeedCatalog
from transparency.site.views import SiteModel
from transparency.source import pipeline

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2026, 11, 25)


def rewrite_text_fields(folder: Path) -> int:
    """Give every document a new title and summary (top-level keys of its front matter, a value
    on one line or a block); returns how many documents were rewritten."""
    rewritten = 0
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            continue
        end = text.index("\n---", 4)
        lines, kept, skipping = text[4:end].split("\n"), [], False
        for line in lines:
            key = line.split(":", 1)[0]
            if key in TEXT_FIELDS and not line.startswith((" ", "\t")):
                kept.append(f"{key}: {json.dumps(f'Alt text pentru {path.stem} ({key})', ensure_ascii=False)}")
                skipping = True  # the lines of a block value that follow
            elif skipping and (line.startswith((" ", "\t")) or not line.strip()):
                continue
            else:
                skipping = False
                kept.append(line)
        path.write_text("---\n" + "\n".join(kept) + text[end:], encoding="utf-8")
        rewritten += 1
    return rewritten


def site_with_every_index(content: Path) -> SiteModel:
    site = SiteModel(pipeline.check(content), DAY, "https://example.test")
    FeedCatalog(site)  # the feeds' indexes (and their entries' `member-votes`)
    return site


@pytest.fixture(scope="module", params=["sample", "synthetic"])
def councils(request, tmp_path_factory):
    base = tmp_path_factory.mktemp(f"text-{request.param}")
    before = base / "before"
    if request.param == "sample":
        shutil.copytree(ROOT / "content", before)
    else:
        synth.generate(before, 150)
    after = base / "after"
    shutil.copytree(before, after)
    assert rewrite_text_fields(after) > 20
    return site_with_every_index(before), site_with_every_index(after)


def test_the_rewrite_changed_every_title(councils):
    before, after = councils
    assert not before.checked.problems.errors and not after.checked.problems.errors
    for kind in ("decisions", "reports", "meetings"):
        old, new = getattr(before.checked.archive, kind), getattr(after.checked.archive, kind)
        assert old.keys() == new.keys() and old
        assert all(old[key].title != new[key].title for key in old)


def test_an_index_made_without_text_fields_comes_out_the_same(councils):
    before, after = councils
    assert before.indexes.keys() == after.indexes.keys()
    without_text = [name for name, index in before.indexes.items() if not index.reads_text]
    assert {"topic-labels", "member-votes", "amended_by"} <= set(without_text)
    for name in without_text:
        assert before.indexes[name].fingerprints() == after.indexes[name].fingerprints(), \
            f"index {name} changes with the titles: declare it reads_text=True"
