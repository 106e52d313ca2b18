"""The domain build, start to finish, without Pelican:

read every file (its fields, private data, unsafe markup) → read the text of attachments for
private data → resolve relations → check cross-file rules (among them the names of the files
published, for private data). The result is what `make check` reports and what the Pelican
adapter publishes.
"""

from __future__ import annotations

import hashlib
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..domain import dates, deadlines, dispositions, facts, privacy, relations, validate
from . import attachment_text, changes, commit_messages, loader, safety, synonyms
from ..build.cache import BuildCache, Shards
from ..domain.deadlines import WorkingDays
from ..domain.model import Archive
from ..domain.problems import Problems
from ..domain.relations import Relations

CACHE_SHARDS = 64  # files of the parsed-content cache: an edit rewrites one
ATTACHMENT_TEXT = "attachment-text"  # part of the build cache: what attached files' text holds, by digest
FRONT_CHECKS = "front-checks"  # part of the build cache: the problems `front_checks` found, with their key
HOLIDAYS = "holidays"  # part of the build cache: the public holidays of each year (WorkingDays.known)


@dataclass
class Checked:
    archive: Archive
    relations: Relations
    problems: Problems
    root: Path  # the content folder
    synonyms: dict = field(default_factory=dict)  # the search's (data/synonyms.yml): word → alternatives
    attachment_texts: dict = field(default_factory=dict)  # source path → the text of an attached PDF
    commit_messages: tuple = ()  # commit_messages.Reworded: data/commit-messages.yml
    working_days: WorkingDays = field(default_factory=WorkingDays)  # the deadlines' calendar, holidays known


def check(content_root: Path, cache: dict | None = None, worker_count: int = 1,
          download_only: tuple[str, ...] = (), working_days: WorkingDays | None = None) -> Checked:
    """`cache` (a dict kept by the build cache between runs, updated in place)
    lets unchanged files skip reading; what is left to read is spread over
    `worker_count` processes. `download_only`: TRANSPARENCY["download_only_types"].
    `working_days`: the calendar of the legal deadlines, with the holidays known already."""
    working_days = working_days if working_days is not None else WorkingDays()
    problems = Problems()
    files = cache.setdefault("files", {}) if cache is not None else None
    unreadable: dict[str, str] = {}  # documents whose own error is enough: references to them are not missing
    archive = loader.load(Path(content_root), problems, files, worker_count, unreadable)
    texts = cache.setdefault("attachment_text", {}) if cache is not None else {}
    pdf_texts = attachment_text.scan(archive, Path(content_root), problems, texts, worker_count)
    safety.check(archive, Path(content_root), problems, download_only)
    rel = relations.build(archive, problems, unreadable)
    today = dates.build_day(os.environ)  # the day SOURCE_DATE_EPOCH gives, if set
    problems.extend(front_checks(archive, rel, Path(content_root), today, unreadable, cache, working_days))
    changes.check(archive, rel, Path(content_root), problems)  # reads the amended decisions' bodies
    return Checked(archive, rel, problems, Path(content_root), synonyms.read(Path(content_root), problems), pdf_texts,
                   commit_messages.read(Path(content_root), problems), working_days)


def front_checks(archive: Archive, rel: Relations, root: Path, today, unreadable: dict[str, str],
                 cache: dict | None, working_days: WorkingDays) -> Problems:
    """The rules across files that read what the documents say outside their text fields and
    bodies (CNPs in file names, numbering, votes, addresses, facts and deadlines: they read no
    title, summary or body), with the council, the attached files and the build day. Their
    problems are kept in `cache` with a key of all of that (each document by the digest its
    parse left, `Parsed.front`): after a body or title edit they are not checked again (0.4 s
    at 10,000 documents). tests/unit/test_check_cache.py compares them with a check without cache."""
    key = _front_key(archive, today, unreadable, cache.get("files") if cache is not None else None)
    kept = cache.get(FRONT_CHECKS) if cache is not None else None
    if key is not None and isinstance(kept, dict) and kept.get("key") == key:
        return kept["problems"]
    found = Problems()
    scan_names(archive, root, found)
    validate.check(archive, rel, found)
    facts.check(archive, rel, today, found)
    deadlines.warn_missed(archive, rel, today, found, working_days)
    dispositions.check_dates(archive, today, found, working_days)  # the president's (domain/dispositions.py)
    if key is not None:
        cache[FRONT_CHECKS] = {"key": key, "problems": found}
    return found


def _front_key(archive: Archive, today, unreadable: dict[str, str], files: dict | None) -> str | None:
    """A digest of what `front_checks` reads; None when a document has no parse digest."""
    if files is None:
        return None
    h = hashlib.blake2b(digest_size=16)
    for part in (repr(archive.council), today.isoformat(), repr(sorted(unreadable.items())),
                 repr(sorted(archive.attachments))):
        h.update(part.encode("utf-8") + b"\0")
    for document in archive.documents():
        parsed = files.get(document.source)
        if parsed is None or not parsed.front or parsed.document is not document:
            return None
        h.update(f"{document.type}\0{document.source}\0{parsed.front}\0".encode("utf-8"))
    return h.hexdigest()


def check_cached(content_root: Path, build_cache: BuildCache, worker_count: int = 1,
                 download_only: tuple[str, ...] = ()) -> tuple[Checked, dict]:
    """`check`, reusing and updating the parsed-content cache that `make check` and the build
    share; returns the check and the files as parsed (relative path → loader.Parsed)."""
    shards = Shards(build_cache.store_folder("content"), shard_of=_shard, stamp_of=lambda p: (p.key, p.stamp))
    texts = build_cache.load(ATTACHMENT_TEXT)
    kept_checks = build_cache.load(FRONT_CHECKS).get(FRONT_CHECKS)
    cache = {"files": shards.load(), "attachment_text": dict(texts), FRONT_CHECKS: kept_checks}
    # The holidays of the years seen before: the `holidays` package is then not even imported (the
    # cache's key holds its version, and so a new release's calendar is computed again).
    holidays = build_cache.load(HOLIDAYS)
    checked = check(content_root, cache, worker_count, download_only, WorkingDays(dict(holidays)))
    shards.save(cache["files"])
    if cache["attachment_text"].keys() != texts.keys():  # an entry never changes: its key is the file's digest
        build_cache.save(ATTACHMENT_TEXT, cache["attachment_text"])
    if cache[FRONT_CHECKS] is not kept_checks:
        build_cache.save(FRONT_CHECKS, {FRONT_CHECKS: cache[FRONT_CHECKS]})
    if checked.working_days.known.keys() != holidays.keys():
        build_cache.save(HOLIDAYS, checked.working_days.known)
    return checked, cache["files"]


def scan_names(archive: Archive, root: Path, problems: Problems) -> None:
    """CNPs in the names of published files (documents and what they attach), which become addresses."""
    for document in archive.documents():
        privacy.scan_names(document.source, document.display, document.allow_cnp, problems)
        for attachment in attachment_text.attached(document):
            privacy.scan_names(attachment.source, loader.display_path(root, attachment.source),
                               document.allow_cnp, problems)


def _shard(relative: str) -> str:
    return str(zlib.crc32(relative.encode("utf-8")) % CACHE_SHARDS)
