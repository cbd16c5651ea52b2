"""What changed, from git: the news page, the Atom feed, and stable addresses for old service ids.

Everything here is derived from the git history read once per build
(`history.py`), so two builds of one commit give the same bytes. Old service
addresses keep working: an id listed in `vorige_ids` or renamed in git gets a
small redirect file (plain HTML: no search entry, no sitemap entry), and a
deleted service gets a page that says so and offers alternatives.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

from markupsafe import escape

from .history import Change, GitHistory, scope_of
from .organisations import ORGANISATIONS_DIR
from .load import load_text
from .model import Catalogue, Service
from .render.pages import Page, SiteRenderer, front_matter, service_src
from .render.urls import file_url, page_url, relative_url

NEWS_SRC = "nieuws/wijzigingen.md"
FEED_PATH = "feed.xml"
NEWS_LIMIT = 50
ATOM = "http://www.w3.org/2005/Atom"

KIND_LABELS = {"nieuw": "Nieuw", "gewijzigd": "Gewijzigd", "verwijderd": "Verdwenen"}


@dataclass(frozen=True)
class ServiceChange:
    """One commit's change to one service, as residents read it."""

    date: dt.date
    sha: str
    kind: str  # nieuw | gewijzigd | verwijderd
    service_id: str
    naam: str
    samenvatting: str
    src: str  # the page to link to: the service, or the page saying it no longer exists


@dataclass(frozen=True)
class GoneService:
    """A deleted service file, read from the commit before it was deleted."""

    service_id: str
    naam: str
    themas: tuple[str, ...]
    deleted_on: dt.date
    sha: str


def current_changes(history: GitHistory, path: str) -> list[Change]:
    """Commits that touched `path`, newest first, back to the one that added it.

    A file deleted and later added again starts a new life: its earlier
    history belongs to the service that no longer exists.
    """
    out = []
    for change in history.changes(path) if history.available else []:
        if change.status == "D":
            break
        out.append(change)
        if change.status == "A":
            break
    return out


def _service_id(path: str, directory: str) -> str | None:
    pure = PurePosixPath(path)
    if pure.parent.as_posix() != directory.rstrip("/") or pure.suffix != ".yml":
        return None
    return pure.stem


