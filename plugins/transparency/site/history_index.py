"""The `history` index: every document's public history, computed only where it is read.

Keys: "TYPE/ID" (a document's whole history, read by the one output that
makes its page and its changes' pages, site/history.output_of) and
TEXTS_CHANGED (every adopted text changed up to the build day, for the
activity pages), so that a new commit makes stale only the outputs that show it.

The index is an input of the dependency map read at every build (a commit can
change it without a byte of content changing), so its fingerprints must be
cheap: an entry's value is a pure function of the versions it is made from
(each named by its commit, path and blob: a commit fixes its time, message and
author, a blob the text), whether the act's text is withheld, which of its
commits also changed such an act, and the `history_authors` setting. The
fingerprint is made of those names instead of the value (the source names each
file's versions once, source/lineage.py `named`, and keeps the names between
builds), and the value is computed only when an output reads it: a rebuild
after one commit computes the histories of the documents that commit changed,
not of all ten thousand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections import OrderedDict
from collections.abc import Iterator, Mapping

from ..domain import consolidation, history
from ..domain.history import Change, History, Version
from ..domain.model import Disposition
from ..domain.reads import ReadLog
from ..source import mol_schema, schema
from .tracked import Index

NAME = "history"
TEXTS_CHANGED = "texts-changed-after-adoption"
REMOVED = "removed-documents"
KEPT = 256  # entries kept once made (Entries)
# The front-matter keys of each type of document (what the check allows): an old version's other
# keys, refused and never published, are not shown (domain/history.py `change`).
FIELDS = {"decision": frozenset(schema.DECISION_KEYS), "report": frozenset(schema.REPORT_KEYS),
          "meeting": frozenset(schema.MEETING_KEYS), "page": frozenset(schema.PAGE_KEYS),
          "disposition": frozenset(mol_schema.DISPOSITION_KEYS), "publication": frozenset(mol_schema.PUBLICATION_KEYS)}
# The order in which a change lists the keys of a field's groups (a vote's, each event's, each item of
# `changes`...): the schema's, as the contract writes them, not by name.
KEYS = {"vote": schema.VOTE_KEYS, "votes": schema.NOMINAL_KEYS, "consultation": schema.CONSULTATION_KEYS,
        "events": schema.EVENT_KEYS, "attachments": schema.ATTACHMENT_KEYS, "items": schema.AGENDA_KEYS,
        "changes": consolidation.CHANGE_KEYS}
SHOWN_KEPT = 16  # old versions' texts kept masked (HistoryIndex.shown_body), in each process


def withheld(doc) -> bool:
    """An individual disposition whose text is not public: its history shows its register entry only."""
    return isinstance(doc, Disposition) and not doc.text_public


class Entries(Mapping):
    """The index's entries, each made when first read. The last few made are kept (a document's page
    and its change pages, made one after the other, share its history); the adopted texts changed,
    costly and read by every activity page, are kept for the build."""

    def __init__(self, documents, source, *, authors: bool, today: dt.date, messages: dict[str, str]):
        self.authors, self.today, self.messages = authors, today, messages  # messages: reworded, by commit
        self.source = source
        self.reasons: dict[str, str] = {}  # document key → why it has no history
        self.paths: dict[str, str] = {}  # "TYPE/ID" → its file, for a document with versions
        self.names: dict[str, str] = {}  # "TYPE/ID" → its versions named by the source
        self.facts: dict[str, history.Facts] = {}  # "TYPE/ID" → what the source found of its versions
        self.withheld: set[str] = set()
        for doc in documents:
            key = f"{doc.type}/{doc.id}"
            name = None if source.reason else source.names.get(doc.source)
            if name is None:  # a file with versions has a name (source/lineage.py `named`)
                self.reasons[key] = source.reason or "uncommitted"
                continue
            self.paths[key] = doc.source
            self.names[key] = name
            self.facts[key] = source.facts[doc.source]
            if withheld(doc):
                self.withheld.add(key)
        # The commits that changed an act whose text is withheld: their messages are hidden everywhere.
        # Those of a disposition deleted since, too: it may have been such an act (source/history.py `Ended`).
        self.private = frozenset(commit for key in self.withheld for commit in self.facts[key].commits) | source.ended
        self.removed: dict[str, history.Removal] = source.removed if not source.reason else {}
        self.made: OrderedDict[str, object] = OrderedDict()
        self._texts_changed: tuple | None = None
        self._counted: dict[str, list[history.Rewrite]] | None = None

    def versions(self, key: str) -> tuple[Version, ...]:
        """The versions of the document `key` (unpacked now: only those of the pages made)."""
        return self.source.versions[self.paths[key]]

    # --- Mapping -----------------------------------------------------------------------------

    def __getitem__(self, key: str):
        if key == TEXTS_CHANGED:
            if self._texts_changed is None:
                self._texts_changed = self.texts_changed()
            return self._texts_changed
        if key == REMOVED:
            return self.removals()
        if key in self.made:
            self.made.move_to_end(key)
            return self.made[key]
        value = self.made[key] = self.make(key)
        if len(self.made) > KEPT:
            self.made.popitem(last=False)  # at 10,000 documents, every history at once is hundreds of MB
        return value

    def __iter__(self) -> Iterator[str]:
        yield from self.reasons
        yield from self.paths
        yield TEXTS_CHANGED
        yield REMOVED

    def __len__(self) -> int:
        return len(self.reasons) + len(self.paths) + 2

    def __contains__(self, key) -> bool:
        return key in self.reasons or key in self.paths or key in (TEXTS_CHANGED, REMOVED)

    # --- values ---------------------------------------------------------------------------------

    def make(self, key: str):
        if key in self.reasons:
            return History(reason=self.reasons[key])
        if key in self.paths:
            return History(self.shown(key, history.changes(list(self.versions(key)), authors=self.authors,
                                                           fields=FIELDS.get(key.split("/", 1)[0]), keys=KEYS)))
        raise KeyError(key)

    def texts_changed(self) -> tuple[tuple[str, Change], ...]:
        """(decision id, change) of every change of an adopted decision's text up to the build day, as
        the decision's history shows it (newest first), made alone: not the decision's whole history."""
        found = []
        for key, rewrites in self.rewrites_counted().items():
            versions = self.versions(key)
            latest, adopted = history.floors(versions), history.last_adopted(versions)
            made = tuple(history.change(versions[r.before], versions[r.after], authors=self.authors,
                                        fields=FIELDS["decision"], keys=KEYS, floor=latest[r.after],
                                        adopted=history.at(versions, adopted[r.after]))
                         for r in reversed(rewrites))
            found += [(key.split("/", 1)[1], change) for change in self.shown(key, made)]
        return tuple(found)

    def removals(self) -> tuple[history.Removal, ...]:
        """The document files removed since they were committed, by path, each commit's message as
        shown: hidden for a disposition (it may have been an act whose text is withheld, whose
        messages may name its person) and for any commit whose message is hidden elsewhere."""
        found = []
        for _, removal in sorted(self.removed.items()):
            if removal.commit in self.private or removal.doc_type == "disposition":
                removal = dataclasses.replace(removal, subject="", subject_withheld=True)
            elif removal.commit in self.messages:
                removal = dataclasses.replace(removal, subject=self.messages[removal.commit], reworded=True)
            found.append(removal)
        return tuple(found)

    def shown(self, key: str, changes: tuple[Change, ...]) -> tuple[Change, ...]:
        """The changes of the document `key` as its history shows them."""
        if key in self.withheld:
            changes = history.register_only(changes)
        if self.private:
            changes = history.without_subjects(changes, self.private)
        return history.reworded(changes, self.messages)

    def rewrites_counted(self) -> dict[str, list[history.Rewrite]]:
        """The decisions some change of which rewrote an adopted text up to the build day: those
        changes (domain/history.py `Rewrite`), from the facts alone."""
        if self._counted is None:
            self._counted = {key: found for key, facts in self.facts.items()
                             if facts.adopted_rewritten and key.startswith("decision/")
                             and (found := history.committed_by(facts, self.today))}
        return self._counted

    # --- fingerprints: from the names of what each value is made of ----------------------------

    def fingerprint(self, key: str) -> str:
        if key in self.reasons:
            return digest("reason", self.reasons[key])
        if key in self.paths:  # no digest made here: 10,000 of them after every commit
            return f"{self.authors:d}{key in self.withheld:d}{self.names[key]}{self.marks(key)}"
        if key == REMOVED:  # by the names of what each removal is made of
            return digest(*(f"{r.path}|{r.blob}|{r.commit}|{self.commit_mark(r.commit)}" for _, r in sorted(self.removed.items())))
        # The adopted texts changed up to the build day: by the names of those changes' versions and
        # whether their commits' messages are hidden or reworded (no version unpacked).
        return digest(self.authors, *(f"{key}|{self.rewrites_named(key, rewrites)}"
                                      for key, rewrites in self.rewrites_counted().items()))

    def rewrites_named(self, key: str, rewrites: list[history.Rewrite]) -> str:
        """The decision's rewrites of its adopted text counted on the build day, by their versions'
        names (domain/history.py `Rewrite.name`) and their commits' messages hidden or reworded."""
        commits = self.facts[key].commits
        return "|".join(f"{rewrite.name}:{self.commit_mark(commits[rewrite.before])}:"
                        f"{self.commit_mark(commits[rewrite.after])}" for rewrite in rewrites)

    def commit_mark(self, commit: str) -> str:
        """Whether the commit's message is hidden, and the line that rewords it."""
        return f"{commit in self.private:d}{self.messages.get(commit, '')}"

    def fingerprints(self) -> dict[str, str]:
        """`fingerprint` of every key, in the index's order."""
        return {key: self.fingerprint(key) for key in self}

    def marks(self, key: str) -> str:
        """Which of the document's versions have their commit's message hidden or reworded ("" for none)."""
        if not self.private and not self.messages:
            return ""
        found = [f"{position}:{commit in self.private}:{self.messages.get(commit, '')}"
                 for position, commit in enumerate(self.facts[key].commits)
                 if commit in self.private or commit in self.messages]
        return f":{digest(*found)}" if found else ""


