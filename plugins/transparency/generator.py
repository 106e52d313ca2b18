"""The Pelican adapter: publish the checked archive as the public site.

Pelican calls `generate_context` (read and check everything; stop the build
once, listing every problem) and then `generate_output` (write every page,
feed and file). Files whose bytes did not change are not rewritten.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from pelican.generators import Generator

from . import calendar_ics, dates, feeds, opendata, pipeline, routes, search_site, settings as project_settings, urls
from .problems import ContentError
from .views import SiteModel

logger = logging.getLogger(__name__)


class CouncilGenerator(Generator):
    def generate_context(self):
        self.options = project_settings.resolve(self.settings.get("TRANSPARENCY"))
        checked = pipeline.check(Path(self.path))
        report = checked.problems.report()
        if report:
            print(report, file=sys.stderr)
        if checked.problems.errors:
            raise ContentError(checked.problems.errors)
        if checked.problems.warnings:
            logger.warning("Conținutul are %d avertismente (lista de mai sus).", len(checked.problems.warnings))
        self.site = SiteModel(checked, dates.build_day(), self.settings["SITEURL"])
        self.context["council"] = checked.archive.council

    def generate_output(self, writer):
        site = self.site
        output = Path(self.output_path)
        common = {
            "council": site.council,
            "root": site.root,
            "siteurl": site.siteurl,
            "today": site.today,
            "today_text": dates.long_date(site.today),
            "THEME_STATIC_DIR": self.settings["THEME_STATIC_DIR"],
            "site_pages": site.page_links(),
        }
        for route in routes.all_routes(site):
            template = self.get_template(route.template.rsplit(".", 1)[0])
            html = template.render({**common, **route.context, "page_title": route.title,
                                    "path": route.path, "canonical": site.absolute(route.path)})
            write_if_changed(output / urls.output_file(route.path), html.encode("utf-8"))
        for path, data in opendata.files(site):
            write_if_changed(output / path, data)
        for path, data in (*feeds.FeedCatalog(site).files(), *calendar_ics.files(site)):
            write_if_changed(output / path, data)
        search_files = search_site.index_files(site)
        for path, data in search_files.items():
            write_if_changed(output / path, data)
        remove_stale(output / search_site.INDEX_FOLDER, {output / path for path in search_files})
        content = Path(self.path)
        for source in sorted(site.archive.attachments):
            copy_if_changed(content / source, output / urls.attachment(source))


def add_generator(pelican):
    return CouncilGenerator


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def remove_stale(folder: Path, keep: set[Path]) -> None:
    """Delete files under `folder` that this build did not write (an older search index)."""
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def copy_if_changed(source: Path, target: Path) -> bool:
    if target.is_file() and target.stat().st_size == source.stat().st_size and \
            target.read_bytes() == source.read_bytes():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return True
