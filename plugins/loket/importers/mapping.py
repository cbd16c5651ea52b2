"""One SC record → the values of one service file, and what was repaired on the way.

The mapping table in the README ("Importing an existing catalogue") is this module
in words. Nothing here reads or writes files; ids and collisions are decided by
the caller, which sees the whole feed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from .. import upl
from ..new import slugify
from .sc import ScRecord
from .text import cut_summary, decode_entities, html_to_markdown, normalise_space, repair_url

TAXONOMY = "TaxonomieBeleidsagenda"
FALLBACK_THEME = ("overig", "Overige onderwerpen")
FALLBACK_DATE = "2000-01-01"
AUDIENCES = {"particulier": "inwoner", "ondernemer": "ondernemer"}
ID_MAX = 80
# Pages that municipalities put in their product feed although they are no product.
_NOT_A_PRODUCT = re.compile(r"/(nieuws|nieuwsberichten|actueel|persberichten|projecten|project|blog|agenda)(/|$|\?)", re.I)


@dataclass
class Mapped:
    """A record's service values (without id), its provenance and the repairs made."""

    record: ScRecord
    data: dict = field(default_factory=dict)
    bron: dict = field(default_factory=dict)
    themes: dict[str, str] = field(default_factory=dict)  # theme id → name, for themas.yml
    repairs: Counter = field(default_factory=Counter)
    skipped: str | None = None  # why the record is not imported

    @property
    def key(self) -> str:
        return self.record.product_id or self.record.identifier

    def flag(self, code: str, count: int = 1) -> None:
        """A repair an editor should look at: counted, and kept as a validate warning in `bron.meldingen`."""
        self.repairs[code] += count
        meldingen = self.bron.setdefault("meldingen", [])
        if code not in meldingen:
            meldingen.append(code)


def base_id(name: str) -> str:
    slug = slugify(name)[:ID_MAX].strip("-")
    if len(slug) == ID_MAX and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug or "dienst"


def theme_id(name: str) -> str:
    return slugify(name)[:ID_MAX].strip("-") or FALLBACK_THEME[0]


def _date(text: str) -> str | None:
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def map_record(record: ScRecord) -> Mapped:
    out = Mapped(record)
    naam = normalise_space(decode_entities(record.title))
    if len(naam) < 3:
        out.skipped = "geen titel (dcterms:title is leeg of korter dan 3 tekens)"
        return out
    data = out.data
    full_title = None
    if len(naam) > 120:  # a sentence rather than a name: shortened, the whole title kept in the description
        full_title = naam
        naam = naam[:119].rsplit(" ", 1)[0].rstrip(" ,;:-–(") + "…"
        out.flag("naam-ingekort")
    data["naam"] = naam

    abstract = html_to_markdown(record.abstract, record.identifier)
    body = html_to_markdown(record.body_html, record.identifier) if record.body_html else None
    for converted in (abstract, body):
        if converted is None:
            continue
        if converted.had_html:
            out.repairs["html-omgezet"] += 1
        if converted.removed:
            out.flag("html-verwijderd")
        if converted.http_links:
            out.flag("http-link-vervangen", converted.http_links)
        if converted.dropped_links:
            out.flag("link-verwijderd", converted.dropped_links)
    plain = abstract.plain
    if len(plain) < 10 or plain.casefold().rstrip(".") == naam.casefold().rstrip("."):
        data["samenvatting"] = f"Informatie over {naam[0].lower() + naam[1:] if naam[1:2].islower() else naam}."
        out.flag("samenvatting-ontbrak")
        cut = False
    else:
        data["samenvatting"], cut = cut_summary(plain)
        if cut:
            out.flag("samenvatting-ingekort")
    description = [full_title.replace("*", "\\*")] if full_title else []
    description += [abstract.markdown] if cut else []  # the summary holds all of a short abstract
    if body and body.markdown:
        description.append(body.markdown)
    if description:
        data["beschrijving"] = "\n\n".join(description)

    _map_upl(record, out)

    audiences = [AUDIENCES[a] for a in ("particulier", "ondernemer") if a in record.audiences]
    if not audiences:
        audiences = ["inwoner"]
        out.flag("doelgroep-ontbrak")
    data["doelgroep"] = audiences

    themes, keywords = [], []
    for scheme, text in record.subjects:
        name = normalise_space(decode_entities(text))
        if not name:
            continue
        if scheme.endswith(TAXONOMY) and 2 <= len(name) <= 80:
            tid = theme_id(name)
            if tid not in themes:
                themes.append(tid)
                out.themes[tid] = name
        elif 2 <= len(name) <= 60 and name.casefold() != naam.casefold() and name not in keywords:
            keywords.append(name)
    if not themes:
        themes = [FALLBACK_THEME[0]]
        out.themes[FALLBACK_THEME[0]] = FALLBACK_THEME[1]
        out.flag("geen-thema")
    data["themas"] = themes
    if keywords:
        data["trefwoorden"] = keywords

    data["aanvragen"] = _map_online(record, out)
    modified = _date(record.modified)
    if modified is None:
        modified = FALLBACK_DATE
        out.flag("datum-ontbrak")
    data["gecontroleerd_op"] = modified

    if _NOT_A_PRODUCT.search(record.identifier):
        out.flag("geen-product")

    bron = {"sc_identifier": record.identifier} if record.identifier else {}
    if record.product_id:
        bron["product_id"] = record.product_id
    out.bron = bron | out.bron
    return out


def _normal_upl_uri(uri: str) -> str:
    uri = uri.strip()
    if uri.startswith("https://standaarden.overheid.nl/"):
        uri = "http://" + uri[len("https://"):]
    return uri.rstrip("/")


def _map_upl(record: ScRecord, out: Mapped) -> None:
    known = upl.products_by_uri()
    kept: list[str] = []
    dropped: list[str] = []
    for name in record.upl:
        uri = _normal_upl_uri(name.uri)
        if uri in known:
            if uri not in kept:
                kept.append(uri)
        elif name.uri or name.label:
            dropped.append(name.uri or name.label)
    real = [uri for uri in kept if uri != upl.PLACEHOLDER]
    if real and upl.PLACEHOLDER in kept:
        out.repairs["upl-placeholder-naast-naam"] += 1  # a real name makes the placeholder meaningless
    if real:
        out.data["upl"] = real[0]
        if real[1:]:
            out.data["upl_aanvullend"] = real[1:]
    elif kept:
        out.data["upl"] = upl.PLACEHOLDER
        out.flag("upl-placeholder")
    else:
        out.repairs["geen-upl"] += 1
    if dropped:
        out.flag("upl-onbekend", len(dropped))
        out.bron["upl_verwijderd"] = dropped


def _map_online(record: ScRecord, out: Mapped) -> dict:
    if record.online not in ("ja", "digid"):
        if record.online != "nee":
            out.repairs["online-onbekend"] += 1
        if record.application_url:
            out.repairs["aanvraag-url-bij-nee"] += 1
            out.bron["aanvraag_url"] = record.application_url
        return {"online": "niet"}
    url, repairs = repair_url(record.application_url or "", record.identifier)
    if url is None:
        out.flag("aanvraag-url-onbruikbaar")
        if record.application_url:
            out.bron["aanvraag_url"] = record.application_url
        return {"online": "niet"}
    if "http" in repairs:
        out.flag("http-link-vervangen")
    apply = {"online": "live", "url": url}
    if record.online == "digid":
        apply["toelichting"] = "U logt in met DigiD."
        out.flag("digid-niveau-onbekend")
    return apply
