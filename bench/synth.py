"""A deterministic synthetic council of N documents, valid under the content contract.

Two shapes. The default follows a real county council: per year about 13
meetings, about 400 decisions and 1.3 reports per decision, meetings four
weeks apart (a larger N packs more decisions into each meeting rather than
reach back before 1991). "long-history" is a council of twenty years of
weekly meetings: per 10,000 documents 1,000 meetings, 2,000 reports and
7,000 decisions, many of which amend or repeal earlier ones, in chains, and
about 1,100 PDF attachments (minutes and annexes).

In both, the last meeting is shortly after the build day (its agenda holds
drafts, some in public consultation). Decisions are adopted (with votes that
add up and reach their majority, some with nominal votes), a few rejected or
withdrawn; amendments and repeals point only to decisions adopted before, and not yet repealed nor annulled,
so they never go round in a circle. Attachments are real one-page PDFs, each
with its own text. About a quarter of the files use the legacy cedilla
letters (ş ţ).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from transparency.domain import dates
from transparency.domain.voting import required_votes

from . import prose, words

# The build day of every benchmark run: 2026-11-25 12:00 in Bucharest.
EPOCH = "1795600800"
BUILD_DAY = dt.date(2026, 11, 25)
SEATS = 37
COUNCIL_NAME = "Consiliul Județean Exemplu"
# The content contract accepts dates from 1990; registrations come up to 60 days before a meeting.
EARLIEST_MEETING = dt.date(1991, 1, 1)


@dataclass(frozen=True)
class Shape:
    """How a synthetic council is made: its proportions and how its decisions relate."""

    name: str
    documents_per_meeting: float
    reports_per_decision: float
    years: float | None  # meetings spread evenly over this many years; None: four weeks apart
    amend_rate: float  # share of adopted decisions that amend an earlier one
    repeal_rate: float  # ... that repeal one
    chain_rate: float  # share of amendments made to a recent amendment (so chains grow)
    annex_rate: float  # share of adopted decisions with a PDF annex
    minutes_every: int  # every n-th past meeting publishes its minutes (a PDF)


SHAPES = {
    "default": Shape("default", documents_per_meeting=72, reports_per_decision=1.3, years=None,
                     amend_rate=0.15, repeal_rate=0.04, chain_rate=0.0, annex_rate=0.03, minutes_every=3),
    "long-history": Shape("long-history", documents_per_meeting=10, reports_per_decision=2 / 7, years=20,
                          amend_rate=0.30, repeal_rate=0.10, chain_rate=0.6, annex_rate=0.09, minutes_every=2),
}


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def qlist(items) -> str:
    return "[" + ", ".join(q(str(i)) for i in items) + "]"


@dataclass
class Synthetic:
    root: Path
    counts: dict = field(default_factory=dict)
    edit_target: str = ""  # content-relative path of an adopted decision to edit
    members: list = field(default_factory=list)
    drafts: list = field(default_factory=list)  # content-relative paths of drafts, for status changes


def ascii_text(text: str) -> str:
    """Text a PDF's standard fonts can show: Romanian letters without their marks."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def pdf_bytes(lines: list[str]) -> bytes:
    """A real one-page PDF (catalog, page tree, font, content stream, cross-reference table)
    showing `lines`: one that readers open without repairing it and whose text they extract."""
    shown = [ascii_text(line).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    stream = ("BT /F1 11 Tf 14 TL 56 780 Td " + " ".join(f"({line}) Tj T*" for line in shown) + " ET").encode("ascii")
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
               b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
               b"<</Length %d>>\nstream\n%s\nendstream" % (len(stream), stream)]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
    return bytes(out)


class Writer:
    def __init__(self, root: Path, rng: random.Random):
        self.root, self.rng = root, rng

    def document(self, relative: str, front: list[str], body: str) -> None:
        text = "---\n" + "\n".join(front) + "\n---\n" + body
        if self.rng.random() < 0.25:
            text = words.cedilla(text)
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def pdf(self, relative: str, lines: list[str]) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pdf_bytes(lines))


