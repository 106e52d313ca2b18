"""Each document's public history and the signed manifest (issue 14), on a repository built here.

The fixture repository's commits: create (the budget decision, adopted, with a
CNP in its text), edit the text after adoption, move the file, change the vote,
remove the CNP. Oracles: git itself (`git log --follow`, commit times), the
privacy guard's own reader of codes, sha256 of the files, and the `verify`
command run as a reader would run it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from support import sitechecks, trees
from transparency.domain import privacy

pytestmark = pytest.mark.slow

CNP = "1800101123450"
EMAIL = "secretar.istoric@example.ro"
AUTHOR = "Ion Secretarul"
DECISION = "hotarari/2025/buget-2025.md"
MOVED = "hotarari/2025/adoptate/buget-2025.md"
PAGE = "hotarari/2025/5/index.html"


def git(repo: Path, *args: str, when: str = "2025-04-02T10:00:00+00:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": AUTHOR, "GIT_AUTHOR_EMAIL": EMAIL, "GIT_COMMITTER_NAME": AUTHOR,
           "GIT_COMMITTER_EMAIL": EMAIL, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def commit(repo: Path, message: str, when: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)
    return git(repo, "rev-parse", "HEAD").strip()


def make_repository(root: Path) -> tuple[Path, dict[str, str]]:
    repo = root / "repo"
    content = trees.copy_fixture("minimal", repo / "content")
    git(repo, "init", "-q", "-b", "main")
    decision = content / DECISION
    edit(decision, "**Art. 1.** Se aprobă", f"Beneficiar: CNP {CNP}.\n\n**Art. 1.** Se aprobă")
    shas = {"create": commit(repo, "Publicarea hotărârii nr. 5/2025 privind bugetul", "2025-03-28T09:00:00+00:00")}
    edit(decision, "bugetul general al județului", "bugetul general rectificat al județului")
    shas["text"] = commit(repo, "Corectarea textului art. 1 după adoptare", "2025-04-02T10:00:00+00:00")
    (content / MOVED).parent.mkdir()
    git(repo, "mv", f"content/{DECISION}", f"content/{MOVED}")
    git(repo, "mv", "content/hotarari/2025/anexe", "content/hotarari/2025/adoptate/anexe")
    shas["rename"] = commit(repo, "Hotărârile adoptate mutate în dosarul lor", "2025-07-15T08:30:00+00:00")
    moved = content / MOVED
    edit(moved, "vote: {present: 7, for: 5, against: 1, abstain: 1}", "vote: {present: 7, for: 6, against: 1, abstain: 0}")
    shas["vote"] = commit(repo, f"Votul corectat după procesul-verbal (semnalat de {EMAIL})", "2025-12-01T11:00:00+00:00")
    edit(moved, f"Beneficiar: CNP {CNP}.\n\n", "")
    shas["cnp"] = commit(repo, "Eliminarea datelor personale din text", "2025-12-02T12:00:00+00:00")
    add_withheld_disposition_and_a_document(repo, shas)
    return repo, shas


PERSON = "Vasile Brătășanu"
DISPOSITION = "dispozitii/2025/dp-2025-40-sanctiune.md"
DISPOSITION_PAGE = "dispozitii/2025/40/index.html"
PUBLICATION = "documente/program-achizitii-2025.md"


def add_withheld_disposition_and_a_document(repo: Path, shas: dict[str, str]) -> None:
    """An individual disposition (its text not public) and another document, each changed once."""
    content = repo / "content"
    (content / DISPOSITION).parent.mkdir(parents=True)
    (content / DISPOSITION).write_text(
        "---\ntitle: privind aplicarea unei sancțiuni disciplinare\nnumber: 40\ndate: 2025-05-05\n"
        "issuer: Președintele Consiliului Județean\ncharacter: individual\nsummary: Mustrare scrisă pentru "
        f"{PERSON}.\n---\n**Art. 1.** Domnului {PERSON} i se aplică sancțiunea mustrării scrise.\n", encoding="utf-8")
    (content / PUBLICATION).parent.mkdir(parents=True)
    (content / PUBLICATION).write_text(
        "---\ntitle: Programul anual al achizițiilor publice pe anul 2025\nkind: other\ndate: 2025-05-06\n---\n"
        "Programul cuprinde lucrările de drumuri județene.\n", encoding="utf-8")
    shas["disposition"] = commit(repo, f"Dispoziția privind sancționarea lui {PERSON}", "2025-05-06T09:00:00+00:00")
    edit(content / DISPOSITION, "mustrării scrise", "reducerii salariului cu 5%")
    edit(content / DISPOSITION, "date: 2025-05-05", "date: 2025-05-06")
    edit(content / DISPOSITION, f"summary: Mustrare scrisă pentru {PERSON}.\n", "")  # a warning, and personal
    edit(content / PUBLICATION, "drumuri județene", "drumuri și poduri județene")
    shas["withheld"] = commit(repo, f"Sancțiunea lui {PERSON} schimbată; programul completat",
                              "2025-05-07T09:00:00+00:00")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("history")
    repo, shas = make_repository(root)
    result = trees.build(repo / "content", root / "out")
    assert result.returncode == 0, result.stderr
    return repo, shas, root / "out"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_decision_lists_every_commit_of_its_file_newest_first_as_git_follows_it(site):
    repo, shas, out = site
    followed = git(repo, "log", "--follow", "--format=%H", "--", f"content/{MOVED}").split()
    section = soup(out / PAGE).find("section", attrs={"data-history": True})
    # The contract's hook: one li[data-commit] per change after the commit that published the file;
    # that commit is shown after them, apart.
    items = section.find_all("li", attrs={"data-commit": True})
    published = section.find(attrs={"data-published-commit": True})
    assert [li["data-commit"] for li in items] + [published["data-published-commit"]] == followed \
        == [shas[k] for k in ("cnp", "vote", "rename", "text", "create")]
    assert [li["data-change"] for li in items] == ["modified", "modified", "renamed", "modified"]
    assert published.name != "li" and "Publicat pe site" in published.get_text()
    # Times in Europe/Bucharest, as git recorded them.
    for li in [*items, published]:
        seconds = int(git(repo, "show", "-s", "--format=%ct", li.get("data-commit") or li["data-published-commit"]))
        expected = dt.datetime.fromtimestamp(seconds, ZoneInfo("Europe/Bucharest")).isoformat()
        assert li.find("time")["datetime"] == expected
    assert items[3].find("time")["datetime"] == "2025-04-02T13:00:00+03:00"
    assert items[0].find("time")["datetime"] == "2025-12-02T14:00:00+02:00"
    assert "Corectarea textului art. 1 după adoptare" in items[3].get_text()


def test_a_text_or_vote_change_after_adoption_is_marked_and_a_vote_change_names_old_and_new(site):
    _, shas, out = site
    section = soup(out / PAGE).find("section", attrs={"data-history": True})
    by_commit = {li["data-commit"]: li for li in section.find_all("li", attrs={"data-commit": True})}
    assert by_commit[shas["text"]].has_attr("data-after-adoption")
    assert "Modificare după adoptare: textul." in by_commit[shas["text"]].get_text()
    # the vote is part of what the council adopted: its change is flagged as the text's is
    assert by_commit[shas["vote"]].has_attr("data-after-adoption")
    assert "Modificare după adoptare: votul." in by_commit[shas["vote"]].get_text()
    assert not by_commit[shas["rename"]].has_attr("data-after-adoption")  # the same text, vote and title
    vote = by_commit[shas["vote"]].find("ul").get_text(" ", strip=True)
    assert "Vot" in vote and "prezenți: 7, pentru: 5, împotrivă: 1, abțineri: 1" in vote \
        and "prezenți: 7, pentru: 6, împotrivă: 1, abțineri: 0" in vote  # the contract's order, not by name
    assert by_commit[shas["vote"]].find("del") and by_commit[shas["vote"]].find("ins")
    assert "adoptate/" not in by_commit[shas["text"]].get_text()
    assert "hotarari/2025/buget-2025.md" in by_commit[shas["rename"]].get_text()


def test_a_text_change_after_adoption_is_in_the_decision_feed_and_on_the_activity_page(site):
    import feedparser

    _, shas, out = site
    feed = feedparser.parse((out / "feeds/proiecte/buget-2025.atom").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    changed = [e for e in feed.entries if e.title.startswith("Modificare după adoptare: textul")]
    assert len(changed) == 1  # the later one (the CNP removed) is after the build day, 25 November 2025
    assert changed[0].link.endswith(f"/hotarari/2025/5/istoric/{shas['text'][:12]}/")
    assert changed[0].id.endswith(f"istoric/buget-2025/{shas['text'][:12]}")
    assert "Corectarea textului art. 1 după adoptare" in changed[0].summary
    activity = soup(out / "activitate/index.html")
    links = [a["href"] for a in activity.find_all("a")]
    assert f"/hotarari/2025/5/istoric/{shas['text'][:12]}/" in links
    # Every feed that lists the decision has the change as an entry of its own, under the same id:
    # an RSS reader shows no item again when only its date of update moves.
    listing = [name for name in ("toate", "hotarari")]
    listing += [p.relative_to(out / "feeds").with_suffix("").as_posix() for p in (out / "feeds/teme").glob("*.rss")
                if "/hotarari/2025/5/" in p.read_text(encoding="utf-8")]
    assert len(listing) > 2, listing  # the decision's topics too
    for name in listing:
        for fmt in ("rss", "atom"):
            parsed = feedparser.parse((out / f"feeds/{name}.{fmt}").read_bytes())
            assert not parsed.bozo, (name, fmt, parsed.bozo_exception)
            [entry] = [e for e in parsed.entries if e.id == changed[0].id]
            assert entry.link == changed[0].link and entry.title == changed[0].title, (name, fmt)
    drafts = feedparser.parse((out / "feeds/consultari.rss").read_bytes())
    assert not [e for e in drafts.entries if "/istoric/" in e.link]  # a feed that does not list it: none


def notices(page: BeautifulSoup) -> dict[str, str]:
    return {p["data-changed-after-adoption"]: " ".join(p.get_text(" ").split())
            for p in page.find_all(attrs={"data-changed-after-adoption": True})}


def test_the_decision_page_says_beside_its_text_and_vote_that_they_changed_after_adoption(site, tmp_path):
    """The text and vote shown are the file's of today: beside them, the page says they changed after
    adoption, every such change counted, also those dated after the build day (25 November 2025):
    they are in what the page shows all the same."""
    repo, _, out = site
    said = notices(soup(out / PAGE))
    assert said["text"].startswith("Textul de mai jos a fost modificat după adoptare de 2 ori, ultima dată la "
                                   "2 decembrie 2025")  # the CNP taken out of the text, on 2 December
    assert "nu este neapărat cel adoptat" in said["text"]
    assert said["vote"].startswith("Votul a fost modificat după adoptare la 1 decembrie 2025")
    assert soup(out / PAGE).find(attrs={"data-changed-after-adoption": "text"}).find("a")["href"] == "#modificari"
    later = tmp_path / "later"
    assert trees.build(repo / "content", later, epoch="1765000000").returncode == 0  # 6 December 2025
    assert notices(soup(later / PAGE)) == said
    # A reader of the whole council's feeds is told too: the decision's entry is updated by the changes.
    import feedparser

    for name in ("toate", "hotarari"):
        feed = feedparser.parse((later / f"feeds/{name}.atom").read_bytes())
        [entry] = [e for e in feed.entries if e.link.endswith("/hotarari/2025/5/")]
        assert entry.updated == "2025-12-02T14:00:00+02:00", name
        assert "Modificată după adoptare de 3 ori, ultima dată la 2 decembrie 2025 (textul)" in entry.summary


def test_a_decision_changed_after_adoption_shows_its_text_and_record_as_first_published_adopted(site):
    """What the jurist of the prefect's legal control must show: what the decision said on the day it
    was published. Its page shows the file of today; its notices lead to the text and record of the
    first version that said adopted, below its text, the CNP it then held masked, the vote as then
    recorded."""
    repo, shas, out = site
    page = soup(out / PAGE)
    links = {a["href"] for a in page.find_all("a", attrs={"data-adopted-link": True})}
    assert links == {"#la-adoptare"}
    assert {p["data-changed-after-adoption"] for p in page.find_all(attrs={"data-changed-after-adoption": True})
            if p.find("a", attrs={"data-adopted-link": True})} == {"text", "vote"}
    adopted = page.find("details", id="la-adoptare")
    assert adopted["data-adopted-version"] == shas["create"] == git(repo, "log", "--format=%H", "--diff-filter=A",
                                                                       "--", f"content/{DECISION}").strip()
    assert adopted.find_parent("section").find("h2").get_text() == "Textul hotărârii"
    said = " ".join(adopted.find(attrs={"data-adopted-text": True}).get_text(" ").split())
    assert "**Art. 1.** Se aprobă bugetul general al județului pe anul 2025" in said and "rectificat" not in said
    assert CNP not in page.decode() and "Beneficiar: CNP" in said  # the code it then held, masked
    record = dict(zip((dt.get_text(" ", strip=True) for dt in adopted.find("dl").find_all("dt")),
                      (" ".join(dd.get_text(" ").split()) for dd in adopted.find("dl").find_all("dd"))))
    assert record["Vot"] == "prezenți: 7, pentru: 5, împotrivă: 1, abțineri: 1"  # 6 for since 1 December
    assert record["Adoptată"] == "27 martie 2025" and record["Număr"] == "5"
    assert adopted.find("time")["datetime"] == "2025-03-28T11:00:00+02:00"
    # A decision never changed after adoption shows nothing of the kind.
    other = soup(out / "hotarari/2025/40/index.html")
    assert not other.find(id="la-adoptare") and not other.find(attrs={"data-adopted-link": True})


def test_a_commit_dated_after_the_build_is_said_to_staff_and_does_not_stop_publishing(site, tmp_path):
    """A wrong clock: the fixture's commits of December are after its build day (25 November). The
    build says so, names the newest, and how to find and re-date them; a pushed commit cannot be
    re-dated, so `make publish` (strict) goes on. A build after them says nothing."""
    repo, _, _ = site
    newest = int(git(repo, "log", "-1", "--format=%ct", "--first-parent").strip())
    for strict in (False, True):
        result = trees.build(repo / "content", tmp_path / f"out-{strict}", strict=strict)
        assert result.returncode == 0, result.stderr
        assert "Atenție: depozitul are cel puțin un commit datat după momentul acestei construiri" in result.stderr
        command = result.stderr.split("git log --since s-ar opri la primul mai vechi): ", 1)[1].split(".\n")[0]
        listed = subprocess.run(command, shell=True, cwd=repo, capture_output=True, text=True, check=True).stdout
        assert listed and all(int(line.split()[0]) > int(trees.EPOCH_2025_11_25) for line in listed.splitlines())
        assert len(listed.splitlines()) == sum(int(t) > int(trees.EPOCH_2025_11_25)
                                               for t in git(repo, "log", "--format=%ct").split())
    later = trees.build(repo / "content", tmp_path / "later", epoch=str(max(newest, 1768471200)))  # 15 January 2026
    assert later.returncode == 0, later.stderr
    assert "datat după momentul acestei construiri" not in later.stderr


def test_a_consolidated_text_says_its_base_changed_after_adoption(site, tmp_path):
    """A consolidated text's versions are made from the file's text of today: once 40/2025 states its
    change article by article (a clone of the repository, one more commit), 5/2025's consolidated
    pages say that its text changed after adoption, and link its history."""
    repo, _, _ = site
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    edit(clone / "content/hotarari/2025/rectificare-buget.md", "amends: [5/2025]\n", "amends: [5/2025]\nchanges:\n"
         "  - {decision: 5/2025, article: 1, action: replace, text: Se aprobă bugetul rectificat.}\n")
    commit(clone, "Modificarea art. 1 înregistrată articol cu articol", "2025-11-20T09:00:00+00:00")
    out = tmp_path / "out"
    result = trees.build(clone / "content", out)
    assert result.returncode == 0, result.stderr
    for page in ("consolidat", "consolidat/2025-06-30"):
        said = soup(out / f"hotarari/2025/5/{page}/index.html").find(attrs={"data-changed-after-adoption": True})
        assert "a fost modificat după adoptare de 2 ori, ultima dată la 2 decembrie 2025" in \
            " ".join(said.get_text(" ").split()), page
        assert said.find("a")["href"] == "/hotarari/2025/5/#modificari"


def test_each_change_has_a_word_diff_page_readable_without_colour(site):
    _, shas, out = site
    section = soup(out / PAGE).find("section", attrs={"data-history": True})
    li = section.find("li", attrs={"data-commit": shas["text"]})
    href = li.find("a")["href"]
    page = soup(out / href.lstrip("/") / "index.html")
    diff = page.find(class_="history-diff")
    inserted = [ins.get_text() for ins in diff.find_all("ins")]
    assert any("rectificat" in text for text in inserted)
    assert all(ins.find(class_="visually-hidden") for ins in diff.find_all("ins"))
    assert page.find("article")["data-commit"] == shas["text"]
    # Every change after the first has its page, the first none.
    for kind in ("cnp", "vote", "rename", "text"):
        assert (out / f"hotarari/2025/5/istoric/{shas[kind][:12]}/index.html").is_file()
    assert not (out / f"hotarari/2025/5/istoric/{shas['create'][:12]}").exists()


def test_a_change_pages_breadcrumb_ends_in_words_and_its_date_not_in_the_commit(site):
    _, shas, out = site
    page = soup(out / f"hotarari/2025/5/istoric/{shas['text'][:12]}/index.html")
    current = page.select_one('nav.breadcrumbs [aria-current="page"]')
    assert " ".join(current.get_text().split()) == "Modificarea din 2 aprilie 2025"
    assert current.find("time")["datetime"] == "2025-04-02"
    scripts = page.find_all("script", type="application/ld+json")
    [trail] = [data for data in (json.loads(script.string) for script in scripts) if data["@type"] == "BreadcrumbList"]
    assert trail["itemListElement"][-1]["name"] == "Modificarea din 2 aprilie 2025"
    assert shas["text"][:12] not in current.get_text() + trail["itemListElement"][-1]["name"]


def test_no_email_no_author_and_no_cnp_reaches_the_site_through_the_history(site):
    _, shas, out = site
    cnp_page = soup(out / f"hotarari/2025/5/istoric/{shas['cnp'][:12]}/index.html")
    assert cnp_page.find(class_="history-diff").find("del")  # the removal is shown, the code is not
    for path in out.rglob("*"):
        if not path.is_file() or path.suffix not in (".html", ".xml", ".json", ".rss", ".atom", ".txt", ""):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        assert EMAIL not in text, path
        assert AUTHOR not in text, path
        assert CNP not in text, path
        found = [f for run in privacy.markup_pieces(text) for f in privacy.find_codes(run)]
        assert not found, (path, found)


def test_pages_of_files_never_changed_say_so(site):
    _, _, out = site
    section = soup(out / "despre/index.html").find("section", attrs={"data-history": True})
    assert not section.find_all("li") and not section.find_all(attrs={"data-commit": True})
    assert section.find(attrs={"data-published-commit": True}).find("time")
    assert "nu a fost modificat" in section.get_text()


def test_without_a_repository_the_build_works_and_pages_say_history_is_unavailable(tmp_path, site):
    repo, _, _ = site
    content = shutil.copytree(repo / "content", tmp_path / "content")
    result = trees.build(content, tmp_path / "out", strict=True)
    assert result.returncode == 0, result.stderr
    assert "nu este într-un depozit git" in result.stderr
    section = soup(tmp_path / "out" / PAGE).find("section", attrs={"data-history": True})
    assert section.find(attrs={"data-history-unavailable": True})
    assert not section.find_all("li", attrs={"data-commit": True})


def said(result: subprocess.CompletedProcess) -> str:
    """What the build said, on either stream (Pelican's log wraps lines), as one line."""
    return " ".join((result.stdout + result.stderr).split())


def test_a_shallow_clone_builds_with_a_warning_and_publish_stops_saying_how_to_fetch(tmp_path, site):
    repo, _, _ = site
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True,
                   env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull})
    html = trees.build(shallow / "content", tmp_path / "out")
    assert html.returncode == 0, html.stderr
    assert "git fetch --unshallow" in said(html)
    section = soup(tmp_path / "out" / PAGE).find("section", attrs={"data-history": True})
    assert "parțială" in section.find(attrs={"data-history-unavailable": True}).get_text()
    publish = trees.build(shallow / "content", tmp_path / "out-publish", strict=True)
    assert publish.returncode == 1
    assert "git fetch --unshallow" in said(publish)