class ServiceHistory:
    """Changes, renames and deletions of the service files under `<catalogue_dir>/diensten/` and, for one
    organisation of several, under its own `organisaties/<id>/diensten/`."""

    def __init__(self, history: GitHistory, catalogue: Catalogue, catalogue_dir: str = "catalogue"):
        self.history = history
        self.catalogue = catalogue
        self.directories = [f"{catalogue_dir.rstrip('/')}/diensten"]
        if catalogue.organisation.id:
            self.directories.append(f"{ORGANISATIONS_DIR}/{catalogue.organisation.id}/diensten")

    def recent(self, limit: int = NEWS_LIMIT) -> list[ServiceChange]:
        """The newest `limit` changes to services, newest first; each commit × service once."""
        if not self.history.available:
            return []
        entries: list[tuple[tuple, ServiceChange]] = []
        for service in self.catalogue.services.values():
            for index, change in enumerate(current_changes(self.history, service.source)):
                kind = "nieuw" if change.status == "A" else "gewijzigd"
                entries.append(((-change.date.toordinal(), service.naam.casefold(), service.id, index),
                                ServiceChange(change.date, change.sha, kind, service.id, service.naam,
                                              service.samenvatting, service_src(service.id))))
        for gone in self.gone.values():
            entries.append(((-gone.deleted_on.toordinal(), gone.naam.casefold(), gone.service_id, 0),
                            ServiceChange(gone.deleted_on, gone.sha, "verwijderd", gone.service_id, gone.naam,
                                          "Deze dienst bestaat niet meer.", service_src(gone.service_id))))
        entries.sort(key=lambda item: item[0])
        return [change for _, change in entries[:limit]]

    @cached_property
    def redirects(self) -> dict[str, str]:
        """Old service id → current service id, from `vorige_ids` and from git renames."""
        services = self.catalogue.services
        out: dict[str, str] = {}
        if self.history.available:
            renames = self.renamed_ids
            for old in sorted(renames):
                target = self._follow(old, renames)
                if target in services:
                    out[old] = target
        for service in sorted(services.values(), key=lambda s: s.id):
            for old in service.vorige_ids:
                out[old] = service.id  # declared in the YAML: wins over what git guessed
        return {old: new for old, new in sorted(out.items()) if old not in services}

    @cached_property
    def gone(self) -> dict[str, GoneService]:
        """Services whose file was deleted (or renamed to a file later deleted) and whose address has no redirect."""
        if not self.history.available:
            return {}
        services = self.catalogue.services
        redirects = self.redirects
        deleted: dict[str, tuple[str, Change]] = {}
        for directory in self.directories:
            for path, change in self.history.deleted(scope_of(directory)).items():
                sid = _service_id(path, directory)
                if sid is not None:
                    deleted[sid] = (path, change)
        out: dict[str, GoneService] = {}
        renames = self.renamed_ids
        candidates = set(deleted) | {old for old in renames if self._follow(old, renames) in deleted}
        for sid in sorted(candidates):
            if sid in services or sid in redirects:
                continue
            final = sid if sid in deleted else self._follow(sid, renames)
            path, change = deleted[final]
            out[sid] = self._read_gone(sid, path, change)
        return out

    @cached_property
    def renamed_ids(self) -> dict[str, str]:
        """Old service id → new one, for every service file renamed in git (read once: it scans the whole log)."""
        out = {}
        for directory in self.directories:
            for old_path, new_path in self.history.renames(scope_of(directory)).items():
                old, new = _service_id(old_path, directory), _service_id(new_path, directory)
                if old and new and old != new:
                    out[old] = new
        return out

    @staticmethod
    def _follow(old: str, renames: dict[str, str]) -> str:
        """Follow a chain of renames (a → b → c) to its end; cycles stop where they repeat."""
        seen = {old}
        current = renames[old]
        while current in renames and renames[current] not in seen:
            seen.add(current)
            current = renames[current]
        return current

    def _read_gone(self, sid: str, path: str, change: Change) -> GoneService:
        # Read the last version before the deleting commit; only the name and themes are used.
        text = self.history.show(f"{change.sha}^", path)
        doc, _ = load_text(text, path) if text else (None, [])
        data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
        naam = data.get("naam") if isinstance(data.get("naam"), str) else sid.replace("-", " ").capitalize()
        themas = tuple(t for t in data.get("themas", ()) if isinstance(t, str)) if isinstance(data.get("themas"), list) else ()
        return GoneService(sid, naam.strip(), themas, change.date, change.sha)


def news_page(renderer: SiteRenderer, changes: list[ServiceChange], available: bool) -> Page:
    days: dict[dt.date, list[ServiceChange]] = {}
    for change in changes:
        days.setdefault(change.date, []).append(change)
    body = renderer.render_template("nieuws.md.j2", NEWS_SRC, days=days, available=available, kind_labels=KIND_LABELS,
                            feed_href=file_url(NEWS_SRC, FEED_PATH, renderer.options.directory_urls))
    meta = front_matter(title="Wijzigingen in producten en diensten",
                        description="Welke producten en diensten zijn onlangs nieuw of aangepast.")
    return Page(NEWS_SRC, meta + body, None)


def gone_page(renderer: SiteRenderer, gone: GoneService) -> Page:
    src = service_src(gone.service_id)
    catalogue = renderer.catalogue
    alternatives: dict[str, Service] = {}  # by id, in theme order: a list's `in` compares whole services, O(n²)
    for theme_id in gone.themas:
        for service in catalogue.services_in_theme(theme_id):
            alternatives.setdefault(service.id, service)
    themes = [catalogue.themes[t] for t in gone.themas if t in catalogue.themes]
    body = renderer.render_template("dienst-verdwenen.md.j2", src, gone=gone, alternatives=list(alternatives.values()),
                            themes=themes)
    meta = front_matter(title="Deze dienst bestaat niet meer",
                        description=f"{gone.naam} bestaat niet meer. Bekijk andere producten en diensten.",
                        search={"exclude": True}, robots="noindex")
    return Page(src, meta + body, None)


