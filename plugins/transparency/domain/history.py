"""A document's public history: the commits that changed its file, as the public reads them.

The source layer (source/history.py) reads the repository and hands over, for
each version of a file, its commit and its parsed front matter and body. This
module decides what the public sees of each change: its kind, the front-matter
fields that changed (old → new, with Romanian labels), whether the text
changed, whether that happened to an adopted decision, and the difference of
the text word by word. Personal data never comes back through the history: a
CNP in an old version (removed since) is masked before anything is shown.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import NamedTuple

from . import dates, privacy, vocab

# Front-matter fields (and the keys inside them) as a document's history names them when they
# change, in the order the history lists them; closed values by their labels in domain/vocab.py.
FIELD_LABELS = {
    "title": "Titlu", "status": "Stare", "number": "Număr", "registered": "Înregistrat", "adopted": "Adoptată",
    "meeting": "Ședința", "majority": "Majoritate", "vote": "Vot", "votes": "Vot nominal", "initiator": "Inițiator",
    "summary": "Rezumat", "topics": "Teme", "committees": "Comisii", "committee": "Comisia",
    "consultation": "Consultare publică", "amends": "Modifică", "repeals": "Abrogă", "events": "Evenimente",
    "attachments": "Anexe", "character": "Caracter", "kind": "Tip", "date": "Data", "author": "Autor",
    "decision": "Hotărârea", "opinion": "Aviz", "start": "Începe", "place": "Locul", "agenda": "Ordinea de zi",
    "agenda_published": "Ordinea de zi publicată", "convened_by": "Convocată prin", "minutes": "Proces-verbal",
    "video": "Înregistrare video", "allow_cnp": "Coduri permise", "present": "prezenți", "for": "pentru",
    "against": "împotrivă", "abstain": "abțineri", "opened": "deschisă", "closes": "se încheie",
    "comments": "recomandări", "event": "eveniment", "note": "notă", "file": "fișier",
    "changes": "Modificări aduse", "items": "Ordinea de zi", "convened": "Convocată la", "public": "Ședință publică",
    "closed_reason": "Motivul ședinței nepublice", "issuer": "Emitent", "publish_text": "Text publicat",
    "accepted": "recomandări acceptate", "action": "acțiunea", "article": "articolul", "annex": "anexa",
    "paragraph": "alineatul", "letter": "litera", "text": "textul", "after": "după hotărârea",
    "scan_reviewed": "scanare verificată de mână", "below_quorum": "fără cvorum, confirmat",
    "minutes_scan_reviewed": "Proces-verbal scanat verificat de mână",
}
VALUE_LABELS = {"status": vocab.DECISION_STATUSES, "event": vocab.EVENT_NAMES, "opinion": vocab.OPINIONS,
                "majority": {k: v.split(" (")[0] for k, v in vocab.MAJORITIES.items()},
                "action": {"replace": "înlocuire", "insert-after": "introducere după", "repeal": "abrogare"}}
CREATED, MODIFIED, RENAMED = "created", "modified", "renamed"
# „Publicat pe site”: the first commit, not the act's legal publication (Monitorul Oficial Local, its events)
CHANGE_KINDS = {CREATED: "Publicat pe site", MODIFIED: "Modificat", RENAMED: "Mutat"}
# Why a page shows no history (the section says it instead of a list).
UNAVAILABLE = {
    "no-repository": "Istoricul nu este disponibil: site-ul a fost construit fără depozitul git al documentelor.",
    "shallow": "Istoricul nu este disponibil: site-ul a fost construit dintr-o copie parțială (shallow) "
               "a depozitului git.",
    "uncommitted": "Istoricul nu este disponibil: documentul nu a fost încă înregistrat în depozitul git.",
}
MASK = "[cod numeric personal ascuns]"
HIDDEN_TEXT = "Textul acestei versiuni nu este afișat: conține date cu caracter personal."


@dataclass(frozen=True)
class Version:
    """One committed version of a file, as the source layer read it."""

    commit: str  # full SHA-1 of the commit
    time: int  # commit time, Unix seconds
    subject: str  # first line of the commit message
    author: str  # author's name (never the e-mail address)
    path: str  # the file's path under content/ in this commit
    blob: str  # git blob id of the file's bytes
    front: tuple  # the front matter as sorted (key, plain value) pairs; () when unreadable
    # digest of the Markdown body; "" for a file's only version, not read: what a version says is
    # compared with the version before or after it, and a file never changed has neither
    body_digest: str
    # the newest commit time before this commit on the main line (0: not known); git takes any date
    floor: int = 0
    # digest of the body's words paragraph by paragraph (`wording`), read for a version that says
    # `status: adopted` (source/version_reading.py), "" for any other: those compare by body_digest
    wording_digest: str = ""

    def same_words(self, other: Version) -> bool:
        """Whether its body reads as `other`'s, word for word and paragraph by paragraph (a text only
        re-broken, re-indented or realigned does); versions never read compare by their bodies."""
        if self.wording_digest and other.wording_digest:
            return self.wording_digest == other.wording_digest
        return self.body_digest == other.body_digest


@dataclass(frozen=True)
class Removal:
    """A document file a commit deleted (or moved where it is not followed): what its addresses keep
    saying once its page is gone (site/history.py `removed_routes`)."""

    path: str  # the file's last path under content/
    blob: str  # its last version's blob
    front: tuple  # that version's front matter (plain sorted pairs, as Version.front; () when unreadable)
    commit: str  # the commit that removed it
    time: int  # that commit's time, Unix seconds
    subject: str  # that commit's message, first line
    subject_withheld: bool = False  # as Change's: the message is hidden (site/history_index.py `removals`)
    reworded: bool = False  # the message is a line staff wrote for the public instead

    def field(self, name: str, default=None):
        return dict(self.front).get(name, default)

    @property
    def doc_type(self) -> str | None:
        return vocab.DOCUMENT_FOLDERS.get(self.path.split("/", 1)[0])

    @property
    def doc_id(self) -> str:
        return self.path.rsplit("/", 1)[-1].removesuffix(".md")

    @property
    def cited(self) -> tuple[int, int] | None:
        """(year, number) of the act its last version cited (an adopted decision's, a disposition's
        `NUMBER/YEAR`, as model.Decision.citation and model.Disposition.citation), or None."""
        return cited_by(dict(self.front), self.doc_type) if self.doc_type in CITED_TYPES else None


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str  # "" when the field was absent
    new: str  # "" when the field was removed
    # A list of groups (events, attachments, agenda items, changes): the items the old list had and the new
    # one has not, and those only the new one has, each as one line, in their lists' order (`list_changes`);
    # the history shows these instead of both whole lists. Empty for any other field.
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()

    @property
    def items(self) -> bool:
        """Whether the change is shown as the items removed and added (a list of groups)."""
        return bool(self.removed or self.added)


@dataclass(frozen=True)
class Change:
    """One commit that changed the file (its first, `created`, included)."""

    commit: str
    time: int
    subject: str
    author: str
    kind: str  # created | modified | renamed
    path: str
    old_path: str  # "" for `created`
    blob: str
    old_blob: str  # "" for `created`
    fields: tuple[FieldChange, ...]
    text_changed: bool  # its words (domain.history.wording), not only how its lines are laid out
    after_adoption: bool  # the text of a decision already adopted changed, or its record (rewrote_adopted)
    corrected: bool  # this commit recorded a `corrected` event
    withheld: bool = False  # the act's text is not public: its register fields only (register_only)
    subject_withheld: bool = False  # the commit also changed such an act: its message is not shown
    reworded: bool = False  # the subject is the line staff wrote for the public (data/commit-messages.yml)
    # The newest time of the file's earlier versions, when this commit's own is earlier (0 otherwise): git
    # takes whatever date a commit is given, and the main line's order is what was recorded, in that order.
    dated_before: int = 0
    corrected_notes: tuple[str, ...] = ()  # the notes of the `corrected` events it recorded (CNPs masked)
    relaid: bool = False  # the body changed and its words did not: lines re-broken, spaces, indentation

    @property
    def short(self) -> str:
        return self.commit[:12]

    @property
    def recorded(self) -> int:
        """The earliest time the change can have been recorded: its commit's time, or the newest time of
        the file's versions before it, when that is later (a commit dated before them)."""
        return max(self.time, self.dated_before)

    @property
    def back_dated(self) -> bool:
        """Whether its commit is dated before the commits before it (`recorded` is not its own time)."""
        return bool(self.dated_before)


