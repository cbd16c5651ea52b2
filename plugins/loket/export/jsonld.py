"""schema.org JSON-LD for search engines: a GovernmentService per service page, a GovernmentOrganization on the home page.

The data travels as the front-matter key `loket_jsonld`; the theme override
(`overrides/main.html`) prints it with Jinja's `tojson`, which escapes `<`, `>`,
`&` and `'` so that no text from YAML can close the `<script>` element.
"""

from __future__ import annotations

from dataclasses import replace

import yaml

from .. import upl
from ..model import ONLINE_LIVE, Catalogue, Organisation, Service
from ..render.pages import Page, service_src
from .context import ExportContext
from .sc import owms_label

META_KEY = "loket_jsonld"
AUDIENCE_TYPES = {"inwoner": ("PeopleAudience", "inwoners"), "ondernemer": ("BusinessAudience", "ondernemers")}


def _organisation(organisation: Organisation) -> dict:
    data = {"@type": "GovernmentOrganization", "name": organisation.naam, "url": organisation.website}
    if organisation.owms_uri:
        data["sameAs"] = organisation.owms_uri
    return data


def _area(organisation: Organisation) -> dict:
    if organisation.owms_uri:
        return {"@type": "AdministrativeArea", "name": owms_label(organisation.owms_uri), "sameAs": organisation.owms_uri}
    return {"@type": "AdministrativeArea", "name": organisation.naam.removeprefix("Gemeente ")}


def service_jsonld(service: Service, catalogue: Catalogue, ctx: ExportContext) -> dict:
    organisation = catalogue.organisation
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": service.naam,
        "description": service.samenvatting,
        "url": ctx.service_url(service),
        "provider": _organisation(organisation),
        "areaServed": _area(organisation),
        "audience": [{"@type": kind, "audienceType": label} for kind, label in
                     (AUDIENCE_TYPES[d] for d in service.doelgroep)],
        # A page that says "no costs" offers the service for free; say so rather than say nothing.
        "offers": [{"@type": "Offer", "name": k.omschrijving, "price": f"{k.bedrag:.2f}", "priceCurrency": "EUR"}
                   for k in service.kosten] or [{"@type": "Offer", "price": "0.00", "priceCurrency": "EUR"}],
    }
    if service.upl:
        data["serviceType"] = upl.label(service.upl)
    if service.online == ONLINE_LIVE and service.url:
        # schema.org puts serviceUrl on the channel through which the service is used.
        data["availableChannel"] = {"@type": "ServiceChannel", "name": "Online regelen", "serviceUrl": service.url}
    return data


def organisation_jsonld(catalogue: Catalogue, ctx: ExportContext) -> dict:
    organisation = catalogue.organisation
    data = {"@context": "https://schema.org", **_organisation(organisation), "areaServed": _area(organisation)}
    contact = organisation.contact
    for key, value in (("telephone", contact.telefoon), ("email", contact.email), ("address", contact.adres)):
        if value:
            data[key] = value
    return data


def with_meta(page: Page, key: str, value) -> Page:
    """The page with one more front-matter key, added at the end of its front-matter block."""
    end = page.markdown.find("\n---\n", 3) if page.markdown.startswith("---\n") else -1
    if end < 0:
        raise ValueError(f"{page.src} has no front matter")
    block = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=10_000)
    return replace(page, markdown=page.markdown[: end + 1] + block + page.markdown[end + 1:])


def add_jsonld(pages: list[Page], catalogue: Catalogue, ctx: ExportContext) -> list[Page]:
    """Service pages and the home page with their JSON-LD; other pages unchanged."""
    by_src = {service_src(s.id): s for s in catalogue.services.values()}
    out = []
    for page in pages:
        if page.src in by_src:
            page = with_meta(page, META_KEY, service_jsonld(by_src[page.src], catalogue, ctx))
        elif page.src == "index.md":
            page = with_meta(page, META_KEY, organisation_jsonld(catalogue, ctx))
        out.append(page)
    return out
