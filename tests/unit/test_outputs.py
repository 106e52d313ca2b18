"""The output folder: checked paths, atomic writes, deletions limited to the manifest."""

import errno
import json
import os
import re

import pytest

from transparency.build import outputs
from transparency.build.outputs import MANIFEST, OutputError, OutputFolder


def files_under(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_writes_what_it_is_given_and_skips_unchanged_bytes(tmp_path):
    output = OutputFolder(tmp_path / "out")
    assert output.write("a/b/index.html", b"one")
    assert not output.write("a/b/index.html", b"one")
    assert output.write("a/b/index.html", b"two")
    assert (tmp_path / "out/a/b/index.html").read_bytes() == b"two"
    source = tmp_path / "annex.pdf"
    source.write_bytes(b"%PDF-1.4\n" * 1000)
    assert output.copy(source, "fisiere/annex.pdf") and not output.copy(source, "fisiere/annex.pdf")
    assert (tmp_path / "out/fisiere/annex.pdf").read_bytes() == source.read_bytes()


def test_new_files_get_the_usual_permissions(tmp_path):
    OutputFolder(tmp_path).write("page.html", b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "page.html").stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("relative", ["../victim/index.html", "a/../../victim.html", "/tmp/victim.html", "",
                                      "a//b.html", "./a.html", "a/\0.html"])
def test_paths_leaving_the_output_folder_are_refused(tmp_path, relative):
    output = OutputFolder(tmp_path / "out")
    with pytest.raises(OutputError, match="iese din folderul de ieșire"):
        output.write(relative, b"x")
    assert not (tmp_path / "victim").exists() and not (tmp_path / "victim.html").exists()


def test_a_symlinked_folder_leading_out_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    (out / "inside").mkdir(parents=True)
    (out / "comisii").symlink_to(outside)
    (out / "alias").symlink_to(out / "inside")
    output = OutputFolder(out)
    with pytest.raises(OutputError, match="comisii/x/index.html: calea iese"):
        output.write("comisii/x/index.html", b"x")
    (out / "inside/deeper").symlink_to(outside)
    output.write("inside/page.html", b"x")  # its folder is checked now, before the link below it
    with pytest.raises(OutputError, match="inside/deeper/feeds/x.rss: calea iese"):
        output.write("inside/deeper/feeds/x.rss", b"x")
    assert list(outside.iterdir()) == []
    assert output.write("alias/index.html", b"x")  # a link that stays inside is followed
    assert (out / "inside/index.html").read_bytes() == b"x"


def test_a_file_that_is_a_symlink_is_replaced_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep")
    (tmp_path / "out").mkdir()
    (tmp_path / "out/index.html").symlink_to(victim)
    OutputFolder(tmp_path / "out").write("index.html", b"page")
    assert victim.read_bytes() == b"keep"
    assert not (tmp_path / "out/index.html").is_symlink()
    assert (tmp_path / "out/index.html").read_bytes() == b"page"


def test_stale_files_and_their_empty_folders_are_removed(tmp_path):
    output = OutputFolder(tmp_path)
    output.declare({"a/b/index.html", "a/c.html", "keep.html"})
    for name in ("a/b/index.html", "a/c.html", "keep.html"):
        output.write(name, b"x")
    output.finish({"a/b/index.html", "a/c.html", "keep.html"})
    (tmp_path / "a/by-hand.html").write_bytes(b"staff")
    later = OutputFolder(tmp_path)  # a later build: what to delete comes from the manifest
    assert later.finish({"keep.html"}) == ["a/b/index.html", "a/c.html"]
    assert not (tmp_path / "a/b").exists()
    assert (tmp_path / "a/by-hand.html").read_bytes() == b"staff"
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert manifest == {"format": 1, "files": ["keep.html"]}


def test_without_a_manifest_nothing_is_deleted(tmp_path):
    (tmp_path / "old/index.html").parent.mkdir()
    (tmp_path / "old/index.html").write_bytes(b"by hand, or by a build before manifests")
    output = OutputFolder(tmp_path)
    output.write("new.html", b"x")
    assert output.finish({"new.html"}) == []
    assert (tmp_path / "old/index.html").exists()


def test_a_listed_symlink_is_deleted_not_its_target(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep")
    out = tmp_path / "out"
    output = OutputFolder(out)
    output.declare({"page.html"})
    (out / "page.html").symlink_to(victim)
    output.finish(set())
    assert victim.read_bytes() == b"keep" and not (out / "page.html").is_symlink()


def test_a_manifest_naming_files_outside_deletes_nothing_there(tmp_path):
    victim = tmp_path / "victim.html"
    victim.write_bytes(b"keep")
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_text(json.dumps({"format": 1, "files": ["../victim.html"]}), encoding="utf-8")
    with pytest.raises(OutputError, match="victim.html: calea iese"):
        OutputFolder(out).finish(set())
    assert victim.read_bytes() == b"keep"


@pytest.mark.parametrize("text", ["{not json", '{"format": 99, "files": []}', '{"format": 1, "files": [1]}'])
def test_a_damaged_manifest_stops_the_build_with_the_fix(tmp_path, text):
    (tmp_path / MANIFEST).write_text(text, encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        OutputFolder(tmp_path)
    assert caught.value.path.endswith(MANIFEST) and "ștergeți fișierul" in str(caught.value)


def test_files_about_to_be_written_are_in_the_manifest_first(tmp_path):
    output = OutputFolder(tmp_path)
    output.declare(["a.html", "b.html"])
    listed = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert listed == ["a.html", "b.html"] and not (tmp_path / "a.html").exists()


def full_disk_after(limit):
    """A stand-in for outputs._write_all on a disk with `limit` bytes free."""
    written = []

    def write_all(fd, data):
        room = limit - sum(written)
        os.write(fd, data[:max(room, 0)])
        written.append(min(len(data), max(room, 0)))
        if room < len(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    return write_all


def test_a_full_disk_leaves_the_previous_file_whole(tmp_path, monkeypatch):
    output = OutputFolder(tmp_path)
    output.write("lunr.min.js", b"old " * 100)
    monkeypatch.setattr(outputs, "_write_all", full_disk_after(10))
    with pytest.raises(OutputError) as caught:
        output.write("lunr.min.js", b"new " * 100)
    assert (tmp_path / "lunr.min.js").read_bytes() == b"old " * 100
    assert sorted(files_under(tmp_path)) == ["lunr.min.js"]  # no temporary file left
    assert str(caught.value).startswith(f"Construirea a fost oprită: {tmp_path}/lunr.min.js: nu mai este loc pe disc")
    assert "(ENOSPC)" in str(caught.value)


def test_a_failed_copy_leaves_no_file(tmp_path, monkeypatch):
    source = tmp_path / "annex.pdf"
    source.write_bytes(b"%PDF" * 1000)
    output = OutputFolder(tmp_path / "out")
    monkeypatch.setattr(outputs, "_write_all", full_disk_after(100))
    with pytest.raises(OutputError, match="nu mai este loc pe disc"):
        output.copy(source, "fisiere/annex.pdf")
    assert files_under(tmp_path / "out") == {}


@pytest.mark.parametrize("code, said", [(errno.EROFS, "discul este montat doar pentru citire (EROFS)"),
                                        (errno.EACCES, "lipsește dreptul de scriere (EACCES)")])
def test_a_folder_that_cannot_be_written_is_named(tmp_path, monkeypatch, code, said):
    output = OutputFolder(tmp_path)
    output.write("404.html", b"old")

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(outputs.os, "replace", refuse)
    with pytest.raises(OutputError, match=re.escape(f"404.html: {said}")):
        output.write("404.html", b"new")
    monkeypatch.undo()
    assert files_under(tmp_path) == {"404.html": b"old"}


def test_an_output_error_in_a_worker_comes_back_as_itself(tmp_path):
    output = OutputFolder(tmp_path)

    def write(claimed):  # the jobs come one at a time, as this process takes them
        done = []
        for name in claimed:
            output.write("../escape.html" if name == "job-70" else f"{name}.html", b"x")
            done.append(name)
        return done

    jobs = [f"job-{n}" for n in range(100)]  # enough for two worker processes
    with pytest.raises(OutputError, match="escape.html: calea iese"):
        outputs.in_workers(write, jobs, 2)
    assert outputs.in_workers(lambda claimed: list(claimed), jobs, 2) == jobs


def test_a_source_swapped_for_a_link_after_the_check_is_refused_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET\n")
    source = tmp_path / "annex.pdf"
    source.symlink_to(secret)
    output = OutputFolder(tmp_path / "out")
    with pytest.raises(OutputError):
        output.copy(source, "fisiere/annex.pdf")
    assert not (tmp_path / "out" / "fisiere" / "annex.pdf").exists()


@pytest.mark.parametrize("files", [set(), {"index.html"}, {"b/index.html", "a.html", "ședința/ţ.html", 'q"\\\n.txt',
                                                           "\u2028", "é" * 3, "z/\x7f"}])
def test_the_manifest_is_what_json_writes_with_an_indent_of_zero(files):
    expected = json.dumps({"format": outputs.MANIFEST_FORMAT, "files": sorted(files)}, indent=0) + "\n"
    assert outputs.manifest_bytes(files) == expected.encode("utf-8")


def test_a_build_killed_half_way_leaves_temporaries_the_next_build_removes(tmp_path, monkeypatch):
    """An administrator's review: a build interrupted (Ctrl-C, SIGKILL) left `.transparency-*.tmp` files
    beside the pages, which no later build removed, which an upload published and `verify` refused."""
    first = OutputFolder(tmp_path)
    first.write("index.html", b"old")
    monkeypatch.setattr(outputs.os, "replace", lambda *args: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):  # killed between the temporary's bytes and its rename
        first.write("sedinte/s1/index.html", b"half")
    monkeypatch.undo()
    left = [name for name in files_under(tmp_path) if name.endswith(".tmp")]
    assert left and all(name.startswith(f"{outputs.SCRATCH}/") for name in left)  # in one known folder
    second = OutputFolder(tmp_path)
    second.clear_scratch()
    second.write("sedinte/s1/index.html", b"whole")
    second.finish({"index.html", "sedinte/s1/index.html"})
    assert sorted(files_under(tmp_path)) == [MANIFEST, "index.html", "sedinte/s1/index.html"]
    assert not (tmp_path / outputs.SCRATCH).exists()