@dataclass(frozen=True)
class History:
    """What the public sees of a file's history: its changes newest first (the first commit last),
    or why there is none (`reason`, a key of UNAVAILABLE)."""

    changes: tuple[Change, ...] = ()
    reason: str = ""

    @property
    def available(self) -> bool:
        return not self.reason


# What a line may begin with, after its indentation, to be more than prose going on: a list item, a
# quotation, a heading, a table row, a setext underline, a rule, a fence, an HTML block, a numbered
# item, a footnote or reference definition, an abbreviation, a definition, an attribute list.
BLOCK_START = re.compile(rb"""
    [-+*][ \t]             # a list item
  | \d+[.)][ \t]           # a numbered one
  | [>#<|:~`{[]            # a quotation, a heading, HTML, a table row, a definition, a fence, an attribute
                           # list, a reference or footnote definition (or a link: prose, taken for more)
  | \*\[                   # an abbreviation
  | [-=_*][-=_*\ \t]*$      # a setext underline or a rule
""", re.VERBOSE)
TABLE_PADDING = re.compile(rb"[ \t]*\|[ \t]*")  # spaces around a table's cell separators
DELIMITER_ROW = re.compile(rb"[|:\- ]+")  # a table's row of dashes under its header


def forced_break(line: bytes) -> bool:
    """Whether a line ends with what python-markdown makes a `<br>` of: two spaces, once its tabs are
    spaces (it expands them to columns of four, as characters, not bytes), never a backslash."""
    if b"\t" in line:
        line = line.decode("utf-8", "replace").expandtabs(4).encode("utf-8")
    return line.endswith(b"  ")


