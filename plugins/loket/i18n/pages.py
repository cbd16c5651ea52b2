"""The English pages: one per service with English text, and /en/ listing them by theme.

They are made like the Dutch pages (render/pages.py: front matter + HTML blocks
from autoescaping Jinja templates, returned as `Page`), so every engine path
that builds a Dutch page builds these too. A service without `en:` gets no page:
nothing is machine-translated and no page is empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import jinja2

from ..audience import INTERNAL
from ..model import Catalogue, Service, Theme
from ..render.markdown import markdown_to_html
from ..render.pages import Page, RenderOptions, SiteRenderer, environment, front_matter, service_src
from . import strings
from .checks import TRANSLATED_FIELDS

INDEX_SRC = "en/index.md"
HOME_SRC = "index.md"
LANG_KEY = "loket_lang"  # front matter: the page's language, read by overrides/partials/language.html


def english_service_src(service_id: str) -> str:
    return f"en/diensten/{service_id}.md"


@cache
def english_environment() -> jinja2.Environment:
    """The Dutch environment's settings (autoescape, strict undefined) with English templates and filters."""
    env = environment().overlay(loader=jinja2.ChoiceLoader([jinja2.PackageLoader("loket.i18n", "templates"),
                                                           environment().loader]))
    # overlay() shares the parent's filter and global dicts: replace them, or the Dutch pages would read English.
    env.filters = {**env.filters, "euro": strings.euro, "day": strings.day, "period": strings.period,
                   "markdown": markdown_to_html, "login_labels": strings.login_labels}
    env.globals = {**env.globals, "ONLINE_LABELS": strings.ONLINE_LABELS, "AUDIENCE_LABELS": strings.AUDIENCE_LABELS}
    return env


@dataclass
class EnglishSite:
    pages: list[Page] = field(default_factory=list)
    # src → {language: src of that language's version}, for every page that has a translation (both sides).
    alternates: dict[str, dict[str, str]] = field(default_factory=dict)


def untranslated_parts(service: Service) -> list[str]:
    """Dutch free-text fields of the service that its English text leaves out."""
    english = service.en
    dutch = {"beschrijving": service.beschrijving, "toelichting": service.toelichting,
             "voorwaarden": service.voorwaarden, "nodig": service.nodig, "termijn": service.termijn}
    return [name for name in TRANSLATED_FIELDS if dutch[name] and not getattr(english, name)]


class EnglishRenderer(SiteRenderer):
    def __init__(self, catalogue: Catalogue, options: RenderOptions):
        super().__init__(catalogue, options)
        self.env = english_environment()

    def translated(self) -> list[Service]:
        """The services with English text, in the order of their English names."""
        return sorted((s for s in self.catalogue.services.values() if s.en is not None),
                      key=lambda s: (s.en.naam.casefold(), s.id))

    def service(self, service: Service) -> Page:
        src = english_service_src(service.id)
        related = [self.catalogue.services[r] for r in service.gerelateerd
                   if r in self.catalogue.services and self.catalogue.services[r].en is not None]
        themes = [self.catalogue.themes[t] for t in service.themas
                  if t in self.catalogue.themes and self.catalogue.themes[t].en_naam]
        costs = list(zip(service.en.kosten, (c.bedrag for c in service.kosten)))
        body = self.render_template("en/dienst.md.j2", src, service=service, en=service.en, related=related,
                                    themes=themes, costs=costs, untranslated=untranslated_parts(service),
                                    dutch_src=service_src(service.id), english_src=english_service_src,
                                    index_src=INDEX_SRC)
        meta = front_matter(title=service.en.naam, description=service.en.samenvatting, **{LANG_KEY: strings.EN})
        return Page(src, meta + body, service.source)

    def index(self, services: list[Service]) -> Page:
        groups: list[tuple[Theme | None, list[Service]]] = []
        for theme in self.catalogue.themes.values():
            in_theme = [s for s in services if theme.id in s.themas]
            if theme.en_naam and in_theme:
                groups.append((theme, in_theme))
        # Services none of whose themes has an English name are still listed, under one heading.
        named = {t.id for t, _ in groups}
        rest = [s for s in services if not named.intersection(s.themas)]
        if rest:
            groups.append((None, rest))
        body = self.render_template("en/index.md.j2", INDEX_SRC, groups=groups, english_src=english_service_src,
                                    count=len(services))
        org = self.catalogue.organisation
        meta = front_matter(title="Services in English",
                            description=f"Services of {org.naam} (the Netherlands) explained in English: how to apply, "
                                        "how to log in and what it costs.",
                            hide=["navigation", "toc"], **{LANG_KEY: strings.EN})
        return Page(INDEX_SRC, meta + body, "catalogue/themas.yml")


def english_pages(catalogue: Catalogue, options: RenderOptions) -> EnglishSite:
    """The English pages for one audience and which pages are translations of each other.

    The internal site gets the same English pages as the public one: they never show internal fields.
    """
    renderer = EnglishRenderer(catalogue, RenderOptions(audience="public" if options.audience == INTERNAL
                                                        else options.audience, directory_urls=options.directory_urls))
    services = renderer.translated()
    site = EnglishSite()
    if not services:
        return site
    site.pages = [renderer.index(services)] + [renderer.service(s) for s in services]
    pairs = [(HOME_SRC, INDEX_SRC)] + [(service_src(s.id), english_service_src(s.id)) for s in services]
    for dutch, english in pairs:
        both = {strings.NL: dutch, strings.EN: english}
        site.alternates[dutch] = both
        site.alternates[english] = both
    return site
