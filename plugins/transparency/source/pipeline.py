"""The domain build, start to finish, without Pelican:

read every file (its fields, private data, unsafe markup) → read the names of the files
published and the text of attachments for private data → resolve relations → check cross-file
rules. The result is what `make check` reports and what the Pelican adapter publishes.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..domain import dates, deadlines, dispositions, facts, privacy, relations, validate
from . import attachment_text, changes, commit_messages, loader, safety, synonyms
from ..build.cache import BuildCache, Shards
from ..domain.model import Archive
from ..domain.problems import Problems
from ..domain.relations import Relations

CACHE_SHARDS = 64  # files of the parsed-content cache: an edit rewrites one
ATTACHMENT_TEXT = "attachment-text"  # part of the build cache: what attached files' text holds, by digest


@dataclass
class Checked:
    archive: Archive
    relations: Relations
    problems: Problems
    root: Path  # the content folder
    synonyms: dict = field(default_factory=dict)  # the search's (data/synonyms.yml): word → alternatives
    attachment_texts: dict = field(default_factory=dict)  # source path → the text of an attached PDF
    commit_messages: tuple = ()  # commit_messages.Reworded: data/commit-messages.yml


def check(content_root: Path, cache: dict | None = None, worker_count: int = 1,
          download_only: tuple[str, ...] = ()) -> Checked:
    """`cache` (a dict kept by the build cache between runs, updated in place)
    lets unchanged files skip reading; what is left to read is spread over
    `worker_count` processes. `download_only`: TRANSPARENCY["download_only_types"]."""
    problems = Problems()
    files = cache.setdefault("files", {}) if cache is not None else None
    unreadable: dict[str, str] = {}  # documents whose own error is enough: references to them are not missing
    archive = loader.load(Path(content_root), problems, files, worker_count, unreadable)
    scan_names(archive, Path(content_root), problems)
    texts = cache.setdefault("attachment_text", {}) if cache is not None else {}
    pdf_texts = attachment_text.scan(archive, Path(content_root), problems, texts, worker_count)
    safety.check(archive, Path(content_root), problems, download_only)
    rel = relations.build(archive, problems, unreadable)
    validate.check(archive, rel, problems)
    today = dates.build_day(os.environ)  # the day SOURCE_DATE_EPOCH gives, if set
    facts.check(archive, rel, today, problems)
    deadlines.warn_missed(archive, rel, today, problems)
    dispositions.check_dates(archive, today, problems)  # the president's dispositions (domain/dispositions.py)
    changes.check(archive, rel, Path(content_root), problems)
    return Checked(archive, rel, problems, Path(content_root), synonyms.read(Path(content_root), problems), pdf_texts,
                   commit_messages.read(Path(content_root), problems))


def check_cached(content_root: Path, build_cache: BuildCache, worker_count: int = 1,
                 download_only: tuple[str, ...] = ()) -> tuple[Checked, dict]:
    """`check`, reusing and updating the parsed-content cache that `make check` and the build
    share; returns the check and the files as parsed (relative path → loader.Parsed)."""
    shards = Shards(build_cache.store_folder("content"), shard_of=_shard, stamp_of=lambda p: (p.key, p.stamp))
    texts = build_cache.load(ATTACHMENT_TEXT)
    cache = {"files": shards.load(), "attachment_text": dict(texts)}
    checked = check(content_root, cache, worker_count, download_only)
    shards.save(cache["files"])
    if cache["attachment_text"].keys() != texts.keys():  # an entry never changes: its key is the file's digest
        build_cache.save(ATTACHMENT_TEXT, cache["attachment_text"])
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
