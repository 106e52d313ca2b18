"""Random and malformed front matter thrown at the reader and the validator.

Whatever a file holds (random YAML for each contract field, random bytes,
missing delimiters, tabs, huge numbers, any unicode), the only outcomes are a
clean check or clean, located problems: a Problem with the file's path, a
line within the file, a field and a message. Never an exception, never a
file silently skipped, and never a lost valid document: the valid documents
beside the broken file are still in the archive. When the check is clean,
the site model and the context of every page are computed without an
exception too.

Random front matter is almost never valid, so a last test draws documents
that follow the contract with unusual values (any text, far dates, every
vote, status and optional field): each must pass the check, and every page
view of the site is then computed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings, strategies as st

from support.content_model import plain_yaml
from transparency.domain import vocab
from transparency.domain.facts import AFTER_ADOPTION
from transparency.domain.reads import Part
from transparency.publish import routes
from transparency.source import pipeline, schema
from transparency.site.views import SiteModel

COUNCIL = """name: Consiliul Local Aleator
seats: 5
members:
  - {name: Ana Pop}
  - {name: Dan Stan}
committees:
  - {slug: buget, name: Comisia de buget}
"""
VALID = {
    "hotarari/valid-proiect.md": "---\ntitle: privind un proiect valid\nstatus: draft\nregistered: 2026-01-05\n"
                                 "committees: [buget]\n---\nArt. 1. Text.\n",
    "sedinte/valid-sedinta.md": "---\ntitle: Ședința de test\nkind: ordinary\ndate: 2026-02-26 10:00\n"
                                "items:\n  - decision: valid-proiect\n---\n",
    "pages/valid-pagina.md": "---\ntitle: Pagină validă\n---\nText.\n",
}
BUILD_DAY = dt.date(2026, 11, 25)
VALID_IDS = {"decisions": "valid-proiect", "meetings": "valid-sedinta", "pages": "valid-pagina"}
FOLDERS = {"hotarari": schema.DECISION_KEYS, "rapoarte": schema.REPORT_KEYS, "sedinte": schema.MEETING_KEYS,
           "pages": schema.PAGE_KEYS}
SUB_KEYS = (schema.ATTACHMENT_KEYS + schema.EVENT_KEYS + schema.VOTE_KEYS + schema.CONSULTATION_KEYS
            + schema.AGENDA_KEYS + schema.COUNCIL_KEYS + schema.CONTACT_KEYS + schema.MEMBER_KEYS
            + schema.COMMITTEE_KEYS + schema.NOMINAL_KEYS)
VOCABULARY = sorted({*vocab.DECISION_STATUSES, *vocab.MAJORITIES, *vocab.EVENTS, *vocab.REPORT_KINDS,
                     *vocab.OPINIONS, *vocab.MEETING_KINDS})
REFERENCES = ["valid-proiect", "valid-sedinta", "1/2026", "0/0", "99999999999999999999/2026", "valid-pagina",
              "anexe/x.pdf", "../../etc/passwd", "/abs.pdf", "https://example.test/v"]
DATES = ["2026-02-30", "2026-01-05", "2026-13-01", "0001-01-01", "9999-12-31", "2026-02-26 10:00",
         "2026-02-26 25:61", "26.02.2026", "2026-1-5"]

scalars = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(10 ** 40), max_value=10 ** 40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(VOCABULARY + REFERENCES + DATES + ["Ana Pop", "Dan Stan", "buget"]),
    st.dates(min_value=dt.date(1, 1, 1)).map(str),
)
keys = st.sampled_from(sorted({*SUB_KEYS, *schema.DECISION_KEYS, *schema.MEETING_KEYS, *schema.REPORT_KEYS}))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(keys | st.text(max_size=8), inner, max_size=4)), max_leaves=12)


def front_matters(allowed):
    return st.dictionaries(st.sampled_from(allowed) | st.text(max_size=10), values, max_size=10)


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None)


@st.composite
def broken_files(draw):
    """(folder, bytes) of one file that may break every rule of the contract."""
    folder = draw(st.sampled_from(sorted(FOLDERS)))
    meta = dump(draw(front_matters(FOLDERS[folder])))
    body = draw(st.text(max_size=80))
    shape = draw(st.sampled_from(["yaml", "yaml", "yaml", "no-close", "no-open", "tabs", "bytes", "text",
                                  "mutated", "crlf-bom"]))
    if shape == "bytes":
        return folder, draw(st.binary(max_size=300))
    if shape == "text":
        return folder, draw(st.text(max_size=300)).encode("utf-8", "surrogatepass")
    if shape == "no-close":
        text = f"---\n{meta}{body}"
    elif shape == "no-open":
        text = f"{meta}---\n{body}"
    elif shape == "tabs":
        text = "---\n" + meta.replace("  ", "\t").replace(": ", ":\t") + "---\n" + body
    elif shape == "mutated":
        text = draw(st.sampled_from(sorted(VALID.values())))
        at = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:at] + draw(st.sampled_from(["", "\t", ": ", "#", "\"", "[", "{", "- ", "\n", "---\n", "*x"])) \
            + text[at + draw(st.integers(min_value=0, max_value=3)):]
    elif shape == "crlf-bom":
        text = "\ufeff" + f"---\n{meta}---\n{body}".replace("\n", "\r\n")
    else:
        text = f"---\n{meta}---\n{body}"
    return folder, text.encode("utf-8", "surrogatepass")


def write_tree(root: Path, council: bytes, extra: dict[str, bytes]) -> None:
    files = {"data/council.yml": council, **{k: v.encode("utf-8") for k, v in VALID.items()}, **extra}
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def assert_clean_outcome(root: Path, broken: list[str]):
    checked = pipeline.check(root)  # never raises
    lines = {}
    for relative in ["data/council.yml", *VALID, *broken]:
        data = (root / relative).read_bytes()
        lines[f"content/{relative}"] = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") + 1
    for problem in checked.problems.items:
        assert problem.path in lines, problem
        assert isinstance(problem.line, int) and 1 <= problem.line <= lines[problem.path], (problem, lines)
        assert isinstance(problem.field, str) and problem.field.strip(), problem
        assert isinstance(problem.message, str) and problem.message.strip(), problem
        str(problem)
    archive = checked.archive
    for collection, doc_id in VALID_IDS.items():
        assert doc_id in getattr(archive, collection), f"the valid {doc_id} was lost"
    for relative in broken:
        doc_id = relative.rsplit("/", 1)[-1][:-3]
        published = any(doc_id in getattr(archive, c) for c in ("decisions", "reports", "meetings", "pages"))
        named = any(p.path == f"content/{relative}" for p in checked.problems.errors)
        assert published or named, f"{relative} was skipped without an error"
    if not checked.problems.errors:
        assert_every_page_view(checked)
    return checked


def assert_every_page_view(checked) -> None:
    """Compute the context of every page of the site map, as the build does before rendering
    (a route's context is computed only when asked for). Each document's body is read, as the
    dependency map records it, by exactly one page."""
    site = SiteModel(checked, BUILD_DAY, "https://example.test")
    site_map = routes.all_routes(site)
    paths = [route.path for route in site_map]
    assert len(paths) == len(set(paths)), "two pages at one address"
    shown = []
    for route in site_map:
        with site.log.apart() as reads:
            context = route.make()
        assert isinstance(context, dict) and "feeds" in context, route.path
        shown += [read.name for read in reads if read.part is Part.BODY]
    assert sorted(shown) == sorted(f"{doc.type}/{doc.id}" for doc in checked.archive.documents())


# Modest example counts keep the suite fast; CI runs the same examples every
# time (derandomize), a developer's run explores new ones.
FUZZ = settings(max_examples=200, deadline=None, derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(broken_files())
@example(("hotarari", b"---\n? '\xc2\x85  '\n: null\ntitle: []\n---\n"))  # NEL: a line break to YAML only
@example(("pages", b"---\n{? '' : null}\n---\n"))  # an empty key
def test_a_broken_document_beside_valid_ones(case):
    folder, data = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        write_tree(root, COUNCIL.encode("utf-8"), {f"{folder}/2026/fuzz.md": data})
        assert_clean_outcome(root, [f"{folder}/2026/fuzz.md"])


@settings(FUZZ, max_examples=100)
@given(st.dictionaries(st.sampled_from(schema.COUNCIL_KEYS) | st.text(max_size=8), values, max_size=6)
       | st.one_of(values, st.text(max_size=200)))
def test_a_broken_council_file(council):
    data = dump(council) if not isinstance(council, str) else council
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        write_tree(root, data.encode("utf-8", "surrogatepass"), {})
        assert_clean_outcome(root, [])


@settings(FUZZ, max_examples=100)
@given(st.lists(broken_files(), min_size=2, max_size=4))
def test_several_broken_documents_that_may_reference_each_other(cases):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        extra = {f"{folder}/fuzz-{i}.md": data for i, (folder, data) in enumerate(cases)}
        write_tree(root, COUNCIL.encode("utf-8"), extra)
        assert_clean_outcome(root, sorted(extra))


# -- valid documents with unusual values -------------------------------------------------------

SEATS, MEMBERS, MEETING_DAY = 5, ("Ana Pop", "Dan Stan"), dt.date(2026, 2, 26)  # of COUNCIL and VALID
VALID_REGISTERED = dt.date(2026, 1, 5)  # valid-proiect's `registered`
# Text of any script, symbols, format and private-use characters; never control characters, lone
# surrogates or non-characters (the contract rejects those), nor 13 digits in a row (they could
# make a CNP: an error, rightly).
free_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cn")),
                    min_size=1, max_size=30).filter(lambda s: s.strip() and not re.search(r"\d{13}", s))
# Dates the contract allows in a check run in 2025 or later (from 1990 to five years after the build year).
FIRST_DAY, LAST_DAY = dt.date(1990, 1, 1), dt.date(2030, 12, 31)
days = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)
TOPICS = ["buget", "Urbanism", "sănătate publică", "şcoli", "transport în comun", "2026"]
MARKDOWN = st.sampled_from(["**Art. 1.**", "HCJ nr. 1/2026", "_x_", "# Titlu", "- a\n- b", "`cod`", "> citat",
                            "[l](https://example.test/)", "<b>b</b>", "1. unu", "\n\n", "&amp;", "ș ş ț ţ"])


def days_from(first: dt.date):
    return st.dates(min_value=first, max_value=LAST_DAY)


def needed_votes(majority: str, present: int) -> int:
    """Votes `for` that carry a decision (Codul administrativ, as content-format.md words it)."""
    return {"simple": present // 2 + 1, "absolute": SEATS // 2 + 1, "two-thirds": -(-2 * SEATS // 3)}[majority]


@st.composite
def optional(draw, front: dict, key: str, values) -> None:
    if draw(st.booleans()):
        front[key] = draw(values)


@st.composite
def valid_decisions(draw) -> dict:
    voted = draw(st.booleans())
    registered = draw(st.dates(min_value=FIRST_DAY, max_value=MEETING_DAY))  # never after the build day
    front = {"title": draw(free_text), "status": draw(st.sampled_from(["draft", "withdrawn"])),
             "registered": registered}
    for key, values in (("summary", free_text), ("initiator", free_text),
                        ("topics", st.lists(st.sampled_from(TOPICS), unique=True, max_size=3)),
                        ("committees", st.sampled_from([[], ["buget"]]))):
        draw(optional(front, key, values))
    if draw(st.booleans()):
        opened = draw(days_from(registered))
        closes = min(opened + dt.timedelta(draw(st.integers(0, 400))), LAST_DAY)  # within the dates allowed
        front["consultation"] = {"opened": opened, "closes": closes}
        draw(optional(front["consultation"], "comments", st.integers(0, 10 ** 6)))
    last = registered
    if voted:
        majority = draw(st.sampled_from(sorted(vocab.MAJORITIES)))
        present = draw(st.integers(1, SEATS))
        for_ = draw(st.integers(0, present))
        against = draw(st.integers(0, present - for_))
        abstain = draw(st.integers(0, present - for_ - against))
        adopted = for_ >= needed_votes(majority, present)
        front.update(status="adopted" if adopted else "rejected", meeting=VALID_IDS["meetings"], majority=majority,
                     vote={"present": present, "for": for_, "against": against, "abstain": abstain})
        if adopted:
            front.update(number=draw(st.integers(1, 10 ** 6)), adopted=MEETING_DAY)
            last = MEETING_DAY
        if against <= len(MEMBERS) and draw(st.booleans()):
            front["votes"] = {"against": list(MEMBERS[:against])}
    # publication, communication and entry into force are an adopted act's (domain/facts.py)
    kinds = sorted(vocab.EVENTS) if front["status"] == "adopted" else sorted(set(vocab.EVENTS) - set(AFTER_ADOPTION))
    event = st.fixed_dictionaries({"date": days_from(last), "event": st.sampled_from(kinds)},
                                  optional={"note": free_text})
    events = draw(st.lists(event, max_size=4))
    if any(e["event"] == "suspension-lifted" for e in events):  # a suspension first: every event is from `last`
        events.insert(0, {"date": last, "event": "suspended"})
    if front["status"] == "withdrawn":
        events.append({"date": last, "event": "withdrawn"})
    if events:
        front["events"] = events
    return front


@st.composite
def valid_reports(draw) -> dict:
    kind = draw(st.sampled_from(sorted(vocab.REPORT_KINDS)))
    front = {"title": draw(free_text), "kind": kind, "decision": VALID_IDS["decisions"], "date": draw(days)}
    draw(optional(front, "number", free_text))
    draw(optional(front, "author", free_text))
    if kind == "committee-opinion":
        front.update(committee="buget", opinion=draw(st.sampled_from(sorted(vocab.OPINIONS))))
    return front


@st.composite
def valid_meetings(draw) -> dict:
    day = draw(days)
    front = {"title": draw(free_text), "kind": draw(st.sampled_from(sorted(vocab.MEETING_KINDS))),
             "date": f"{day} {draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"}
    for key, values in (("place", free_text), ("convened_by", free_text),
                        ("agenda_published", st.dates(min_value=FIRST_DAY, max_value=day)),
                        ("video", st.just("https://example.test/video"))):
        draw(optional(front, key, values))
    titles = draw(st.lists(st.builds(lambda title: {"title": title}, free_text), max_size=3))
    # the council's one decision at most once (a draft twice on one agenda is an error), anywhere among
    # them, and only on a meeting held once it was registered (an earlier agenda could not hold it)
    where = draw(st.none() | st.integers(0, len(titles))) if day >= VALID_REGISTERED else None
    front["items"] = titles if where is None else [*titles[:where], {"decision": VALID_IDS["decisions"]},
                                                   *titles[where:]]
    return front


@st.composite
def valid_pages(draw) -> dict:
    front = {"title": draw(free_text)}
    draw(optional(front, "summary", free_text))
    return front


VALID_FRONT = {"hotarari": valid_decisions(), "rapoarte": valid_reports(), "sedinte": valid_meetings(),
               "pages": valid_pages()}


@settings(FUZZ, max_examples=150)
@given(st.sampled_from(sorted(VALID_FRONT)).flatmap(lambda folder: st.tuples(st.just(folder), VALID_FRONT[folder])),
       st.lists(MARKDOWN | free_text, max_size=8).map(" ".join))
def test_a_valid_document_with_unusual_values_and_every_page_view(case, body):
    folder, front = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        text = f"---\n{plain_yaml(front)}---\n{body}\n"
        write_tree(root, COUNCIL.encode("utf-8"), {f"{folder}/2026/fuzz.md": text.encode("utf-8")})
        checked = assert_clean_outcome(root, [f"{folder}/2026/fuzz.md"])
        assert not checked.problems.errors, checked.problems.report()
        assert "fuzz" in {doc.id for doc in checked.archive.documents()}