def council(rng: random.Random) -> list[str]:
    pairs = [(f, l) for f in words.FIRST_NAMES for l in words.LAST_NAMES]
    rng.shuffle(pairs)
    return [f"{first} {last}" for first, last in pairs[:SEATS]]


def council_yml(names: list[str]) -> str:
    lines = [f"name: {q(COUNCIL_NAME)}", f"seats: {SEATS}", "contact:",
             f"  address: {q('Piața Unirii 1, Exemplu')}", "  email: transparenta@cjexemplu.ro",
             '  phone: "+40 200 000 000"', "members:"]
    for index, name in enumerate(names):
        role = "Președinte" if index == 0 else ("Vicepreședinte" if index < 3 else "")
        group = words.GROUPS[index % len(words.GROUPS)]
        lines.append(f"  - {{name: {q(name)}, group: {q(group)}" + (f", role: {q(role)}}}" if role else "}"))
    lines.append("committees:")
    lines += [f"  - {{slug: {slug}, name: {q(name)}}}" for slug, name in words.COMMITTEES]
    return "\n".join(lines) + "\n"


def last_meeting() -> dt.date:
    """The Thursday two to three weeks after the build day."""
    last = BUILD_DAY + dt.timedelta(days=14)
    return last + dt.timedelta(days=(3 - last.weekday()) % 7)


def max_meetings(shape: Shape) -> int:
    """The most meetings the shape can hold from EARLIEST_MEETING on."""
    days = (last_meeting() - EARLIEST_MEETING).days
    return days // 28 + 1 if shape.years is None else days + 1


def meeting_starts(count: int, shape: Shape = SHAPES["default"]) -> list[dt.datetime]:
    """`count` meeting days ending with last_meeting(): Thursdays four weeks apart, or, for a shape
    with `years`, spread evenly over them, a weekend day moved to the nearest weekday."""
    last = last_meeting()
    if shape.years is None:
        days = [last - dt.timedelta(weeks=4 * (count - 1 - i)) for i in range(count)]
    else:
        span = min(round(shape.years * 365.25), (last - EARLIEST_MEETING).days)
        first = last - dt.timedelta(days=span)
        days = [first + dt.timedelta(days=round(i * span / max(1, count - 1))) for i in range(count)]
        days = [day + dt.timedelta(days={5: -1, 6: 1}.get(day.weekday(), 0)) for day in days]
    return [dt.datetime.combine(day, dt.time(10, 0)) for day in days]


def split_counts(n: int, shape: Shape = SHAPES["default"]) -> tuple[int, int, int, int]:
    """pages, meetings, decisions, reports adding up to n (n ≥ 8)."""
    pages = 2
    meetings = min(max(2, round(n / shape.documents_per_meeting)), max_meetings(shape))
    decisions = max(2, round((n - pages - meetings) / (1 + shape.reports_per_decision)))
    return pages, meetings, decisions, n - pages - meetings - decisions


