"""The catalogue as Markdown pages (strings), ready for any MkDocs-like engine.

Each page is front matter + Markdown headings + HTML blocks rendered by Jinja
with autoescaping, so every value from YAML is escaped exactly once, here.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import jinja2
import yaml

from .. import upl
from ..audience import INTERNAL
from ..model import Catalogue, Service
from . import format as fmt
from .markdown import markdown_to_html
from .urls import relative_url

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its full Markdown text, and the file it came from."""

    src: str
    markdown: str
    source: str | None = None
    sources: tuple[str, ...] = field(default=())


class ServicePageCache:
    """Service page bodies kept between the rebuilds of one `mkdocs serve`: after one edit nearly every
    page comes out the same, and rendering them again was a third of the rebuild.

    The key is everything `dienst.md.j2` reads (the service, the services and themes it links, its roadmap
    projects, its recent changes, the organisation, the audience and the URL style), all frozen model
    objects compared by value, so a changed related service or a new commit renders the page again.
    """

    LIMIT = 50_000

    def __init__(self) -> None:
        self._bodies: dict[tuple, str] = {}

    def get(self, key: tuple) -> str | None:
        return self._bodies.get(key)

    def put(self, key: tuple, body: str) -> None:
        if len(self._bodies) >= self.LIMIT:
            self._bodies.clear()
        self._bodies[key] = body


@dataclass(frozen=True)
class RenderOptions:
    audience: str = "public"
    directory_urls: bool = True
    # source file → its recent git changes, for the "Wijzigingen" list on service pages; None: no list.
    service_changes: Callable[[str], list] | None = field(default=None, compare=False)
    # Kept by `mkdocs serve` between rebuilds; None for a one-off build.
    service_pages: ServicePageCache | None = field(default=None, compare=False)


def front_matter(**meta) -> str:
    """YAML front matter. MkDocs themes print `title` and `description` unescaped, so they are escaped here."""
    clean = {}
    for key, value in meta.items():
        if value is None:
            continue
        clean[key] = html.escape(value, quote=True) if isinstance(value, str) else value
    return "---\n" + dump_yaml(clean) + "---\n\n"


def dump_yaml(data) -> str:
    """YAML for front matter: libyaml's emitter (same output, about ten times faster than PyYAML's Python one)."""
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("loket.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        euro=fmt.euro,
        day=fmt.day,
        period=fmt.period,
        number=fmt.number,
        markdown=markdown_to_html,
        login_labels=fmt.login_labels,
        upl_label=upl.label,
        sdg_codes=upl.sdg_codes,
    )
    env.globals.update(ONLINE_LABELS=fmt.ONLINE_LABELS, AUDIENCE_LABELS=fmt.AUDIENCE_LABELS)
    return env


def service_src(service_id: str) -> str:
    return f"diensten/{service_id}.md"


def theme_src(theme_id: str) -> str:
    return f"themas/{theme_id}.md"


class SiteRenderer:
    """Renders every catalogue page for one audience. Templates compile once per process."""

    def __init__(self, catalogue: Catalogue, options: RenderOptions):
        self.catalogue = catalogue
        self.options = options
        self.env = environment()

    def render_template(self, template: str, src: str, **context) -> str:
        def link(to_src: str, anchor: str = "") -> str:
            return relative_url(src, to_src, self.options.directory_urls, anchor)

        return self.env.get_template(template).render(
            catalogue=self.catalogue,
            organisation=self.catalogue.organisation,
            internal=self.options.audience == INTERNAL,
            link=link,
            service_src=service_src,
            theme_src=theme_src,
            **context,
        )

    def service(self, service: Service) -> Page:
        src = service_src(service.id)
        context = dict(
            service=service,
            related=[self.catalogue.services[r] for r in service.gerelateerd if r in self.catalogue.services],
            themes=[self.catalogue.themes[t] for t in service.themas if t in self.catalogue.themes],
            projects=self.catalogue.projects_for_service(service.id),
            changes=self.options.service_changes(service.source)[:5] if self.options.service_changes else [],
        )
        cache = self.options.service_pages
        key = None
        if cache is not None:
            key = (*(tuple(v) if isinstance(v, list) else v for v in context.values()),
                   self.catalogue.organisation, self.options.audience, self.options.directory_urls)
        body = cache.get(key) if cache is not None else None
        if body is None:
            body = self.render_template("dienst.md.j2", src, **context)
            if cache is not None:
                cache.put(key, body)
        meta = front_matter(title=service.naam, description=service.samenvatting)
        return Page(src, meta + body, service.source)

    def theme(self, theme_id: str) -> Page:
        theme = self.catalogue.themes[theme_id]
        src = theme_src(theme_id)
        body = self.render_template("thema.md.j2", src, theme=theme, services=self.catalogue.services_in_theme(theme_id))
        return Page(src, front_matter(title=theme.naam, description=theme.beschrijving or None) + body,
                    "catalogue/themas.yml")

    def themes_index(self) -> Page:
        src = "themas/index.md"
        body = self.render_template("themas.md.j2", src, page_title="Thema's")
        return Page(src, front_matter(title="Thema's", description="Alle producten en diensten per thema.") + body,
                    "catalogue/themas.yml")

    def audience_page(self, doelgroep: str) -> Page:
        src = f"{'inwoners' if doelgroep == 'inwoner' else 'ondernemers'}.md"
        services = self.catalogue.services_for(doelgroep)
        title = "Voor inwoners" if doelgroep == "inwoner" else "Voor ondernemers"
        groups = [(theme, [s for s in services if theme.id in s.themas]) for theme in self.catalogue.themes.values()]
        body = self.render_template("doelgroep.md.j2", src, page_title=title, doelgroep=doelgroep, groups=[g for g in groups if g[1]])
        description = ("Alle producten en diensten voor inwoners." if doelgroep == "inwoner"
                       else "Alle producten en diensten voor ondernemers en organisaties.")
        return Page(src, front_matter(title=title, description=description) + body, None)

    def a_to_z(self) -> Page:
        src = "diensten/index.md"
        groups: dict[str, list[Service]] = {}
        for service in self.catalogue.services_sorted():
            letter = service.naam[:1].upper()
            letter = letter if letter.isalpha() and letter.isascii() else "#"
            groups.setdefault(letter, []).append(service)
        body = self.render_template("diensten.md.j2", src, page_title="Producten en diensten A–Z", groups=groups)
        return Page(src, front_matter(title="Producten en diensten A–Z",
                                      description="Alle producten en diensten van de gemeente op alfabet.") + body, None)

    def home(self) -> Page:
        src = "index.md"
        top = [self.catalogue.services[t] for t in self.catalogue.organisation.toptaken if t in self.catalogue.services]
        body = self.render_template("home.md.j2", src, top=top)
        org = self.catalogue.organisation
        meta = front_matter(title=org.naam, description=f"Producten en diensten van {org.naam}: regel het online of lees wat u nodig hebt.",
                            hide=["navigation", "toc"])
        return Page(src, meta + body, org.source)

    def pages(self) -> list[Page]:
        out = [self.home(), self.a_to_z(), self.themes_index(),
               self.audience_page("inwoner"), self.audience_page("ondernemer")]
        out += [self.theme(t) for t in self.catalogue.themes]
        out += [self.service(s) for s in self.catalogue.services_sorted()]
        return out


def render_pages(catalogue: Catalogue, options: RenderOptions) -> list[Page]:
    return SiteRenderer(catalogue, options).pages()
