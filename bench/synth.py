"""A deterministic synthetic council of N documents, valid under the content contract.

Proportions follow a real county council: per year about 13 meetings, about
400 decisions and 1.3 reports per decision. Meetings are spaced four weeks
apart, the last one shortly after the build day (its agenda holds drafts,
some in public consultation). Decisions are adopted (with votes that add up
and reach their majority, some with nominal votes), a few rejected or
withdrawn; some amend or repeal earlier ones; a few carry tiny PDF annexes.
About a quarter of the files use the legacy cedilla letters (ş ţ).
"""

from __future__ import annotations

import datetime as dt
import json
import random
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
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


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

    def pdf(self, relative: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(PDF)


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


def meeting_starts(count: int) -> list[dt.datetime]:
    """`count` Thursdays four weeks apart, the last one after the build day."""
    last = BUILD_DAY + dt.timedelta(days=14)
    last += dt.timedelta(days=(3 - last.weekday()) % 7)
    return [dt.datetime.combine(last - dt.timedelta(weeks=4 * (count - 1 - i)), dt.time(10, 0))
            for i in range(count)]


def split_counts(n: int) -> tuple[int, int, int, int]:
    """pages, meetings, decisions, reports adding up to n (n ≥ 8)."""
    pages = 2
    meetings = max(2, round(n / 72))
    decisions = max(2, round((n - pages - meetings) / 2.3))
    return pages, meetings, decisions, n - pages - meetings - decisions


def generate(root: Path, n: int, seed: int = 2026) -> Synthetic:
    if n < 8:
        raise ValueError("the synthetic council needs at least 8 documents")
    rng = random.Random(seed)
    root = Path(root)
    writer = Writer(root, rng)
    names = council(rng)
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data/council.yml").write_text(council_yml(names), encoding="utf-8")
    n_pages, n_meetings, n_decisions, n_reports = split_counts(n)
    starts = meeting_starts(n_meetings)
    plan = DecisionPlan(rng, names)
    agendas: list[list[str]] = [[] for _ in starts]
    for k in range(n_decisions):
        index = k * n_meetings // n_decisions
        agendas[index].append(plan.add(starts[index]))
    reports = ReportPlan(rng, plan)
    for j in range(n_reports):
        reports.add(plan.decisions[j] if j < n_decisions else rng.choice(plan.decisions))
    for d in plan.decisions:
        writer.document(d["path"], plan.front(d), plan.body(d))
        for annex in d["annexes"]:
            writer.pdf(annex)
    for r in reports.reports:
        writer.document(r["path"], r["front"], r["body"])
    for index, start in enumerate(starts):
        write_meeting(writer, rng, start, agendas[index], index)
    for page_id, title in (("despre", "Despre acest site"), ("contact", "Contact și program cu publicul")):
        writer.document(f"pages/{page_id}.md", [f"title: {q(title)}"], prose.short_body(rng, 120))
    adopted = [d for d in plan.decisions if d["status"] == "adopted"]
    return Synthetic(root, {"pages": n_pages, "meetings": n_meetings, "decisions": n_decisions,
                            "reports": n_reports, "adopted": len(adopted)},
                     adopted[len(adopted) // 2]["path"] if adopted else plan.decisions[0]["path"], names)


def write_meeting(writer: Writer, rng: random.Random, start: dt.datetime, agenda: list[str], index: int) -> None:
    kind = "extraordinary" if index % 12 == 5 else "ordinary"
    label = {"ordinary": "ordinară", "extraordinary": "extraordinară"}[kind]
    meeting_id = f"sedinta-{start:%Y-%m-%d}"
    front = [f"title: {q(f'Ședința {label} din {dates.long_date(start.date())}')}", f"kind: {kind}",
             f"date: {q(f'{start:%Y-%m-%d %H:%M}')}", f"place: {q(rng.choice(words.PLACES))}",
             f"convened_by: {q(f'Dispoziția nr. {100 + index}/{start.year}')}",
             f"agenda_published: {(start.date() - dt.timedelta(days=6)).isoformat()}", "items:"]
    front += [f"  - decision: {decision_id}" for decision_id in agenda]
    front.append(f"  - {{title: {q('Întrebări, interpelări și petiții')}}}")
    if start.date() < BUILD_DAY and index % 3 == 0:
        minutes = f"procese-verbale/{start:%Y-%m-%d}.pdf"
        writer.pdf(f"sedinte/{start.year}/{minutes}")
        front.append(f"minutes: {minutes}")
    writer.document(f"sedinte/{start.year}/{meeting_id}.md", front, prose.short_body(rng, rng.randint(20, 80)))


class DecisionPlan:
    """Decisions in meeting order, numbered per year of adoption."""

    def __init__(self, rng: random.Random, names: list[str]):
        self.rng, self.names = rng, names
        self.decisions: list[dict] = []
        self.adopted: list[dict] = []
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
        rng, earlier = self.rng, self.adopted[-3000:]
        if earlier and rng.random() < 0.15:
            d["amends"] = [citation(rng.choice(earlier))]
        if earlier and rng.random() < 0.04:
            target = rng.choice(earlier)
            if target["id"] not in self.repealed:
                self.repealed.add(target["id"])
                d["repeals"] = [citation(target)]
        if rng.random() < 0.03:
            d["annexes"] = [f"hotarari/{d['day'].year}/anexe/{d['id']}-anexa-1.pdf"]
        d["mentions"] = [citation(rng.choice(earlier)) for _ in range(rng.randint(0, 2))] if earlier else []

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
            elif roll < 0.006:
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
