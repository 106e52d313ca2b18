"""The CI files a council copies (issue 15): the GitHub Actions workflow and the GitLab CI pipeline
valid against GitHub's and GitLab's own schemas (check-jsonschema's built-in copies), the pre-commit
configuration valid for pre-commit itself; the check they run reports each problem as an annotation
GitHub reads (a workflow command with the file and line) or as GitLab's code-quality report; the
deploy targets run the commands the guide shows."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from support import trees

ROOT = trees.ROOT
BIN = os.path.dirname(sys.executable)
WORKFLOW = ROOT / ".github/workflows/site.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
CHECK = [sys.executable, "-m", "transparency", "check", "--settings", "pelicanconf.py", "--cache", ""]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": trees.EPOCH_2025_11_25}


@pytest.mark.parametrize("path, schema", [(WORKFLOW, "vendor.github-workflows"), (GITLAB, "vendor.gitlab-ci")])
def test_ci_files_are_valid_for_their_service(path, schema):
    result = subprocess.run([os.path.join(BIN, "check-jsonschema"), "--builtin-schema", schema, str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pre_commit_configuration_is_valid_and_runs_make_check():
    result = subprocess.run([os.path.join(BIN, "pre-commit"), "validate-config", str(PRE_COMMIT)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    [hook] = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))["repos"][0]["hooks"]
    assert hook["entry"] == "make check" and hook["pass_filenames"] is False


def test_the_workflow_checks_every_push_and_pull_request_and_publishes_main_to_pages():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    check_steps = " ".join(str(step.get("run", "")) for step in workflow["jobs"]["check"]["steps"])
    assert "--format github" in check_steps
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "check" and "refs/heads/main" in publish["if"]
    uses = [step.get("uses", "") for step in publish["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert any("make publish" in str(step.get("run", "")) for step in publish["steps"])


def test_the_pipeline_checks_with_a_code_quality_report_and_publishes_pages():
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert pipeline["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("--format gitlab > gl-code-quality-report.json" in line for line in pipeline["check"]["script"])
    assert pipeline["pages"]["artifacts"]["paths"] == ["public"]
    assert any("make publish OUTPUT=public" in line for line in pipeline["pages"]["script"])


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    content = trees.copy_fixture("minimal", tmp_path_factory.mktemp("ci") / "content")
    trees.write(content, "hotarari/2025/nou.md", "---\ntitle: privind ceva\nstatus: respins\nregistered: 2025-05-02\n"
                "topics: [a, b\n---\n")
    trees.write(content, "pages/p.md", "---\ntitle: Pagina\nautor: x\n---\nText.\n")
    return content


def test_check_format_github_annotates_each_problem_on_its_file_and_line(broken):
    result = subprocess.run([*CHECK, str(broken), "--format", "github"], cwd=ROOT, env=ENV,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    pattern = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),title=([^:]+)::(.+)$")
    parsed = [pattern.match(line).groups() for line in commands]
    assert [(level, file.rsplit("content/", 1)[1], int(line)) for level, file, line, *_ in parsed] == \
        [("error", "hotarari/2025/nou.md", 5), ("error", "pages/p.md", 3)]
    assert "paranteza „[”" in parsed[0][4] and "autor" in parsed[1][4]


def test_check_format_gitlab_writes_a_code_quality_report(broken):
    result = subprocess.run([*CHECK, str(broken), "--format", "gitlab"], cwd=ROOT, env=ENV,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert [(issue["location"]["path"].rsplit("content/", 1)[1], issue["location"]["lines"]["begin"])
            for issue in report] == [("hotarari/2025/nou.md", 5), ("pages/p.md", 3)]
    for issue in report:  # the fields GitLab's code-quality widget reads
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"]) and issue["description"] and issue["check_name"]
    assert len({issue["fingerprint"] for issue in report}) == len(report)
    assert "paranteza „[”" in result.stderr  # the job's log says the problems too


def test_a_clean_check_gives_an_empty_code_quality_report(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    result = subprocess.run([*CHECK, str(content), "--format", "gitlab"], cwd=ROOT, env=ENV,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and json.loads(result.stdout) == []


@pytest.mark.parametrize("target, settings, command", [
    ("rsync_upload", ["SSH_HOST=web.example.ro", "SSH_USER=site", "SSH_TARGET_DIR=/var/www/site"],
     # the build's own record of its output stays home; the server's .htaccess (docs/hosting.md) and
     # .well-known/ are kept
     'rsync -e "ssh -p 22" -rzc --itemize-changes --delete-after --exclude /.transparency-manifest.json '
     '--filter "P /.htaccess" --filter "P /.well-known/" "output"/ "site@web.example.ro:/var/www/site"'),
    ("s3_upload", ["S3_BUCKET=hotarari", "S3_ENDPOINT=https://s3.example.ro"],
     'aws s3 sync "output"/ "s3://hotarari" --delete --no-progress --exclude .transparency-manifest.json '
     '--exclude ".well-known/*" '
     '--endpoint-url "https://s3.example.ro"'),
])
def test_deploy_targets_publish_then_copy(target, settings, command):
    shown = subprocess.run(["make", "-n", target, *settings], cwd=ROOT, capture_output=True, text=True, timeout=60)
    lines = shown.stdout.splitlines()
    assert shown.returncode == 0 and command in lines
    assert lines.index(command) > next(i for i, line in enumerate(lines) if "--strict" in line)  # after make publish


FAKE_SSH = """#!/bin/sh
# ssh [-p PORT] [-l USER] HOST COMMAND…: records its arguments, then runs COMMAND here (rsync's far end)
printf '%s\\n' "$*" >> "$SSH_LOG"
while [ $# -gt 0 ]; do case "$1" in -p|-l) shift 2;; -*) shift;; *) break;; esac; done
shift
exec sh -c "$*"
"""


def path_with(tmp_path, name: str, script: str) -> str:
    """PATH with a stand-in for the program `name` (a shell `script`) found first."""
    stand_in = tmp_path / "bin" / name
    stand_in.parent.mkdir(exist_ok=True)
    stand_in.write_text(script, encoding="utf-8")
    stand_in.chmod(0o755)
    return f"{stand_in.parent}:{os.environ['PATH']}"


def rsync_upload(tmp_path, output, target, *settings, user=None):
    """`make rsync_upload` (its `make publish` taken as done) copying `output` to the folder `target`
    through a stand-in for ssh that runs rsync's far end on this machine; returns (make's result, what
    ssh was given)."""
    env = {**os.environ, "PATH": path_with(tmp_path, "ssh", FAKE_SSH), "SSH_LOG": str(tmp_path / "ssh.log"),
           "USER": user or ""}
    env.pop("SSH_USER", None)
    result = subprocess.run(["make", "-s", "-o", "publish", "rsync_upload", "SSH_HOST=web.example.ro",
                             f"SSH_TARGET_DIR={target}", f"OUTPUT={output}", *settings],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    said = (tmp_path / "ssh.log").read_text(encoding="utf-8") if (tmp_path / "ssh.log").exists() else ""
    return result, said


def files_under(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_rsync_upload_copies_every_published_file_and_keeps_the_servers_own(tmp_path):
    """Every published path arrives, whatever its name (rsync's --cvs-exclude skipped `core`, `tags`,
    `*.old`, `*.bak`, `*.orig`… and kept stale ones); files gone from the site are deleted; the
    server's .htaccess and .well-known/ (ACME challenges, security.txt) stay; the log says each change
    once, no progress lines; with no SSH_USER (USER empty, as in CI or cron) ssh's own default applies."""
    output, target = tmp_path / "output", tmp_path / "www"
    published = {"index.html": b"<p>acasa</p>", "core/index.html": b"<p>core</p>", "tags/index.html": b"t",
                 "fisiere/anexa.old": b"o", "fisiere/anexa.bak": b"b", "fisiere/anexa.orig": b"g",
                 "fisiere/core": b"c", "RCS/x.html": b"r", ".transparency-manifest.json": b"{}"}
    for path, data in published.items():
        trees.write(output, path, "").write_bytes(data)
    servers_own = {".htaccess": b"Header set X-Test 1\n", ".well-known/acme-challenge/token": b"acme",
                   ".well-known/security.txt": b"Contact: mailto:it@example.ro\n"}
    for path, data in {**servers_own, "vechi.html": b"stale", "fisiere/vechi.bak": b"stale",
                       "index.html": b"<p>vechi</p>"}.items():
        trees.write(target, path, "").write_bytes(data)
    result, said = rsync_upload(tmp_path, output, target)
    assert result.returncode == 0, result.stdout + result.stderr
    expected = {path: data for path, data in published.items() if path != ".transparency-manifest.json"}
    assert files_under(target) == {**expected, **servers_own}
    assert said.split(" rsync ")[0] == "-p 22 web.example.ro"  # no `-l ''` (`@web.example.ro`) for an empty USER
    lines = result.stdout.splitlines()
    assert len(lines) < 3 * len(published) and not any("%" in line for line in lines)  # no progress
    again, _ = rsync_upload(tmp_path, output, target)
    assert again.returncode == 0 and files_under(target) == {**expected, **servers_own}
    assert again.stdout == ""  # nothing changed, nothing said
    _, said = rsync_upload(tmp_path, output, target, "SSH_USER=site")
    assert said.splitlines()[-1].split(" rsync ")[0] == "-p 22 -l site web.example.ro"


