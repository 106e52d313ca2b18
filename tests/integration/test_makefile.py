"""The Makefile's folders (an outside review): CONTENT, OUTPUT and CACHE reach each command whole, spaces
and all (a folder with a space was split into "unrecognized arguments"); `make clean` deletes the
output folder and the build cache it is given, and nothing else; `make help` and the README say the
same of `make check`; `make verify` checks a copy of the site from a checkout, as a reader would."""

from __future__ import annotations

import hashlib
import os
import shlex
import subprocess

import pytest

from support import trees

ROOT = trees.ROOT
MAKEFILE = str(ROOT / "Makefile")
ENV = {**os.environ, "SOURCE_DATE_EPOCH": trees.EPOCH_2025_11_25}


def make(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    """`make ARGS` with the virtual environment running the tests taken as installed (-o: never
    reinstalled from within a test, whatever the times of pyproject.toml in a fresh checkout)."""
    return subprocess.run(["make", "-s", "-f", MAKEFILE, "-o", ".venv/.installed", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=300)


def command_of(target: str, *settings: str) -> list[str]:
    """The arguments `make TARGET` gives the program, as the shell splits its command line."""
    shown = subprocess.run(["make", "-n", target, *settings], cwd=ROOT, env=ENV, capture_output=True, text=True,
                           timeout=60)
    assert shown.returncode == 0, shown.stderr
    [line] = [line for line in shown.stdout.splitlines() if "-m transparency" in line]
    return shlex.split(line)


@pytest.mark.parametrize("target", ["html", "publish", "serve", "check"])
def test_each_folder_reaches_the_command_whole_spaces_and_all(target, tmp_path):
    content, output, cache = (str(tmp_path / f"{name} cu spațiu") for name in ("conținut", "ieșire", "cache"))
    argv = command_of(target, f"CONTENT={content}", f"OUTPUT={output}", f"CACHE={cache}")
    given = {argv[i]: argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg.startswith("--")}
    assert given["--cache"] == cache
    if target == "check":
        assert content in argv and output not in argv
    else:
        assert given["--content"] == content and given["--output"] == output


def test_make_check_reads_a_content_folder_whose_path_has_a_space(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "conținut cu spațiu")
    result = make("check", f"CONTENT={content}", f"CACHE={tmp_path / 'cache cu spațiu'}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "cache cu spațiu").is_dir()


def built(folder, record: bool = True):
    trees.write(folder, "index.html", "<p>site</p>")
    if record:
        trees.write(folder, ".transparency-manifest.json", "{}")
    return folder


def test_make_clean_deletes_the_output_and_cache_it_is_given_and_nothing_else(tmp_path):
    """It ignored OUTPUT= and CACHE= (deleting output/ and the whole .cache/ instead)."""
    built(tmp_path / "output")
    trees.write(tmp_path, ".cache/transparency/content-0a.pickle", "x")
    trees.write(tmp_path, ".cache/pip/wheel", "not ours")  # GitLab's pip cache lives in .cache/ too
    built(tmp_path / "site cu spațiu")
    trees.write(tmp_path, "cache cu spațiu/content-0a.pickle", "x")
    result = make("clean", "OUTPUT=site cu spațiu", "CACHE=cache cu spațiu", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tmp_path / "site cu spațiu").exists() and not (tmp_path / "cache cu spațiu").exists()
    assert (tmp_path / "output/index.html").exists() and (tmp_path / ".cache/transparency").exists()
    result = make("clean", cwd=tmp_path)  # the defaults: output/ and the settings' .cache/transparency
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tmp_path / "output").exists() and not (tmp_path / ".cache/transparency").exists()
    assert (tmp_path / ".cache/pip/wheel").exists()
    assert make("clean", cwd=tmp_path).returncode == 0  # nothing left to delete: nothing said


@pytest.mark.parametrize("setting", ["OUTPUT=.", "OUTPUT=..", "OUTPUT=/", "CACHE=.", "CACHE=conținut",
                                     "OUTPUT=conținut", "OUTPUT=documente"])
def test_make_clean_refuses_a_folder_that_is_not_only_the_builds(tmp_path, setting):
    """A folder that holds the working folder or the content, or an output folder without the build's
    record of what it wrote (.transparency-manifest.json), is refused: nothing is deleted."""
    work = tmp_path / "proiect"
    built(work / "output")
    trees.write(work, "conținut/pages/p.md", "---\ntitle: P\n---\n")
    trees.write(work, "documente/raport.pdf", "%PDF")
    result = make("clean", setting, "CONTENT=conținut", cwd=work)
    assert result.returncode != 0
    assert "make clean" in result.stdout + result.stderr
    assert (work / "output/index.html").exists() and (work / "conținut/pages/p.md").exists()
    assert (work / "documente/raport.pdf").exists()


def test_help_and_readme_say_the_same_of_make_check():
    """`make help` said check "writes nothing", the README "writes nothing but its cache"."""
    [line] = [line for line in make("help").stdout.splitlines() if line.startswith("make check")]
    assert "writes nothing but its cache" in line
    assert "writes nothing but its cache" in (ROOT / "README.md").read_text(encoding="utf-8")


def small_copy(root):
    """A copy of a site with one page and its (unsigned) manifest, as the build writes them."""
    from transparency.publish import integrity

    page = b"<p>pagina</p>"
    files = {"index.html": (len(page), hashlib.sha256(page).hexdigest())}
    trees.write(root, "index.html", "").write_bytes(page)
    trees.write(root, integrity.MANIFEST, "").write_bytes(
        integrity.manifest_file(files, commit="", site="https://example.test", day="2025-11-25"))
    trees.write(root, integrity.SUMS, "").write_bytes(integrity.sums_file(files))
    return root


def test_make_verify_checks_a_copy_from_a_checkout(tmp_path):
    """`python -m transparency verify` works only with the plugins on the path, in the project's
    environment: the documented command for a third party with a checkout is `make verify`."""
    copy = small_copy(tmp_path / "copie cu spațiu")
    result = make("verify", f"WHERE={copy}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Copia corespunde manifestului: 1 fișier verificat" in result.stdout
    (copy / "index.html").write_bytes(b"<p>schimbat</p>")
    result = make("verify", f"WHERE={copy}")
    # make's own status is 2 whatever failed; the command's (1: the copy differs) is in make's message
    assert result.returncode == 2 and "Copia NU corespunde manifestului" in result.stderr
    assert "verify] Error 1" in result.stderr
    trees.write(tmp_path, "cheie.pem", "nu este o cheie\n")
    result = make("verify", f"WHERE={copy}", f"KEY={tmp_path / 'cheie.pem'}")
    assert "cheie.pem) nu este o cheie publică PEM" in result.stderr and "verify] Error 2" in result.stderr


def test_make_verify_without_where_says_how():
    result = make("verify")
    assert result.returncode != 0 and "make verify WHERE=" in result.stdout
    assert "transparency verify" not in result.stdout + result.stderr
