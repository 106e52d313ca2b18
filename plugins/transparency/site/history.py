"""What the public sees of each document's history: its page's section and one page per change.

The history of every document is one index of the site model (`history`,
site/history_index.py), made from what source/history.py read: an input of
the dependency map like any other index, always fingerprinted, since a commit
can change the history without changing a byte of content. A page reads its
document's entry, a change's page that change's, the activity pages the
adopted texts changed; nothing else depends on it.

A change's page shows the fields that changed and the text word by word, its
deletions and insertions marked in words too (for screen readers and in
print), not by colour alone. Personal data is masked (domain/history.py).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from babel.lists import format_list
from markupsafe import Markup, escape

from ..domain import dates, dispositions, history, privacy, urls, wordiff
from ..domain.history import Change, History
from ..source.loader import COLLECTIONS
from .history_index import NAME, REMOVED, TEXTS_CHANGED, Entries, HistoryIndex
from .tracked import Index
from .views import when

# An ISO date, or a date and time (a meeting's „2025-06-26 10:00” as staff write it, or with seconds and
# an offset or Z, as YAML's moments print), in a value; HTML's datetime takes either separator.
ISO_MOMENT_RE = re.compile(
    r"(?<![\w-])\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}|Z)?)?(?![\w:-])")
DOCUMENT_TEMPLATES = frozenset({"decision.html", "report.html", "meeting.html", "page.html", "disposition.html",
                                "publication.html"})
CHANGE_SEGMENT = "istoric"  # /hotarari/2025/45/istoric/SHA12/
CHANGE_TEMPLATE = "history_change.html"
RENAMED_TEMPLATE = "renamed.html"
REMOVED_TEMPLATE = "removed.html"
# The addresses made from a document's id (its file name), by type: a renamed file leaves them behind.
# A disposition's and an adopted decision's own addresses are made from their numbers instead.
ID_ADDRESSES = {"decision": urls.draft_of, "report": urls.report, "meeting": urls.meeting,
                "publication": urls.publication, "page": urls.page}


def attach(site, source, *, authors: bool = False, messages: dict[str, str] | None = None,
           commit_url: str | None = None) -> None:
    """Make the `history` index of `site` from `source` (a source.history.RepoHistory); `messages`:
    the lines staff wrote for the public instead of some commits' messages (full commit id → line);
    `commit_url`: a commit's address in the council's public repository, {commit} for its id."""
    checked, messages = site.checked.archive, messages or {}
    site.indexes[NAME] = HistoryIndex(site.log, lambda: Entries(checked.documents(), source, authors=authors,
                                                                today=site.today, messages=messages), source, messages,
                                      commit_url)
    # made from the content's files and their former names: a rename changes the content, so the
    # index is made again whenever it can change (no stamp of the history needed)
    site.indexes[FIRST_IDS] = Index(FIRST_IDS, site.log, lambda: first_ids(checked.documents(), source),
                                    reads_text=False)


FIRST_IDS = "first-ids"  # "TYPE/ID" → the id a renamed document's file had first (feed and calendar ids)


def first_ids(documents, source) -> dict[str, str]:
    """The id each renamed document had first (its file's oldest name), where that id is its own:
    not one a document of its type has now, nor the first of two documents. Feed entries and
    calendar events are named by it, so that a rename does not show a reader every entry again
    (RFC 4287, 4.2.6: an entry's id never changes)."""
    documents = list(documents)
    held = {f"{doc.type}/{doc.id}" for doc in documents}
    claims: dict[str, list[str]] = {}
    for doc in documents:
        facts = None if source.reason else source.facts.get(doc.source)
        first = next(iter(_ids(facts.former)), None) if facts is not None and facts.former else None
        if first is not None and first != doc.id:
            claims.setdefault(f"{doc.type}/{first}", []).append(f"{doc.type}/{doc.id}")
    return {keys[0]: first.split("/", 1)[1] for first, keys in sorted(claims.items())
            if len(keys) == 1 and first not in held}


def entry(site, doc) -> History | None:
    index = site.indexes.get(NAME)
    return None if index is None else index.get(f"{doc.type}/{doc.id}")


def page_path(site, doc) -> str:
    if doc.type == "decision":
        return urls.decision(doc)
    if doc.type == "disposition":
        return urls.disposition(doc)
    return {"report": urls.report, "publication": urls.publication, "meeting": urls.meeting}.get(doc.type, urls.page)(doc.id)


def change_path(doc_path: str, commit: str) -> str:
    return f"{doc_path}{CHANGE_SEGMENT}/{commit[:12]}/"


def moment(change: Change | history.Removal) -> dict:
    return time_view(change.time)


def commit_url(site, commit: str) -> str | None:
    """The commit's address in the council's public repository (setting `history_commit_url`), if set."""
    index = site.indexes.get(NAME)
    template = getattr(index, "commit_url", None)
    return template.replace("{commit}", commit) if template else None


def time_view(seconds: int) -> dict:
    local = history.local_time(seconds)
    return {"iso": local.isoformat(), "text": dates.long_moment(local)}


def timed(value: str) -> Markup:
    """A field's value as the history shows it (escaped), each date or moment it holds in a `<time>`
    element (the contract: every date shown on a page sits in one), its `datetime` as the file
    wrote it, its text as the site writes dates."""
    def element(match: re.Match) -> str:
        try:
            moment = (dt.datetime if len(match.group(0)) > 10 else dt.date).fromisoformat(match.group(0))
        except ValueError:  # digits shaped like a date, yet no day
            return match.group(0)
        # read as the rest of the site writes dates („30 octombrie 2026”, „…, ora 10:00”)
        shown = dates.long_moment(moment) if isinstance(moment, dt.datetime) else dates.long_date(moment)
        return f'<time datetime="{match.group(0)}">{shown}</time>'
    return Markup(ISO_MOMENT_RE.sub(element, str(escape(value))))


def change_view(site, doc_path: str, change: Change, *, fields: bool = True) -> dict:
    """What a page shows of `change`; `fields`: with the fields that changed (a meeting named by its
    title reads that meeting: the feeds and the activity pages, which show no field, do not ask)."""
    return {
        "commit": change.commit, "short": change.short, "time": moment(change),
        "commit_url": commit_url(site, change.commit),
        # dated before the file's earlier versions: said, with the newest of them (git takes any date)
        "dated_before": time_view(change.dated_before) if change.dated_before else None,
        "subject": history.shown_line(change.subject), "author": history.shown_line(change.author),
        "withheld": change.withheld, "subject_withheld": change.subject_withheld, "reworded": change.reworded,
        "kind": change.kind, "kind_label": history.CHANGE_KINDS[change.kind],
        "old_path": history.shown_line(change.old_path) if change.kind == history.RENAMED else "",
        "fields": [field_view(site, f) for f in change.fields] if fields else [],
        "text_changed": change.text_changed, "relaid": change.relaid, "after_adoption": change.after_adoption,
        "after_adoption_said": adoption_changed_said(change) if change.after_adoption else "",
        "corrected": change.corrected, "corrected_notes": change.corrected_notes,
        "url": None if change.kind == history.CREATED else site.href(change_path(doc_path, change.commit)),
    }


def field_view(site, found: history.FieldChange) -> dict:
    """A field that changed as a page shows it: its old and new values, or, for a list of groups, the
    items removed and added (`item_changes`, each an `op` "del" or "ins" and its text), removed first."""
    if found.items:
        named = (lambda text: agenda_named(site, text)) if found.field == "items" else timed
        return {"label": found.label, "old": "", "new": "",
                "item_changes": [{"op": "del", "text": named(text)} for text in found.removed]
                + [{"op": "ins", "text": named(text)} for text in found.added]}
    if found.field == "meeting":
        old, new = meeting_names(site, found.old, found.new)
    else:
        old, new = timed(found.old), timed(found.new)
    return {"label": found.label, "old": old, "new": new, "item_changes": []}


# An agenda item's decision as domain/history.py writes it („hotărârea: ID”, the label of `decision`).
AGENDA_DECISION = history.FIELD_LABELS["decision"].lower()
AGENDA_DECISION_RE = re.compile(rf"(?<![\w-]){re.escape(AGENDA_DECISION)}: ([a-z0-9][a-z0-9-]*)")


def agenda_named(site, text: str) -> Markup:
    """An agenda item as the history shows it (`timed`), its decision named as the site names it
    („Hotărârea nr. 221/2025 privind …”, „Proiect de hotărâre privind …”) when the id is one of the
    archive's decisions; as written otherwise."""
    def named(match: re.Match) -> str:
        d = site.archive.decisions.get(match.group(1))
        return match.group(0) if d is None else f"{site.heading(d)} {d.title}"
    return timed(AGENDA_DECISION_RE.sub(named, text))


def meeting_names(site, *ids: str) -> list[Markup]:
    """Each meeting id (a decision's `meeting`) as the site names that meeting, its title („Ședința
    ordinară din 26 februarie 2026”, its day in a <time>), when it is one of the archive's meetings;
    as written otherwise. Two meetings of the same title are told apart by their ids."""
    meetings = [site.archive.meetings.get(meeting_id) if meeting_id else None for meeting_id in ids]
    titles = [meeting.title if meeting is not None else "" for meeting in meetings]
    alike = len({history.seen(title) for title in titles}) < len(titles) and len(set(ids)) == len(ids)
    return [timed(meeting_id) if meeting is None else
            meeting_title(meeting, f" ({meeting_id})" if alike else "") for meeting_id, meeting in zip(ids, meetings)]


def meeting_title(meeting, after: str = "") -> Markup:
    """A meeting's title followed by `after`, its day in a <time> (every date a page shows sits in
    one): where the title writes it, else after the title, in brackets."""
    title = escape(meeting.title + after)
    if meeting.start is None:
        return title
    day = meeting.start.date()
    element = Markup('<time datetime="{}">{}</time>').format(day.isoformat(), dates.long_date(day))
    written = str(escape(dates.long_date(day)))
    if written in title:
        return Markup(str(title).replace(written, str(element), 1))
    return title + Markup(" (") + element + Markup(")")


def section(site, doc) -> dict:
    """The `data-history` section of the document's page: `changes`, those committed after the
    commit that first published the file (the contract's `li[data-commit]`, newest first), and
    `published`, that first commit (shown apart, after them)."""
    found = entry(site, doc)
    if found is None or not found.available:
        return {"available": False, "note": history.UNAVAILABLE[found.reason if found else "no-repository"]}
    doc_path = page_path(site, doc)
    changes = [change_view(site, doc_path, c) for c in found.changes]
    published = changes.pop() if changes and changes[-1]["kind"] == history.CREATED else None
    return {"available": True, "changes": changes, "published": published, "unchanged": not changes}


def output_of(route) -> str:
    """The output a page is made in: a change's page in its document's page's (their one output
    reads the same history, which `Entries` keeps made, and the same versions, which
    `HistoryIndex.shown_body` keeps read; and a commit that changes a document makes its page and
    its new change's page stale together), any other page in its own."""
    if route.template != CHANGE_TEMPLATE:
        return route.path
    return route.path.rsplit("/", 3)[0] + "/"  # ADDRESS/istoric/SHA12/ → ADDRESS/


def change_time(site, doc, commit: str) -> int | None:
    """The time of the document's change `commit` (read from its versions), None when none holds it."""
    index = site.indexes.get(NAME)
    versions = (index.versions_of(f"{doc.type}/{doc.id}") if index is not None else None) or ()
    return next((version.time for version in versions if version.commit == commit), None)


def _documents_with(site, ask):
    """(document, what `ask(index, key)` found of its history) for each document it found something of."""
    index = site.indexes.get(NAME)
    if index is None:
        return
    for doc in site.archive.documents():
        found = ask(index, f"{doc.type}/{doc.id}")  # recorded: the site map changes with the history
        if found:
            yield doc, found


def change_routes(site, route_type):
    """One page per change after the first, for every document with a history."""
    routes = []
    for doc, commits in _documents_with(site, HistoryIndex.later_commits):
        doc_path = page_path(site, doc)
        for commit in commits:
            routes.append(route_type(change_path(doc_path, commit), CHANGE_TEMPLATE,
                                     f"Modificarea {commit[:12]}",
                                     lambda doc=doc, commit=commit: change_page(site, doc, commit), doc))
    return routes


def renamed_routes(site, route_type):
    """A page at each address a renamed document had (its file's earlier names, from its history):
    addresses are permanent (the contract), so the old one stays and leads to the new one. Not
    made where another document's page now stands (all_routes leaves those out)."""
    routes = []
    for doc, former in _documents_with(site, HistoryIndex.former_paths):
        address = ID_ADDRESSES.get(doc.type)
        if address is None:
            continue
        kept = {page_path(site, doc), address(doc.id)}
        changes = site.indexes[NAME].later_commits(f"{doc.type}/{doc.id}") or ()
        for old_id in _ids(former):
            old = address(old_id)
            if old not in kept:
                kept.add(old)
                # the page, and each of its changes' pages (their addresses were published too)
                for commit in ("", *changes):
                    routes.append(route_type(change_path(old, commit) if commit else old, RENAMED_TEMPLATE, doc.title,
                                             lambda doc=doc, old_id=old_id, commit=commit:
                                             renamed_page(site, doc, old_id, commit), doc))
    return routes


NUMBER_FOLDERS = {"decision": "hotarari", "disposition": "dispozitii"}  # an act's address by its number


def renumbered_routes(site, route_type):
    """A page at each address an adopted decision or a disposition had under an earlier number or year
    (its history's versions): addresses are permanent, so the old one stays and leads to the act's
    page, as a renamed file's does. Not made where another act's page now stands (all_routes leaves
    it out)."""
    routes = []
    for d, cited in _documents_with(site, HistoryIndex.former_citations):
        if d.type not in NUMBER_FOLDERS:
            continue
        changes = site.indexes[NAME].later_commits(f"{d.type}/{d.id}") or ()
        current = page_path(site, d)
        for year, number in cited:
            old = f"{NUMBER_FOLDERS[d.type]}/{year}/{number}/"
            if old == current:
                continue
            for commit in ("", *changes):  # the page, and each of its changes' pages there
                routes.append(route_type(change_path(old, commit) if commit else old, RENAMED_TEMPLATE, d.title,
                                         lambda d=d, commit=commit: renamed_page(site, d, None, commit), d))
    return routes


def removed_routes(site, route_type):
    """A page at each address of a document whose file a commit removed (deleted, or moved where it
    is not followed): addresses are permanent (the contract), and a reader who kept one learns that
    the document was removed, when, and by which change, instead of meeting „page not found”. Not
    made where a page now stands (all_routes leaves those out: a document given the name again)."""
    index = site.indexes.get(NAME)
    if index is None:
        return []
    routes = []
    for removal in index[REMOVED]:  # recorded: the site map changes with the history
        for address in removed_addresses(removal):
            routes.append(route_type(address, REMOVED_TEMPLATE, removed_heading(removal),
                                     lambda address=address: removed_page(site, address)))
    return routes


def removed_addresses(removal: history.Removal) -> list[str]:
    """The addresses the removed document had: its id's (not one holding a CNP, nor a name that
    makes none: `_ids`), and its number's, once adopted (a decision) or numbered (a disposition)."""
    found = []
    if removal.doc_type == "disposition":
        found += [f"dispozitii/{urls.segment(old_id)}/" for old_id in _ids([removal.path])]
    elif removal.doc_type in ID_ADDRESSES:
        found += [ID_ADDRESSES[removal.doc_type](old_id) for old_id in _ids([removal.path])]
    if removal.cited is not None:
        found.append(_number_address(removal))
    return found


def _number_address(removal: history.Removal) -> str:
    year, number = removal.cited
    return f"{NUMBER_FOLDERS[removal.doc_type]}/{year}/{number}/"


def removed_heading(removal: history.Removal) -> str:
    title = history.shown(removal.field("title", ""))
    cited = removal.cited and f"{removal.cited[1]}/{removal.cited[0]}"
    kind = {"decision": f"Hotărârea nr. {cited}" if cited else "Proiect de hotărâre",
            "disposition": f"Dispoziția nr. {cited}" if cited else "Dispoziție"}.get(removal.doc_type, "")
    return " ".join(part for part in (kind, title) if part) or "Document retras"


def removed_page(site, address: str) -> dict:
    """The page left at `address`, an address of a removed document: it reads every removal (the
    one that holds this address may be another after a commit)."""
    removal = next(r for r in site.indexes[NAME][REMOVED] if address in removed_addresses(r))
    if _held_again(site, removal, address):  # the look-ups are recorded: a document given the address takes it
        raise ValueError(f"{address} is a document's own address again; all_routes leaves this page out")
    heading = removed_heading(removal)
    listing = {"decision": "hotarari/", "report": "rapoarte/", "meeting": "sedinte/", "disposition": "dispozitii/",
               "publication": "documente/"}.get(removal.doc_type, "")
    return {"page_title": heading, "removed": {
        "heading": heading, "commit": removal.commit,
        "time": moment(removal),
        "subject": history.shown_line(removal.subject), "subject_withheld": removal.subject_withheld,
        "reworded": removal.reworded, "listing": site.href(listing) if listing else ""}}


def _held_again(site, removal: history.Removal, address: str) -> bool:
    """Whether a document now has the removed one's `address`: a document of its type its id, or an
    act its number (a page of its own stands there, and this page, recorded for the address, is
    made again)."""
    if removal.cited is not None and address == _number_address(removal):
        year, number = removal.cited
        by_citation = site.relations.by_citation if removal.doc_type == "decision" \
            else site.relations.disposition_by_citation
        return by_citation.get(f"{number}/{year}") is not None
    return removal.doc_id in getattr(site.archive, COLLECTIONS.get(removal.doc_type, "pages"))


def renamed_feeds(site) -> dict[str, str]:
    """A renamed decision's own feed left at each name it had (feeds/proiecte/OLD-ID.*): old feed
    name → the decision's id. Feed readers keep the address they were given (the contract), so the
    old one goes on receiving the decision's entries; its self link names the new address. Not
    where another decision now has the old id (that one's own feed stands there)."""
    found = {}
    for doc, former in _documents_with(site, HistoryIndex.former_paths):
        if doc.type == "decision":
            for old_id in _ids(former):
                # `in` on the collection is recorded: a decision given the old id takes the name back
                if old_id != doc.id and old_id not in site.archive.decisions:
                    found.setdefault(urls.draft_of(old_id).rstrip("/"), doc.id)
    return found


def _ids(paths) -> list[str]:
    """The ids that files of these paths had (a document's id is its file's name), but those
    holding a CNP: staff renamed such a file because its name was refused (it would have become
    an address); its old address was never published, and must not be now."""
    ids = [path.rsplit("/", 1)[-1].removesuffix(".md") for path in paths]
    return [old_id for old_id in ids if not any(privacy.find_codes(privacy.plain_pieces(old_id)))
            and _addressable(old_id)]


def _addressable(old_id: str) -> bool:
    """Whether a name makes an address (one the check refused, a name that slugs to nothing, had none)."""
    try:
        urls.segment(old_id)
    except urls.AddressError:
        return False
    return True


def renamed_page(site, doc, old_id: str | None, commit: str = "") -> dict:
    """The page left at a renamed document's earlier address `old_id`'s, or at the address its
    change `commit`'s page had there. It reads whether a document of that id exists (one given the
    old name takes the address: the page is then its own, and this output, recorded for that
    address, is made again; the old change pages still lead to the renamed document's changes)."""
    if old_id is not None and old_id in getattr(site.archive, COLLECTIONS[doc.type]) and not commit:  # recorded
        raise ValueError(f"{old_id} is a document's own address again; all_routes leaves this page out")
    path = page_path(site, doc)
    heading = page_heading(site, doc)
    if commit:
        view = {"target": {"url": site.href(change_path(path, commit)), "heading": heading, "change": True},
                "canonical": site.absolute(change_path(path, commit))}
        time = change_time(site, doc, commit)
        if time is None:
            return {**view, "page_title": f"Modificarea {commit[:12]}: {heading}"}
        local = history.local_time(time)  # the breadcrumb as the change's own page has it: the day in a <time>
        return {**view, "page_title": f"Modificarea din {dates.long_moment(local)}: {heading}",
                "crumb": "Modificarea din", "crumb_date": when(local.date())}
    return {"target": {"url": site.href(path), "heading": heading}, "page_title": heading,
            "canonical": site.absolute(path)}


def change_page(site, doc, commit: str) -> dict:
    """A change's page: what changed, the text word by word (from the repository)."""
    index = site.indexes[NAME]
    # The document's whole history: the page is made in the document's page's output, which reads it.
    change = next(c for c in index[f"{doc.type}/{doc.id}"].changes if c.commit == commit)
    doc_path = page_path(site, doc)
    heading = page_heading(site, doc)
    view = change_view(site, doc_path, change)
    if change.text_changed and not change.withheld:
        # A version saying what the document says now (its text passed the CNP guard) is not scanned again.
        passed = index.passed_guard(f"{doc.type}/{doc.id}", "" if doc.allow_cnp else doc.body_digest)
        view["diff"] = [{"op": op, "text": text}
                        for op, text in wordiff.compare(index.shown_body(change.old_blob, change.old_blob in passed),
                                                        index.shown_body(change.blob, change.blob in passed))]
    title = f"Modificarea din {view['time']['text']}: {heading}"
    # the breadcrumb in words, as the heading (the commit's id is the address's, and the page's text)
    return {"change": view, "document": {"url": site.href(doc_path), "heading": heading},
            "page_title": title, "crumb": "Modificarea din",
            "crumb_date": when(history.local_time(change.time).date())}


def quoted(view: dict, before: str = "", after: str = "") -> str:
    """The commit message in Romanian quotes, or nothing when it is withheld."""
    return "" if view["subject_withheld"] else f"{before}„{view['subject']}”{after}"


def page_heading(site, doc) -> str:
    if doc.type == "decision":
        return f"{site.heading(doc)} {doc.title}"
    if doc.type == "disposition":
        return f"{dispositions.heading(doc)} {doc.title}"
    return doc.title


# --- a decision's text changed after adoption: in its feed and on the activity page ------------

CHANGED_AFTER_ADOPTION = "Modificări după adoptare"  # the feed entries' category
# What of an adopted decision a change rewrote (domain.history.rewrote_adopted), as its flag names it.
RECORD_PARTS = {"title": "titlul", "number": "numărul", "adopted": "data adoptării", "meeting": "ședința",
                "majority": "majoritatea", "vote": "votul", "votes": "votul nominal"}
VOTE_RECORD = frozenset({"majority", "vote", "votes"})  # a change of these is said beside the vote too


def adoption_parts(change: Change) -> list[str]:
    """What `change` rewrote of an adopted decision: its text, then the parts of its record, in the
    order of domain.history.ADOPTED_RECORD."""
    changed = {f.field for f in change.fields}
    return (["textul"] if change.text_changed else []) + [RECORD_PARTS[key] for key in history.ADOPTED_RECORD
                                                           if key in changed]


def adoption_listed(change: Change) -> str:
    """„textul și votul”: what `change` rewrote of an adopted decision, as a phrase."""
    return format_list(adoption_parts(change) or ["textul"], locale="ro")


def adoption_changed_said(change: Change) -> str:
    """„Modificare după adoptare: textul și votul.” (a `corrected` event recorded: „Rectificare …”)."""
    return f"{'Rectificare' if change.corrected else 'Modificare'} după adoptare: {adoption_listed(change)}."


def define_memos(site) -> None:
    """Each decision's changes after adoption up to the build day, newest first, as (moment, what they
    rewrote): the general feeds' entry of a decision says them and is updated by them. Found in one
    pass over the history index's list of them; each decision's compared apart (an edit makes again
    the entries of the decisions whose part came out different)."""
    site.memos.define("adoption-changes", lambda _: _adoption_changes(site), digest=False)
    # Kept between builds: made from every decision's versions (0.3 s at 20,000 commits), read again
    # whenever one feed's entries are made again, and unchanged until a commit changes an adopted text.
    site.memos.define("adoption-changed", lambda decision_id: site.memos.of("adoption-changes", keep=True)
                      .get(decision_id, ()))


class AdoptionChange(NamedTuple):
    """A decision's change after adoption as the general feeds' entry of the decision says it."""

    moment: dt.datetime  # the earliest it can have been recorded (Change.recorded)
    earliest: bool  # that is later than its commit's own date
    what: str  # „textul și votul”
    corrected: bool  # its commit recorded a `corrected` event


def _adoption_changes(site) -> dict[str, tuple[AdoptionChange, ...]]:
    index = site.indexes.get(NAME)
    found: dict[str, list[AdoptionChange]] = {}
    for decision_id, change in (index.get(TEXTS_CHANGED, ()) if index is not None else ()):  # newest first
        moment = history.local_time(change.recorded)
        if moment.date() <= site.today:
            found.setdefault(decision_id, []).append(AdoptionChange(
                moment, change.back_dated, adoption_listed(change), change.corrected))
    return {decision_id: tuple(changes) for decision_id, changes in found.items()}


def changed_after_adoption(site, d) -> dict:
    """What the decision's page says beside its text and beside its vote when they were changed
    after adoption (`text`, `vote`: the newest such change's time view, `earliest` when that is no
    more than the earliest it can have been recorded, and how many there were; None when there was
    none): the text shown is the file's of today, not necessarily the adopted one. Every change is
    counted, whatever its date: one dated after the build day is in the text shown all the same."""
    found = {"text": [], "vote": [], "record": []}
    body = title = False
    identity: set[str] = set()  # which of its number, day and meeting
    for change in after_adoption(site, d):
        changed = {f.field for f in change.fields}
        if change.text_changed or "title" in changed:
            found["text"].append(change)
            body, title = body or change.text_changed, title or "title" in changed
        if changed & VOTE_RECORD:
            found["vote"].append(change)
        if changed & IDENTITY_SAID.keys():
            found["record"].append(change)
            identity |= changed & IDENTITY_SAID.keys()
    views = {part: {"time": time_view(changes[0].recorded), "earliest": changes[0].back_dated,
                    "count": len(changes)} if changes else None for part, changes in found.items()}
    if views["text"]:  # what of it: the text below, the title above, or both
        views["text"].update(TEXT_SAID[body, title])
    if views["record"]:
        views["record"]["said"] = identity_said([key for key in IDENTITY_SAID if key in identity])
    return views


# The facts of an adopted decision's identity the page's facts list shows, as a notice names them when
# they changed after adoption: (name, its participle when it is the only one).
IDENTITY_SAID = {"number": ("numărul hotărârii", "modificat"), "adopted": ("data adoptării", "modificată"),
                 "meeting": ("ședința", "modificată")}


def identity_said(keys: list[str]) -> str:
    """„Numărul hotărârii a fost modificat”, „Numărul hotărârii și data adoptării au fost modificate”."""
    listed = format_list([IDENTITY_SAID[key][0] for key in keys], locale="ro")
    said = f"{listed} a fost {IDENTITY_SAID[keys[0]][1]}" if len(keys) == 1 else f"{listed} au fost modificate"
    return said[0].upper() + said[1:]


# What a decision's page says changed after adoption, by (its body changed, its title changed).
TEXT_SAID = {
    (True, False): {"said": "Textul de mai jos a fost modificat", "said_after": "nu este neapărat cel adoptat"},
    (False, True): {"said": "Titlul hotărârii a fost modificat", "said_after": "nu este neapărat cel adoptat"},
    (True, True): {"said": "Textul de mai jos și titlul hotărârii au fost modificate",
                   "said_after": "nu sunt neapărat cele adoptate"},
}


class Happened(NamedTuple):
    """An activity entry's date and kind (what listings.activity sorts by)."""

    date: dt.date
    kind: str


def after_adoption(site, d) -> list[Change]:
    """The commits that changed the text of the decision `d` once adopted, newest first."""
    found = entry(site, d)
    return [c for c in found.changes if c.after_adoption] if found is not None and found.available else []


def feed_items(site, d, item, category) -> list:
    """One feed entry (a feed_entries.Item) per change of the adopted text, oldest first."""
    heading = f"{site.heading(d)} {d.title}"
    items = []
    for change in reversed(after_adoption(site, d)):
        moment = history.local_time(change.recorded)  # a commit dated before its file's earlier ones: at theirs
        if moment.date() > site.today:  # a build dated before the commit (SOURCE_DATE_EPOCH) does not show it yet
            continue
        view = change_view(site, page_path(site, d), change, fields=False)
        said = view["after_adoption_said"].rstrip(".")
        when = ("cel mai devreme " if change.back_dated else "") + time_view(change.recorded)["text"]
        items.append(item(key=f"istoric/{site.stable_id(d)}/{change.short}", title=f"{said}: {heading}",
                          summary=f"{when}: {said[0].lower()}{said[1:]}{quoted(view, ' (', ')')}.",
                          url=site.absolute(change_path(page_path(site, d), change.commit)), published=moment,
                          updated=moment, categories=(category(CHANGED_AFTER_ADOPTION),)))
    return items


def activity(site) -> list[tuple]:
    """(entry, row, "history", view) of every change of an adopted decision's text up to the build day.
    The row names the decision by id (site/listings.py `_activity_row` shows its title): the changes
    of every year are found in one pass, and a title edit must not make that pass again."""
    index = site.indexes.get(NAME)
    found, rows = [], {}
    for decision_id, change in (index.get(TEXTS_CHANGED, ()) if index is not None else ()):
        moment = history.local_time(change.recorded)  # a commit dated before its file's earlier ones: at theirs
        if moment.date() > site.today:
            continue
        d = site.archive.decisions.get(decision_id)
        if d is not None:
            if decision_id not in rows:
                rows[decision_id] = {"url": site.href(urls.decision(d)), "decision": decision_id}
            row = rows[decision_id]
            view = change_view(site, page_path(site, d), change, fields=False)
            found.append((Happened(moment.date(), "text-changed"), row, "history", {
                "date": time_view(change.recorded), "kind": "text-changed",
                "label": view["after_adoption_said"].rstrip("."),
                "note": quoted(view),
                "url": view["url"], "link_text": "vezi modificarea", "link_prefix": "", "upcoming": False}))
    return found
