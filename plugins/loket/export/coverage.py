"""The internal page /voortgang/upl/: what the national lists expect that the catalogue does not give yet.

Three lists: services left out of the Samenwerkende Catalogi export (with the
reason), exported services that have no UPL name yet (national search cannot match them), and UPL products that municipalities offer but the catalogue does not
describe. Internal only: the public site gets neither the page nor its nav entry.
"""

from __future__ import annotations

from .. import upl
from ..model import Catalogue
from ..render.pages import Page, RenderOptions, SiteRenderer, front_matter
from ..render.urls import file_url
from .sc import PATH as SC_PATH, NotExported, without_upl

SRC = "voortgang/upl.md"


def coverage_page(catalogue: Catalogue, options: RenderOptions, not_exported: list[NotExported]) -> Page:
    municipal, groups = upl.municipal_gaps(catalogue)
    missing = sum(len(g.products) for g in groups)
    sc_link = file_url(SRC, SC_PATH, options.directory_urls)
    body = SiteRenderer(catalogue, options).render_template(
        "voortgang-upl.md.j2", SRC, page_title="UPL en Samenwerkende Catalogi",
        sc_link=sc_link, not_exported=not_exported, without_upl=without_upl(catalogue), exported=len(catalogue.services) - len(not_exported),
        municipal=municipal, described=municipal - missing, missing=missing, groups=groups,
    )
    meta = front_matter(title="UPL en Samenwerkende Catalogi",
                        description="Welke diensten niet landelijk vindbaar zijn en welke gemeentelijke producten uit de "
                                    "Uniforme Productnamenlijst de catalogus nog niet beschrijft.")
    return Page(SRC, meta + body, None)