def wording(body: bytes) -> bytes:
    """What a reader reads of a Markdown body (UTF-8), for telling a text changed from one only laid
    out again. Lines of prose (under four spaces of indentation, beginning with no sign that may
    start a block, holding no `|`) that follow one another in a paragraph read as one line, their
    runs of spaces as one: python-markdown renders them so. Every other line keeps its own line,
    its indentation and its spaces (a list item, a table row, a heading, an indented line: joining
    them, or moving their indentation, changes what is rendered), a table row its cells without
    their padding, a row of dashes its alignments alone; a forced line break (`forced_break`, at the
    end of a line a line follows) counts as a NUL word; a paragraph split or joined (a
    legal text's paragraphs are numbered by their place), a word or a sign added or removed count.
    Whatever python-markdown may render differently must read differently here (a change wrongly
    said to be a layout is a false claim); the converse may fail (a change said to be one when it
    renders the same), which only says too much. Line by line: about 0.1 ms for a 10 kB decision."""
    paragraphs: list[bytes] = []
    current: list[bytes] = []
    prose_before = False  # the line before, in this paragraph, was prose
    for raw in body.split(b"\n"):
        line = raw.rstrip(b"\r")
        words = line.strip()
        if not words:
            if current:
                paragraphs.append(b"".join(current))
                current = []
            prose_before = False
            continue
        start = line.lstrip(b" \t")
        head = line[:len(line) - len(start)]
        indent = len(head.expandtabs(4)) if b"\t" in head else len(head)
        table = b"|" in words
        prose = indent < 4 and not table and not BLOCK_START.match(start)
        if table:
            words = TABLE_PADDING.sub(b"|", words)
            if DELIMITER_ROW.fullmatch(words):
                words = re.sub(rb"-+", b"-", words)
        if prose and (b"  " in words or b"\t" in words or b"\x0b" in words or b"\x0c" in words or b"\r" in words):
            words = b" ".join(words.split())  # more than prose keeps its spaces: `>  *[X]:` is not `> *[X]:`
        if current and prose and prose_before:
            current.append(b" " + words)
        elif prose:
            current.append((b"\n" if current else b"") + b"%d:" % indent + words)
        else:  # more than prose: its trailing spaces too (`1. ` is a list item, `1.` a number)
            current.append((b"\n" if current else b"") + b"%d;" % indent + words
                           + (b" " if line.endswith((b" ", b"\t")) else b""))
        if forced_break(line) and not table and not words.startswith(b"#"):
            current.append(b" \x00")  # a forced break, if a line follows in the paragraph (removed below)
        prose_before = prose
    if current:
        paragraphs.append(b"".join(current))
    return b"\n\n".join(paragraph.removesuffix(b" \x00") for paragraph in paragraphs)


