"""The Samenwerkende Catalogi (SC) 4.0 export that overheid.nl harvests every day.

One `scproduct` per service, with everything the SC norm requires even where the
XSD leaves it optional (audience, abstract, spatial/authority, scmeta). A service
that cannot be exported is returned with the reason, never dropped silently.
"""

from __future__ import annotations

import urllib.parse
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .. import upl
from ..model import ONLINE_LIVE, Catalogue, Organisation, Service
from ..problems import WARNING, Problem
from .context import ExportContext

PRODUCT = "http://standaarden.overheid.nl/product/terms/"
OVERHEID = "http://standaarden.overheid.nl/owms/terms/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{PRODUCT} http://standaarden.overheid.nl/sc/4.0/xsd/sc.xsd"
PATH = "export/samenwerkende-catalogi.xml"
AUDIENCES = {"inwoner": "particulier", "ondernemer": "ondernemer"}

for _prefix, _uri in (("overheidproduct", PRODUCT), ("overheid", OVERHEID), ("dcterms", DCTERMS), ("xsi", XSI)):
    ET.register_namespace(_prefix, _uri)


@dataclass(frozen=True)
class NotExported:
    service_id: str
    source: str
    reason: str


def online_aanvragen(service: Service) -> str:
    """SC has no value for eHerkenning or eIDAS: only DigiD is named, anything else online is 'ja'."""
    if service.online != ONLINE_LIVE:
        return "nee"
    return "digid" if service.inloggen.digid != "geen" else "ja"


def owms_label(uri: str) -> str:
    """'…/terms/Lindewaard_(gemeente)' → 'Lindewaard': the label that goes with the resource URI."""
    name = urllib.parse.unquote(uri.rsplit("/", 1)[-1]).replace("_", " ")
    return name.removesuffix(" (gemeente)")


def _reason(service: Service, organisation: Organisation) -> str | None:
    """Why a service cannot be exported at all. A missing UPL name is no reason: SC 4.0 makes
    uniformeProductnaam optional (0..n), and leaving such services out would make them vanish from
    overheid.nl; the coverage page lists them as work to do (`without_upl`)."""
    if not organisation.owms_uri:
        return "in catalogue/organisatie.yml ontbreekt 'owms_uri'"
    return None


def without_upl(catalogue: Catalogue) -> list[NotExported]:
    """Exported services that national search cannot match yet: no UPL name, or only the placeholder."""
    out = []
    for service in sorted(catalogue.services.values(), key=lambda s: s.id):
        if not service.upl:
            out.append(NotExported(service.id, service.source, "er is geen UPL-productnaam ('upl')"))
        elif service.upl == upl.PLACEHOLDER and not service.upl_aanvullend:
            out.append(NotExported(service.id, service.source, "alleen de plaatsvervanger 'UPL-naam nog niet beschikbaar'"))
    return out


def _el(parent: ET.Element, ns: str, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ns}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _product(root: ET.Element, service: Service, organisation: Organisation, ctx: ExportContext) -> None:
    product = _el(root, PRODUCT, "scproduct", **{"owms-version": "4.0"})
    meta = _el(product, PRODUCT, "meta")
    core = _el(meta, PRODUCT, "owmskern")
    _el(core, DCTERMS, "identifier", ctx.service_url(service))
    _el(core, DCTERMS, "title", service.naam)
    _el(core, DCTERMS, "language", "nl")
    _el(core, DCTERMS, "type", "productbeschrijving", scheme="overheid:Informatietype")
    _el(core, DCTERMS, "modified", ctx.modified(service).isoformat())
    area = owms_label(organisation.owms_uri)
    _el(core, DCTERMS, "spatial", area, scheme="overheid:Gemeente", resourceIdentifier=organisation.owms_uri)
    _el(core, OVERHEID, "authority", area, scheme="overheid:Gemeente", resourceIdentifier=organisation.owms_uri)
    mantle = _el(meta, PRODUCT, "owmsmantel")
    for doelgroep in service.doelgroep:
        _el(mantle, DCTERMS, "audience", AUDIENCES[doelgroep], scheme="overheid:Doelgroep")
    _el(mantle, DCTERMS, "abstract", service.samenvatting)
    sc = _el(meta, PRODUCT, "scmeta")
    _el(sc, PRODUCT, "productID", service.id)
    _el(sc, PRODUCT, "onlineAanvragen", online_aanvragen(service))
    if service.online == ONLINE_LIVE and service.url:
        _el(sc, PRODUCT, "aanvraagURL", resourceIdentifier=service.url)
    known = upl.products_by_uri()  # validation refuses unknown URIs; a build without --strict still must not export them
    for uri in (service.upl, *service.upl_aanvullend):
        if uri and uri in known:
            _el(sc, PRODUCT, "uniformeProductnaam", upl.label(uri), scheme="overheid:UniformeProductnaam",
                resourceIdentifier=uri)
    _el(product, PRODUCT, "body")


def sc_export(catalogue: Catalogue, ctx: ExportContext) -> tuple[bytes, list[NotExported]]:
    """The SC 4.0 XML of every exportable service (sorted by id) and the services left out, with why."""
    root = ET.Element(f"{{{PRODUCT}}}scproducten", {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    skipped = []
    for service in sorted(catalogue.services.values(), key=lambda s: s.id):
        reason = _reason(service, catalogue.organisation)
        if reason:
            skipped.append(NotExported(service.id, service.source, reason))
        else:
            _product(root, service, catalogue.organisation, ctx)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n", skipped


def sc_problems(skipped: list[NotExported], organisation: Organisation) -> list[Problem]:
    """Warnings for the build log: one for a missing OWMS URI (it blocks every service), else one per service."""
    if not skipped:
        return []
    if not organisation.owms_uri:
        return [Problem(organisation.source, 1, 1, WARNING, "export.sc-no-owms",
                        f"Geen enkele dienst komt in de Samenwerkende Catalogi-export: 'owms_uri' ontbreekt ({len(skipped)} diensten).",
                        "Zoek de URI van de gemeente op met 'loket owms NAAM' en zet die als 'owms_uri' in organisatie.yml.")]
    return [Problem(item.source, 1, 1, WARNING, "export.sc-skipped",
                    f"Dienst '{item.service_id}' komt niet in de Samenwerkende Catalogi-export: {item.reason}.",
                    "Vul een geldige 'upl' in (zoek met 'loket upl zoek WOORD'); dan wordt de dienst landelijk vindbaar.")
            for item in skipped]