def settings_with_key(tmp_path: Path, key: Path) -> Path:
    settings = tmp_path / "signed.py"
    settings.write_text(
        f"exec(open({str(trees.ROOT / 'pelicanconf.py')!r}, encoding='utf-8').read())\n"
        f"THEME = {str(trees.ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(trees.ROOT / 'plugins')!r}]\n"
        f"TRANSPARENCY = {{'signing_key': {str(key)!r}}}\n", encoding="utf-8")
    return settings


def private_key(path: Path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    return key


def verify(where: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "transparency", "verify", str(where), *extra],
                          env={**os.environ, "PYTHONPATH": str(trees.ROOT / "plugins")},
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def signed(tmp_path_factory, site):
    repo, _, _ = site
    root = tmp_path_factory.mktemp("signed")
    key = private_key(root / "key.pem")
    settings = settings_with_key(root, root / "key.pem")
    first = trees.build(repo / "content", root / "a", settings=str(settings))
    assert first.returncode == 0, first.stderr
    return root, settings, key


def test_the_manifest_covers_every_other_published_file_and_names_the_commit(site, signed):
    import json

    repo, shas, _ = site
    root, _, _ = signed
    out = root / "a"
    manifest = json.loads((out / "date/integritate/manifest.json").read_text(encoding="utf-8"))
    assert manifest["commit"] == git(repo, "rev-parse", "HEAD").strip() == shas["withheld"]
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    itself = {"date/integritate/manifest.json", "date/integritate/SHA256SUMS", "date/integritate/manifest.json.sig"}
    assert set(listed) == on_disk - itself - {".transparency-manifest.json"}
    assert "fisiere/hotarari/2025/adoptate/anexe/buget-anexa-1.pdf" in listed and PAGE in listed
    assert all(hashlib.sha256((out / p).read_bytes()).hexdigest() == d for p, d in listed.items())
    # The open data page links the four files, so that a copy made by following links can be checked.
    linked = {a["href"] for a in soup(out / "date/index.html").select("[data-integrity] a")}
    assert linked == {f"/date/integritate/{name}" for name in
                      ("manifest.json", "SHA256SUMS", "manifest.json.sig", "cheie-publica.pem")}
    assert all((out / href.lstrip("/")).is_file() for href in linked)
    said = " ".join(soup(out / "date/index.html").select_one("[data-integrity]").get_text().split())
    assert "oricine poate arăta că o copie a site-ului este întocmai ceea ce a publicat consiliul" in said
    assert "nu și cine le-a publicat" not in said  # what the page of an unsigned site says
    # SHA256SUMS is what sha256sum -c reads.
    check = subprocess.run(["sha256sum", "--quiet", "-c", "date/integritate/SHA256SUMS"], cwd=out,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_verify_names_a_changed_byte_a_missing_and_an_added_file_and_a_bad_signature(tmp_path, signed):
    root, _, key = signed
    copy = shutil.copytree(root / "a", tmp_path / "copy")
    ok = verify(copy)
    assert ok.returncode == 0, ok.stderr
    assert "semnătura este validă pentru cheia publicată chiar în copie" in ok.stdout
    from cryptography.hazmat.primitives import serialization as pem_format

    der = key.public_key().public_bytes(pem_format.Encoding.DER, pem_format.PublicFormat.SubjectPublicKeyInfo)
    assert f"amprenta SHA-256 {hashlib.sha256(der).hexdigest()}" in ok.stdout  # to compare with the council's
    page = copy / PAGE
    data = bytearray(page.read_bytes())
    data[100] ^= 1
    page.write_bytes(bytes(data))
    (copy / "despre/index.html").unlink()
    (copy / "hotarari/2025/extra.html").write_text("<p>adăugat</p>", encoding="utf-8")
    (copy / ".htaccess").write_text("Redirect 301 /hotarari/ https://alt.example/\n", encoding="utf-8")
    bad = verify(copy)
    assert bad.returncode == 1
    assert f"diferit: {PAGE}" in bad.stderr
    assert "lipsește: despre/index.html" in bad.stderr
    assert "în plus: hotarari/2025/extra.html" in bad.stderr
    assert "în plus: .htaccess" in bad.stderr  # a hidden file redirects pages as well as any other
    assert ".transparency-manifest.json" not in bad.stderr  # the build's own record of its output
    assert bad.stderr.splitlines()[-1] == (  # the outcome last, not the key's fingerprint
        "Copia NU corespunde manifestului: 1 fișier diferit, 1 fișier lipsă, 2 fișiere în plus; semnătura "
        "manifestului este validă pentru cheia publicată chiar în copie, deci manifestul este cel semnat, iar copia "
        "a fost schimbată după semnare.")
    # A manifest changed (a file's digest forged) no longer matches its signature.
    signed_copy = shutil.copytree(root / "a", tmp_path / "forged")
    manifest = signed_copy / "date/integritate/manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"count"', b'"count" ', 1))
    forged = verify(signed_copy)
    assert forged.returncode == 1 and "semnătura manifestului nu este validă" in forged.stderr
    # Checked against another key than the council's, a genuine copy fails too.
    other = tmp_path / "other.pem"
    private_key(other)
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    public = load_pem_private_key(other.read_bytes(), None).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    (tmp_path / "other.pub").write_bytes(public)
    assert verify(root / "a", "--key", str(tmp_path / "other.pub")).returncode == 1
    # A reader's mistakes are said as such, not as a failure of the program: nothing was checked.
    private = verify(root / "a", "--key", str(other))
    assert private.returncode == 2 and "este cheia privată" in private.stderr
    absent = verify(root / "a", "--key", str(tmp_path / "nowhere.pem"))
    assert absent.returncode == 2 and "nowhere.pem" in absent.stderr and "programului" not in absent.stderr
    unreachable = verify("http://127.0.0.1:9/")
    assert unreachable.returncode == 2 and "nu poate fi citit" in unreachable.stderr


def test_verify_reads_a_site_served_over_http(tmp_path, signed):
    import functools
    import http.server
    import threading

    root, _, _ = signed
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root / "a"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        ok = verify(url)
        assert ok.returncode == 0, ok.stderr
        (root / "a" / "despre/index.html").rename(tmp_path / "despre.html")
        try:
            missing = verify(url)
        finally:
            (tmp_path / "despre.html").rename(root / "a" / "despre/index.html")
        assert missing.returncode == 1 and "lipsește: despre/index.html" in missing.stderr
        # Hosts read _headers as configuration and do not serve it: over HTTP that is no difference.
        (root / "a" / "_headers").rename(tmp_path / "_headers")
        try:
            unserved = verify(url)
        finally:
            (tmp_path / "_headers").rename(root / "a" / "_headers")
        assert unserved.returncode == 0, unserved.stderr
        assert "neverificat prin HTTP: _headers" in unserved.stdout
    finally:
        server.shutdown()


def test_two_builds_give_the_same_manifest_and_signature_byte_for_byte(site, signed):
    repo, _, _ = site
    root, settings, _ = signed
    again = trees.build(repo / "content", root / "b", settings=str(settings), cache=root / "b-cache")
    assert again.returncode == 0, again.stderr
    for name in ("manifest.json", "SHA256SUMS", "manifest.json.sig", "cheie-publica.pem"):
        assert (root / "a/date/integritate" / name).read_bytes() == (root / "b/date/integritate" / name).read_bytes()


def tree_bytes(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and p.name != ".transparency-manifest.json"}


def built_copy(repo: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """A copy of the fixture repository, built once: (the copy, its output, its build cache)."""
    work = tmp_path / "repo"
    shutil.copytree(repo, work)
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert trees.build(work / "content", out, cache=cache).returncode == 0
    return work, out, cache


def assert_same_as_cold(work: Path, out: Path, tmp_path: Path) -> None:
    """The incremental output `out` is byte for byte a cold build of the copy `work`."""
    cold = trees.build(work / "content", tmp_path / "cold", cache=tmp_path / "cold-cache")
    assert cold.returncode == 0, cold.stderr
    assert tree_bytes(out) == tree_bytes(tmp_path / "cold")


def write_parking_draft(work: Path) -> None:
    """A new draft given the name `proiect-parcari` (the fixture's draft had it)."""
    (work / "content/hotarari/2025/proiect-parcari.md").write_text(
        "---\ntitle: privind tarifele parcărilor\nstatus: draft\nregistered: 2025-11-21\n---\nProiect.\n",
        encoding="utf-8")


def test_a_renumbered_disposition_keeps_its_old_numbers_address_and_names_nobody_there(tmp_path, site):
    """Addresses are permanent: the individual disposition 40/2025 renumbered 41/2025 leaves a page at
    /dispozitii/2025/40/ (and at its change pages' old addresses) that leads to /dispozitii/2025/41/,
    without the text or the commit messages that name the person."""
    repo, shas, _ = site
    work, out, cache = built_copy(repo, tmp_path)
    edit(work / "content" / DISPOSITION, "number: 40\n", "number: 41\n")
    commit(work, f"Numărul dispoziției privind {PERSON} corectat", "2025-12-05T09:00:00+00:00")
    result = trees.build(work / "content", out, cache=cache)
    assert result.returncode == 0, result.stderr
    old = soup(out / DISPOSITION_PAGE)
    assert old.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=/dispozitii/2025/41/"
    assert old.find("a", href="/dispozitii/2025/41/")
    old_change = soup(out / f"dispozitii/2025/40/istoric/{shas['withheld'][:12]}/index.html")
    assert old_change.find("a", href=f"/dispozitii/2025/41/istoric/{shas['withheld'][:12]}/")
    for page in (out / "dispozitii/2025/40").rglob("index.html"):
        assert PERSON not in page.read_text(encoding="utf-8"), page
    assert_same_as_cold(work, out, tmp_path)


def test_a_deleted_disposition_keeps_the_messages_of_its_commits_hidden_on_the_other_documents(tmp_path, site):
    """Its commits named the person and changed another document too: once its file is deleted, they
    are still a disposition's (possibly withheld) commits, rebuilt after the commit and cold alike."""
    repo, shas, _ = site
    work, out, cache = built_copy(repo, tmp_path)
    git(work, "rm", "-q", f"content/{DISPOSITION}")
    commit(work, "Dispoziție publicată din greșeală, ștearsă", "2025-12-04T09:00:00+00:00")
    incremental = trees.build(work / "content", out, cache=cache)
    assert incremental.returncode == 0, incremental.stderr
    assert_same_as_cold(work, out, tmp_path)
    for path in out.rglob("*"):
        if path.is_file() and path.suffix not in (".pdf", ".png", ".ico", ".woff2"):
            assert PERSON not in path.read_text(encoding="utf-8", errors="replace"), path
    page = next((out / "documente").glob("*/index.html"))
    items = soup(page).find("section", attrs={"data-history": True}).find_all("li", attrs={"data-commit": True})
    assert [li["data-commit"] for li in items] == [shas["withheld"]]  # still listed, its message hidden
    # Its address says it was removed, its own commit's message hidden too (it may name the person).
    left = soup(out / DISPOSITION_PAGE).find("article", attrs={"data-removed": True})
    assert "sancțiuni disciplinare" in left.find("h1").get_text() and "ștearsă" not in left.get_text()


def test_a_deleted_document_leaves_a_page_at_each_of_its_addresses_saying_when_and_why(tmp_path, site):
    """Addresses are permanent (the contract): a reader who kept a removed document's address learns
    that it was removed, when (git's own commit time, in Bucharest) and by which change."""
    repo, _, _ = site
    work, out, cache = built_copy(repo, tmp_path)
    git(work, "rm", "-q", f"content/{PUBLICATION}", "content/hotarari/2025/proiect-parcari.md",
        "content/hotarari/2025/rectificare-buget.md")
    edit(work / "content/sedinte/sedinta-2025-06-26.md", "items:\n  - decision: rectificare-buget\n", "")
    removed = commit(work, "Documente retrase: publicate din greșeală", "2025-12-04T09:00:00+00:00")
    incremental = trees.build(work / "content", out, cache=cache)
    assert incremental.returncode == 0, incremental.stderr
    seconds = int(git(work, "show", "-s", "--format=%ct", removed))
    when = dt.datetime.fromtimestamp(seconds, ZoneInfo("Europe/Bucharest")).isoformat()
    for address in ("documente/program-achizitii-2025/", "proiecte/proiect-parcari/",
                    "proiecte/rectificare-buget/", "hotarari/2025/40/"):  # an adopted decision: both of its
        article = soup(out / address / "index.html").find("article", attrs={"data-removed": True})
        assert article["data-removed"] == removed
        assert article.find("time")["datetime"] == when
        assert "„Documente retrase: publicate din greșeală”" in article.get_text()
    assert "program" in soup(out / "documente/program-achizitii-2025/index.html").find("h1").get_text().lower()
    assert soup(out / "hotarari/2025/40/index.html").find("h1").get_text().startswith("Hotărârea nr. 40/2025 privind")
    assert not sitechecks.nu_errors(out, [out / "hotarari/2025/40/index.html"])  # the Nu HTML checker
    sitemap = "".join(p.read_text(encoding="utf-8") for p in out.glob("sitemap*.xml"))
    assert "/documente/program-achizitii-2025/" not in sitemap and "/proiecte/proiect-parcari/" not in sitemap
    assert_same_as_cold(work, out, tmp_path)
    # A document given the name again has its own page there.
    write_parking_draft(work)
    commit(work, "Proiect nou", "2025-12-05T09:00:00+00:00")
    again = trees.build(work / "content", out, cache=cache)
    assert again.returncode == 0, again.stderr
    page = soup(out / "proiecte/proiect-parcari/index.html")
    assert not page.find(attrs={"data-removed": True}) and "tarifele parcărilor" in page.find("h1").get_text()


def test_a_new_commit_is_read_alone_and_the_incremental_build_equals_a_cold_one(tmp_path, site):
    repo, _, _ = site
    work, out, cache = built_copy(repo, tmp_path)
    # A commit that changes no byte of content (the message only): the history changes all the same.
    git(work, "commit", "-q", "--allow-empty", "-m", "Fără modificări", when="2025-12-03T09:00:00+00:00")
    # Not a byte of content changed, but the build is not "nothing changed": the manifest names the new commit.
    assert trees.build(work / "content", out, cache=cache).returncode == 0
    empty = git(work, "rev-parse", "HEAD").strip()
    assert f'"commit": "{empty}"' in (out / "date/integritate/manifest.json").read_text(encoding="utf-8")
    edit(work / "content" / MOVED, "Se abrogă prevederile contrare", "Se abrogă orice prevederi contrare")
    new = commit(work, "Art. 2 reformulat", "2025-12-04T09:00:00+00:00")
    incremental = trees.build(work / "content", out, cache=cache)
    assert incremental.returncode == 0, incremental.stderr
    assert_same_as_cold(work, out, tmp_path)
    assert soup(out / PAGE).find("li", attrs={"data-commit": True})["data-commit"] == new


MEETING = "sedinte/sedinta-2025-03-27.md"


def calendar_event(out: Path, uid: str):
    import icalendar

    cal = icalendar.Calendar.from_ical((out / "sedinte/calendar.ics").read_bytes())
    [found] = [e for e in cal.walk("VEVENT") if str(e["UID"]) == uid]
    return found


def test_a_meeting_moved_with_an_agenda_item_dropped_raises_its_calendar_sequence(tmp_path, site):
    """RFC 5545, 3.8.7.4: SEQUENCE rises when the start changes and never falls. Moved from 10:00 to
    14:00, to another room, one of its two agenda items dropped, in one commit: fewer facts, one
    more commit. LAST-MODIFIED is that commit's time (before the build day, 25 November 2025)."""
    repo, _, _ = site
    work, out, cache = built_copy(repo, tmp_path)
    uid = "sedinte/sedinta-2025-03-27@example.test"
    before = calendar_event(out, uid)
    edit(work / "content" / MEETING, "date: 2025-03-27 10:00", "date: 2025-03-27 14:00")
    edit(work / "content" / MEETING, "place: Sala mare", "place: Sala mică")
    edit(work / "content" / MEETING, "  - {title: Întrebări și interpelări}\n", "")
    commit(work, "Ședința mutată la ora 14:00", "2025-11-20T09:00:00+00:00")
    assert trees.build(work / "content", out, cache=cache).returncode == 0
    after = calendar_event(out, uid)
    # 14:00 in Bucharest on 27 March 2025 (winter time, UTC+2) is 12:00 UTC
    assert after.start.astimezone(dt.timezone.utc) == dt.datetime(2025, 3, 27, 12, 0, tzinfo=dt.timezone.utc)
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after["LAST-MODIFIED"].dt == dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.timezone.utc)
    assert after["DTSTAMP"].dt == after["LAST-MODIFIED"].dt
    assert_same_as_cold(work, out, tmp_path)


def test_an_individual_disposition_shows_its_register_changes_and_never_its_text_or_messages(site):
    _, shas, out = site
    section = soup(out / DISPOSITION_PAGE).find("section", attrs={"data-history": True})
    items = section.find_all("li", attrs={"data-commit": True})
    assert [li["data-commit"] for li in items] == [shas["withheld"]]
    assert section.find(attrs={"data-published-commit": True})["data-published-commit"] == shas["disposition"]
    changed = items[0].find("ul")
    assert "Data" in changed.get_text() and [t["datetime"] for t in changed.find_all("time")] == ["2025-05-05",
                                                                                                  "2025-05-06"]
    change_page = out / f"dispozitii/2025/40/istoric/{shas['withheld'][:12]}/index.html"
    shown = soup(change_page)
    assert shown.find(attrs={"data-withheld": True}) and not shown.find(class_="history-diff")
    for path in out.rglob("*"):  # pages, feeds, search shards, data files
        if path.is_file() and path.suffix not in (".pdf", ".png", ".ico", ".woff2"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert PERSON not in text and "mustr" not in text.lower() and "salariului" not in text, path


def test_another_document_has_its_history_and_its_word_diff(site):
    _, shas, out = site
    page = next((out / "documente").glob("*/index.html"))
    section = soup(page).find("section", attrs={"data-history": True})
    items = section.find_all("li", attrs={"data-commit": True})
    assert [li["data-commit"] for li in items] == [shas["withheld"]]
    assert section.find(attrs={"data-published-commit": True})["data-published-commit"] == shas["disposition"]
    diff = soup(page.parent / f"istoric/{shas['withheld'][:12]}/index.html").find(class_="history-diff")
    assert [ins.get_text() for ins in diff.find_all("ins")] == ["[adăugat:  și poduri]"]


def test_edits_not_yet_committed_rebuild_as_a_cold_build_would(tmp_path, site):
    """The same commit checked out: a body edit reuses the history's digests, a front-matter edit that
    makes an individual disposition's text public shows its history whole; both as a cold build."""
    repo, shas, _ = site
    work, out, cache = built_copy(repo, tmp_path)
    for step, (path, old, new) in enumerate([
            (MOVED, "Se abrogă prevederile contrare", "Se abrogă orice prevederi contrare"),
            (DISPOSITION, "character: individual\n", "character: individual\npublish_text: true\n")]):
        edit(work / "content" / path, old, new)
        incremental = trees.build(work / "content", out, cache=cache)
        assert incremental.returncode == 0, incremental.stderr
        cold = trees.build(work / "content", tmp_path / f"cold-{step}", cache=tmp_path / f"cold-cache-{step}")
        assert cold.returncode == 0, cold.stderr
        assert tree_bytes(out) == tree_bytes(tmp_path / f"cold-{step}")
    subjects = soup(out / DISPOSITION_PAGE).find("section", attrs={"data-history": True}).get_text(" ")
    assert PERSON in subjects  # its commit messages, now that its text is public
    assert (out / f"dispozitii/2025/40/istoric/{shas['withheld'][:12]}/index.html").read_text(
        encoding="utf-8").count("<del>") >= 1


def test_a_message_reworded_for_the_public_is_shown_marked_and_a_wrong_commit_is_named(tmp_path, site):
    repo, shas, _ = site
    work, out, cache = built_copy(repo, tmp_path)
    (work / "content/data/commit-messages.yml").write_text(
        f"{shas['text'][:9]}: Hotărârea nr. 5/2025, art. 1 adus la forma semnată\n'0000000': Nimic\n", encoding="utf-8")
    incremental = trees.build(work / "content", out, cache=cache)
    assert incremental.returncode == 0, incremental.stderr
    assert "content/data/commit-messages.yml:2: commit: „0000000” nu numește niciun commit" in incremental.stderr
    item = soup(out / PAGE).find("li", attrs={"data-commit": shas["text"]})
    assert "„Hotărârea nr. 5/2025, art. 1 adus la forma semnată”" in item.get_text()
    assert item.find(attrs={"data-reworded": True}) and "Corectarea textului" not in item.get_text()
    assert_same_as_cold(work, out, tmp_path)
    strict = trees.build(work / "content", tmp_path / "strict", cache=tmp_path / "strict-cache", strict=True)
    assert strict.returncode != 0  # a warning stops `make publish`


def test_a_title_edit_of_a_decision_changed_after_adoption_reaches_its_activity_entry(tmp_path, site):
    """The activity entries of texts changed after adoption name their decision by id (found in one
    pass over every change); its title, shown beside each, still follows an edit, as a cold build would."""
    repo, shas, _ = site
    work, out, cache = built_copy(repo, tmp_path)
    new_title = "privind aprobarea bugetului general al județului pe anul 2025"
    edit(work / "content" / MOVED, "title: privind aprobarea bugetului județului pe anul 2025", f"title: {new_title}")
    incremental = trees.build(work / "content", out, cache=cache)
    assert incremental.returncode == 0, incremental.stderr
    change = f"/hotarari/2025/5/istoric/{shas['text'][:12]}/"
    entry = soup(out / "activitate/index.html").find("a", href=change).find_parent("li")
    assert new_title in entry.get_text(" ", strip=True)
    assert_same_as_cold(work, out, tmp_path)


def test_publish_stops_while_the_content_differs_from_the_commit_the_manifest_names(tmp_path, site):
    repo, _, _ = site
    work = shutil.copytree(repo, tmp_path / "repo")
    content = work / "content"
    assert trees.build(content, tmp_path / "clean", cache=tmp_path / "c1", strict=True).returncode == 0
    edit(content / MOVED, "title: privind aprobarea bugetului", "title: privind aprobarea bugetului general")
    (content / "pages").mkdir(exist_ok=True)
    (content / "pages/ciorna.md").write_text("---\ntitle: Ciornă\n---\nText.\n", encoding="utf-8")
    (content / ".notite.md").write_text("nu se publică\n", encoding="utf-8")  # hidden: not read, not named
    stopped = trees.build(content, tmp_path / "dirty", cache=tmp_path / "c2", strict=True)
    assert stopped.returncode == 1
    assert "Publicarea a fost oprită: 2 fișiere" in stopped.stderr
    assert MOVED in stopped.stderr and "pages/ciorna.md" in stopped.stderr and ".notite" not in stopped.stderr
    assert not (tmp_path / "dirty").exists()  # stopped before building anything
    assert trees.build(content, tmp_path / "preview", cache=tmp_path / "c3").returncode == 0  # make html: builds
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "Titlu corectat; pagină nouă")
    assert trees.build(content, tmp_path / "dirty", cache=tmp_path / "c2", strict=True).returncode == 0


def test_publish_says_the_fix_of_each_uncommitted_file_with_its_path_from_the_repository(tmp_path, monkeypatch):
    """The message told to `git restore` a file git does not have (it fails: „pathspec did not
    match”) and named it from the content folder (`nou.txt`, not `content/nou.txt`)."""
    from transparency.adapters import guards

    work = tmp_path / "repo"
    trees.write(work, "content/pages/despre.md", "---\ntitle: Despre\n---\nText.\n")
    trees.write(work, "content/pages/vechi.md", "---\ntitle: Vechi\n---\nText.\n")
    git(work, "init", "-q", "-b", "main")
    commit(work, "Pagini", "2025-03-28T09:00:00+00:00")
    (work / "content/pages/despre.md").write_text("---\ntitle: Despre noi\n---\nText.\n", encoding="utf-8")
    (work / "content/pages/vechi.md").unlink()
    trees.write(work, "content/nou.txt", "notă\n")
    monkeypatch.chdir(work)  # where staff run make publish, and git
    settings = {"PATH": str(work / "content"), "THEME": str(work / "theme")}
    said = guards.uncommitted_said(settings, str(work / "pelicanconf.py"))
    assert said.startswith("Publicarea a fost oprită: 3 fișiere diferă de ultimul commit")
    lines = said.splitlines()
    assert "1 fișier nou, pe care git nu îl are încă: content/nou.txt — adăugați-l cu git add și git commit, " \
           "sau ștergeți-l." in lines
    assert "1 fișier modificat: content/pages/despre.md — salvați modificarea cu git add și git commit, " \
           "sau renunțați la ea cu git restore content/pages/despre.md." in lines
    assert "1 fișier șters: content/pages/vechi.md — confirmați ștergerea cu git rm și git commit, " \
           "sau aduceți-l înapoi cu git restore content/pages/vechi.md." in lines
    # Each command said works: restore the changed and the deleted file, delete the new one.
    git(work, "restore", "content/pages/despre.md", "content/pages/vechi.md")
    (work / "content/nou.txt").unlink()
    assert guards.uncommitted_said(settings, str(work / "pelicanconf.py")) == ""


def renamed_and_rebuilt(repo: Path, tmp_path: Path, old: str, new: str) -> tuple[Path, Path, Path]:
    """A built copy of the repository whose file `old` (under content/) is renamed `new` in a commit,
    then built again: (the copy, its output, its build cache)."""
    work, out, cache = built_copy(repo, tmp_path)
    git(work, "mv", f"content/{old}", f"content/{new}")
    git(work, "commit", "-q", "-m", "Fișier redenumit", when="2025-11-20T10:00:00+00:00")
    incremental = trees.build(work / "content", out, cache=cache)
    assert incremental.returncode == 0, incremental.stderr
    return work, out, cache


def test_a_renamed_decision_keeps_its_feed_at_the_old_address(tmp_path, site):
    """Feed readers keep the address they were given: after a draft's file is renamed, its old feed
    goes on with the same entries, its self link naming the new address (feedparser reads both)."""
    import feedparser

    before = feedparser.parse((site[2] / "feeds/proiecte/proiect-parcari.atom").read_bytes())
    work, out, cache = renamed_and_rebuilt(site[0], tmp_path, "hotarari/2025/proiect-parcari.md",
                                           "hotarari/2025/proiect-regulament-parcari.md")
    after = feedparser.parse((out / "feeds/proiecte/proiect-regulament-parcari.atom").read_bytes())
    assert [e.id for e in after.entries] == [e.id for e in before.entries]  # RFC 4287 4.2.6: ids never change
    # The feed's own id too, at both addresses (it was made from the address, and changed with it).
    left = feedparser.parse((out / "feeds/proiecte/proiect-parcari.atom").read_bytes())
    assert before.feed.id == "tag:example.test,2025:feeds/proiecte/proiect-parcari"
    assert after.feed.id == left.feed.id == before.feed.id
    for fmt in ("rss", "atom"):
        old = feedparser.parse((out / f"feeds/proiecte/proiect-parcari.{fmt}").read_bytes())
        new = feedparser.parse((out / f"feeds/proiecte/proiect-regulament-parcari.{fmt}").read_bytes())
        assert not old.bozo and new.entries and [e.id for e in old.entries] == [e.id for e in new.entries]
        assert [e.title for e in old.entries] == [e.title for e in new.entries]
        self_links = {link.href for link in old.feed.links if link.rel == "self"}
        assert self_links == {f"https://example.test/feeds/proiecte/proiect-regulament-parcari.{fmt}"}
    subscribe = (out / "abonare/index.html").read_text(encoding="utf-8")
    assert "feeds/proiecte/proiect-parcari." not in subscribe  # kept for old subscribers, not offered
    assert_same_as_cold(work, out, tmp_path)
    # A new draft given the old name takes the feed's address back: its own feed stands there.
    write_parking_draft(work)
    again = trees.build(work / "content", out, cache=cache)
    assert again.returncode == 0, again.stderr
    retaken = feedparser.parse((out / "feeds/proiecte/proiect-parcari.atom").read_bytes())
    assert "tarifele parcărilor" in retaken.feed.title


def test_a_file_renamed_to_drop_a_cnp_from_its_name_leaves_no_page_at_the_old_address(tmp_path, site):
    """The build refused the name (it would be an address); staff renamed the file as told: the old
    name is in the history, and no page, manifest line or feed may publish it now."""
    repo, _, _ = site
    work, out, cache = built_copy(repo, tmp_path)
    (work / f"content/pages/cerere-ion-ionescu-{CNP}.md").write_text("---\ntitle: Cerere\n---\nText.\n",
                                                                    encoding="utf-8")
    commit(work, "Cerere adăugată", "2025-11-19T10:00:00+00:00")
    (work / "content/pages/„”.md").write_text("---\ntitle: Cerere\n---\nText.\n", encoding="utf-8")  # no address
    commit(work, "Alte cereri", "2025-11-19T11:00:00+00:00")
    git(work, "mv", f"content/pages/cerere-ion-ionescu-{CNP}.md", "content/pages/cerere-ion-ionescu.md")
    git(work, "mv", "content/pages/„”.md", "content/pages/cerere-doi.md")
    commit(work, "Numele fișierelor corectate", "2025-11-20T10:00:00+00:00")
    built = trees.build(work / "content", out, cache=cache)
    assert built.returncode == 0, built.stderr
    assert (out / "cerere-ion-ionescu/index.html").is_file()
    assert not list(out.glob(f"*{CNP}*"))
    leaked = [p for p in out.rglob("*") if p.is_file() and CNP.encode() in p.read_bytes()]
    assert not leaked


def entry_ids(feed: Path) -> dict[str, str]:
    import feedparser

    return {e.link: e.id for e in feedparser.parse(feed.read_bytes()).entries}


def test_a_renamed_file_leaves_a_page_at_its_old_address_that_leads_to_the_new_one(tmp_path, site):
    before = entry_ids(site[2] / "feeds/toate.atom")["https://example.test/rapoarte/raport-buget-2025/"]
    work, out, cache = renamed_and_rebuilt(site[0], tmp_path, "rapoarte/raport-buget-2025.md",
                                           "rapoarte/raport-specialitate-buget-2025.md")
    assert entry_ids(out / "feeds/toate.atom")["https://example.test/rapoarte/raport-specialitate-buget-2025/"] == before
    assert (out / "rapoarte/raport-specialitate-buget-2025/index.html").is_file()
    old = soup(out / "rapoarte/raport-buget-2025/index.html")
    refresh = old.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh == "0; url=/rapoarte/raport-specialitate-buget-2025/"
    assert old.find("main").find("a", href="/rapoarte/raport-specialitate-buget-2025/")  # without refresh too
    sitemap = "".join(p.read_text(encoding="utf-8") for p in out.glob("sitemap*.xml"))
    assert "/rapoarte/raport-specialitate-buget-2025/" in sitemap and "/rapoarte/raport-buget-2025/" not in sitemap
    assert_same_as_cold(work, out, tmp_path)
    # A new file given the old name takes its address back: no page is left for the old one.
    (work / "content/rapoarte/raport-buget-2025.md").write_text(
        "---\ntitle: Un alt raport\nkind: specialist-report\ndate: 2025-03-20\ndecision: 5/2025\n---\nText.\n", encoding="utf-8")
    again = trees.build(work / "content", out, cache=cache)
    assert again.returncode == 0, again.stderr
    assert soup(out / "rapoarte/raport-buget-2025/index.html").find("h1").get_text(strip=True) == "Un alt raport"


def test_a_renamed_documents_change_pages_lead_to_their_new_addresses(tmp_path, site):
    """PAGE/istoric/SHA12/ is a permanent address too: after a rename, each change page the old
    address had leads to the same change at the new one."""
    repo, shas, _ = site
    old_change = f"documente/program-achizitii-2025/istoric/{shas['withheld'][:12]}/"
    work, out, cache = renamed_and_rebuilt(repo, tmp_path, PUBLICATION, "documente/program-achizitii-publice-2025.md")
    new_change = f"/documente/program-achizitii-publice-2025/istoric/{shas['withheld'][:12]}/"
    assert (site[2] / old_change / "index.html").is_file()  # published before the rename
    assert soup(out / new_change.strip("/") / "index.html").find("article", attrs={"data-commit": shas["withheld"]})
    left = soup(out / old_change / "index.html")
    assert left.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={new_change}"
    assert left.find("main").find("a", href=new_change)
    # named as the change's own page names it, by its day (read here from git), not by the commit's id
    when = subprocess.run(["git", "show", "-s", "--format=%ct", shas["withheld"]], cwd=repo, capture_output=True,
                          text=True, check=True).stdout.strip()
    day = dt.datetime.fromtimestamp(int(when), ZoneInfo("Europe/Bucharest")).date()
    title = left.find("title").get_text()
    months = ("ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie "
              "decembrie").split()
    assert title.startswith(f"Modificarea din {day.day} {months[day.month - 1]} {day.year}, ora "), title
    assert shas["withheld"][:12] not in title
    assert_same_as_cold(work, out, tmp_path)


def test_an_event_added_is_listed_alone_as_added_on_the_page_and_on_the_change_page(tmp_path, site):
    """Adding one event shows that event, „adăugat: …” (struck and underlined, with the words for screen
    readers), not the whole list before and after."""
    repo, _, _ = site
    work, out, cache = built_copy(repo, tmp_path)
    edit(work / "content" / MOVED, "  - {date: 2025-04-01, event: published}\n",
         "  - {date: 2025-04-01, event: published}\n  - {date: 2025-12-10, event: corrected, note: eroare materială}\n")
    sha = commit(work, "Rectificarea înregistrată", "2025-12-10T09:00:00+00:00")
    incremental = trees.build(work / "content", out, cache=cache)
    assert incremental.returncode == 0, incremental.stderr
    item = soup(out / PAGE).find("li", attrs={"data-commit": sha})
    [row] = item.find("ul", class_="history-fields").find_all("li")
    said = " ".join(row.get_text(" ").split())
    assert said == "Evenimente: adăugat: data: 10 decembrie 2025 , eveniment: rectificare, notă: eroare materială"
    assert not row.find("del") and row.find("ins").find("time")["datetime"] == "2025-12-10"
    page = soup(out / f"hotarari/2025/5/istoric/{sha[:12]}/index.html")
    [cell] = page.find("table", class_="history-fields").find("tbody").find_all("td")
    assert cell["colspan"] == "2" and cell.find("ins").find(class_="visually-hidden").get_text() == "adăugat: "
    assert "semnare" not in cell.get_text()  # the events that were there before are not repeated
    # the correction is tied to its commit, with its note; the commit may have changed more than it
    assert item.has_attr("data-corrected")
    assert "Rectificare înregistrată („eroare materială”); modificarea cuprinde tot ce a schimbat acest commit" \
        in " ".join(item.get_text(" ").split())
    assert "rectificare („eroare materială”); mai jos este tot ce a schimbat commitul" in \
        " ".join(page.find("article").get_text(" ").split())
    assert_same_as_cold(work, out, tmp_path)


def test_a_meeting_changed_is_named_by_its_title_and_an_unknown_one_by_its_id(tmp_path, site):
    """`meeting: sedinta-…` is shown as the site names the meeting elsewhere (its title, its day in a
    <time>); an id that names no meeting of the archive (any more) is shown as written."""
    repo, _, _ = site
    work, out, cache = built_copy(repo, tmp_path)
    edit(work / "content" / MOVED, "meeting: sedinta-2025-03-27", "meeting: sedinta-2025-03-27-bis")
    gone = commit(work, "Ședința scrisă greșit", "2025-12-10T09:00:00+00:00")
    edit(work / "content" / MOVED, "meeting: sedinta-2025-03-27-bis", "meeting: sedinta-2025-03-27")
    back = commit(work, "Ședința corectată", "2025-12-11T09:00:00+00:00")
    incremental = trees.build(work / "content", out, cache=cache)
    assert incremental.returncode == 0, incremental.stderr
    section = soup(out / PAGE).find("section", attrs={"data-history": True})
    rows = {sha: section.find("li", attrs={"data-commit": sha}).find("ul", class_="history-fields").li
            for sha in (gone, back)}
    said = {sha: " ".join(row.get_text(" ").split()) for sha, row in rows.items()}
    assert said[back] == ("Ședința: valoarea veche: sedinta-2025-03-27-bis → "
                          "valoarea nouă: Ședința ordinară din 27 martie 2025")
    assert said[gone] == ("Ședința: valoarea veche: Ședința ordinară din 27 martie 2025 → "
                          "valoarea nouă: sedinta-2025-03-27-bis")
    assert rows[back].find("ins").find("time")["datetime"] == "2025-03-27"
    # The meeting's title edited: the history names it anew, as a cold build would.
    edit(work / "content/sedinte/sedinta-2025-03-27.md", "title: Ședința ordinară din 27 martie 2025",
         "title: Ședința ordinară a consiliului")
    again = trees.build(work / "content", out, cache=cache)
    assert again.returncode == 0, again.stderr
    row = soup(out / PAGE).find("li", attrs={"data-commit": back}).find("ul", class_="history-fields").li
    assert " ".join(row.ins.get_text(" ").split()) == "valoarea nouă: Ședința ordinară a consiliului ( 27 martie 2025 )"
    assert_same_as_cold(work, out, tmp_path)


def test_a_commit_dated_before_its_files_earlier_changes_is_flagged_and_dated_no_earlier_in_feeds(site, tmp_path):
    """git takes any date: a text change committed last but dated 1 June 2025, before the file's
    changes of July and December, is listed first (the main line's order), says so, and reaches the
    decision's feed at the newest earlier change's time, not in the past."""
    import feedparser

    repo, _, _ = site
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    edit(clone / "content" / MOVED, "bugetul general rectificat al județului", "bugetul general al județului Cluj")
    late = commit(clone, "Textul schimbat, cu o dată din trecut", "2025-06-01T09:00:00+00:00")
    # another file, whose own versions are older still: dated before the main line's newest commit
    edit(clone / "content" / PUBLICATION, "drumuri și poduri județene", "drumuri, poduri și podețe județene")
    other = commit(clone, "Programul completat, cu o dată din trecut", "2025-05-10T09:00:00+00:00")
    out = tmp_path / "out"
    assert trees.build(clone / "content", out, epoch="1765000000").returncode == 0  # 6 December 2025
    section = soup(out / PAGE).find("section", attrs={"data-history": True})
    newest = section.find("li", attrs={"data-commit": True})
    assert newest["data-commit"] == late and newest.find("time")["datetime"] == "2025-06-01T12:00:00+03:00"
    assert newest["data-dated-before"] == "2025-12-02T14:00:00+02:00"  # the CNP's removal, the change before it
    assert "anterioară celei de dinaintea ei" in " ".join(newest.get_text(" ").split())
    assert [li.get("data-dated-before") for li in section.find_all("li", attrs={"data-commit": True})][1:] == \
        [None] * 4  # every other change is in its date's order
    feed = feedparser.parse((out / "feeds/proiecte/buget-2025.atom").read_bytes())
    [entry] = [e for e in feed.entries if e.id.endswith(late[:12])]
    assert entry.published == "2025-12-02T14:00:00+02:00"
    change_page = soup(out / f"hotarari/2025/5/istoric/{late[:12]}/index.html")
    assert change_page.find(attrs={"data-dated-before": "2025-12-02T14:00:00+02:00"})
    publication = soup(out / "documente/program-achizitii-2025/index.html").find("li", attrs={"data-commit": other})
    assert publication["data-dated-before"] == "2025-12-02T14:00:00+02:00"  # not its file's May 7
    said = notices(soup(out / PAGE))["text"]  # the newest change is dated no earlier than what preceded it
    assert said.startswith("Textul de mai jos a fost modificat după adoptare de 3 ori, ultima dată cel mai devreme "
                           "la 2 decembrie 2025"), said


def test_with_the_repositorys_address_each_commit_links_to_it_but_those_of_a_withheld_act(site, tmp_path):
    repo, shas, _ = site
    settings = tmp_path / "linked.py"
    settings.write_text(
        f"exec(open({str(trees.ROOT / 'pelicanconf.py')!r}, encoding='utf-8').read())\n"
        f"THEME = {str(trees.ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(trees.ROOT / 'plugins')!r}]\n"
        "TRANSPARENCY = {'history_commit_url': 'https://git.example.ro/cj/decizii/commit/{commit}'}\n",
        encoding="utf-8")
    out = tmp_path / "out"
    assert trees.build(repo / "content", out, settings=str(settings)).returncode == 0
    page = soup(out / PAGE)
    links = {a["href"] for a in page.select("section[data-history] a[data-commit-link]")}
    assert links == {f"https://git.example.ro/cj/decizii/commit/{shas[k]}" for k in ("cnp", "vote", "rename", "text",
                                                                                    "create")}
    change = soup(out / f"hotarari/2025/5/istoric/{shas['text'][:12]}/index.html")
    assert change.find("a", attrs={"data-commit-link": True})["href"].endswith(shas["text"])
    # an individual disposition's text is withheld: the repository would show it, so no link
    assert not soup(out / DISPOSITION_PAGE).select("a[data-commit-link]")


def test_an_agenda_item_added_names_its_decision_as_the_site_does(tmp_path, site):
    """„hotărârea: proiect-parcari” (a file's name) reads „Proiect de hotărâre privind …” in the
    meeting's history; an id that names no decision stays as written."""
    repo, _, _ = site
    work, out, cache = built_copy(repo, tmp_path)
    meeting = next((work / "content" / "sedinte").glob("*06-26*.md"))
    edit(meeting, "  - decision: rectificare-buget\n",
         "  - decision: rectificare-buget\n  - decision: proiect-parcari\n  - {title: Diverse}\n")
    # registered before the meeting, as a draft on its agenda must be (the fixture's is registered in November)
    edit(work / "content/hotarari/2025/proiect-parcari.md", "registered: 2025-11-03", "registered: 2025-06-02")
    sha = commit(work, "Ordinea de zi completată", "2025-06-20T09:00:00+00:00")
    assert trees.build(work / "content", out, cache=cache).returncode == 0
    item = soup(out / "sedinte/sedinta-2025-06-26/index.html").find("li", attrs={"data-commit": sha})
    said = " ".join(item.find("ul", class_="history-fields").get_text(" ").split())
    assert said == ("Ordinea de zi: adăugat: Proiect de hotărâre privind aprobarea regulamentului parcărilor ; "
                    "adăugat: titlu: Diverse"), said
    assert_same_as_cold(work, out, tmp_path)


def test_a_title_changed_after_adoption_is_said_of_the_title(tmp_path, site):
    repo, _, _ = site
    work, out, cache = built_copy(repo, tmp_path)
    edit(work / "content" / MOVED, "title: privind aprobarea bugetului", "title: privind aprobarea bugetului general")
    commit(work, "Titlul completat", "2025-11-20T09:00:00+00:00")
    assert trees.build(work / "content", out, cache=cache).returncode == 0
    said = notices(soup(out / PAGE))["text"]
    assert said.startswith("Textul de mai jos și titlul hotărârii au fost modificate după adoptare de 3 ori"), said
    assert "nu sunt neapărat cele adoptate" in said
    assert_same_as_cold(work, out, tmp_path)


def test_an_adopted_text_only_re_broken_into_other_lines_is_listed_and_not_flagged(tmp_path, site):
    """The second review: a paragraph's lines broken elsewhere (the text reads the same) was flagged
    as a text changed after adoption, on the page and in the feeds. It is listed, said to be a
    layout, and changes no notice and no feed."""
    repo, _, _ = site
    work, out, cache = built_copy(repo, tmp_path)
    before, feed = notices(soup(out / PAGE)), (out / "feeds/proiecte/buget-2025.atom").read_bytes()
    text = (work / "content" / MOVED).read_text(encoding="utf-8")
    head, _, body = text.partition("\n---\n")
    (work / "content" / MOVED).write_text(head + "\n---\n" + body.replace(" al ", "\nal ").replace(". ", ".  "),
                                         encoding="utf-8")
    relaid = commit(work, "Rânduri mai scurte în fișier", "2025-12-06T09:00:00+00:00")
    assert trees.build(work / "content", out, cache=cache).returncode == 0
    page = soup(out / PAGE)
    item = page.find("li", attrs={"data-commit": relaid})
    assert item.find(attrs={"data-relaid": True}) and not item.has_attr("data-after-adoption")
    assert notices(page) == before
    assert (out / "feeds/proiecte/buget-2025.atom").read_bytes() == feed
    change = soup(out / f"hotarari/2025/5/istoric/{relaid[:12]}/index.html")
    assert change.find("p", attrs={"data-relaid": True}) and not change.find(class_="history-diff")
    assert_same_as_cold(work, out, tmp_path)


def test_a_decision_renumbered_after_adoption_keeps_its_old_numbers_address(tmp_path, site):
    """Addresses are permanent: 5/2025 renumbered 7/2025 (a mistyped number corrected) leaves a page at
    /hotarari/2025/5/ that leads to /hotarari/2025/7/, and so do its change pages' old addresses."""
    repo, shas, _ = site
    work, out, cache = built_copy(repo, tmp_path)
    edit(work / "content" / MOVED, "number: 5\n", "number: 7\n")
    amender = work / "content/hotarari/2025/rectificare-buget.md"
    edit(amender, "amends: [5/2025]", "amends: [7/2025]")
    edit(amender, "Hotărârea nr. 5/2025", "Hotărârea nr. 7/2025")
    renumbered = commit(work, "Numărul hotărârii corectat după registru", "2025-12-05T09:00:00+00:00")
    result = trees.build(work / "content", out, cache=cache)
    assert result.returncode == 0, result.stderr
    old = soup(out / PAGE)
    assert old.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=/hotarari/2025/7/"
    assert old.find("a", href="/hotarari/2025/7/")
    page = soup(out / "hotarari/2025/7/index.html")
    assert page.find("li", attrs={"data-commit": renumbered})
    said = " ".join(page.find(attrs={"data-changed-after-adoption": "record"}).get_text(" ").split())
    assert said.startswith("Numărul hotărârii a fost modificat după adoptare la 5 decembrie 2025"), said
    moved_change = soup(out / f"hotarari/2025/5/istoric/{shas['text'][:12]}/index.html")
    assert moved_change.find("a", href=f"/hotarari/2025/7/istoric/{shas['text'][:12]}/")
    assert "https://example.test/hotarari/2025/5/" not in (out / "sitemap.xml").read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in out.glob("sitemap-*.xml"))
    assert_same_as_cold(work, out, tmp_path)