def distinct(versions: list[Version]) -> list[tuple[Version | None, Version]]:
    """(previous version, version) of each version that is a change, oldest first: the first, then
    each whose file differs from the one before (a commit that left the file as it was is none)."""
    return [(None if before is None else versions[before], versions[after])
            for before, after in distinct_places(versions)]


def distinct_places(versions) -> list[tuple[int | None, int]]:
    """`distinct` by the versions' places in `versions`."""
    found: list[tuple[int | None, int]] = []
    before: int | None = None
    for place, version in enumerate(versions):
        if before is None or versions[before].blob != version.blob or versions[before].path != version.path:
            found.append((before, place))
            before = place
    return found


Keys = Mapping[str, tuple[str, ...]]  # a field → the order of the keys of its groups (the schema's)


def changes(versions: list[Version], *, authors: bool = False, fields: frozenset[str] | None = None,
            keys: Keys | None = None) -> tuple[Change, ...]:
    """The changes between consecutive versions (oldest first in `versions`), newest first."""
    latest, adopted = floors(versions), last_adopted(versions)
    return tuple(change(None if before is None else versions[before], versions[after], authors=authors,
                        fields=fields, keys=keys, floor=latest[after], adopted=at(versions, adopted[after]))
                 for before, after in reversed(distinct_places(versions)))


def at(versions, place: int | None):
    return None if place is None else versions[place]


def floors(versions) -> list[int]:
    """For each of `versions` (oldest first), the newest time of the commits before it: those of the
    main line (`Version.floor`), the file's own earlier versions too (0 when none is known)."""
    found, newest = [], 0
    for version in versions:
        found.append(max(newest, version.floor))
        newest = max(newest, version.time)
    return found


def change(before: Version | None, version: Version, *, authors: bool = False,
           fields: frozenset[str] | None = None, keys: Keys | None = None, floor: int = 0,
           adopted: Version | None = None) -> Change:
    """The change that made `version` of a file from `before` (None: the commit that created it);
    `adopted`: the last version before it that said `status: adopted` (`last_adopted`), None if none.
    `fields`: the front-matter keys the document's type may have (None: any); an old version's
    other keys, which the check refused and no build published, are not shown. `keys`: the order
    in which a field's groups list their keys (the schema's, site/history_index.py `KEYS`); the
    keys it does not order come after those, by name."""
    if before is None:
        kind, changed, notes = CREATED, (), ()
        text_changed = after_adoption = corrected = relaid = False
    else:
        kind = RENAMED if before.path != version.path else MODIFIED
        old, new = dict(before.front), dict(version.front)
        changed = field_changes(old, new, fields, keys)
        text_changed = not before.same_words(version)
        relaid = not text_changed and before.body_digest != version.body_digest
        after_adoption = rewrote_adopted(adopted, version)
        corrected = events_of(new, "corrected") > events_of(old, "corrected")
        notes = corrections_added(old, new) if corrected else ()
    return Change(version.commit, version.time, version.subject, version.author if authors else "", kind,
                  version.path, before.path if before else "", version.blob, before.blob if before else "",
                  changed, text_changed, after_adoption, corrected,
                  dated_before=floor if version.time < floor else 0, corrected_notes=notes, relaid=relaid)


