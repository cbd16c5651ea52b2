"""Open-data exports of the public catalogue: JSON (with a published JSON Schema) and CSV.

Callers pass the public view of the catalogue (audience.public_view), so nothing
internal can end up here; the record below names every field on purpose rather
than dumping the model, so a new internal field never leaks by default.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from importlib import resources

from .. import upl
from ..i18n import english_service_src
from ..model import Catalogue, Service
from .context import ExportContext

FORMAT_VERSION = "1.1"  # 1.1: the English text (`en`)
LICENCE = "https://creativecommons.org/publicdomain/zero/1.0/"
JSON_PATH = "export/diensten.json"
SCHEMA_PATH = "export/diensten.schema.json"
CSV_PATH = "export/diensten.csv"
# Lists inside one CSV cell. Not ';' (the column separator) and not ',' (common inside texts).
LIST_SEPARATOR = " | "


def _amount(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def service_record(service: Service, catalogue: Catalogue, ctx: ExportContext) -> dict:
    return {
        "id": service.id,
        "naam": service.naam,
        "samenvatting": service.samenvatting,
        "beschrijving": service.beschrijving,
        "url": ctx.service_url(service),
        "upl": {"uri": service.upl, "naam": upl.label(service.upl)} if service.upl else None,
        "doelgroep": list(service.doelgroep),
        "themas": [{"id": t, "naam": catalogue.themes[t].naam} for t in service.themas if t in catalogue.themes],
        "trefwoorden": list(service.trefwoorden),
        "aanvragen": {"online": service.online, "url": service.url, "gepland": service.gepland,
                      "toelichting": service.toelichting},
        "inloggen": {"digid": service.inloggen.digid, "eherkenning": service.inloggen.eherkenning,
                     "eidas": service.inloggen.eidas, "machtigen": service.inloggen.machtigen},
        "kosten": [{"omschrijving": k.omschrijving, "bedrag": _amount(k.bedrag)} for k in service.kosten],
        "voorwaarden": list(service.voorwaarden),
        "nodig": list(service.nodig),
        "termijn": service.termijn,
        "wetgeving": [{"titel": w.titel, "url": w.url} for w in service.wetgeving],
        "gerelateerd": [r for r in service.gerelateerd if r in catalogue.services],
        "gecontroleerd_op": service.gecontroleerd_op.isoformat(),
        "gewijzigd_op": ctx.modified(service).isoformat(),
        "en": _english(service, ctx),
    }


def _english(service: Service, ctx: ExportContext) -> dict | None:
    english = service.en
    if english is None:
        return None
    return {
        "naam": english.naam,
        "samenvatting": english.samenvatting,
        "beschrijving": english.beschrijving,
        "url": ctx.url(english_service_src(service.id)),
        "trefwoorden": list(english.trefwoorden),
        "toelichting": english.toelichting,
        "kosten": [{"omschrijving": text, "bedrag": _amount(cost.bedrag)}
                   for text, cost in zip(english.kosten, service.kosten)],
        "voorwaarden": list(english.voorwaarden),
        "nodig": list(english.nodig),
        "termijn": english.termijn,
    }


def service_records(catalogue: Catalogue, ctx: ExportContext) -> list[dict]:
    """Every service as an export record, sorted by id; the JSON and the CSV are both written from these."""
    return [service_record(s, catalogue, ctx) for s in sorted(catalogue.services.values(), key=lambda s: s.id)]


def services_json(records: list[dict], catalogue: Catalogue, ctx: ExportContext) -> str:
    """One service per line: readable and diffable, and written by json's C encoder (indent= would not use it)."""
    organisation = catalogue.organisation
    head = {
        "$schema": ctx.base_url + SCHEMA_PATH,
        "versie": FORMAT_VERSION,
        "licentie": LICENCE,
        "peildatum": ctx.reference.isoformat(),
        "organisatie": {"naam": organisation.naam, "website": organisation.website, "owms_uri": organisation.owms_uri},
        "aantal": len(records),
    }
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    return json.dumps(head, ensure_ascii=False)[:-1] + ',\n "diensten": [\n' + ",\n".join(lines) + "\n]}\n"


def schema_json(ctx: ExportContext) -> str:
    """The shipped JSON Schema, with `$id` set to the address it is published at."""
    text = resources.files("loket").joinpath("schema", "export-diensten.schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    published = {"$schema": schema.pop("$schema"), "$id": ctx.base_url + SCHEMA_PATH, **schema}
    return json.dumps(published, ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = ("id", "naam", "samenvatting", "url", "upl_uri", "upl_naam", "doelgroep", "themas", "trefwoorden",
               "online", "aanvraag_url", "gepland", "digid", "eherkenning", "eidas", "machtigen", "kosten",
               "termijn", "gecontroleerd_op", "gewijzigd_op")


def _cell(value: str) -> str:
    """Text that Excel would run as a formula (=, +, -, @) gets a leading apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _euro(amount: int | float) -> str:
    return f"{Decimal(str(amount)):.2f}".replace(".", ",")


def _row(record: dict) -> dict:
    apply, login = record["aanvragen"], record["inloggen"]
    return {
        **{key: record[key] for key in ("id", "naam", "samenvatting", "url", "termijn", "gecontroleerd_op", "gewijzigd_op")},
        "upl_uri": record["upl"]["uri"] if record["upl"] else None,
        "upl_naam": record["upl"]["naam"] if record["upl"] else None,
        "doelgroep": LIST_SEPARATOR.join(record["doelgroep"]),
        "themas": LIST_SEPARATOR.join(t["naam"] for t in record["themas"]),
        "trefwoorden": LIST_SEPARATOR.join(record["trefwoorden"]),
        "online": apply["online"],
        "aanvraag_url": apply["url"],
        "gepland": apply["gepland"],
        **{key: login[key] for key in ("digid", "eherkenning", "eidas")},
        "machtigen": "ja" if login["machtigen"] else "nee",
        "kosten": LIST_SEPARATOR.join(f"{k['omschrijving']}: {_euro(k['bedrag'])}" for k in record["kosten"]),
    }


def services_csv(records: list[dict]) -> bytes:
    """One row per service, for spreadsheets: UTF-8 with BOM, ';' separated, decimal comma (Dutch Excel)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        row = _row(record)
        writer.writerow([_cell(row[c] or "") for c in CSV_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