def redirect_html(old_id: str, new_id: str, name: str, directory_urls: bool, site_url: str | None) -> tuple[str, str]:
    """(output path, HTML) of a redirect from an old service address to the current one."""
    old_src, new_src = service_src(old_id), service_src(new_id)
    target = relative_url(old_src, new_src, directory_urls)
    canonical = urljoin(site_url, page_url(new_src, directory_urls)) if site_url else target
    path = page_url(old_src, directory_urls)
    path = path + "index.html" if path.endswith("/") else path
    html = (
        "<!doctype html>\n"
        '<html lang="nl">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>Doorverwijzing naar {escape(name)}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={escape(target)}">\n'
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"<h1>{escape(name)}</h1>\n"
        f'<p>Deze pagina heeft een nieuw adres: <a href="{escape(target)}">{escape(name)}</a>.</p>\n'
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )
    return path, html


def _atom_time(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _tag_authority(site_url: str | None, fallback: str) -> str:
    return urlsplit(site_url or fallback).hostname or "loket.invalid"


def atom_feed(changes: list[ServiceChange], catalogue: Catalogue, *, site_url: str | None, directory_urls: bool,
              updated: dt.date) -> str:
    """An Atom 1.0 feed (RFC 4287) of the service changes; every value is escaped by ElementTree."""
    organisation = catalogue.organisation
    authority = _tag_authority(site_url, organisation.website)

    def absolute(relative: str) -> str:
        return urljoin(site_url, relative) if site_url else relative

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "nl"})

    def add(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    add(feed, "id", absolute(FEED_PATH) if site_url else f"tag:{authority},2000:{FEED_PATH}")
    add(feed, "title", f"Wijzigingen in de producten en diensten van {organisation.naam}")
    add(feed, "subtitle", "Nieuwe, aangepaste en verdwenen producten en diensten.")
    newest = changes[0].date if changes else updated
    add(feed, "updated", _atom_time(newest))
    add(feed, "link", rel="self", type="application/atom+xml", href=absolute(FEED_PATH))
    add(feed, "link", rel="alternate", type="text/html", href=absolute(page_url(NEWS_SRC, directory_urls)))
    author = add(feed, "author")
    add(author, "name", organisation.naam)
    add(author, "uri", organisation.website)
    for change in changes:
        entry = add(feed, "entry")
        add(entry, "id", f"tag:{authority},{change.date.isoformat()}:{change.service_id}/{change.kind}/{change.sha}")
        add(entry, "title", f"{KIND_LABELS[change.kind]}: {change.naam}")
        add(entry, "updated", _atom_time(change.date))
        add(entry, "link", rel="alternate", type="text/html", href=absolute(page_url(change.src, directory_urls)))
        add(entry, "summary", change.samenvatting, type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def history_output(renderer: SiteRenderer, history: GitHistory, *, catalogue_dir: str, site_url: str | None,
                   updated: dt.date) -> tuple[list[Page], list[tuple[str, str]]]:
    """The news page, gone-service pages, and (path, text) of the feed and redirect files for one build."""
    catalogue = renderer.catalogue
    directory_urls = renderer.options.directory_urls
    services = ServiceHistory(history, catalogue, catalogue_dir)
    recent = services.recent()
    pages = [news_page(renderer, recent, history.available)]
    pages += [gone_page(renderer, gone) for gone in services.gone.values()]
    files = [(FEED_PATH, atom_feed(recent, catalogue, site_url=site_url, directory_urls=directory_urls, updated=updated))]
    for old, new in services.redirects.items():
        files.append(redirect_html(old, new, catalogue.services[new].naam, directory_urls, site_url))
    return pages, files