def rewrites(versions: list[Version], today: dt.date) -> list[tuple[Version, Version]]:
    """(version before, version) of each change that rewrote the text of a version that said
    `status: adopted` (what `changes` marks `after_adoption`), committed up to `today`, without
    computing the changes."""
    return rewritten_pairs(versions, committed_by(facts(versions), today))


def rewritten_pairs(versions, rewrites: list[Rewrite]) -> list[tuple[Version, Version]]:
    """(version before, version) of each of `rewrites` of the lineage `versions`."""
    return [(versions[rewrite.before], versions[rewrite.after]) for rewrite in rewrites]


def committed_by(found: Facts, today: dt.date) -> list[Rewrite]:
    """The rewrites of adopted texts among `found` committed up to `today` (Europe/Bucharest)."""
    return [rewrite for rewrite in found.adopted_rewritten if local_time(rewrite.time).date() <= today]


def named(versions) -> str:
    """Versions by the names of what they are made of: each one's commit (which fixes its time,
    message and author), path and blob (which fixes its text)."""
    names = "|".join(f"{v.commit}:{v.path}:{v.blob}" for v in versions)
    return hashlib.blake2b(names.encode("utf-8"), digest_size=12).hexdigest()


class Rewrite(NamedTuple):
    """A change that rewrote an adopted text (`rewrote_adopted`), by its versions' places in the lineage."""

    before: int  # the version before it
    after: int  # the version it made
    time: int  # its commit's time (which of them a build day counts)
    name: str  # both versions `named`

    def __reduce__(self):
        return tuple.__new__, (Rewrite, (self.before, self.after, self.time, self.name))  # see Facts


class Facts(NamedTuple):
    """What the history index asks of every lineage at every build after a commit, whatever pages it
    makes: computed once per lineage, where it is followed (source/lineage.py keeps them with it, and
    the versions themselves packed, unpacked only for the documents whose pages are made)."""

    commits: tuple[str, ...]  # each version's commit, oldest first
    later: tuple[str, ...]  # the commits of its changes after the first, newest first
    adopted_rewritten: tuple[Rewrite, ...]  # oldest first, whatever their date
    former: tuple[str, ...] = ()  # the paths it had before its last one (renamed), oldest first
    revised: tuple[int, ...] = ()  # the times of its first version and of each change after it, oldest first
    # (type, year, number) each citation its versions made, read as an adopted decision's and as a
    # disposition's (a lineage's type is its folder's, not known here), oldest first: its addresses
    cited: tuple[tuple[str, int, int], ...] = ()

    def __reduce__(self):
        # Unpickled by tuple.__new__ itself, in C (one per document file in the kept lineages).
        return tuple.__new__, (Facts, (self.commits, self.later, self.adopted_rewritten, self.former, self.revised,
                                       self.cited))


def facts(versions) -> Facts:
    """The `Facts` of a lineage (its versions, oldest first)."""
    places = distinct_places(versions)
    adopted = last_adopted(versions)
    return Facts(tuple(version.commit for version in versions),
                 tuple(versions[after].commit for before, after in reversed(places) if before is not None),
                 tuple(Rewrite(before, after, versions[after].time, named((versions[before], versions[after])))
                       for before, after in places
                       if before is not None and rewrote_adopted(at(versions, adopted[after]), versions[after])),
                 tuple(dict.fromkeys(v.path for v in versions if v.path != versions[-1].path)) if versions else (),
                 tuple(versions[after].time for _, after in places),
                 tuple(dict.fromkeys((doc_type, *found) for front in map(dict, (v.front for v in versions))
                                     for doc_type in CITED_TYPES if (found := cited_by(front, doc_type)) is not None)))


