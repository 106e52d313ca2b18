"""Consolidated text: a decision's text as in force on each day a change to it took effect.

An amending decision states what it changes in its `changes` block (one
`Change` per item: replace, insert-after or repeal one article, paragraph or
letter of a decision it `amends`). `consolidate` applies every act's changes
to the original text (articles.py) on the day the act takes effect, in that
order (acts taking effect the same day: by adoption day, then number), and
keeps the text after each day as a `Version`. A change that cannot apply (no
such unit on that day, a unit already repealed, two acts changing the same
unit on the same day without `after:` saying which comes second) is a
`Problem` naming the amending act's file and the change's line; the change
is then skipped and the rest still applied, so that every problem is found
in one build.

Each changed unit carries the act that last changed it, since when and how
(`Unit.changed_by/since/action`); a repealed unit stays in the text, empty,
marked `repealed`. `compare` lists what differs between two versions, word
by word.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from . import articles, wordiff
from .articles import Part, Text, Unit
from .relations import citation_key

ACTIONS = {
    "replace": "modificat",
    "insert-after": "introdus",
    "repeal": "abrogat",
}
CHANGE_KEYS = ("decision", "annex", "article", "paragraph", "letter", "action", "text", "after")
QUOTES = "„”\"“"


@dataclass(frozen=True)
class Change:
    decision: str  # the amended decision as written (NUMBER/YEAR or id)
    article: str  # label (articles.normal_label)
    action: str
    annex: str = ""  # "" for the decision's own articles
    paragraph: str = ""
    letter: str = ""
    text: str = ""
    after: str = ""  # NUMBER/YEAR of an act taking effect the same day, changing the same unit, applied first
    line: int = 1  # the item's line in the amending act's file
    lines: tuple[tuple[str, int], ...] = ()  # field → line

    def line_of(self, key: str) -> int:
        return dict(self.lines).get(key, self.line)

    @property
    def kind(self) -> str:
        return "letter" if self.letter else "paragraph" if self.paragraph else "article"

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(x for x in (self.annex, self.article, self.paragraph, self.letter))

    def describe(self) -> str:
        """`art. 27 alin. (2) lit. c) din anexa nr. 1`, as a council secretary writes it."""
        text = f"art. {self.article}"
        if self.paragraph:
            text += f" alin. ({self.paragraph})"
        if self.letter:
            text += f" lit. {self.letter})"
        if self.annex:
            text += f" din anexa nr. {self.annex}"
        return text


@dataclass(frozen=True)
class Act:
    """An amending decision as consolidation needs it."""
    citation: str  # NUMBER/YEAR
    adopted: dt.date
    number: int
    effective: dt.date | None  # its entry into force; None: not recorded (its changes wait)
    display: str  # its file, for messages
    changes: tuple[Change, ...]  # those aimed at the decision being consolidated


@dataclass(frozen=True)
class Problem:
    display: str
    line: int
    field: str
    message: str
    expected: str = ""
    # A provision missing because an earlier change that could have made it failed to apply: that
    # change's error, (file, line), so that staff fix it first and not the file that names the provision.
    after_errors: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Version:
    date: dt.date
    acts: tuple[str, ...]  # citations of the acts that took effect that day (none for the original)
    text: Text


@dataclass(frozen=True)
class Consolidation:
    versions: tuple[Version, ...]
    pending: tuple[str, ...] = ()  # acts with changes whose entry into force is not recorded
    problems: tuple[Problem, ...] = ()

    def on(self, day: dt.date) -> Version | None:
        """The version in force on `day` (None before the original took effect)."""
        found = [v for v in self.versions if v.date <= day]
        return found[-1] if found else None


def aims_at(change: Change, decision) -> bool:
    """Whether `change` names `decision` (by its citation in any form staff write, or by its id)."""
    key = citation_key(change.decision)
    return key == decision.citation if key else change.decision == decision.id


def acts_amending(decision, amenders, effective) -> list[Act]:
    """The amending decisions with changes aimed at `decision`, as `Act`s; `effective(act)` is the
    day an act takes effect (force.entry_into_force), None when its facts do not say."""
    found = []
    for amender in amenders:
        changes = tuple(c for c in amender.changes if aims_at(c, decision))
        if changes and amender.citation:
            found.append(Act(amender.citation, amender.adopted, amender.number, effective(amender),
                             amender.display, changes))
    return found


def order(act: Act) -> tuple:
    return (act.effective or dt.date.max, act.adopted, act.number, act.citation)


def consolidate(original: Text, start: dt.date, acts: list[Act], proposals: list[Act] = ()) -> Consolidation:
    """The versions of `original` (in force from `start`) after each day an act took effect. The
    acts whose entry into force is not recorded, then `proposals` (drafts' changes, in the order
    given), change no version, yet their changes are applied after the last one for their
    problems: a change naming no such article is an error before its act takes effect (the
    contract; decisions often wait weeks for publication)."""
    problems: list[Problem] = []
    failed: list[tuple[Change, Problem]] = []  # the changes skipped for an error so far, in the order applied
    effective = sorted((a for a in acts if a.effective is not None and a.changes), key=order)
    pending = tuple(a.citation for a in sorted(acts, key=order) if a.effective is None and a.changes)
    _check_same_day(effective, problems)
    versions = [Version(start, (), original)]
    text = original
    days: dict[dt.date, list[Act]] = {}
    for act in effective:
        days.setdefault(max(act.effective, start), []).append(act)
    for day, group in days.items():
        for act in group:
            for index, change in enumerate(act.changes, start=1):
                text = _apply(text, change, act, day, index, problems, failed)
        versions.append(Version(day, tuple(a.citation for a in group), text))
    waiting = [*sorted((a for a in acts if a.effective is None and a.changes), key=order), *proposals]
    for act in waiting:
        for index, change in enumerate(act.changes, start=1):
            text = _apply(text, change, act, max(act.adopted, versions[-1].date), index, problems, failed)
    return Consolidation(tuple(versions), pending, tuple(problems))


def _field(index: int, key: str) -> str:
    return f"changes[{index}].{key}"


def _check_same_day(acts: list[Act], problems: list[Problem]) -> None:
    """Two acts changing the same unit (or one inside the other) on the same day need `after:`
    on the second, naming the first; `after:` must name an act adopted before."""
    for i, act in enumerate(acts):
        for index, change in enumerate(act.changes, start=1):
            earlier = [other for other in acts[:i] if other.effective == act.effective
                       and any(_overlap(change.key, c.key) for c in other.changes)]
            if change.after:
                named = next((o for o in acts if o.citation == change.after), None)
                if named is None or order(named) >= order(act):
                    problems.append(Problem(
                        act.display, change.line_of("after"), _field(index, "after"),
                        f"„after: {change.after}” nu numește un act care modifică aceeași prevedere "
                        "și se aplică înaintea acestuia",
                        "numărul/anul hotărârii adoptate înainte, care intră în vigoare în aceeași zi"))
            for other in earlier:
                if change.after != other.citation:
                    problems.append(Problem(
                        act.display, change.line, _field(index, "article"),
                        f"{change.describe()} din hotărârea {change.decision} este modificat și de hotărârea nr. "
                        f"{other.citation}, care intră în vigoare în aceeași zi ({act.effective.isoformat()}); "
                        "ordinea nu este stabilită",
                        f"„after: {other.citation}” la această modificare, dacă ea se aplică a doua"))


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


# --- applying one change ----------------------------------------------------

def _path(change: Change) -> tuple[tuple[str, str], ...]:
    """The units a change names, from the article down: ((kind, label), …)."""
    return tuple((kind, label) for kind, label in (("article", change.article), ("paragraph", change.paragraph),
                                                   ("letter", change.letter)) if label)


def _could_make(change: Change, annex: str, missing: tuple[tuple[str, str], ...]) -> bool:
    """Whether `change`, had it applied, could have made the unit at `missing` (its path from the
    article) in `annex`: an insertion beside it, numbered as it or with no number that can be read,
    or a new text of one of the units it sits in."""
    if change.annex != annex:
        return False
    path = _path(change)
    if change.action == "insert-after":
        if path[:-1] != missing[:-1] or path[-1][0] != missing[-1][0]:
            return False
        written = articles.parse_fragment(change.text.strip().strip(QUOTES).strip(), path[-1][0])
        return written is None or written.label == missing[-1][1]
    return change.action == "replace" and len(path) < len(missing) and missing[:len(path)] == path


def _apply(text: Text, change: Change, act: Act, day: dt.date, index: int, problems: list[Problem],
           failed: list[tuple[Change, Problem]]) -> Text:
    """`text` with `change` applied; when it cannot apply, `text` as it was, the problem added to
    `problems` and the change to `failed` (whose errors a later missing provision may follow from)."""
    def problem(key: str, message: str, expected: str = "", after_errors=()) -> Text:
        problems.append(Problem(act.display, change.line_of(key), _field(index, key), message, expected,
                                tuple(after_errors)))
        failed.append((change, problems[-1]))
        return text

    where = f"în textul hotărârii {change.decision} în vigoare la {day.isoformat()}"
    part = text.part(change.annex)
    if part is None:
        annexes = [p.annex for p in text.parts if p.annex]
        return problem("annex", f"hotărârea {change.decision} nu are anexa nr. {change.annex} scrisă în text",
                       f"una dintre anexele scrise în text: {', '.join(annexes)}" if annexes
                       else "ștergeți „annex”: hotărârea nu are anexe scrise în text (anexele PDF nu se consolidează)")
    if not part.articles:
        return problem("article", f"în textul hotărârii {change.decision}"
                       f"{f' (anexa nr. {change.annex})' if change.annex else ''} nu este recunoscut niciun articol",
                       "articole scrise la început de rând, de exemplu „**Art. 1.** …” sau „Art. 12^1. …”")
    path_keys = [("article", "article", change.article)]
    if change.paragraph:
        path_keys.append(("paragraph", "paragraph", change.paragraph))
    if change.letter:
        path_keys.append(("letter", "letter", change.letter))
    # The chain of units from the article down to the target; letters may sit directly in an article.
    chain: list[Unit] = []
    siblings: tuple = part.blocks
    for key, kind, unit_label in path_keys:
        found = next((u for u in siblings if isinstance(u, Unit) and u.kind == kind and u.label == unit_label), None)
        if found is None:
            present = [u.label for u in siblings if isinstance(u, Unit) and u.kind == kind]
            container = f" din {articles.name(chain[-1].kind, chain[-1].label)}" if chain else ""
            missing = tuple((k, label) for _, k, label in path_keys[:len(chain) + 1])
            return problem(key, f"{articles.name(kind, unit_label)}{container} nu există {where}",
                           f"{'unul dintre: ' + ', '.join(present) if present else 'o prevedere care există'} "
                           "(o prevedere introdusă de alt act există de la intrarea lui în vigoare)",
                           dict.fromkeys((p.display, p.line) for earlier, p in failed
                                         if _could_make(earlier, change.annex, missing)))
        last = len(chain) == len(path_keys) - 1
        if found.repealed and not (last and change.action == "insert-after"):
            return problem("action" if last and change.action == "repeal" else key,
                           f"{articles.name(kind, unit_label)} a fost {'abrogată' if kind == 'letter' else 'abrogat'} prin hotărârea nr. {found.changed_by} "
                           f"din {found.since}; o prevedere abrogată nu mai poate fi "
                           f"{'abrogată din nou' if last and change.action == 'repeal' else 'modificată'}",
                           "o prevedere în vigoare la data intrării în vigoare a actului")
        chain.append(found)
        siblings = found.children
    target = chain[-1]
    mark = {"changed_by": act.citation, "since": day.isoformat(), "action": change.action}
    if change.action == "repeal":
        new = replace(target, text="", children=(), repealed=True, **mark)
        return _replace_in(text, part, chain, [new])
    fragment = _fragment(change, target, change.action == "insert-after")
    if fragment is None:
        example = {"article": "„Art. 12^1. …”", "paragraph": "„(2^1) …”", "letter": "„c^1) …”"}[target.kind]
        return problem("text", f"textul de introdus nu începe cu numărul noii prevederi ({articles.KIND_NAMES[target.kind]})",
                       f"un text care începe cu numărul ei, de exemplu {example}")
    if not fragment.text and not fragment.children:
        return problem("text", "textul modificării lipsește", "„text: |” urmat de noul cuprins")
    fragment = replace(fragment, line=change.line_of("text"), **mark)
    if change.action == "replace":
        if fragment.label != target.label:
            return problem("text", f"textul începe cu {articles.name(target.kind, fragment.label)}, dar modificarea "
                           f"privește {articles.name(target.kind, target.label)}",
                           f"textul noului cuprins al prevederii {target.label}, sau „action: insert-after”")
        return _replace_in(text, part, chain, [fragment])
    container = chain[-2].children if len(chain) > 1 else part.blocks
    if any(isinstance(u, Unit) and u.kind == fragment.kind and u.label == fragment.label for u in container):
        return problem("text", f"{articles.name(fragment.kind, fragment.label)} există deja {where}",
                       "un număr nou, de exemplu cu exponent (12^1, 12^2)")
    return _replace_in(text, part, chain, [target, fragment])


def _fragment(change: Change, target: Unit, numbered: bool) -> Unit | None:
    """The unit written in `change.text`; unless `numbered`, a text without a marker keeps the target's."""
    written = change.text.strip().strip(QUOTES).strip()
    if not written:
        return Unit(target.kind, target.label, "", target.line)
    found = articles.parse_fragment(written, target.kind)
    if found is not None or numbered:
        return found
    marker = {"article": f"**Art. {target.label}.** ", "paragraph": f"({target.label}) ",
              "letter": f"{target.label}) "}[target.kind]
    return articles.parse_fragment(marker + written, target.kind)


