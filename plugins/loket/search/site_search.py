"""The search documents of one site: services from the catalogue model, every other page
from its rendered HTML (hand-written chapters, privacy, theme lists…). The MkDocs plugin
feeds pages as MkDocs renders them and asks for the files at the end; nothing here imports
MkDocs.

One `SiteSearch` per language. A language with its own folder (English: `en/`) gets the
services that have text in that language and the pages in its folder; Dutch gets every
other page, so no page is found in the wrong language."""

from __future__ import annotations

import re

import lxml.html

from ..render.urls import page_url
from .index import Document, ScoreCache, build_index
from .language import LANGUAGES, Language
from .synonyms import Synonyms

# Pages that list services: found, but below the services they link to.
LIST_PAGES = re.compile(r"^(diensten/index|themas/[^/]+|inwoners|ondernemers|nieuws/[^/]+|en/index)\.md$")
# Pages that repeat others: the whole i-visie (its chapters are found) and its earlier versions.
REPEATS = re.compile(r"^i-visie/(geheel\.md|versies/)")
SERVICE_PAGE = re.compile(r"^(en/)?diensten/(?!index\.md$)[^/]+\.md$")
# The folders of the languages other than the site's own: their pages are only in their own index.
OTHER_LANGUAGE_FOLDERS = tuple(language.pages_prefix for language in LANGUAGES.values() if language.pages_prefix)
_SKIP_ELEMENTS = {"script", "style", "template", "svg"}


_BREAKS = {"p", "li", "h1", "h2", "h3", "h4", "td", "th", "div"}  # their end separates words


def _skipped(element) -> bool:
    return (not isinstance(element.tag, str)  # comments and processing instructions
            or element.tag in _SKIP_ELEMENTS or "data-search-exclude" in element.attrib
            or "headerlink" in (element.get("class") or "").split())


def _collect(element, parts: list[str]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        if not _skipped(child):
            _collect(child, parts)
            if child.tag in _BREAKS:
                parts.append(" ")
        if child.tail:
            parts.append(child.tail)


def text_of(fragment: str) -> str:
    """The text of an HTML fragment without elements marked data-search-exclude (as Material's
    search honours it), scripts, or the ¶ permalinks of headings.

    lxml's C parser: the A–Z and theme pages of a large catalogue are megabytes of HTML, mostly
    lists marked data-search-exclude, and Python's html.parser took seconds to read past them."""
    if not fragment.strip():
        return ""
    parts: list[str] = []
    _collect(lxml.html.fragment_fromstring(fragment, create_parent="div"), parts)
    return " ".join("".join(parts).split())


class SiteSearch:
    """Collects one language's documents for a site build."""

    def __init__(self, language: Language, catalogue, *, directory_urls: bool = True, scores: ScoreCache | None = None):
        self.language = language
        self.scores = scores
        # The catalogue's synonyms are Dutch: they serve the Dutch index only.
        own = getattr(catalogue, "synonyms", None) if not language.pages_prefix else None
        self.synonyms: Synonyms = own or Synonyms()
        self.directory_urls = directory_urls
        prefix = language.pages_prefix
        # The service's text in this language: the Dutch fields, or its `en:` block (none: not in this index).
        texts = ((s, s if not prefix else getattr(s, language.code, None)) for s in catalogue.services.values())
        self.services = [
            Document(
                url=page_url(f"{prefix}diensten/{s.id}.md", directory_urls),
                title=text.naam,
                summary=text.samenvatting,
                body=" ".join((text.beschrijving, text.toelichting or "", " ".join(text.voorwaarden),
                               " ".join(text.nodig))),
                keywords=tuple(text.trefwoorden),
                online=s.online,
                kind="service",
            )
            for s, text in texts if text is not None
        ]
        self._service_urls = {d.url for d in self.services}
        self.pages: dict[str, Document] = {}

    def in_language(self, src: str) -> bool:
        prefix = self.language.pages_prefix
        return src.startswith(prefix) if prefix else not src.startswith(OTHER_LANGUAGE_FOLDERS)

    def wants(self, src: str) -> bool:
        """Whether a page's HTML should be read: services come from the model, the results page is no result."""
        return self.in_language(src) and src != self.language.results_src and not REPEATS.match(src) and not (
            SERVICE_PAGE.match(src) and page_url(src, self.directory_urls) in self._service_urls)

    def add_page(self, src: str, title: str, html: str, meta: dict | None = None) -> None:
        """A rendered page; front matter `search: {exclude: true}` (Material's convention) keeps it out."""
        search = (meta or {}).get("search")
        if not self.wants(src) or (isinstance(search, dict) and search.get("exclude")):
            return
        kind = "list" if LIST_PAGES.match(src) else "page"
        self.pages[src] = Document(url=page_url(src, self.directory_urls), title=title or "", body=text_of(html),
                                   kind=kind)

    def files(self) -> dict[str, str]:
        return build_index([*self.services, *self.pages.values()], self.language, self.synonyms, self.scores)