CITED_TYPES = ("decision", "disposition")  # the acts whose number makes their address


def cited_by(front: dict, doc_type: str) -> tuple[int, int] | None:
    """(year, number) a front matter cites (an adopted decision's, a disposition's `NUMBER/YEAR`, as
    model.Decision.citation and model.Disposition.citation: its address's), or None."""
    number = front.get("number")
    day = front.get("adopted" if doc_type == "decision" else "date")
    if not isinstance(number, int) or isinstance(number, bool) or not isinstance(day, str) \
            or (doc_type == "decision" and front.get("status") != "adopted"):
        return None
    try:
        return dt.date.fromisoformat(day[:10]).year, number
    except ValueError:
        return None


# What an adopted decision's file records of the act besides its text: a later change to any of them,
# as to the text, rewrote the record of what the council adopted (flagged, in the feed and activity).
ADOPTED_RECORD = ("title", "number", "adopted", "meeting", "majority", "vote", "votes")


def rewrote_adopted(adopted: Version | None, version: Version) -> bool:
    """Whether `version` changed the text of `adopted`, the last version before it that said `status:
    adopted` (None: none did), or what it recorded of the act (`ADOPTED_RECORD`: its title, number,
    day, meeting, majority, vote), as a reader reads them. The last adopted version, not the one just
    before: a decision set back to draft by mistake and adopted again with another text was
    changed after adoption (the review of December 7 found it never said)."""
    if adopted is None:
        return False
    old, new = dict(adopted.front), dict(version.front)
    return not adopted.same_words(version) or any(
        old.get(key) != new.get(key) and seen(as_text(old.get(key), key)) != seen(as_text(new.get(key), key))
        for key in ADOPTED_RECORD)


def last_adopted(versions) -> list[int | None]:
    """For each of `versions` (oldest first), the place of the last version before it that said
    `status: adopted` (None: none did)."""
    found, last = [], None
    for place, version in enumerate(versions):
        found.append(last)
        if dict(version.front).get("status") == "adopted":
            last = place
    return found


# What the register of dispositions shows of an act whose text is not public (an individual
# disposition names people): the history may show these fields and nothing else.
REGISTER_FIELDS = frozenset({"title", "number", "date", "issuer", "character", "publish_text", "amends", "repeals",
                             "status"})


def register_only(found: tuple[Change, ...]) -> tuple[Change, ...]:
    """The changes as they may be shown of an act whose text is withheld: the commit messages (staff
    may have named the person in them) and every field outside its register entry removed; the text
    is said to have changed, never shown, for this version or any earlier one."""
    return tuple(replace(c, subject="", subject_withheld=True, withheld=True,
                         fields=tuple(f for f in c.fields if f.field in REGISTER_FIELDS)) for c in found)


def reworded(found: tuple[Change, ...], messages: dict[str, str]) -> tuple[Change, ...]:
    """The changes with the messages staff reworded for the public (full commit id → line)."""
    return tuple(replace(c, subject=messages[c.commit], reworded=True)
                 if c.commit in messages and not c.subject_withheld else c for c in found)


def resolve(prefixes: list[tuple[str, int]], commits: set[str]) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """Each (commit id or its first hex digits, line) to the one commit of `commits` it names:
    {prefix: full id}, and (line, what is wrong) for a prefix that names none or several."""
    found, wrong = {}, []
    ordered = sorted(commits)
    for prefix, line in prefixes:
        start = bisect.bisect_left(ordered, prefix)
        matches = [c for c in ordered[start:start + 2] if c.startswith(prefix)]
        if len(matches) == 1:
            found[prefix] = matches[0]
        elif matches:
            wrong.append((line, f"„{prefix}” numește mai multe commit-uri; scrieți mai multe caractere din id"))
        else:
            wrong.append((line, f"„{prefix}” nu numește niciun commit care a schimbat un document"))
    return found, wrong