def _replace_in(text: Text, part: Part, chain: list[Unit], new: list[Unit]) -> Text:
    """`text` with the last unit of `chain` replaced by `new` (one unit, or it and the one inserted)."""
    replacement = new
    for depth in range(len(chain) - 1, 0, -1):
        parent = chain[depth - 1]
        children = _swap(parent.children, chain[depth], replacement)
        replacement = [replace(parent, children=children)]
    blocks = _swap(part.blocks, chain[0], replacement)
    parts = tuple(replace(p, blocks=blocks) if p is part else p for p in text.parts)
    return Text(parts)


def _swap(items: tuple, old, new: list) -> tuple:
    index = next(i for i, item in enumerate(items) if item is old)
    return items[:index] + tuple(new) + items[index + 1:]


# --- comparing versions -----------------------------------------------------

@dataclass(frozen=True)
class Difference:
    key: tuple[str, ...]  # (annex, article[, paragraph[, letter]])
    kind: str  # added | removed | changed | repealed
    words: tuple[tuple[str, str], ...]  # ("same" | "ins" | "del", text) runs


REPEALED = "abrogat"  # the text of a repealed unit, as compared


def flatten(text: Text) -> dict[tuple[str, ...], str]:
    """Every unit by its key, with its own text (a repealed unit: REPEALED)."""
    found: dict[tuple[str, ...], str] = {}

    def walk(unit: Unit, prefix: tuple[str, ...]):
        key = prefix + (f"{unit.kind[0]}{unit.label}",)
        found[key] = REPEALED if unit.repealed else unit.text
        for c in unit.children:
            walk(c, key)

    for part in text.parts:
        for unit in part.articles:
            walk(unit, (part.annex,))
    return found


def compare(old: Text, new: Text) -> list[Difference]:
    """What differs between two versions, unit by unit, in the newer version's order."""
    before, after = flatten(old), flatten(new)
    keys = list(after) + [k for k in before if k not in after]
    found = []
    for key in keys:
        if key not in before:
            found.append(Difference(key, "added", (("ins", after[key]),)))
        elif key not in after:
            found.append(Difference(key, "removed", (("del", before[key]),)))
        elif before[key] != after[key]:
            kind = "repealed" if after[key] == REPEALED else "changed"
            found.append(Difference(key, kind, wordiff.compare(before[key], after[key])))
    return found