def digest(*parts) -> str:
    return hashlib.blake2b("\0".join(map(str, parts)).encode("utf-8"), digest_size=12).hexdigest()


class HistoryIndex(Index):
    """The `history` index, with the repository read (for the texts of old versions)."""

    beyond_content = True  # fingerprinted at every build, even when no front matter changed

    def __init__(self, log: ReadLog, make_entries, source, messages: dict[str, str], commit_url: str | None = None):
        super().__init__(NAME, log, make_entries)
        self.source, self.messages = source, messages
        self.commit_url = commit_url  # a setting: part of the site-wide key, as every setting
        # A change's new text is its next change's old text: a document's change pages, made in one
        # output with its page (site/history.output_of), read and mask each version once.
        self.shown_body = functools.lru_cache(SHOWN_KEPT)(self._shown_body)

    def _shown_body(self, blob: str, passed: bool = False) -> str:
        """The body of the version `blob` as the public may see it: every CNP masked. `passed`: the
        body is one the build's CNP guard read and found none in (`passed_guard`), for which
        masking changes nothing; it is not read for codes again (0.12 ms a text, when most change
        pages show a document's current text)."""
        body = self.source.body(blob)
        return body if passed else history.redact(body)

    def passed_guard(self, key: str, checked: str) -> frozenset[str]:
        """The versions (blobs) of the document `key` whose body has the digest `checked` (a text
        the build's CNP guard passed with no code allowed: the document's own), by the digests the
        history read (the same blake2b as the document's): it reads the document's entry."""
        self._log.read(self.read_of(key))
        versions = self.entries.versions(key) if checked and key in self.entries.paths else ()
        return frozenset(version.blob for version in versions if version.body_digest == checked)

    def digest(self, key: str) -> str:
        return self.entries.fingerprint(key)

    def digests(self) -> dict[str, str]:
        return self.entries.fingerprints()

    def later_commits(self, key: str) -> tuple[str, ...] | None:
        """The commits that changed the document `key` after the one that published it, newest
        first (None without a history), without making its history: it reads the document's entry."""
        self._log.read(self.read_of(key))
        entries: Entries = self.entries
        return entries.facts[key].later if key in entries.facts else None

    def revised(self, key: str) -> tuple[int, ...]:
        """The times of the commits that changed the document `key`'s file (its bytes or its path),
        oldest first, () without a history, without unpacking its versions: it reads its entry."""
        self._log.read(self.read_of(key))
        entries: Entries = self.entries
        return entries.facts[key].revised if key in entries.facts else ()

    def versions_of(self, key: str) -> tuple[Version, ...] | None:
        """The committed versions of the document `key`, oldest first (None without a history): it
        reads the document's entry, so what uses them is made again after a commit that changed it."""
        self._log.read(self.read_of(key))
        entries: Entries = self.entries
        return entries.versions(key) if key in entries.paths else None

    def former_paths(self, key: str) -> tuple[str, ...]:
        """The paths the document `key` had before its current one (renamed; git's paths, oldest
        first), without making its history: it reads the document's entry."""
        self._log.read(self.read_of(key))
        entries: Entries = self.entries
        return entries.facts[key].former if key in entries.facts else ()

    def former_citations(self, key: str) -> tuple[tuple[int, int], ...]:
        """(year, number) the act `key`'s versions cited (a decision or a disposition renumbered: its
        earlier numbers' addresses), without making its history: it reads the document's entry."""
        self._log.read(self.read_of(key))
        entries: Entries = self.entries
        doc_type = key.split("/", 1)[0]
        cited = entries.facts[key].cited if key in entries.facts else ()
        return tuple((year, number) for kind, year, number in cited if kind == doc_type)

    def stamp(self) -> str:
        """What the index is made of beyond the content: the commit checked out (and why there is no
        history) and the messages reworded for the public. With the same stamp, the same front matter and the same documents, it is the same."""
        return digest(self.source.head, self.source.reason, *sorted(self.messages.items()))
