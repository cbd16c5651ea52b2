"""The MkDocs adapter: validate in on_config, inject generated pages in on_files.

All knowledge of the catalogue lives in the core (`site.py` and below); this
class only translates between it and MkDocs' events.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import CountHandler

from .audience import AUDIENCES
from .cache import ParseCache
from .history import read_history, reference_date
from .organisations import ORGANISATION_ENV, ORGANISATIONS_DIR
from .i18n.alternates import page_links
from .i18n.strings import day as english_day
from .page_dates import PageDates, changed_meta
from .prerender.mkdocs_page import FastPath
from .problems import errors
from .render.pages import ServicePageCache
from .search import DUTCH, ENGLISH
from .search.index import ScoreCache
from .search.site_search import SiteSearch
from .site import SiteContent, SiteOptions, build_site_content
from .sitedir import discard, publish, staging_dir
from .withheld import strict_failure

log = get_plugin_logger(__name__)

# Pages reachable from index and theme pages but kept out of the sidebar: a nav
# listing every service makes each page carry the whole catalogue (O(n²) builds).
IN_NAV_PREFIXES = ("diensten/index.md", "themas/index.md")


class LoketConfig(Config):
    audience = c.Choice(AUDIENCES, default="public")
    catalogue = c.Type(str, default="catalogue")
    # /beheer/ (internal site): the forge it saves to, e.g. {name: gitlab, app_id: …}; see README "Beheer".
    beheer = c.Type(dict, default={})
    # With several organisations (organisaties/): which one to build; LOKET_ORGANISATIE when not set here.
    organisatie = c.Optional(c.Type(str))
    # Generated pages go to MkDocs as finished HTML and TOC (prerender/); false: through Python-Markdown.
    prerender = c.Type(bool, default=True)


def _prune_nav(items, withheld: set[str]):
    """Drop nav entries that point at pages this audience does not get."""
    if not isinstance(items, list):
        return items
    kept = []
    for item in items:
        if isinstance(item, str):
            if item not in withheld:
                kept.append(item)
            continue
        if isinstance(item, dict):
            (title, value), = item.items()
            if isinstance(value, list):
                value = _prune_nav(value, withheld)
                if len(value) == 1 and isinstance(value[0], str):
                    kept.append({title: value[0]})  # only the section's index page is left: a plain entry
                elif value:
                    kept.append({title: value})
            elif value not in withheld:
                kept.append(item)
            continue
        kept.append(item)
    return kept


SERVE_POLL_SECONDS = 0.1  # how often `mkdocs serve` looks for changed YAML (see on_serve)


class LoketPlugin(BasePlugin[LoketConfig]):
    supports_multiple_instances = False
    # Under `mkdocs serve` (see on_startup): parsed files, search scores and the pages of the last build, kept
    # between rebuilds.
    cache: ParseCache | None = None
    search_scores: ScoreCache | None = None
    service_pages: ServicePageCache | None = None
    dirty = False
    _built: dict[str, int] = {}
    _building: dict[str, int] = {}
    atomic = False
    fast_path: FastPath | None = None
    staging = None  # where an atomic build writes until it has succeeded
    _docs_depth: int | None = None

    def on_startup(self, *, command, dirty: bool) -> None:
        # A plugin with on_startup is kept by MkDocs across `serve` rebuilds, so this state survives them.
        self.cache = ParseCache() if command == "serve" else None
        self.search_scores = ScoreCache() if command == "serve" else None
        self.service_pages = ServicePageCache() if command == "serve" else None
        self.dirty = dirty
        self._built, self._building = {}, {}
        # `mkdocs build` builds aside and swaps the result in (sitedir.py); serve and dirty builds work in place.
        self.atomic = command in ("build", "gh-deploy") and not dirty

    def on_config(self, config):
        self.site_dir = config.site_dir
        self._docs_depth = None
        if self.atomic:
            self.staging = staging_dir(config.site_dir)
            config.site_dir = str(self.staging)
        read_history.cache_clear()  # `mkdocs serve` rebuilds in one process; commits may have happened
        self.root = Path(config.docs_dir).resolve().parent
        self.content: SiteContent = build_site_content(
            SiteOptions(
                root=self.root,
                catalogue_dir=self.config.catalogue,
                audience=self.config.audience,
                directory_urls=config.use_directory_urls,
                site_url=config.site_url,
                cache=self.cache,
                service_pages=self.service_pages,
                content_dir=Path(config.docs_dir).name,
                repo_url=config.repo_url,
                beheer=dict(self.config.beheer) or None,
                organisation=self.config.organisatie or os.environ.get(ORGANISATION_ENV) or None,
            )
        )
        self.dates = PageDates(self.root, Path(config.docs_dir).name, self.content)
        for problem in self.content.problems:
            if problem.is_error:
                log.warning(str(problem))
            else:
                log.info(str(problem))
        for item in self.content.rejected:
            log.warning(item.log_line())
        if self.content.catalogue is None:
            raise PluginError(strict_failure(self.content.problems, "De catalogus kan niet worden gelezen; er is niets gepubliceerd."))
        # Fail closed under --strict whatever the log level: `-q` hides the warnings above from MkDocs'
        # own strict count, so loket stops the build itself, before anything is written.
        if config.strict and errors(self.content.problems):
            raise PluginError(strict_failure(self.content.problems, "De bouw is gestopt (--strict): de invoer bevat fouten. "
                                                           "De vorige site blijft staan."))
        organisation = self.content.catalogue.organisation
        if organisation.id:  # one of several organisations: its own name and address
            config.site_name = organisation.naam
            config.site_url = self.content.site_url
        if config.nav:
            config.nav = _prune_nav(config.nav, self.content.withheld)
        config.extra["loket_audience"] = self.config.audience
        # Pages a `serve --dirty` rebuild skips keep their search documents from the last build.
        previous = getattr(self, "searches", [])
        # One index per language (search/site_search.py); English only when there are English pages.
        has_english = any(p.src == ENGLISH.results_src for p in self.content.pages)
        languages = [DUTCH, ENGLISH] if has_english else [DUTCH]
        self.searches = [SiteSearch(language, self.content.catalogue, directory_urls=config.use_directory_urls,
                                    scores=self.search_scores) for language in languages]
        for search, earlier in zip(self.searches, previous):
            search.pages.update(earlier.pages)
        self.fast_path = FastPath(config.markdown_extensions, config.mdx_configs) if self.config.prerender else None
        if self.fast_path is not None and not self.fast_path.available:
            log.info("Gegenereerde pagina's gaan door Markdown: niet elke markdown_extension is bekend (prerender/).")
            self.fast_path = None
        self._generated = {page.src for page in self.content.pages}
        return config

    def on_files(self, files: Files, /, *, config) -> Files:
        for src in self.content.withheld:
            withheld = files.get_file_from_path(src)
            if withheld is not None:
                files.remove(withheld)
        for page in self.content.pages:
            existing = files.get_file_from_path(page.src)
            if existing is not None:
                raise PluginError(
                    f"{Path(config.docs_dir).name}/{page.src} bestaat al, maar loket maakt deze pagina zelf. "
                    "Verwijder of hernoem het bestand."
                )
            in_nav = page.src.count("/") == 0 or page.src in IN_NAV_PREFIXES
            file = File.generated(
                config,
                page.src,
                content=page.markdown,
                inclusion=InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV,
            )
            file.edit_uri = self._edit_uri(config, page.source)
            if self.dirty:
                self._skip_if_unchanged(file, page)
            files.append(file)
        for data in self.content.files:
            # INCLUDED: MkDocs would otherwise drop dot-paths such as .well-known/security.txt.
            files.append(File.generated(config, data.path, content=data.content, inclusion=InclusionLevel.INCLUDED))
        # From here on the Markdown lives in the files only (the fast path releases it there once rendered).
        self.content.pages = [replace(page, markdown="") for page in self.content.pages]
        self.content.files = []
        return files

    def on_pre_page(self, page, /, *, config, files):
        # The sitemap's <lastmod> (and the .gz timestamp): from git, not the build date MkDocs would use.
        page.update_date = (self.dates.last_changed(page.file.src_uri) or reference_date(self.root)).isoformat()
        if self.fast_path is not None and page.file.src_uri in self._generated:
            self.fast_path.install(page)
        return page

    def on_page_context(self, context, /, *, page, config, nav):
        # schema.org JSON-LD, printed in the head by overrides/main.html (set here: no YAML to parse per page).
        if page.file.src_uri in self.content.jsonld:
            page.meta["loket_jsonld"] = self.content.jsonld[page.file.src_uri]
        return context

    def on_page_markdown(self, markdown: str, /, *, page, config, files) -> str:
        # "Laatst gewijzigd" from git (overrides/partials/source-file.html); i-visie banners and goal progress.
        page.meta.update(changed_meta(self.dates.last_changed(page.file.src_uri)))
        # hreflang links, the language switch and the sitemap's alternates (i18n/alternates.py); set here,
        # while pages are read, because MkDocs renders sitemap.xml before it renders the pages.
        if (pair := self.content.alternates.get(page.file.src_uri)) is not None:
            page.meta.update(page_links(pair, page.file.src_uri, site_url=config.site_url,
                                        directory_urls=config.use_directory_urls))
        if page.meta.get("loket_lang") == "en" and page.meta.get("laatst_gewijzigd"):
            page.meta["loket_changed_en"] = english_day(page.meta["laatst_gewijzigd"])
        return self.content.ivisie.page_markdown(page.file.src_uri, markdown) if self.content.ivisie else markdown

    def on_page_content(self, html: str, /, *, page, config, files) -> str:
        for search in self.searches:
            search.add_page(page.file.src_uri, page.title, html, page.meta)
        return html

    @event_priority(-100)  # after every other plugin has written its files (search index)
    def on_post_build(self, *, config) -> None:
        for path, text in (item for search in self.searches for item in search.files().items()):
            target = Path(config.site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        self._built, self._building = self._building, {}
        if self.fast_path is not None:
            log.debug(f"{self.fast_path.fast} gegenereerde pagina's als HTML, via Markdown: {self.fast_path.full}")
        if self.staging is None:
            return
        # MkDocs raises its strict-mode abort only after this event; a build that will fail stays aside.
        strict_failed = config.strict and any(
            isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)
        if not strict_failed:
            publish(self.staging, self.site_dir)
            config.site_dir, self.staging = self.site_dir, None
            log.info(f"De site staat in {self.site_dir}.")

    def on_build_error(self, *, error):
        if self.staging is not None:
            discard(self.staging)
            self.staging = None

    def _skip_if_unchanged(self, file: File, page) -> None:
        """`serve --dirty`: a generated page whose Markdown is what the last build wrote is not built again."""
        digest = hash(page.markdown)
        if self._built.get(page.src) == digest:
            file.is_modified = lambda: False
        self._building[page.src] = digest

    def _edit_uri(self, config, source: str | None) -> str | None:
        if not source or not config.edit_uri:
            return None
        if self._docs_depth is None:  # once per build: resolve() is a filesystem call
            self._docs_depth = len(Path(config.docs_dir).resolve().relative_to(self.root).parts)
        return "../" * self._docs_depth + source

    def on_serve(self, server, /, *, config, builder):
        # MkDocs polls what it watches every 0.5 s, which alone would use half of the second in which an
        # edited service should be on screen again. The YAML folders are polled every 0.1 s (a few
        # milliseconds of stat calls for 1,000 files). `_timeout` is watchdog's observer setting, read when
        # a folder is added; if a later watchdog has no such attribute, MkDocs' own interval applies.
        observer = getattr(server, "observer", None)
        default = getattr(observer, "_timeout", None)
        if isinstance(default, (int, float)):
            observer._timeout = SERVE_POLL_SECONDS
        try:
            server.watch(str(self.root / self.config.catalogue))
            if (self.root / ORGANISATIONS_DIR).is_dir():
                server.watch(str(self.root / ORGANISATIONS_DIR))
        finally:
            if isinstance(default, (int, float)):
                observer._timeout = default
        return server
