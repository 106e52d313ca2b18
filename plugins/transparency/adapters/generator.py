"""The Pelican adapter: publish the checked archive as the public site.

Pelican calls `generate_context` (read and check everything; stop the build
once, listing every problem) and then `generate_output` (write every page,
feed and file). Files whose bytes did not change are not rewritten.

Incremental builds (see cache.py and pages.py): files whose bytes did not
change are not parsed again, bodies are not rendered again, pages whose
inputs did not change are not rendered again, and files that a previous
build wrote but this one no longer produces are removed; the output is the
same, byte for byte, as a build into an empty folder without a cache.

Every file is written through outputs.OutputFolder: paths checked to lie in
the output folder, writes atomic, and deletions limited to the files its
manifest says an earlier build wrote (so a deleted document's files go even
when the build cache was deleted). The theme's static files are copied here
too, not by Pelican (whose copy logs a failed write and goes on):
pelicanconf.py sets THEME_STATIC_PATHS = [].
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from jinja2 import TemplateSyntaxError
from pelican.generators import Generator

from ..build import workers
from ..build.cache import BuildCache
from ..build.outputs import OutputFolder, in_workers
from ..domain import dates, urls
from ..domain.problems import ContentError, Problems
from ..publish import calendar_ics, feeds, hosting, opendata, pages, routes
from ..publish.records import BuildRecord, DataJob, DataKind, DataRecord, PageRecord, Stamp, stamps
from ..search import search_site
from ..site.views import SiteModel
from ..source import bodies, loader, pipeline
from . import settings as project_settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ContentDigests:
    """Digests of the content folder: every document file, the same with bodies left out, and
    council.yml."""

    every: str
    without_bodies: str
    council: str


@dataclass(frozen=True)
class SiteKeys:
    """Every input of the site (content, templates, settings, code, build day, address), and the
    same without the documents' bodies."""

    every: str
    without_bodies: str