def without_subjects(found: tuple[Change, ...], commits: frozenset[str]) -> tuple[Change, ...]:
    """The changes with the messages of `commits` removed: a commit that also changed an act whose
    text is withheld may name its person, on whichever document's history it shows."""
    return tuple(replace(c, subject="", subject_withheld=True) if c.commit in commits else c for c in found)


def corrections_added(old: dict, new: dict) -> tuple[str, ...]:
    """The notes of the `corrected` events `new` has and `old` has not (each as often as added), masked."""
    left = events_of_kind(old, "corrected")
    added = []
    for event in events_of_kind(new, "corrected"):
        if event in left:
            left.remove(event)
        else:
            added.append(event)
    return tuple(redact(str(note)) for event in added if (note := dict(event).get("note")))


def events_of(front: dict, kind: str) -> int:
    return len(events_of_kind(front, kind))


def events_of_kind(front: dict, kind: str) -> list:
    """The events of `kind` a front matter (plain values) lists, each as its (key, value) pairs."""
    events = front.get("events")
    if not isinstance(events, (list, tuple)):
        return []
    return [e for e in events if isinstance(e, (list, tuple)) and dict(e).get("event") == kind]


def field_changes(old: dict, new: dict, allowed: frozenset[str] | None = None,
                  keys: Keys | None = None) -> tuple[FieldChange, ...]:
    """The top-level fields whose values differ as a reader sees them (of `allowed`, when given), in
    the order of FIELD_LABELS then by name; a list of groups by the items it lost and gained."""
    order = {name: i for i, name in enumerate(FIELD_LABELS)}
    names = sorted({name for name in (*old, *new) if allowed is None or name in allowed},
                   key=lambda name: (order.get(name, len(order)), name))
    found = []
    for name in names:
        if old.get(name) == new.get(name):
            continue
        before, after = shown(old.get(name), name, keys), shown(new.get(name), name, keys)
        items = list_changes(old.get(name), new.get(name), name, keys)
        if items is not None:
            if items[0] or items[1]:
                found.append(FieldChange(name, FIELD_LABELS.get(name, name), before, after, *items))
        elif seen(before) != seen(after):  # what reads the same did not change (a line break at a text's end)
            found.append(FieldChange(name, FIELD_LABELS.get(name, name), before, after))
    return tuple(found)


def seen(text: str) -> str:
    """A value's text as a page shows it: its runs of spaces and line breaks as one space."""
    return " ".join(text.split())


def list_changes(old, new, name: str, keys: Keys | None = None) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """For a list of groups (absent counts as empty): its items the old value had and the new one has
    not, and those only the new one has, each `shown` (CNPs masked), in their lists' order, as the
    longest run of items the lists share (read as the page shows them) leaves them; None for any
    other value. An item edited is one removed and one added; items reordered are too."""
    lists = [() if value is None else value for value in (old, new)]
    if not all(isinstance(value, tuple) and not is_group(value) for value in lists) \
            or not any(is_group(item) for value in lists for item in value):
        return None
    (before, after) = ([shown(item, name, keys) for item in value] for value in lists)
    matcher = difflib.SequenceMatcher(None, [seen(text) for text in before], [seen(text) for text in after],
                                      autojunk=False)
    removed, added = [], []
    for op, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if op != "equal":
            removed += before[old_start:old_end]
            added += after[new_start:new_end]
    return tuple(removed), tuple(added)


def is_group(value) -> bool:
    """Whether a plain value (domain/history.py `plain`) is a group of fields: its (key, value) pairs."""
    return isinstance(value, tuple) and bool(value) and all(
        isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str) for v in value)