@pytest.mark.parametrize("target", ["rsync_upload", "s3_upload"])
def test_deploy_targets_say_what_they_need_before_building(target):
    result = subprocess.run(["make", "-s", target], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={k: v for k, v in os.environ.items() if k not in ("SSH_HOST", "S3_BUCKET")})
    assert result.returncode != 0 and f"make {target} " in result.stdout
    assert "transparency build" not in result.stdout + result.stderr


def publish_settings(**env: str) -> dict:
    """What publishconf.py sets, read with `env` as the only environment beside PATH."""
    code = ("import json, runpy, sys; s = runpy.run_path(sys.argv[1]); "
            "print(json.dumps({'TRANSPARENCY': s['TRANSPARENCY'], 'SITEURL': s['SITEURL']}))")
    result = subprocess.run([sys.executable, "-c", code, str(ROOT / "publishconf.py")], cwd=ROOT,
                            env={"PATH": os.environ["PATH"], **env}, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_publishconf_takes_the_signing_key_from_the_environment():
    """docs/history.md said to keep the key in a CI secret, but publishconf.py read only SITEURL."""
    inherited = publish_settings()["TRANSPARENCY"]
    assert "signing_key" not in inherited and inherited["build_cache"] == ".cache/transparency"
    assert publish_settings(TRANSPARENCY_SIGNING_KEY="")["TRANSPARENCY"] == inherited  # a secret not set: unsigned
    signed = publish_settings(TRANSPARENCY_SIGNING_KEY="/run/semnatura.pem")["TRANSPARENCY"]
    assert signed == {**inherited, "signing_key": "/run/semnatura.pem"}  # merged: the other settings kept


def test_a_publish_build_with_the_key_in_the_environment_is_signed(tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    (tmp_path / "semnatura.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    content = trees.copy_fixture("minimal", tmp_path / "content")
    result = trees.build(content, tmp_path / "out", settings="publishconf.py",
                         env={"TRANSPARENCY_SIGNING_KEY": str(tmp_path / "semnatura.pem")})
    assert result.returncode == 0, result.stderr
    integrity = tmp_path / "out/date/integritate"
    assert (integrity / "manifest.json.sig").is_file()
    key.public_key().verify(base64.b64decode((integrity / "manifest.json.sig").read_bytes()),
                            (integrity / "manifest.json").read_bytes())


FAKE_MAKE = """#!/bin/sh
# records the arguments, the signing key's path from the environment and that file's bytes
{ printf 'args=%s\\nkey=%s\\n' "$*" "${TRANSPARENCY_SIGNING_KEY-unset}"
  if [ -n "$TRANSPARENCY_SIGNING_KEY" ]; then cat "$TRANSPARENCY_SIGNING_KEY"; fi; } > "$MAKE_LOG"
"""


@pytest.mark.parametrize("secret", ["-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----",
                                    ""])
def test_the_workflow_signs_with_the_secret_when_it_is_set_and_builds_unsigned_when_not(tmp_path, secret):
    """The publish step's script, run as the runner runs it (its `env` given, `make` a stand-in)."""
    [step] = [step for step in yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["publish"]["steps"]
              if "make publish" in str(step.get("run", ""))]
    assert step["env"]["TRANSPARENCY_SIGNING_KEY_PEM"] == "${{ secrets.TRANSPARENCY_SIGNING_KEY }}"
    assert "${{" not in step["run"]  # every value comes through the environment, never spliced into the script
    (tmp_path / "runner").mkdir()
    env = {"PATH": path_with(tmp_path, "make", FAKE_MAKE), "RUNNER_TEMP": str(tmp_path / "runner"),
           "MAKE_LOG": str(tmp_path / "make.log"), "SITEURL": "https://consiliu.github.io/site",
           "TRANSPARENCY_SIGNING_KEY_PEM": secret}
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    said = (tmp_path / "make.log").read_text(encoding="utf-8")
    assert said.startswith("args=publish SITEURL=https://consiliu.github.io/site\n")
    if secret:
        path = str(tmp_path / "runner" / "semnatura.pem")
        assert said == f"args=publish SITEURL=https://consiliu.github.io/site\nkey={path}\n{secret}\n"
        assert os.stat(path).st_mode & 0o077 == 0  # readable by the runner's user alone
    else:
        assert said.endswith("key=unset\n") and not os.listdir(tmp_path / "runner")


def test_no_tool_is_missing():
    assert shutil.which("check-jsonschema", path=BIN) and shutil.which("pre-commit", path=BIN)


def test_each_severity_has_its_level():
    from transparency.adapters import staff
    from transparency.domain.problems import Problems

    problems = Problems()
    problems.error("content/a.md", 2, "title", "e: 100%\nx")
    problems.warning("content/b,c.md", 3, "text", "w")
    problems.notice("content/d.md", 4, "announcement", "n")
    assert staff.problems_as(problems, "github").splitlines() == [
        "::error file=content/a.md,line=2,title=title::e: 100%25%0Ax",
        "::warning file=content/b%2Cc.md,line=3,title=text::w",
        "::notice file=content/d.md,line=4,title=announcement::n"]
    assert [issue["severity"] for issue in json.loads(staff.problems_as(problems, "gitlab"))] == \
        ["major", "minor", "info"]
