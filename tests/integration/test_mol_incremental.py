"""Edits of dispositions and documents rebuilt incrementally give the bytes of a cold build: every
page, feed and data file that reads a disposition (its own page, the pages of the dispositions it
changes, the meeting it convenes, the register, the sections of the Monitorul Oficial Local) is
made again through the one dependency map, and nothing else is left stale."""

import shutil

import pytest

from support import trees

pytestmark = pytest.mark.slow


def tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    base = tmp_path_factory.mktemp("mol-incremental")
    content = base / "content"
    shutil.copytree(trees.ROOT / "content", content)
    state = {"runs": 0}

    def build_both():
        state["runs"] += 1
        incremental = trees.build(content, base / "incremental", epoch=trees.EPOCH_2026_11_25, cache=base / "cache")
        assert incremental.returncode == 0, incremental.stderr
        cold_output = base / f"cold-{state['runs']}" / "output"
        cold = trees.build(content, cold_output, epoch=trees.EPOCH_2026_11_25)
        assert cold.returncode == 0, cold.stderr
        a, b = tree(base / "incremental"), tree(cold_output)
        assert sorted(set(a) ^ set(b)) == []
        assert [path for path in a if a[path] != b[path]] == []
        return a

    build_both()  # the first incremental build is a cold one
    return content, build_both


def edit(content, relative, old, new):
    path = content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_publishing_an_amendment_changes_the_amended_disposition(sample):
    content, build_both = sample
    edit(content, "dispozitii/2026/dp-2026-390-modificare-regulament-intern.md",
         "  - {date: 2026-11-23, event: sent-to-prefect}\n",
         "  - {date: 2026-11-23, event: sent-to-prefect}\n  - {date: 2026-11-24, event: published}\n")
    files = build_both()
    amended = files["dispozitii/2024/150/index.html"].decode()
    assert 'href="/dispozitii/2026/390/"' in amended.split('data-status="amended"', 1)[1].split("</p>", 1)[0]


def test_a_new_convening_disposition_links_its_meeting(sample):
    content, build_both = sample
    trees.write(content, "dispozitii/2025/dp-2025-286-convocare-sedinta-iulie.md", """---
title: privind convocarea Consiliului Județean Cluj în ședința ordinară din 31 iulie 2025
number: 286
date: 2025-07-23
issuer: Președintele Consiliului Județean Cluj
events:
  - {date: 2025-07-24, event: published}
---
**Art. 1.** Se convoacă Consiliul Județean Cluj în ședința ordinară din 31 iulie 2025.
""")
    files = build_both()
    assert 'href="/dispozitii/2025/286/"' in files["sedinte/sedinta-2025-07-31/index.html"].decode()


def test_a_body_edit_and_withholding_a_text(sample):
    content, build_both = sample
    edit(content, "dispozitii/2025/dp-2025-265-delegare-atributii-vicepresedinte.md", "publish_text: true\n", "")
    edit(content, "dispozitii/2025/dp-2025-265-delegare-atributii-vicepresedinte.md",
         "summary: Vicepreședintele coordonează direcțiile de investiții și de patrimoniu pe durata mandatului.\n", "")
    files = build_both()
    assert "Se deleagă" not in files["dispozitii/2025/265/index.html"].decode()
    edit(content, "dispozitii/2024/dp-2024-150-regulament-intern-aparat.md", "între orele 8:30 și 16:30",
         "între orele 8:00 și 16:00")
    assert "8:00 și 16:00" in build_both()["dispozitii/2024/150/index.html"].decode()


def test_a_document_linked_to_a_decision(sample):
    content, build_both = sample
    edit(content, "documente/program-achizitii-publice-2026.md", "kind: other\n", "kind: other\ndecision: 38/2026\n")
    files = build_both()
    assert 'href="/documente/program-achizitii-publice-2026/"' in files["hotarari/2026/38/index.html"].decode()
