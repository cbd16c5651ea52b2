"""Everything one build target consists of, computed without MkDocs.

The MkDocs plugin injects these pages and files into a build; `loket render`
writes them to disk for any other engine. New page types are added here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from .audience import INTERNAL, view_for
from .cache import ParseCache
from .catalogue import LoadResult
from .changes import current_changes, history_output
from .export import open_data
from .history import read_history, reference_date
from .i18n import english_pages
from .ivisie import IVisie
from .model import Catalogue
from .organisations import load_selected
from .organisations.regio import regio_output
from .problems import Problem
from .render.pages import Page, RenderOptions, ServicePageCache, SiteRenderer
from .render.dashboard import dashboard_pages
from .render.ivisie_pages import publish_ivisie
from .render.roadmap import INDEX_SRC as ROADMAP_INDEX, roadmap_pages
from .search import DUTCH, ENGLISH
from .search.results_page import SCRIPT_PATH as SEARCH_SCRIPT, results_page, script_source
from .security_txt import security_txt
from .withheld import WithheldItem, withheld_items


@dataclass(frozen=True)
class DataFile:
    """A non-page output file (export, feed, robots.txt…), as text or bytes."""

    path: str
    content: str | bytes


@dataclass
class SiteContent:
    pages: list[Page] = field(default_factory=list)
    files: list[DataFile] = field(default_factory=list)
    # Source pages in content/ that this audience must not get (e.g. concept chapters).
    withheld: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    # Input files with an error and what is left out because of them (fail closed, withheld.py).
    rejected: list[WithheldItem] = field(default_factory=list)
    catalogue: Catalogue | None = None
    # src → schema.org JSON-LD text, printed in the page's <head> (export/jsonld.py).
    jsonld: dict[str, str] = field(default_factory=dict)
    # The i-visie chapters, goals and versions; adjusts chapter pages as the engine reads them (ivisie.py).
    ivisie: IVisie | None = None
    # Generated pages whose "Laatst gewijzigd" is not the newest of their sources (page_dates.py).
    dates: dict[str, dt.date] = field(default_factory=dict)
    # The address the site is published at: the organisation's own `site_url` when one of several is built.
    site_url: str | None = None
    # src → {language: src} for pages that exist in Dutch and English (i18n/): hreflang, switch, sitemap.
    alternates: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteOptions:
    root: Path
    catalogue_dir: str = "catalogue"
    audience: str = "public"
    directory_urls: bool = True
    site_url: str | None = None
    # Parsed files kept between `mkdocs serve` rebuilds (cache.py); None for a one-off build.
    cache: ParseCache | None = field(default=None, compare=False)
    # Rendered service pages kept between `mkdocs serve` rebuilds (render/pages.py); None for a one-off build.
    service_pages: ServicePageCache | None = field(default=None, compare=False)
    content_dir: str = "content"
    repo_url: str | None = None
    # The forge /beheer/ saves to (cms/config.py backend_config); derived from repo_url when empty.
    beheer: dict | None = None
    # With several organisations (organisaties/): the id of the one this site is for (organisations/).
    organisation: str | None = None


def build_site_content(options: SiteOptions, loaded: LoadResult | None = None) -> SiteContent:
    """All generated pages and files for one audience. `loaded` lets a caller reuse a catalogue it already read."""
    root = Path(options.root)
    today = reference_date(root)
    loaded = loaded or load_selected(root, options.catalogue_dir, options.organisation, today=today, cache=options.cache)
    content = SiteContent(problems=list(loaded.problems), site_url=options.site_url)
    if loaded.catalogue is None:
        content.rejected = withheld_items(content.problems, catalogue_dir=options.catalogue_dir,
                                          content_dir=options.content_dir, catalogue_read=False)
        return content
    if loaded.catalogue.organisation.id and loaded.catalogue.organisation.site_url:
        options = replace(options, site_url=loaded.catalogue.organisation.site_url)
        content.site_url = options.site_url
    catalogue = view_for(loaded.catalogue, options.audience)
    content.catalogue = catalogue
    history = read_history(root)
    renderer = SiteRenderer(catalogue, RenderOptions(audience=options.audience, directory_urls=options.directory_urls,
                                                     service_changes=partial(current_changes, history),
                                                     service_pages=options.service_pages))
    content.pages.extend(renderer.pages())
    # English pages for EU visitors (/en/), for services with an `en:` block (i18n/).
    english = english_pages(catalogue, renderer.options)
    content.pages.extend(english.pages)
    content.alternates = english.alternates
    # The internal roadmap and the readiness dashboard; the public nav loses its roadmap entry.
    content.pages.extend(roadmap_pages(catalogue, renderer.options, today))
    if options.audience != INTERNAL:
        content.withheld.add(ROADMAP_INDEX)
    # The organisations of a shared service centre side by side: internal sites only (organisations/regio.py).
    pages, withheld = regio_output(root, options.catalogue_dir, loaded.catalogue, renderer.options, today, options.cache)
    content.pages.extend(pages)
    content.withheld |= withheld
    # News page, Atom feed, and pages/redirects that keep old service addresses working (changes.py).
    pages, files = history_output(renderer, history, catalogue_dir=options.catalogue_dir, site_url=options.site_url,
                                  updated=today)
    content.pages.extend(pages)
    content.files.extend(DataFile(path, text) for path, text in files)
    # The i-visie: goals with progress from the full catalogue, the whole text, versions from git tags.
    content.ivisie = publish_ivisie(root, options.content_dir, loaded.catalogue, catalogue, options.audience,
                                    options.directory_urls)
    content.pages.extend(content.ivisie.pages)
    content.withheld |= content.ivisie.withheld
    content.problems.extend(content.ivisie.problems)
    content.dates.update(content.ivisie.dates)
    # JSON-LD on service and home pages, open-data exports, robots.txt, the internal UPL page (export/).
    extra = open_data(loaded.catalogue, root=root, audience=options.audience, site_url=options.site_url,
                      directory_urls=options.directory_urls)
    content.pages.extend(extra.pages)
    content.files.extend(DataFile(path, data) for path, data in extra.files)
    content.problems.extend(extra.problems)
    content.withheld |= extra.withheld
    content.jsonld = extra.jsonld
    # The readiness dashboard; internally it lists the catalogue's problems and every file withheld for an error.
    content.rejected = withheld_items(content.problems, catalogue_dir=options.catalogue_dir,
                                      content_dir=options.content_dir)
    content.pages.extend(dashboard_pages(catalogue, renderer.options, today, loaded.problems, content.rejected))
    # The search results page and its script; the index is written by the engine adapter (search/site_search.py).
    content.pages.append(Page(DUTCH.results_src, results_page(DUTCH, directory_urls=options.directory_urls)))
    if english.pages:  # English search at /en/search/, over the English pages only
        content.pages.append(Page(ENGLISH.results_src, results_page(ENGLISH, directory_urls=options.directory_urls)))
    content.files.append(DataFile(SEARCH_SCRIPT, script_source()))
    # /.well-known/security.txt from organisatie.yml `beveiliging` (security_txt.py).
    content.files.extend(DataFile(path, text) for path, text in security_txt(catalogue.organisation, options.site_url))
    # /beheer/: the form editor, on the internal site only (cms/).
    if options.audience == INTERNAL:
        from .cms import site_files

        admin, admin_problems = site_files(root, repo_url=options.repo_url, site_url=options.site_url,
                                           backend=options.beheer, catalogue_dir=options.catalogue_dir,
                                           content_dir=options.content_dir)
        content.files.extend(DataFile(path, data) for path, data in admin)
        content.problems.extend(admin_problems)
    return content
