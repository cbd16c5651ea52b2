"""Open data and interoperability for one build target.

Every export is made from the public view of the catalogue, on the internal site
too, so an export is the same file wherever it is downloaded and can never carry
internal data. `open_data` gathers what site.py adds to a build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..audience import INTERNAL, public_view
from ..model import Catalogue
from ..problems import Problem
from ..render.pages import Page, RenderOptions
from . import opendata, robots, sc
from .context import export_context
from .coverage import SRC as COVERAGE_SRC, coverage_page
from .jsonld import jsonld_by_page


@dataclass
class OpenData:
    pages: list[Page] = field(default_factory=list)
    files: list[tuple[str, str | bytes]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    withheld: set[str] = field(default_factory=set)
    # src → JSON-LD text for the page's <head> (service pages and the home page).
    jsonld: dict[str, str] = field(default_factory=dict)


def open_data(full: Catalogue, *, root: Path, audience: str, site_url: str | None,
              directory_urls: bool = True) -> OpenData:
    """The export files and robots.txt, JSON-LD per page, and the internal UPL page.

    `full` is the whole catalogue as loaded; only its public view is exported.
    """
    catalogue = public_view(full)
    ctx = export_context(root, catalogue, site_url, directory_urls)
    xml, not_exported = sc.sc_export(catalogue, ctx)
    out = OpenData(problems=sc.sc_problems(not_exported, catalogue.organisation), jsonld=jsonld_by_page(catalogue, ctx))
    records = opendata.service_records(catalogue, ctx)
    out.files = [
        (sc.PATH, xml),
        (opendata.JSON_PATH, opendata.services_json(records, catalogue, ctx)),
        (opendata.SCHEMA_PATH, opendata.schema_json(ctx)),
        (opendata.CSV_PATH, opendata.services_csv(records)),
        (robots.PATH, robots.robots_txt(audience, ctx.base_url if site_url else None)),
    ]
    if audience == INTERNAL:
        out.pages.append(coverage_page(full, RenderOptions(audience=audience, directory_urls=directory_urls), not_exported))
    else:
        out.withheld.add(COVERAGE_SRC)
    return out