def generate(root: Path, n: int, seed: int = 2026, shape: str = "default") -> Synthetic:
    if n < 8:
        raise ValueError("the synthetic council needs at least 8 documents")
    form = SHAPES[shape]
    rng = random.Random(seed)
    root = Path(root)
    writer = Writer(root, rng)
    names = council(rng)
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data/council.yml").write_text(council_yml(names), encoding="utf-8")
    n_pages, n_meetings, n_decisions, n_reports = split_counts(n, form)
    starts = meeting_starts(n_meetings, form)
    plan = DecisionPlan(rng, names, form)
    agendas: list[list[str]] = [[] for _ in starts]
    for k in range(n_decisions):
        index = k * n_meetings // n_decisions
        agendas[index].append(plan.add(starts[index]))
    reports = ReportPlan(rng, plan)
    for j in range(n_reports):
        # Fewer reports than decisions: spread over the whole record, not heaped on its oldest years.
        reports.add(plan.decisions[j * n_decisions // n_reports] if n_reports <= n_decisions else
                    plan.decisions[j] if j < n_decisions else rng.choice(plan.decisions))
    annexes = 0
    for d in plan.decisions:
        writer.document(d["path"], plan.front(d), plan.body(d))
        for annex in d["annexes"]:
            writer.pdf(annex, [f"Anexa 1 la proiectul de hotarare {d['id']}", d["title"], "Situatia"])
            annexes += 1
    for r in reports.reports:
        writer.document(r["path"], r["front"], r["body"])
    minutes = sum(write_meeting(writer, rng, start, agendas[index], index, form.minutes_every)
                  for index, start in enumerate(starts))
    for page_id, title in (("despre", "Despre acest site"), ("contact", "Contact și program cu publicul")):
        writer.document(f"pages/{page_id}.md", [f"title: {q(title)}"], prose.short_body(rng, 120))
    adopted = [d for d in plan.decisions if d["status"] == "adopted"]
    counts = {"pages": n_pages, "meetings": n_meetings, "decisions": n_decisions, "reports": n_reports,
              "adopted": len(adopted), "attachments": annexes + minutes,
              "amending": sum(1 for d in adopted if d["amends"]), "repealing": sum(1 for d in adopted if d["repeals"]),
              "longest_chain": plan.longest_chain()}
    drafts = [d["path"] for d in plan.decisions if d["status"] == "draft"]
    return Synthetic(root, counts, edit_target(plan, form), names, drafts)


def edit_target(plan: "DecisionPlan", shape: Shape) -> str:
    """The decision the rebuild steps edit: the middle adopted one; in a council of long history,
    the middle one of those that others amend (its title shows on their pages too)."""
    adopted = [d for d in plan.decisions if d["status"] == "adopted"]
    if shape.chain_rate:
        amended = {target for d in adopted for target in d["amends"]}
        adopted = [d for d in adopted if citation(d) in amended] or adopted
    return adopted[len(adopted) // 2]["path"] if adopted else plan.decisions[0]["path"]


def write_meeting(writer: Writer, rng: random.Random, start: dt.datetime, agenda: list[str], index: int,
                  minutes_every: int = 3) -> int:
    """Write one meeting; returns the number of PDFs written (its minutes, if published)."""
    kind = "extraordinary" if index % 12 == 5 else "ordinary"
    label = {"ordinary": "ordinară", "extraordinary": "extraordinară"}[kind]
    meeting_id = f"sedinta-{start:%Y-%m-%d}"
    front = [f"title: {q(f'Ședința {label} din {dates.long_date(start.date())}')}", f"kind: {kind}",
             f"date: {q(f'{start:%Y-%m-%d %H:%M}')}", f"place: {q(rng.choice(words.PLACES))}",
             f"convened_by: {q(f'Dispoziția nr. {100 + index}/{start.year}')}",
             f"agenda_published: {(start.date() - dt.timedelta(days=6)).isoformat()}", "items:"]
    front += [f"  - decision: {decision_id}" for decision_id in agenda]
    front.append(f"  - {{title: {q('Întrebări, interpelări și petiții')}}}")
    written = 0
    if start.date() < BUILD_DAY and index % minutes_every == 0:
        minutes = f"procese-verbale/{start:%Y-%m-%d}.pdf"
        writer.pdf(f"sedinte/{start.year}/{minutes}", [f"Proces-verbal al sedintei din {start:%d.%m.%Y}",
                                                       COUNCIL_NAME, f"Au fost dezbatute {len(agenda)} proiecte."])
        front.append(f"minutes: {minutes}")
        written = 1
    writer.document(f"sedinte/{start.year}/{meeting_id}.md", front, prose.short_body(rng, rng.randint(20, 80)))
    return written


class DecisionPlan:
    """Decisions in meeting order, numbered per year of adoption."""

    def __init__(self, rng: random.Random, names: list[str], shape: Shape = SHAPES["default"]):
        self.rng, self.names, self.shape = rng, names, shape
        self.decisions: list[dict] = []
        self.adopted: list[dict] = []
        self.amenders: list[dict] = []  # adopted decisions that amend another, latest last
        self.depth: dict[str, int] = {}  # decision id → length of the amendment chain it ends
        self.repealed: set[str] = set()
        self.numbers: dict[int, int] = {}
        self.registered: dict[int, int] = {}

    def add(self, start: dt.datetime) -> str:
        rng, day = self.rng, start.date()
        registered = day - dt.timedelta(days=rng.randint(20, 60))
        if day > BUILD_DAY:
            registered = min(registered, BUILD_DAY - dt.timedelta(days=rng.randint(1, 15)))
        year_seq = self.registered[registered.year] = self.registered.get(registered.year, 0) + 1
        decision_id = f"proiect-{registered.year}-{year_seq:04d}"
        committees = rng.sample([slug for slug, _ in words.COMMITTEES], rng.randint(1, 2))
        d = {"id": decision_id, "path": f"hotarari/{day.year}/{decision_id}.md", "registered": registered,
             "meeting": f"sedinta-{day:%Y-%m-%d}", "day": day, "committees": committees,
             "topics": rng.sample(words.TOPICS, rng.randint(1, 3)), "annexes": [], "amends": [], "repeals": [],
             "title": f"privind {rng.choice(words.TITLE_VERBS)} {rng.choice(words.TITLE_OBJECTS)}"}
        roll = rng.random()
        d["status"] = "draft" if day > BUILD_DAY else ("rejected" if roll < 0.03 else
                                                      "withdrawn" if roll < 0.05 else "adopted")
        if d["status"] in ("adopted", "rejected"):
            self.vote(d)
        if d["status"] == "adopted":
            self.relate(d)
            self.numbers[day.year] = self.numbers.get(day.year, 0) + 1
            d["number"] = self.numbers[day.year]
            self.adopted.append(d)
        self.decisions.append(d)
        return decision_id

    def vote(self, d: dict) -> None:
        rng = self.rng
        d["majority"] = rng.choices(("simple", "absolute", "two-thirds"), (70, 25, 5))[0]
        present = rng.randint(27, SEATS)
        needed = required_votes(d["majority"], present, SEATS)
        for_ = rng.randint(needed, present) if d["status"] == "adopted" else rng.randint(0, needed - 1)
        against = rng.randint(0, present - for_)
        abstain = rng.randint(0, present - for_ - against)
        d["vote"] = (present, for_, against, abstain)
        if rng.random() < 0.3:
            chosen = rng.sample(self.names, for_ + against + abstain)
            d["votes"] = {"for": chosen[:for_], "against": chosen[for_:for_ + against],
                          "abstain": chosen[for_ + against:]}

    def relate(self, d: dict) -> None:
        """Amendments, repeals, annexes and mentions of a decision being adopted. Every target was
        adopted before it (self.adopted does not hold it yet), so no circle can form."""
        rng, shape, earlier = self.rng, self.shape, self.adopted[-3000:]
        if earlier and rng.random() < shape.amend_rate:
            target = self.amendment_target(earlier)
            if target["id"] not in self.repealed:  # a decision repealed before can no longer be amended
                d["amends"] = [citation(target)]
                self.depth[d["id"]] = self.depth.get(target["id"], 0) + 1
                self.amenders.append(d)
        if earlier and rng.random() < shape.repeal_rate:
            target = rng.choice(earlier)
            if target["id"] not in self.repealed:
                self.repealed.add(target["id"])
                d["repeals"] = [citation(target)]
        if rng.random() < shape.annex_rate:
            d["annexes"] = [f"hotarari/{d['day'].year}/anexe/{d['id']}-anexa-1.pdf"]
        d["mentions"] = [citation(rng.choice(earlier)) for _ in range(rng.randint(0, 2))] if earlier else []

    def amendment_target(self, earlier: list[dict]) -> dict:
        """Any earlier decision; or, as often as the shape says, a recent amendment (a chain grows)."""
        if self.shape.chain_rate and self.amenders and self.rng.random() < self.shape.chain_rate:
            return self.rng.choice(self.amenders[-200:])
        return self.rng.choice(earlier)

    def longest_chain(self) -> int:
        return max(self.depth.values(), default=0)

    def front(self, d: dict) -> list[str]:
        rng = self.rng
        lines = [f"title: {q(d['title'])}", f"status: {d['status']}", f"registered: {d['registered']}",
                 f"initiator: {q('Președintele Consiliului Județean')}",
                 f"summary: {q('Proiectul vizează ' + d['title'].removeprefix('privind ') + '.')}",
                 f"topics: {qlist(d['topics'])}", f"committees: {qlist(d['committees'])}"]
        if rng.random() < 0.4 or d["status"] == "draft":
            opened = d["registered"] + dt.timedelta(days=2)
            closes = min(opened + dt.timedelta(days=rng.randint(10, 30)), d["day"] - dt.timedelta(days=1))
            lines.append(f"consultation: {{opened: {opened}, closes: {max(opened, closes)}, "
                         f"comments: {rng.randint(0, 12)}}}")
        if d["status"] in ("adopted", "rejected"):
            lines.append(f"meeting: {d['meeting']}")
            lines.append(f"majority: {d['majority']}")
            present, for_, against, abstain = d["vote"]
            lines.append(f"vote: {{present: {present}, for: {for_}, against: {against}, abstain: {abstain}}}")
            if d.get("votes"):
                lines.append("votes:")
                lines += [f"  {key}: {qlist(names)}" for key, names in d["votes"].items() if names]
        if d["status"] == "adopted":
            lines += [f"number: {d['number']}", f"adopted: {d['day']}"]
            for key in ("amends", "repeals"):
                if d[key]:
                    lines.append(f"{key}: {qlist(d[key])}")
        lines += self.events(d)
        if d["annexes"]:
            lines += ["attachments:", f"  - {{file: anexe/{d['id']}-anexa-1.pdf, title: {q('Anexa 1 – Situația')}}}"]
        return lines

    @functools.cached_property
    def changed_on(self) -> dict[str, list[dt.date]]:
        """The adoption days of the acts amending or repealing each decision, by its citation (once
        every decision is planned: events are written after)."""
        found: dict[str, list[dt.date]] = {}
        for d in self.decisions:
            for cited in (*d["amends"], *d["repeals"]):
                found.setdefault(cited, []).append(d["day"])
        return found

    def events(self, d: dict) -> list[str]:
        rng, found = self.rng, []
        if d["status"] == "withdrawn":
            found.append((d["day"] - dt.timedelta(days=1), "withdrawn", "Retras la cererea inițiatorului"))
        if d["status"] == "adopted":
            signed = d["day"] + dt.timedelta(days=rng.randint(1, 3))
            found += [(signed, "signed", ""), (signed + dt.timedelta(days=rng.randint(2, 6)), "sent-to-prefect", ""),
                      (signed + dt.timedelta(days=rng.randint(7, 12)), "published", "")]
            roll = rng.random()
            if roll < 0.004:
                found.append((d["day"] + dt.timedelta(days=90), "suspended", "Sentința civilă nr. 1234/2025"))
            elif roll < 0.006 and not any(day > d["day"] + dt.timedelta(days=200)
                                          for day in self.changed_on.get(citation(d), ())):
                # annulled only when no act changes it after: an annulled decision cannot be changed
                found.append((d["day"] + dt.timedelta(days=200), "annulled", "Decizia civilă nr. 77/2025"))
            elif roll < 0.02:
                found.append((d["day"] + dt.timedelta(days=20), "corrected", "eroare materială la anexă"))
        found = [e for e in found if e[0] <= BUILD_DAY]
        if not found:
            return []
        return ["events:"] + [f"  - {{date: {day}, event: {kind}" + (f", note: {q(note)}}}" if note else "}")
                              for day, kind, note in found]

    def body(self, d: dict) -> str:
        target = self.rng.randint(300, 1500)
        return prose.decision_body(self.rng, COUNCIL_NAME, target, d.get("mentions", []), d["amends"], d["repeals"])


def citation(d: dict) -> str:
    return f"{d['number']}/{d['day'].year}"


class ReportPlan:
    """One report per decision first (specialist report or approval memo), then committee opinions."""

    def __init__(self, rng: random.Random, plan: DecisionPlan):
        self.rng, self.plan = rng, plan
        self.reports: list[dict] = []
        self.per_decision: dict[str, int] = {}

    def add(self, d: dict) -> None:
        rng = self.rng
        j = self.per_decision[d["id"]] = self.per_decision.get(d["id"], 0) + 1
        last = min(d["day"], BUILD_DAY) - dt.timedelta(days=1)
        span = max(0, (last - d["registered"]).days)
        day = d["registered"] + dt.timedelta(days=rng.randint(0, span))
        kind = ("approval-memo" if rng.random() < 0.2 else "specialist-report") if j == 1 else "committee-opinion"
        report_id = f"raport-{d['id'].removeprefix('proiect-')}-{j}"
        labels = {"specialist-report": "Raport de specialitate", "approval-memo": "Referat de aprobare",
                  "committee-opinion": "Avizul comisiei"}
        front = [f"title: {q(labels[kind] + ' la proiectul de hotărâre ' + d['title'])}", f"kind: {kind}",
                 f"decision: {d['id']}", f"number: {q(str(rng.randint(1000, 99999)))}", f"date: {day}",
                 f"author: {q('Direcția Generală Buget-Finanțe')}"]
        if kind == "committee-opinion":
            front += [f"committee: {rng.choice(d['committees'])}",
                      f"opinion: {'favorable' if rng.random() < 0.9 else 'unfavorable'}"]
        body = prose.report_body(rng, rng.randint(200, 800), labels[kind])
        self.reports.append({"path": f"rapoarte/{day.year}/{report_id}.md", "front": front, "body": body})


def new_draft(root: Path, index: int) -> str:
    """Add one draft decision (the benchmark's 'one new document'); returns its relative path."""
    rng = random.Random(index)
    relative = f"hotarari/{BUILD_DAY.year}/proiect-nou-{index:03d}.md"
    front = [f"title: {q('privind aprobarea unui proiect nou nr. ' + str(index))}", "status: draft",
             f"registered: {BUILD_DAY - dt.timedelta(days=1)}", f"topics: {qlist(['buget'])}",
             f"committees: {qlist(['buget'])}"]
    Writer(Path(root), random.Random(0)).document(relative, front, prose.short_body(rng, 300))
    return relative


def edit_body(root: Path, relative: str, index: int) -> None:
    """Change one document's body (the benchmark's 'one edited file')."""
    path = Path(root) / relative
    path.write_text(path.read_text(encoding="utf-8") + f"\nCorectură materială nr. {index}.\n", encoding="utf-8")


def edit_title(root: Path, relative: str, index: int) -> None:
    """Change one document's title in its front matter (shown on many pages, feeds and registers)."""
    path = Path(root) / relative
    text = path.read_text(encoding="utf-8")
    start = text.index("\ntitle: ") + len("\ntitle: ")
    end = text.index("\n", start)
    title = json.loads(text[start:end]).split(" (rectificat", 1)[0]
    path.write_text(f"{text[:start]}{q(f'{title} (rectificat {index})')}{text[end:]}", encoding="utf-8")


def withdraw(root: Path, relative: str, index: int) -> None:
    """Change a draft's status to withdrawn, with the event the contract asks for (the benchmark's
    'status changed': it moves the draft between status listings, agendas and feeds)."""
    path = Path(root) / relative
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4)
    front, rest = text[:end], text[end:]
    if "\nstatus: draft" not in front or "\nevents:" in front:
        raise ValueError(f"{relative} is not a draft without events")
    front = front.replace("\nstatus: draft", "\nstatus: withdrawn", 1)
    front += (f"\nevents:\n  - {{date: {BUILD_DAY}, event: withdrawn, "
              f"note: {q(f'Retras la cererea inițiatorului (nr. {index})')}}}")
    path.write_text(front + rest, encoding="utf-8")