def plain(value):
    """A YAML value as hashable plain data with a stable repr: mappings as sorted pairs."""
    if isinstance(value, dict):
        return tuple(sorted(((str(k), plain(v)) for k, v in value.items()), key=lambda kv: kv[0]))
    if isinstance(value, (list, tuple)):
        return tuple(plain(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def shown(value, name: str = "", keys: Keys | None = None) -> str:
    """A field's value as one line of text (nested keys and closed values labelled), with any CNP masked."""
    return redact(as_text(value, name, keys))


def as_text(value, name: str = "", keys: Keys | None = None) -> str:
    """`value`, of the field `name`, as text; a group's keys in the order `keys` gives for the field."""
    if isinstance(value, str) and value in VALUE_LABELS.get(name, {}):
        return VALUE_LABELS[name][value]
    if value is None:
        return ""
    if isinstance(value, bool):
        return "da" if value else "nu"
    if is_group(value):
        # a group's keys inside a value: „data: …, eveniment: semnare” (a field's own label leads its row),
        # in the order the schema declares them (`plain` sorted them by name)
        order = {key: place for place, key in enumerate((keys or {}).get(name, ()))}
        return ", ".join(f"{_lower_first(FIELD_LABELS.get(k, k))}: {as_text(v, k, keys)}"
                         for k, v in sorted(value, key=lambda pair: (order.get(pair[0], len(order)), pair[0])))
    if isinstance(value, tuple):  # a list; groups in it apart: „data: …, eveniment: …; data: …”
        return "; ".join(as_text(v, name, keys) for v in value) if any(isinstance(v, tuple) for v in value) \
            else ", ".join(as_text(v, name, keys) for v in value)
    return str(value)


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]


def redact(text: str) -> str:
    """`text` with every CNP masked: each run of digits that holds one is replaced; should a code
    still show (its groups joined across the run's edges), every digit of its lines goes, and
    if even that leaves one, the text is withheld whole."""
    if not codes_in(text):
        return text
    masked = privacy.CHAIN_RE.sub(lambda m: MASK if codes_in(m.group(0)) else m.group(0), text)
    found = codes_in(masked)
    if found:
        lines = masked.split("\n")
        for line in found:
            for index in (line - 1, line):
                if 0 <= index < len(lines):
                    lines[index] = re.sub(r"\d[\d\s.\-/]*\d|\d", MASK, lines[index])
        masked = "\n".join(lines)
    return HIDDEN_TEXT if codes_in(masked) else masked


# Thirteen digits anywhere in a text (found without making a list of every digit: most texts have
# them early, and the search stops there).
THIRTEEN_DIGITS = re.compile(rf"(?:\D*+\d){{{privacy.CNP_LENGTH}}}")


def codes_in(text: str) -> set[int]:
    """The lines where a CNP starts, as the privacy guard reads the text (markup included); a text
    with fewer than 13 digits (most values) holds none and is not parsed."""
    if not THIRTEEN_DIGITS.match(text):
        return set()
    return {found.line for found in privacy.codes_shown(text)}


def local_time(seconds: int) -> dt.datetime:
    """A commit time in Europe/Bucharest (that day's offset)."""
    return dt.datetime.fromtimestamp(seconds, dates.TIMEZONE)


def shown_line(text: str) -> str:
    """A line of the repository shown as it is (a commit's message or author, a file's old
    path): what no XML document may hold (control characters: one in a message stopped every
    feed) as spaces, e-mail addresses and mobile numbers replaced, every CNP masked. A document's
    text is checked by the build, which warns of such data and staff fix it; a commit message is
    already written for good, so what it holds of a person is hidden instead."""
    text = "".join(c if c.isprintable() else " " for c in text) if not text.isprintable() else text
    return redact(mask_phones(mask_emails(text)))


def mask_phones(text: str) -> str:
    """`text` with every mobile number replaced (a commit message may name the person who asked)."""
    return privacy.MOBILE_RE.sub("[telefon ascuns]", text) if privacy.MAYBE_MOBILE_RE.search(text) else text


def mask_emails(text: str) -> str:
    """`text` with every e-mail address replaced (a commit message may quote one)."""
    return privacy.ANY_EMAIL_RE.sub("[adresă ascunsă]", text) if "@" in text else text
