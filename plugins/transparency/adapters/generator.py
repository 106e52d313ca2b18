"""The Pelican adapter: publish the checked archive as the public site.

Pelican calls `generate_context` (read and check everything; stop the build
once, listing every problem) and then `generate_output` (write every page,
feed and file). Files whose bytes did not change are not rewritten.

Incremental builds (docs/build-cache.md): files whose bytes did not change
are not parsed again, bodies are not rendered again, and an output (page,
feed, calendar, open data) is made again only when the dependency map
(publish/dependencies.py) says it read something that changed; files that a
previous build wrote but this one no longer produces are removed. The
output is the same, byte for byte, as a build into an empty folder without
a cache.

Every file is written through outputs.OutputFolder: paths checked to lie in
the output folder, writes atomic, and deletions limited to the files its
manifest says an earlier build wrote (so a deleted document's files go even
when the build cache was deleted). The theme's static files are copied here
too, not by Pelican (whose copy logs a failed write and goes on):
pelicanconf.py sets THEME_STATIC_PATHS = [].
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import os
import secrets
import sys
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterable, NamedTuple
from pathlib import Path

from jinja2 import FileSystemBytecodeCache, TemplateSyntaxError
from markupsafe import Markup
from pelican.generators import Generator

from ..build import collector, workers
from ..build.cache import BuildCache
from ..build.journal import Journal, equal, journal_of
from ..build.kept import KeptValues, blob_of
from ..build.outputs import MANIFEST, OutputFolder, in_workers
from ..domain import dates, text, urls
from ..domain import history as domain_history
from ..domain.problems import ContentError, Problems
from ..domain.reads import Made, Part, Read
from ..publish import (calendar_ics, feeds, hosting, integrity, links, opendata, pages, records, routes, sitemap,
                       unchanged)
from ..publish.dependencies import BuildRecord, DependencyMap, Output, OutputKind, OutputRecord
from ..publish.records import stamps
from ..search import search_site
from ..site import history as site_history
from ..site import inputs as site_inputs
from ..site import law, listings
from ..site.views import SiteModel
from ..source import bodies, loader, pipeline
from ..source import history as source_history
from . import jinja_items, start

logger = logging.getLogger(__name__)
SEARCH_TOKEN = "map-token"  # in the search index's cache: which build's map can say what changed since


@dataclass(frozen=True)
class Maker:
    """How to make one output: the files it writes, and a function returning their bytes (it reads
    the site model, which records what it read)."""

    files: list[str]
    make: Callable[[], dict[str, bytes]]


class CouncilGenerator(Generator):
    def generate_context(self):
        collector.tune()
        begun = start.begun(self.settings, self.path, self.theme, self.output_path)
        self.options, self.cache, self.signing_key = begun.options, begun.cache, begun.signing_key
        self.signature, self.current = begun.signature, begun.current
        self.workers = workers.count(self.options["workers"])
        # Nothing changed since the last build, which wrote every file as it still is: nothing to do.
        if self.current:
            return
        # What the disk says of every file the last build wrote, asked in a child while this process
        # checks the content: `stale` then compares stamps instead of asking one file after another.
        self.survey = workers.Background(functools.partial(records.survey, self.output_path,
                                                           self.last_files.get("stamps", {}).keys(),
                                                           self.last_digests),
                                         enabled=self.workers > 1 and bool(self.last_files))
        try:
            self.read_content(begun.parsed_cache, begun.today)
        except BaseException:
            self.survey.close()
            raise

    def read_content(self, parsed_cache: BuildCache, today: dt.date) -> None:
        """Check the content, read the history: the site model."""
        checked, parsed = pipeline.check_cached(Path(self.path), parsed_cache, self.workers,
                                                self.options["download_only_types"])
        self.parsed = parsed
        report = checked.problems.report()
        if report:
            print(report, file=sys.stderr)
        if checked.problems.errors:
            raise ContentError(checked.problems.errors)
        if checked.problems.warnings:
            logger.warning("Conținutul are %s (lista de mai sus).",
                           text.count(len(checked.problems.warnings), "avertisment", "avertismente"))
            self.signature = None  # the next build reads everything again, and says them again
        store = bodies.BodyStore(self.path, parsed_cache.store_folder("bodies"))
        bodies.prepare(store, list(checked.archive.documents()), self.workers)
        self.site = SiteModel(checked, today, self.settings["SITEURL"], body_store=store)
        search_site.define_memos(self.site)  # before the map compares the memos of the last build
        self.read_history(checked, BuildCache(self.options["build_cache"], self.path,
                                              version=source_history.CACHE_VERSION))
        self.context["council"] = checked.archive.council

    def generate_output(self, writer):
        """Write pages, data files, feeds, calendars, the search index and attachments. An output is
        made again only when the dependency map says it read something that changed (see
        publish/dependencies.py); the others are the last build's. Nothing at all when nothing
        changed (publish/unchanged.py)."""
        if self.current:
            return
        try:
            self.write_site()
        finally:
            self.survey.close()

    def write_site(self) -> None:
        self.compile_templates()
        output = OutputFolder(self.output_path)
        output.clear_scratch()  # what a build killed half-way left (builds of one folder never overlap)
        before = self.load_record()
        site = self.site
        self.catalog  # made first: it adds the feed indexes to the site model
        common = self.common_context()
        site_key = pages.site_key(self._templates_path, self.settings, self.cache.version, common)
        known = before.dependencies
        inputs = site_inputs.fingerprints(self.parsed, site, known.inputs if known.site_key == site_key else None)
        found = known.changes(site_key, inputs)  # the inputs changed, every memo that read one (or such a memo)
        kept = self.journals["memo-values"].load().get("values", {}) if found is not None else {}
        # The values kept by the last build, those that read nothing changed since.
        remembered = KeptValues(kept, known.memos)
        dirty = None
        if found is not None:
            changed, reached = found
            site.memos.reuse(remembered, {Read(Part.MEMO, key) for key in reached})
            # Those memos computed again where they can be: one whose value came out the same is not dirty.
            dirty = known.settle(changed, reached, site.memos.recompute)
            site.memos.reuse(remembered, dirty)
        with site.log.apart() as site_map:  # which outputs exist (what each shows is read while it is made)
            site_routes = routes.all_routes(site, self.catalog)
            parts = sitemap.parts(site_routes)
            makers = {**self.page_makers(common, site_routes), **self.data_makers(parts)}
        route_inputs = sitemap.fingerprints(parts)  # what each part of sitemap.xml lists
        inputs = {**inputs, **route_inputs}
        if dirty is not None:
            dirty |= known.routes_changed(route_inputs)
        wanted = sorted(makers, key=lambda o: (o.kind.value, o.name))
        observed: dict[str, tuple] = {}  # the stamps `stale` took, for the integrity manifest
        stale = known.stale(wanted, dirty, output.root, before.stamps, observed,
                            records.Surveyed(self.survey.result(), self.last_digests) if dirty is not None else None)
        # The search index's records first: their peak memory then does not add to that of the pages.
        search = self.start_search(before, dirty)
        try:
            remade = [path for o in stale for path in makers[o].files]
            output.declare(remade)
            leaves = {Output(OutputKind.PAGE, site_history.output_of(route)) for route in site_routes
                      if route.document is not None}
            made, memos, seen = self.make(stale, makers, output, leaves)
            search_files = write_search(output, search)
        finally:
            search.files.close()
        dependencies, changed = known.updated(site_key, inputs, memos.reads, made, wanted, frozenset(site_map),
                                              memos.digests, search.reads)
        written = [path for o in wanted for path in dependencies.outputs[o].files] + list(search_files)
        record = BuildRecord(dependencies,
                             stamps=stamps(output.root, remade + list(search_files), before.stamps, written, seen),
                             search_files=tuple(search_files), search_token=search.token)
        for path in remade:
            observed.pop(path, None)  # written since: as the workers saw them once written
        observed.update((path, stamp[:3]) for path, stamp in seen.items())
        copied = self.copy_files(output) | hosting.write(output, self.site)
        for path in copied:
            observed.pop(path, None)
        produced = set(written) | copied
        produced |= self.write_integrity(output, produced, observed, seen)
        output.finish(produced)
        self.report_dead_links(produced | {route.path for route in site_routes})
        if self.signature is not None:
            self.cache.save("last-build", {"record": unchanged.recorded(self.signature, output.root,
                                                                        produced | {MANIFEST}, self.published)})
        to_keep = {**{key: remembered.blob(key) for key in site.memos.still_clean()},
                   **memos.kept}
        to_keep = {key: data for key, data in to_keep.items() if key in dependencies.memos}
        self.save_record(record, before, changed, to_keep if to_keep.keys() != kept.keys() or memos.kept else None)

    def report_dead_links(self, addresses: set[str]) -> None:
        """The links of the bodies into the site that lead to none of `addresses` (publish/links.py): a
        warning each (fatal to `make publish`), said again at the next build."""
        problems = links.dead(self.site, self.parsed, addresses)
        if problems.warnings:
            print(problems.report(), file=sys.stderr)
            logger.warning("Conținutul are %s (lista de mai sus).",
                           text.count(len(problems.warnings), "legătură către o adresă inexistentă",
                                      "legături către adrese inexistente"))
            self.signature = None  # the next build reads everything again, and says them again

    def read_history(self, checked, cache: BuildCache) -> None:
        """Each document's history from git (docs/history.md): an index of the site model. From a
        shallow clone a warning (fatal to `make publish`, which needs the whole history); without a
        repository a note, and the pages say the history is not available."""
        self.history = source_history.read(Path(self.path), [d.source for d in checked.archive.documents()], cache,
                                           self.workers)
        if self.history.reason == "shallow":
            logger.warning("Depozitul git este o copie parțială (shallow clone): istoricul documentelor nu poate fi "
                           "publicat. Aduceți istoricul întreg cu `git fetch --unshallow` și construiți din nou.")
            self.signature = None  # said again at the next build
        elif self.history.reason:
            print("Atenție: folderul de conținut nu este într-un depozit git; paginile spun că istoricul "
                  "documentelor nu este disponibil.", file=sys.stderr)
        elif (said := dated_after_build(self.history.newest, dates.build_moment(os.environ))) is not None:
            print(said, file=sys.stderr)  # not a warning: a pushed commit cannot be dated again, publishing goes on
        site_history.attach(self.site, self.history, authors=self.options["history_authors"],
                            messages=self.reworded_messages(checked.commit_messages),
                            commit_url=self.options["history_commit_url"])

    def reworded_messages(self, reworded) -> dict[str, str]:
        """data/commit-messages.yml, each line's commit found in the history (full id → the line); a
        line that names no commit of a document, or several, is a warning with its line."""
        if self.history.reason or not reworded:
            return {}
        commits = {commit for found in self.history.facts.values() for commit in found.commits}
        commits.update(removal.commit for removal in self.history.removed.values())  # shown at its addresses
        found, wrong = domain_history.resolve([(r.prefix, r.line) for r in reworded], commits)
        display = loader.display_path(Path(self.path), loader.COMMIT_MESSAGES_FILE)
        for line, problem in wrong:
            logger.warning("%s:%d: commit: %s", display, line, problem)
            self.signature = None  # said again at the next build
        return {found[r.prefix]: r.message for r in reworded if r.prefix in found}

    def write_integrity(self, output: OutputFolder, produced: set[str], observed: dict, seen: dict) -> set[str]:
        """SHA256SUMS, manifest.json (and its signature) over every other published file (publish/integrity.py);
        `observed`: the stamps of files taken already in this build, and not written since; `seen`:
        the stamps and digests of the files the workers wrote."""
        digests = self.journals["integrity"]
        known = self.last_digests
        known.update(seen)
        written = integrity.write(output, str(output.root), produced, commit=self.history.head,
                                  site=self.site.siteurl, day=self.site.today.isoformat(), key=self.signing_key,
                                  known=known, observed=observed)
        digests.save({"digests": known})  # the entries of the files written since (a journal compares them)
        # The stamps of the files the manifest covers, as they were once written (see unchanged.recorded).
        self.published = {path: (size, mtime) for path, (size, mtime, *_) in known.items()}
        return written

    @cached_property
    def journals(self) -> dict[str, Journal]:
        """The parts of the cache saved as what each build changed (build/journal.py): the map
        (its fields but the inputs), its inputs, the memo values kept between builds, the
        search index's cache, the stamps of the files written and the digests of those published."""
        return {"dependencies": journal_of(self.cache, "dependencies", same=equal),
                "inputs": journal_of(self.cache, "inputs", same=equal),
                "memo-values": journal_of(self.cache, "memo-values"),  # by identity: see journal.equal
                "search": journal_of(self.cache, "search", depth=3, same=equal),  # its documents, its shards
                "stamps": journal_of(self.cache, "stamps", same=equal),  # a file's, kept as the last build's
                "integrity": journal_of(self.cache, "integrity", same=equal)}  # each published file's digest

    @cached_property
    def last_files(self) -> dict:
        """The stamps of the files the last build wrote, and which are the search index's."""
        return self.journals["stamps"].load()

    @cached_property
    def last_digests(self) -> dict[str, tuple]:
        """Each file the last build published: (size, mtime_ns, inode, sha256) (publish/integrity.py)."""
        return self.journals["integrity"].load().get("digests", {})

    def load_record(self) -> BuildRecord:
        """The last build's record, from its three parts (see `save_record`)."""
        structure = self.journals["dependencies"].load()
        try:
            dependencies = DependencyMap(**structure) if structure else None
        except TypeError:  # fields renamed since: the code version changed, yet be safe
            dependencies = None
        if dependencies is None:
            return BuildRecord()
        files = self.last_files
        inputs = self.journals["inputs"].load()
        return BuildRecord(dataclasses.replace(dependencies, inputs=inputs.get("inputs", {})),
                           stamps=files.get("stamps", {}), search_files=files.get("search_files", ()),
                           search_token=inputs.get("search_token", ""))

    def save_record(self, record: BuildRecord, before: BuildRecord, changed: bool, values: dict | None) -> None:
        """Save what changed of the record, the inputs last: a build stopped half-way leaves older
        inputs, which can only make the next build do more (never reuse a value or an output made
        from inputs it did not record)."""
        if changed:
            self.journals["dependencies"].save(record.dependencies.stored())
        if record.stamps != before.stamps or record.search_files != before.search_files:
            self.journals["stamps"].save({"stamps": record.stamps, "search_files": record.search_files})
        if values is not None:
            self.journals["memo-values"].save({"values": values})
        if record.dependencies.inputs != before.dependencies.inputs or record.search_token != before.search_token:
            self.journals["inputs"].save({"inputs": record.dependencies.inputs, "search_token": record.search_token})

    def common_context(self) -> dict:
        """What every page shows (the council, the build day, the static pages): part of the site key."""
        site = self.site
        return {
            "council": site.council,
            "root": site.root,
            "siteurl": site.siteurl,
            "today": site.today,
            "today_text": dates.long_date(site.today),
            "THEME_STATIC_DIR": self.settings["THEME_STATIC_DIR"],
            "content_security_policy": hosting.CONTENT_SECURITY_POLICY,
            "site_pages": site.page_links(),
            "signed": self.signing_key is not None,  # /date/ links the signature and the public key
        }

    def page_makers(self, common: dict, site_routes: list[routes.Route]) -> dict[Output, Maker]:
        site = self.site

        def page(route: routes.Route) -> bytes:
            # A page left at an earlier address names the one it leads to as canonical (its route says so).
            context = {"page_title": route.title, "canonical": site.absolute(route.path), **route.make(),
                       "path": route.path}
            return self.get_template(route.template.rsplit(".", 1)[0]).render({**common, **context}).encode("utf-8")

        grouped: dict[str, list[routes.Route]] = {}  # a document's page and its changes' pages: one output
        for route in site_routes:
            grouped.setdefault(site_history.output_of(route), []).append(route)
        return {Output(OutputKind.PAGE, name): Maker([urls.output_file(route.path) for route in group],
                                                      lambda group=group: {urls.output_file(route.path): page(route)
                                                                           for route in group})
                for name, group in grouped.items()}

    def data_makers(self, sitemap_parts: dict[str, list[routes.Route]]) -> dict[Output, Maker]:
        """Open data (each file an output), sitemap.xml and each of its parts, robots.txt, each
        feed and each calendar."""
        site, catalog = self.site, self.catalog
        makers = {Output(OutputKind.DATA, d.path): Maker([d.path], lambda d=d: {d.path: d.make(site)})
                  for d in opendata.DATASETS}
        makers[Output(OutputKind.DATA, "sitemap")] = Maker([sitemap.SITEMAP], lambda: {
            sitemap.SITEMAP: sitemap.index(site, sitemap_parts)})
        makers[Output(OutputKind.DATA, "robots")] = Maker([sitemap.ROBOTS], lambda: {sitemap.ROBOTS: sitemap.robots(site)})
        for name, listed in sitemap_parts.items():
            path = sitemap.file_of(name)
            makers[Output(OutputKind.DATA, f"sitemap/{name}")] = Maker(
                [path], lambda name=name, listed=listed, path=path: {path: sitemap.sitemap(site, name, listed)})
        for year in law.years(site):  # the annual report's data, JSON and CSV (site/law.py)
            makers[Output(OutputKind.DATA, f"raport-legea-52-{year}")] = Maker(
                list(law.data_paths(year)), lambda year=year: law.report_files(site, year))
        for slug in calendar_ics.calendar_slugs(site):
            path = calendar_ics.calendar_path(slug)
            makers[Output(OutputKind.CALENDAR, slug or "")] = Maker(
                [path], lambda slug=slug, path=path: {path: calendar_ics.render(calendar_ics.spec_of(site, slug))})
        def feed_files(name: str) -> dict[str, bytes]:
            spec = catalog.spec(catalog.by_name[name])
            return {spec.links[fmt][0]: data for fmt, data in feeds.render(spec).items()}

        def moved_feed_files(old: str, decision_id: str) -> dict[str, bytes]:  # the new feed's bytes
            spec = catalog.spec(catalog.decision_feed(site.archive.decisions[decision_id]))
            return {feeds.feed_path(old, fmt): data for fmt, data in feeds.render(spec).items()}

        names = site.memos.get("feed-names", lambda: tuple(catalog.by_name), keep=True)
        for name in names:
            makers[Output(OutputKind.FEED, name)] = Maker([feeds.feed_path(name, fmt) for fmt in feeds.FORMATS],
                                                          lambda name=name: feed_files(name))
        for old, decision_id in site_history.renamed_feeds(site).items():  # at a renamed decision's old names
            # Not the output named `old`: the map knows an output by its name, and that one is the
            # feed of a decision of that id, made another way (were one given the old name).
            if Output(OutputKind.FEED, old) not in makers:
                makers[Output(OutputKind.FEED, f"{old}@{decision_id}")] = Maker(
                    [feeds.feed_path(old, fmt) for fmt in feeds.FORMATS],
                    lambda old=old, decision_id=decision_id: moved_feed_files(old, decision_id))
        return makers

    def make(self, stale: list[Output], makers: dict[Output, Maker], output: OutputFolder, leaves: set[Output]
             ) -> tuple[dict[Output, OutputRecord], Made, dict[str, tuple]]:
        """Make the stale outputs on every core, those of `leaves` (a document's own page) last:
        this process takes the others first, and computes once what they share (each decision's
        row, list item, feed entry), while the workers, forked before, take the leaves from the
        end (`workers.map_claimed`). Each output's files are written (when their bytes
        changed) and it is recorded with what it read. Returns the records, the memos computed
        (and reused: those of the last build have their reads as the map stored them; the values
        kept for the next build pickled, `blob_of`) and each file's
        (size, mtime_ns, inode, sha256) once written (`OutputFolder.written`)."""
        site = self.site
        forked = site.memos.count()  # what every worker knows already: the parent's memos

        def make_slice(part: Iterable[Output]) -> list[tuple[Output, OutputRecord, Made, dict]]:
            done, known = [], forked
            for one in part:
                with site.log.apart() as reads:
                    files = makers[one].make()
                written = {}
                for path, data in files.items():
                    output.write(path, data)
                    written[path] = output.written(path, data)
                new, known = site.memos.since(known), site.memos.count()
                # Kept values go to the cache pickled: pickled here, a worker sends bytes, and the
                # parent neither unpickles them into objects nor pickles them again (memory, time).
                new = new._replace(kept={key: blob_of(value) for key, value in new.kept.items()})
                done.append((one, OutputRecord(files=tuple(files), reads=frozenset(reads)), new, written))
            self.history.close()  # the old versions' texts are read: the repository's caches go
            return done

        interned: dict = {}  # the same read from each worker, as one object: the map pickles it once

        def one_each(reads: frozenset) -> frozenset:
            return frozenset(interned.setdefault(read, read) for read in reads)

        made, memos, seen = {}, Made(reads={}, kept={}, digests={}), {}
        results = in_workers(make_slice, sorted(stale, key=leaves.__contains__), self.workers)
        pickled = {key for _, _, new, _ in results for key in new.kept}
        before = site.memos.since(0)  # the parent's own: before the outputs, and its share of them
        before = before._replace(kept={key: blob_of(value) for key, value in before.kept.items() if key not in pickled})
        for new in [before, *(new for _, _, new, _ in results)]:
            # A memo reused from the last build has its reads as the map stored them (numbers).
            memos.reads.update((key, reads if type(reads) is bytes else one_each(reads))
                               for key, reads in new.reads.items())
            memos.kept.update(new.kept)
            memos.digests.update(new.digests)
        for one, record, _, written in results:
            made[one] = OutputRecord(files=record.files, reads=one_each(record.reads))
            seen.update(written)
        return made, memos, seen

    def compile_templates(self) -> None:
        """Compile every template of the theme before anything is written: a template that does not
        compile stops the build with its file and line, and the last site is left as it was (pages
        are rendered one by one, and a broken template met half-way would leave it half-updated)."""
        self.env.bytecode_cache = self.compiled_templates()
        self.env.globals["decision_item"] = self.decision_item
        self.env.globals["register_row"] = self.register_row
        self.env.globals["vote_row"] = self.vote_row
        self.env.filters["count"] = text.count  # `{{ n | count("vot", "voturi") }}`: "25 de voturi"
        jinja_items.prefer_items(self.env)  # the views are dicts: `row.title` as row["title"] first
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

    def decision_item(self, row: dict, heading_level: int) -> Markup:
        """A decision in a list (partials/decision_item.html), made once per decision and heading level
        and kept between builds while its row is the same: a list of thousands of decisions is made
        again, after one of them changed, from the kept HTML of the others. The row is read again
        here, so that the memo records it."""
        return self._kept_partial(f"decision-item/{heading_level}|{row['id']}", "decision_item", lambda: {
            "row": self.site.row(row["id"]), "heading_level": heading_level})

    def register_row(self, register: str, key: str) -> Markup:
        """A row of a register (partials/register_REGISTER_row.html, listings.register_row)."""
        return self._kept_partial(f"register-row/{register}|{key}", f"register_{register}_row", lambda: {
            "r": listings.register_row(self.site, register, key)})

    def vote_row(self, decision_id: str, code: str, vote: str) -> Markup:
        """A row of a member's nominal votes (partials/vote_row.html): the same for every member who
        voted so on that decision (`vote`: the label of `code`)."""
        return self._kept_partial(f"vote-row/{decision_id}|{code}", "vote_row", lambda: {
            "decision": self.site.row(decision_id), "code": code, "vote": vote})

    def _kept_partial(self, key: str, template: str, context: Callable[[], dict]) -> Markup:
        """partials/TEMPLATE.html rendered with `context()`, as memo `key` (what it read recorded),
        kept between builds while what it read is the same: the rows of the long lists (registers,
        lists of decisions, a member's votes), so that a list of thousands of rows is made again,
        after one changed, from the kept HTML of the others (unpickling a kept row's dict costs
        more than its HTML: one string)."""
        return self.site.memos.get(key, lambda: Markup(
            self.env.get_template(f"partials/{template}.html").render(context())), keep=True)

    def compiled_templates(self) -> FileSystemBytecodeCache | None:
        """The templates as compiled by the last build, kept in the build cache (a third of a second a
        rebuild). Jinja takes one only while its template's source is the same; what else shapes
        the compiled code (the environment's options, which filters and tests exist) is the folder's
        version. None when the options are not plain data (they could not be compared)."""
        options = self.settings["JINJA_ENVIRONMENT"]
        if not pages.is_plain(options):
            return None
        shaped_by = pages.digest_of(self.cache.version, options, sorted(self.env.filters), sorted(self.env.tests))
        folder = BuildCache(self.options["build_cache"], self.path, self.output_path,
                            version=shaped_by).store_folder("templates")
        return FileSystemBytecodeCache(str(folder)) if folder else None

    def copy_files(self, output: OutputFolder) -> set[str]:
        """Copy the attachments and the theme's static files (those whose bytes changed); returns their paths."""
        content = Path(self.path)
        copies = {urls.attachment(source): content / source for source in sorted(self.site.checked.archive.attachments)}
        static = Path(self.theme) / "static"
        for path in sorted(static.rglob("*")):
            relative = path.relative_to(static)
            if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                copies[f"{self.settings['THEME_STATIC_DIR']}/{relative.as_posix()}"] = path
        output.declare(copies)
        for target, source in copies.items():
            output.copy(source, target)
        return set(copies)

    @cached_property
    def catalog(self) -> feeds.FeedCatalog:
        """One feed catalogue per build, shared by the pages (links) and the feed files."""
        return feeds.FeedCatalog(self.site)

    def start_search(self, before: BuildRecord, dirty: set[Read] | None) -> PendingSearch:
        """The search index's records, made again only for the documents whose body changed or
        whose record read something that changed: the map of the build that made the search
        index's cache says which (`dirty`; its token is the cache's), else every record is made
        again and compared (docs/search.md). They are read here, where what they read is recorded;
        the files are assembled from them (and the cache saved) in a child process while the pages
        are made: that reads nothing of the site, and the index's state then never enters this
        process, whose peak is the build's (docs/search.md, "Between builds")."""
        journal = self.journals["search"]
        cache = journal.load()
        fingerprint = search_site.fingerprint(cache)
        token, known = before.search_token, before.dependencies.memos
        clean = None
        if dirty is not None and token and cache.get(SEARCH_TOKEN) == token:
            def clean(key: str) -> bool:
                return key in known and Read(Part.MEMO, key) not in dirty
        with self.site.log.apart() as reads:
            found = search_site.records(self.site, cache, clean, workers=self.workers)
        save = search_site.fingerprint(cache) != fingerprint or cache.get(SEARCH_TOKEN) != token
        if save:
            # a new token: a build stopped before it saved its map leaves this cache unknown to the last map
            cache[SEARCH_TOKEN] = token = secrets.token_hex(8)

        def assemble() -> dict[str, bytes]:
            files = search_site.assembled(cache, found)
            if save:
                journal.save(cache)
            return files

        return PendingSearch(workers.Background(assemble, enabled=self.workers > 1, spill=True), frozenset(reads), token)


