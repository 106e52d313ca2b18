"""The content folder is listed without following a single symbolic link, and every
link, special file or unusable name is refused with a reason."""

import os

import pytest

from transparency.source import content_tree


@pytest.fixture()
def tree(tmp_path):
    root = tmp_path / "content"
    (root / "pages").mkdir(parents=True)
    (root / "pages" / "despre.md").write_text("x", encoding="utf-8")
    (root / "pages" / ".gitkeep").write_text("", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("x", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("secret", encoding="utf-8")
    return root, outside


def refused(root):
    return {r.relative: r.message for r in content_tree.scan(root).refused}


def test_plain_files_are_listed_and_dotfiles_passed_over(tree):
    root, _ = tree
    listing = content_tree.scan(root)
    assert listing.files == ["pages/despre.md"] and listing.refused == [] and listing.hidden == []


def test_a_hidden_file_or_folder_staff_put_there_is_listed_apart_and_said(tree):
    from support import trees
    from transparency.source import pipeline

    root, _ = tree
    (root / "pages" / ".ciorna.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (root / ".obsidian").mkdir()
    (root / ".obsidian" / "app.json").write_text("{}", encoding="utf-8")
    assert content_tree.scan(root).hidden == [".obsidian", "pages/.ciorna.md"]
    council = trees.copy_fixture("minimal", root.parent / "council")
    (council / "pages" / ".ciorna.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    said = [p for p in pipeline.check(council).problems.items if p.path.endswith(".ciorna.md")]
    assert [(p.severity, p.field) for p in said] == [("notice", "fișier")] and "nu se publică" in said[0].message


def test_links_are_refused_with_where_they_point_and_never_entered(tree):
    root, outside = tree
    os.symlink(outside, root / "pages" / "extern")
    os.symlink(outside / "secret.md", root / "pages" / "secret.md")
    os.symlink("despre.md", root / "pages" / "copie.md")
    os.symlink("bucla.md", root / "pages" / "bucla.md")
    os.symlink("nicaieri.md", root / "pages" / "lipsa.md")
    os.symlink(root, root / "pages" / "sus")
    said = refused(root)
    assert content_tree.scan(root).files == ["pages/despre.md"]  # nothing behind a link is listed
    assert said.keys() == {"pages/extern", "pages/secret.md", "pages/copie.md", "pages/bucla.md", "pages/lipsa.md",
                           "pages/sus"}
    assert f"„{outside}”, în afara dosarului content/" in said["pages/extern"]
    assert "în afara dosarului content/" in said["pages/secret.md"]
    assert "nici în content/" in said["pages/copie.md"] and "nici în content/" in said["pages/sus"]
    assert "buclă" in said["pages/bucla.md"]
    assert "care nu există" in said["pages/lipsa.md"]


def test_names_that_are_not_utf8_or_hold_control_characters_are_refused(tree):
    root, _ = tree
    (root / os.fsdecode(b"pages/proiect-\xe9.md")).write_text("x", encoding="utf-8")
    (root / "pages" / "rand\nnou.md").write_text("x", encoding="utf-8")
    (root / os.fsdecode(b"dosar-\xff")).mkdir()
    (root / os.fsdecode(b"dosar-\xff") / "pagina.md").write_text("x", encoding="utf-8")
    said = refused(root)
    assert "UTF-8" in said[os.fsdecode(b"pages/proiect-\xe9.md")]
    assert "UTF-8" in said[os.fsdecode(b"dosar-\xff")]  # and its files are not listed one by one
    assert "U+000A" in said["pages/rand\nnou.md"]
    assert content_tree.scan(root).files == ["pages/despre.md"]


def test_special_files_are_refused_not_opened(tree):
    root, _ = tree
    os.mkfifo(root / "pages" / "teava.md")  # reading it would block the build for ever
    assert "nu este un fișier obișnuit" in refused(root)["pages/teava.md"]


def test_folders_deeper_than_pythons_call_stack_are_listed(tree):
    root, _ = tree
    deep = str(root)
    for _ in range(1100):  # one by one: os.makedirs itself recurses
        deep = os.path.join(deep, "d")
        os.mkdir(deep)
    with open(os.path.join(deep, "x.txt"), "w", encoding="utf-8") as handle:
        handle.write("x")
    try:
        assert "/".join(["d"] * 1100 + ["x.txt"]) in content_tree.scan(root).files
    finally:  # removed one by one too: shutil.rmtree recurses
        os.remove(os.path.join(deep, "x.txt"))
        while deep != str(root):
            os.rmdir(deep)
            deep = os.path.dirname(deep)


def test_regular_file_goes_through_plain_folders_to_a_plain_file_only(tree):
    root, outside = tree
    (root / "pages" / "anexe").mkdir()
    (root / "pages" / "anexe" / "a.pdf").write_bytes(b"12345")
    os.symlink(outside / "secret.md", root / "pages" / "anexe" / "passwd.pdf")
    os.symlink(outside, root / "pages" / "extern")
    os.mkfifo(root / "pages" / "anexe" / "teava.pdf")
    assert content_tree.regular_file(root, "pages/anexe/a.pdf") == (5, "")
    size, why = content_tree.regular_file(root, "pages/anexe/passwd.pdf")
    assert size == -1 and "este o legătură simbolică" in why
    size, why = content_tree.regular_file(root, "pages/extern/secret.md")
    assert size == -1 and "trece prin legătura simbolică content/pages/extern" in why
    assert content_tree.regular_file(root, ".git/config") == (-1, content_tree.regular_file(root, ".x")[1])
    assert "ascuns" in content_tree.regular_file(root, ".git/config")[1]
    assert content_tree.regular_file(root, "pages/anexe/lipsa.pdf") == (-1, "nu există")
    assert content_tree.regular_file(root, "pages/despre.md/x") == (-1, "nu există")
    assert content_tree.regular_file(root, "pages/anexe/teava.pdf") == (-1, "nu este un fișier obișnuit")
    assert content_tree.regular_file(root, "pages/a\0b.pdf")[0] == -1  # no ValueError from the OS layer
