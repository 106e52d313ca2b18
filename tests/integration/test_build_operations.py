"""What an administrator meets running builds (an outside review): two builds of one output folder at
once, Ctrl-C, a SITEURL missing, without its scheme or with a final slash. Oracles: the exit status,
what the build says, feedparser reading the feed it wrote."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys

import feedparser

from support import trees

MINIMAL = trees.FIXTURES / "minimal"


def command(output, *, siteurl: str | None = "https://example.test", settings="pelicanconf.py"):
    cmd = [sys.executable, "-m", "transparency", "build", "--settings", str(trees.ROOT / settings),
           "--content", str(MINIMAL), "--output", str(output), "--cache", str(output.with_name("cache"))]
    return cmd + (["--siteurl", siteurl] if siteurl is not None else [])


def environment(**extra) -> dict:
    return {**os.environ, "SOURCE_DATE_EPOCH": trees.EPOCH_2025_11_25, "PYTHONPATH": str(trees.ROOT / "plugins"),
            **extra}


def held(folder):
    """The lock a build takes on its output folder, taken here first."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def waiting(output) -> subprocess.Popen:
    """A build started while another holds its output folder: it has said that it waits."""
    build = subprocess.Popen(command(output), cwd=trees.ROOT, env=environment(), stderr=subprocess.PIPE, text=True)
    line = build.stderr.readline()
    assert line.startswith(f"Un alt proces construiește acum site-ul în {output}: aștept"), line
    # the holder named (here: this test's process), so that a stuck one can be stopped
    assert f"(procesul {os.getpid()}, pornit la " in line and f"kill {os.getpid()})." in line, line
    return build


def test_a_build_waits_for_the_one_writing_its_output_folder(tmp_path):
    output = tmp_path / "output"
    handle = held(output)
    build = waiting(output)
    assert build.poll() is None and not (output / "index.html").exists()  # nothing written while it waits
    os.close(handle)  # the other build ends
    assert build.wait(timeout=600) == 0, build.stderr.read()
    assert (output / "index.html").is_file()


def test_ctrl_c_ends_the_build_with_one_line_and_status_130(tmp_path):
    output = tmp_path / "output"
    handle = held(output)
    try:
        build = waiting(output)
        build.send_signal(signal.SIGINT)
        rest = build.stderr.read()
        assert build.wait(timeout=60) == 130
    finally:
        os.close(handle)
    assert "Traceback" not in rest and rest.strip().startswith("Construirea a fost întreruptă (Ctrl-C).")
    assert len(rest.strip().splitlines()) == 1


def run(output, **kwargs) -> subprocess.CompletedProcess:
    settings = kwargs.pop("settings", "pelicanconf.py")
    return subprocess.run(command(output, settings=settings, **kwargs), cwd=trees.ROOT, capture_output=True,
                          text=True, timeout=600, env=environment(**kwargs.pop("env", {})))


def test_a_site_address_without_its_scheme_stops_the_build_before_it_writes(tmp_path):
    result = run(tmp_path / "output", siteurl="transparenta.cjcluj.ro")
    assert result.returncode == 1
    assert "SITEURL „transparenta.cjcluj.ro” nu este o adresă web întreagă" in result.stderr
    assert "https://" in result.stderr and not (tmp_path / "output" / "index.html").exists()


def test_publish_without_a_site_address_stops_and_says_how_to_give_it(tmp_path):
    env = {key: value for key, value in environment().items() if key != "SITEURL"}
    result = subprocess.run(command(tmp_path / "output", siteurl=None, settings="publishconf.py") + ["--strict"],
                            cwd=trees.ROOT, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 1 and "lipsește SITEURL" in result.stderr and "make publish SITEURL=" in result.stderr


def test_a_final_slash_is_taken_off_and_publish_goes_on(tmp_path):
    result = subprocess.run(command(tmp_path / "output", siteurl="https://transparenta.example.test/") + ["--strict"],
                            cwd=trees.ROOT, capture_output=True, text=True, timeout=600, env=environment())
    assert result.returncode == 0, result.stderr
    feed = feedparser.parse((tmp_path / "output" / "feeds" / "toate.atom").read_bytes())
    assert not feed.bozo and feed.feed.id.startswith("tag:transparenta.example.test,")
    assert all(entry.link.startswith("https://transparenta.example.test/") and "//" not in entry.link[8:]
               for entry in feed.entries)


def test_a_cache_on_a_read_only_disk_is_said_with_its_path_not_as_a_bug(tmp_path):
    """The review: „eroare a programului, nu a conținutului: OSError: [Errno 30] Read-only file system”.
    The fault is injected under the cache folder only (tests/support/faults.py: the tests run as root)."""
    output, cache = tmp_path / "output", tmp_path / "cache"
    faults = trees.ROOT / "tests" / "support" / "faults.py"
    cmd = [sys.executable, str(faults), str(cache), "EROFS", "0", "--", *command(output)[3:]]
    result = subprocess.run(cmd, cwd=trees.ROOT, capture_output=True, text=True, timeout=600, env=environment())
    assert result.returncode == 1
    [line] = [line for line in result.stderr.splitlines() if "(EROFS)" in line]
    assert line.startswith(f"Construirea a fost oprită: {cache}/") and "eroare a programului" not in line
    assert "CACHE=" in line


def test_publish_stops_while_a_template_or_the_settings_differ_from_the_commit(tmp_path):
    """The review: a template edited and not committed was published under a manifest naming the
    commit, which did not hold it. A repository that holds the content, the theme and the settings."""
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo / "content")
    shutil.copytree(trees.ROOT / "theme", repo / "theme")
    shutil.copy(trees.ROOT / "pelicanconf.py", repo / "pelicanconf.py")
    (repo / "plugins").mkdir()  # PLUGIN_PATHS; the plugin itself comes from PYTHONPATH

    def git(*words):
        subprocess.run(["git", "-c", "user.name=Secretariat", "-c", "user.email=s@example.test", *words], cwd=repo,
                       check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "Site")

    def publish(name):
        return trees.build(repo / "content", tmp_path / name, strict=True, settings=str(repo / "pelicanconf.py"))

    assert publish("clean").returncode == 0, publish("clean").stderr
    base = repo / "theme" / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "<p>NECOMMITAT</p></footer>"),
                    encoding="utf-8")
    with open(repo / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write("\n# o notă necommitată\n")
    stopped = publish("dirty")
    assert stopped.returncode == 1 and "Publicarea a fost oprită: 2 fișiere" in stopped.stderr, stopped.stderr
    assert "theme/templates/base.html" in stopped.stderr and "pelicanconf.py" in stopped.stderr
    assert not (tmp_path / "dirty").exists()
    git("commit", "-q", "-am", "Subsol nou")
    assert publish("dirty").returncode == 0
