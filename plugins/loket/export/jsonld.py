"""schema.org JSON-LD for search engines: a GovernmentService per service page, a GovernmentOrganization on the home page.

`jsonld_by_page` returns, per page, the JSON text ready to sit inside
`<script type="application/ld+json">`: `<`, `>`, `&` and `'` are written as
\\u003c etc., so no text from YAML can end the element or open a comment. The
MkDocs adapter puts it in `page.meta["loket_jsonld"]`, which the theme override
(`overrides/main.html`) prints in the head; `loket render` writes the same text
into the front matter (`with_jsonld`) for other engines.
"""

from __future__ import annotations

import json
from dataclasses import replace

from .. import upl
from ..i18n import english_service_src
from ..i18n.strings import AUDIENCE_LABELS as ENGLISH_AUDIENCES
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


def english_service_jsonld(service: Service, catalogue: Catalogue, ctx: ExportContext) -> dict:
    """The same facts as the Dutch GovernmentService, with the English texts and address, marked inLanguage en."""
    english = service.en
    data = service_jsonld(service, catalogue, ctx)
    data.update(name=english.naam, description=english.samenvatting, url=ctx.url(english_service_src(service.id)),
                inLanguage="en")
    data["audience"] = [{"@type": AUDIENCE_TYPES[d][0], "audienceType": ENGLISH_AUDIENCES[d]} for d in service.doelgroep]
    if service.kosten:
        data["offers"] = [{"@type": "Offer", "name": text, "price": f"{cost.bedrag:.2f}", "priceCurrency": "EUR"}
                          for text, cost in zip(english.kosten, service.kosten)]
    if "availableChannel" in data:
        data["availableChannel"]["name"] = "Apply online"
    return data


def organisation_jsonld(catalogue: Catalogue, ctx: ExportContext) -> dict:
    organisation = catalogue.organisation
    data = {"@context": "https://schema.org", **_organisation(organisation), "areaServed": _area(organisation)}
    contact = organisation.contact
    for key, value in (("telephone", contact.telefoon), ("email", contact.email), ("address", contact.adres)):
        if value:
            data[key] = value
    return data


def script_json(data: dict) -> str:
    """JSON that is safe inside a <script> element (and inside a single-quoted YAML scalar: one line, no ')."""
    text = json.dumps(data, ensure_ascii=True, separators=(", ", ": "))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


def jsonld_by_page(catalogue: Catalogue, ctx: ExportContext) -> dict[str, str]:
    """src → JSON-LD text for every service page (Dutch, and English where there is English text) and the home page."""
    out = {service_src(s.id): script_json(service_jsonld(s, catalogue, ctx)) for s in catalogue.services.values()}
    out["index.md"] = script_json(organisation_jsonld(catalogue, ctx))
    out.update({english_service_src(s.id): script_json(english_service_jsonld(s, catalogue, ctx))
                for s in catalogue.services.values() if s.en is not None})
    return out


def with_jsonld(page: Page, text: str | None) -> Page:
    """The page with `loket_jsonld` added to its front matter (for engines that run without the plugin)."""
    end = page.markdown.find("\n---\n", 3) if page.markdown.startswith("---\n") else -1
    if text is None or end < 0:
        return page
    return replace(page, markdown=f"{page.markdown[: end + 1]}{META_KEY}: '{text}'\n{page.markdown[end + 1:]}")