class PendingSearch(NamedTuple):
    """The search index of this build: its files (being assembled), what it read and its cache's token."""

    files: workers.Background
    reads: frozenset[Read]
    token: str


def write_search(output: OutputFolder, search: PendingSearch) -> list[str]:
    """The search index's files, once assembled, written; their paths."""
    files = search.files.result()
    output.declare(files)
    for path, data in files.items():
        output.write(path, data)
    return list(files)


def add_generator(pelican):
    return CouncilGenerator


def dated_after_build(newest: int, moment: dt.datetime) -> str | None:
    """What to tell staff when the repository's newest commit is dated after the build (the clock of the
    computer that made it was wrong), None otherwise. Git takes any date: the history shows such a
    commit with it, the changes after it on the main line are dated „cel mai devreme” at it (they
    cannot have been recorded before it, as far as the dates say), and feeds carry neither before
    that day. Re-dating it is the fix while it has not been pushed."""
    if newest <= moment.timestamp():
        return None
    when = dates.long_moment(domain_history.local_time(newest))
    after = int(moment.timestamp())
    return (f"Atenție: depozitul are cel puțin un commit datat după momentul acestei construiri (cel mai nou: {when}): "
            f"ceasul calculatorului pe care a fost făcut era greșit. Istoricul paginilor îl arată cu această dată, "
            f"modificările făcute după el sunt datate „cel mai devreme” la ea, iar fluxurile și pagina de activitate "
            f"nu le arată până atunci. Corectați ceasul; dacă nu ați trimis încă acel commit în depozitul comun, "
            f"refaceți-l cu data de acum (pentru ultimul commit: git commit --amend --no-edit --reset-author). "
            f"Commit-urile datate după acest moment (git log --since s-ar opri la primul mai vechi): "
            f"git log --format=\"%ct %h %ci %s\" | awk '$1 > {after}'.")