class CouncilGenerator(Generator):
    def generate_context(self):
        self.options = project_settings.resolve(self.settings.get("TRANSPARENCY"))
        # Parsed content is cached per content folder (shared with `check`); the rest per content and output.
        parsed_cache = BuildCache(self.options["build_cache"], self.path)
        self.cache = BuildCache(self.options["build_cache"], self.path, self.output_path, version=parsed_cache.version)
        self.workers = workers.count(self.options["workers"])
        checked, parsed = pipeline.check_cached(Path(self.path), parsed_cache, self.workers,
                                                self.options["download_only_types"])
        council_file = Path(self.path) / loader.COUNCIL_FILE
        self.documents = pipeline.document_digests(parsed)
        every, fronts = pipeline.input_digests(parsed)
        self.inputs = ContentDigests(every=every, without_bodies=fronts,
                                     council=pages.file_digest(council_file) if council_file.is_file() else "")
        report = checked.problems.report()
        if report:
            print(report, file=sys.stderr)
        if checked.problems.errors:
            raise ContentError(checked.problems.errors)
        if checked.problems.warnings:
            logger.warning("Conținutul are %d avertismente (lista de mai sus).", len(checked.problems.warnings))
        store = bodies.BodyStore(self.path, parsed_cache.store_folder("bodies"))
        bodies.prepare(store, list(checked.archive.documents()), self.workers)
        self.site = SiteModel(checked, dates.build_day(os.environ), self.settings["SITEURL"], body_store=store)
        self.context["council"] = checked.archive.council

    def generate_output(self, writer):
        """Write pages, data files, feeds, calendars, the search index and attachments. Each family of
        outputs is skipped when what it is made from did not change (see `output_keys`)."""
        self.compile_templates()
        output = OutputFolder(self.output_path)
        before = self.cache.load("routes").get("record")
        before = before if isinstance(before, BuildRecord) else BuildRecord()
        shared = pages.templates_digest(self._templates_path, self.settings, self.cache.version)
        keys = self.output_keys(shared)
        intact = before.intact(output.root)  # the files of the last build are as it wrote them
        if before.inputs == keys.every and intact:
            record = before  # and nothing changed since
        else:
            edited = self.edited(before, keys) if intact else None
            # The search index first: its peak memory then does not add to that of the pages.
            record = BuildRecord(inputs=keys.every, search_files=self.write_search(output, keys.without_bodies),
                                 pages=self.write_pages(output, shared, before.pages, edited),
                                 data=self.write_data(output, keys.without_bodies, before.data, intact),
                                 documents=self.documents)
        produced = set(record.files()) | self.copy_files(output) | hosting.write(output, self.site)
        output.finish(produced)
        self.cache.save("routes", {"record": record})

    def compile_templates(self) -> None:
        """Compile every template of the theme before anything is written: a template that does not
        compile stops the build with its file and line, and the last site is left as it was (pages
        are rendered one by one, and a broken template met half-way would leave it half-updated)."""
        problems = Problems()
        for folder in map(Path, self._templates_path):
            for path in sorted(folder.rglob("*.html")):
                try:
                    self.env.get_template(path.relative_to(folder).as_posix())
                except TemplateSyntaxError as exc:
                    problems.error(exc.filename or path, exc.lineno, "șablon",
                                   f"șablonul nu poate fi citit: {exc.message}",
                                   "sintaxa Jinja, https://jinja.palletsprojects.com/templates/")
        if problems.errors:
            print(problems.report(), file=sys.stderr)
            raise ContentError(problems.errors)

    def copy_files(self, output: OutputFolder) -> set[str]:
        """Copy the attachments and the theme's static files (those whose bytes changed); returns their paths."""
        content = Path(self.path)
        copies = {urls.attachment(source): content / source for source in sorted(self.site.archive.attachments)}
        static = Path(self.theme) / "static"
        for path in sorted(static.rglob("*")):
            relative = path.relative_to(static)
            if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                copies[f"{self.settings['THEME_STATIC_DIR']}/{relative.as_posix()}"] = path
        output.declare(copies)
        for target, source in copies.items():
            output.copy(source, target)
        return set(copies)

    def output_keys(self, shared: bytes) -> SiteKeys:
        """Every input of the site, and the same without the documents' bodies (which the data
        files, feeds and calendars do not show)."""
        scope = (shared.hex(), self.site.today.isoformat(), self.site.siteurl, self.inputs.council)
        return SiteKeys(every=pages.digest_text(*scope, self.inputs.every),
                        without_bodies=pages.digest_text(*scope, self.inputs.without_bodies))

    def edited(self, before: BuildRecord, keys: SiteKeys) -> set[tuple[str, str]] | None:
        """The (type, id) of the documents whose files changed since the last build, when nothing
        else did (their bodies, then: every other input is in `without_bodies`); None when more
        than bodies changed."""
        if not before.documents or before.data.key != keys.without_bodies:
            return None
        known = before.documents
        return {document for document, digest in self.documents.items() if known.get(document) != digest}

    @cached_property
    def catalog(self) -> feeds.FeedCatalog:
        """One feed catalogue per build, shared by the pages (links) and the feed files."""
        return feeds.FeedCatalog(self.site)

    def write_pages(self, output: OutputFolder, shared: bytes, known: dict[str, PageRecord],
                    edited: set[tuple[str, str]] | None) -> dict[str, PageRecord]:
        """Render the pages whose inputs changed. With `edited` (only these documents' bodies
        changed, and every page of the last build is intact), only the pages showing those
        bodies are even looked at: the site map is that of the last build."""
        site = self.site
        common = {
            "council": site.council,
            "root": site.root,
            "siteurl": site.siteurl,
            "today": site.today,
            "today_text": dates.long_date(site.today),
            "THEME_STATIC_DIR": self.settings["THEME_STATIC_DIR"],
            "content_security_policy": hosting.CONTENT_SECURITY_POLICY,
            "site_pages": site.page_links(),
        }
        if edited is None:
            page_routes = routes.all_routes(site, self.catalog)
        else:
            archive = site.archive
            changed = [getattr(archive, loader.COLLECTIONS[kind])[doc_id] for kind, doc_id in sorted(edited)]
            page_routes = routes.document_routes(site, self.catalog, changed)

        def context_of(route):
            return {**route.make(), "page_title": route.title, "path": route.path,
                    "canonical": site.absolute(route.path)}

        output.declare(urls.output_file(route.path) for route in page_routes)
        rendered = pages.render(page_routes, context_of, common, self.get_template, output, shared, known,
                                self.workers)
        return rendered if edited is None else {**known, **rendered}

    def write_data(self, output: OutputFolder, key: str, known: DataRecord, intact: bool) -> DataRecord:
        """Open data, feeds and calendars. Skipped when their inputs (`key`) did not change and the
        last build's files are `intact`; otherwise a feed or calendar is rendered again only when
        its spec changed (one edit changes a few feeds of thousands)."""
        if known.key == key and intact:
            return known
        site, catalog = self.site, self.catalog
        made = opendata.files(site)
        calendars = calendar_ics.calendar_slugs(site)
        jobs = [DataJob(DataKind.CALENDAR, slug or "") for slug in calendars]
        jobs += [DataJob(DataKind.FEED, name) for name in sorted(catalog.by_name)]
        planned = [path for path, _ in made] + [calendar_ics.calendar_path(slug) for slug in calendars]
        output.declare(planned + [feed.path(fmt) for feed in catalog.by_name.values() for fmt in feeds.FORMATS])
        for path, data in made:
            output.write(path, data)
        catalog.prepare()

        def files_of(job: DataJob) -> tuple[object, list[str], object]:
            """(spec, files, how to render the spec) of a feed or calendar job."""
            if job.kind is DataKind.CALENDAR:
                slug = job.name or None
                return calendar_ics.spec_of(site, slug), [calendar_ics.calendar_path(slug)], \
                    lambda spec: [calendar_ics.render(spec)]
            spec = catalog.spec(catalog.by_name[job.name])
            return spec, spec.paths(), lambda spec: list(feeds.render(spec).values())

        def write_slice(part: list[DataJob]) -> list[tuple[DataJob, str | None, list[str]]]:
            done = []
            for job in part:
                spec, paths, render = files_of(job)
                spec_key = pages.input_key(b"", "", spec)
                if spec_key is None or known.specs.get(job) != spec_key or \
                        any(Stamp.of(output.target(path)) != known.files.get(path) for path in paths):
                    for path, data in zip(paths, render(spec)):
                        output.write(path, data)
                done.append((job, spec_key, paths))
            return done

        written, specs = [path for path, _ in made], {}
        for job, spec_key, paths in in_workers(write_slice, jobs, self.workers):
            specs[job] = spec_key
            written += paths
        return DataRecord(key=key, files=stamps(output.root, written), specs=specs)

    def write_search(self, output: OutputFolder, front_key: str) -> dict[str, Stamp | None]:
        """The search index, made again only for the documents whose inputs changed (its cache
        knows which: `front_key` digests every input but the bodies)."""
        cache = self.cache.load("search")
        before = search_site.fingerprint(cache)
        search_files = search_site.index_files(self.site, cache, front_key, workers=self.workers)
        if search_site.fingerprint(cache) != before:
            self.cache.save("search", cache)
        output.declare(search_files)
        for path, data in search_files.items():
            output.write(path, data)
        return stamps(output.root, list(search_files))


def add_generator(pelican):
    return CouncilGenerator

