"""The Uniforme Productnamenlijst (UPL): import, lookup, validation and coverage.

The official export (https://standaarden.overheid.nl/owms/oquery/UPL-actueel.csv)
has one row per product *and legal basis*. `loket upl import` merges those rows
into one entry per URI and keeps only what loket uses, in `data/upl.json`, which
the package ships: validation and builds never need the network.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import urllib.parse
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .load import Document
from .model import Catalogue
from .problems import ERROR, Problem

OFFICIAL_CSV = "https://standaarden.overheid.nl/owms/oquery/UPL-actueel.csv"
DATA_FILE = Path(__file__).resolve().parent / "data" / "upl.json"
# The list's own stand-in for "no uniform name yet": valid in SC, but not a product to describe.
PLACEHOLDER = "http://standaarden.overheid.nl/owms/terms/UPL-naam_nog_niet_beschikbaar"
_COLUMNS = ("UniformeProductnaam", "URI", "Gemeente", "Burger", "Bedrijf", "SDG")


class SourceError(Exception):
    """A reference list that cannot be read; the message is Dutch and meant for the user."""


@dataclass(frozen=True)
class UplProduct:
    uri: str
    naam: str
    gemeente: bool = False
    burger: bool = False
    bedrijf: bool = False
    sdg: tuple[str, ...] = ()

    @property
    def local_name(self) -> str:
        return urllib.parse.unquote(self.uri.rsplit("/", 1)[-1])

    def as_json(self) -> dict:
        """Only what is set: false flags and an empty SDG list are left out to keep the file small."""
        data = {"uri": self.uri, "naam": self.naam, "gemeente": self.gemeente, "burger": self.burger,
                "bedrijf": self.bedrijf, "sdg": list(self.sdg)}
        return {key: value for key, value in data.items() if value}


def read_source(file_or_url: str) -> str:
    """The text of a local file or an http(s) URL (UTF-8, a BOM is dropped)."""
    try:
        if file_or_url.startswith(("https://", "http://")):
            import urllib.request  # only `loket upl update` downloads

            with urllib.request.urlopen(file_or_url, timeout=60) as response:  # noqa: S310 (only http/https)
                raw = response.read()
        else:
            raw = Path(file_or_url).read_bytes()
    except (OSError, ValueError) as exc:
        raise SourceError(f"'{file_or_url}' kan niet worden gelezen: {exc}") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"'{file_or_url}' is geen UTF-8-tekst.") from exc


def parse_csv(text: str) -> list[UplProduct]:
    """One product per URI, flags and SDG codes merged over the legal-basis rows, sorted by URI."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    missing = [c for c in _COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise SourceError(f"Dit is geen UPL-export: de kolom(men) {', '.join(missing)} ontbreken. "
                          f"Gebruik {OFFICIAL_CSV}.")
    merged: dict[str, dict] = {}
    for row in reader:
        uri = (row["URI"] or "").strip()
        if not uri:
            continue
        entry = merged.setdefault(uri, {"naam": (row["UniformeProductnaam"] or "").strip(), "gemeente": False,
                                        "burger": False, "bedrijf": False, "sdg": set()})
        for flag, column in (("gemeente", "Gemeente"), ("burger", "Burger"), ("bedrijf", "Bedrijf")):
            entry[flag] |= (row[column] or "").strip().upper() == "X"
        entry["sdg"] |= {code.strip() for code in (row["SDG"] or "").split(";") if code.strip()}
    if not merged:
        raise SourceError("De UPL-export bevat geen producten.")
    return [UplProduct(uri, e["naam"], e["gemeente"], e["burger"], e["bedrijf"], tuple(sorted(e["sdg"])))
            for uri, e in sorted(merged.items())]


def dump(products: list[UplProduct], source: str) -> str:
    """The shipped data file: deterministic, one product per line so that refreshes diff well."""
    origin = source if source.startswith(("https://", "http://")) else Path(source).name
    lines = ",\n".join("  " + json.dumps(p.as_json(), ensure_ascii=False, separators=(",", ":")) for p in products)
    return f'{{"bron": {json.dumps(origin, ensure_ascii=False)},\n "producten": [\n{lines}\n]}}\n'


def import_upl(file_or_url: str, output: Path = DATA_FILE) -> list[UplProduct]:
    products = parse_csv(read_source(file_or_url))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(dump(products, file_or_url), encoding="utf-8")
    products_by_uri.cache_clear()
    return products


@cache
def products_by_uri() -> dict[str, UplProduct]:
    """The shipped list, read once per process."""
    data = json.loads(resources.files("loket").joinpath("data", "upl.json").read_text(encoding="utf-8"))
    return {p["uri"]: UplProduct(p["uri"], p["naam"], p.get("gemeente", False), p.get("burger", False),
                                 p.get("bedrijf", False), tuple(p.get("sdg", ())))
            for p in data["producten"]}


def sdg_codes(uri: str | None) -> tuple[str, ...]:
    """The Single Digital Gateway information areas (Annex I codes) of a product; () if it has none or is unknown."""
    product = products_by_uri().get(uri) if uri else None
    return product.sdg if product else ()


def label(uri: str | None) -> str:
    """The uniform product name for a URI; the URI's last segment if the list does not know it."""
    if not uri:
        return ""
    product = products_by_uri().get(uri)
    return product.naam if product else urllib.parse.unquote(uri.rsplit("/", 1)[-1])


def _normal(text: str) -> str:
    return urllib.parse.unquote(text).replace("_", " ").casefold().strip()


def suggestions(value: str, n: int = 3) -> list[UplProduct]:
    """Products whose local name or label is closest to `value` (a URI, a local name or a name)."""
    products = products_by_uri()
    keys: dict[str, list[UplProduct]] = {}
    for product in products.values():
        for key in {_normal(product.local_name), _normal(product.naam)}:
            keys.setdefault(key, []).append(product)
    query = _normal(value.rsplit("/", 1)[-1])
    found: list[UplProduct] = []
    for key in difflib.get_close_matches(query, list(keys), n=n * 2, cutoff=0.6):
        for product in keys[key]:
            if product not in found:
                found.append(product)
    return found[:n]


def search(term: str, limit: int = 20) -> list[UplProduct]:
    """Products whose name or local name contains every word of `term`, else the closest ones."""
    needle = _normal(term)
    words = needle.split()
    hits = [p for p in products_by_uri().values()
            if all(w in _normal(p.naam) for w in words) or needle in _normal(p.local_name)]
    hits.sort(key=lambda p: (not _normal(p.naam).startswith(needle), p.naam, p.uri))
    return hits[:limit] or suggestions(term, n=5)


def check_service(doc: Document) -> list[Problem]:
    """An error for each `upl` or `upl_aanvullend` value that is not in the list, with the closest products."""
    values = [(("upl",), doc.get(("upl",)))]
    extra = doc.get(("upl_aanvullend",))
    values += [(("upl_aanvullend", i), v) for i, v in enumerate(extra)] if isinstance(extra, list) else []
    out = []
    for path, value in values:
        if not isinstance(value, str) or value in products_by_uri():
            continue
        close = suggestions(value)
        hint = ("Bedoelt u " + " of ".join(f"'{p.naam}' ({p.uri})" for p in close) + "? ") if close else ""
        line, col = doc.where(path)
        out.append(Problem(doc.file, line, col, ERROR, "ref.unknown-upl",
                           f"'{value}' staat niet in de Uniforme Productnamenlijst.",
                           f"{hint}Zoek de juiste URI op met 'loket upl zoek WOORD'."))
    return out


@dataclass(frozen=True)
class CoverageGroup:
    title: str
    products: tuple[UplProduct, ...]


def municipal_gaps(catalogue: Catalogue) -> tuple[int, list[CoverageGroup]]:
    """UPL products marked as offered by municipalities that no service describes yet.

    Returns the number of municipal products and the missing ones, grouped: first
    those with an SDG code (the EU Single Digital Gateway obliges information on
    them), then the rest by audience.
    """
    municipal = [p for p in products_by_uri().values() if p.gemeente and p.uri != PLACEHOLDER]
    described = {uri for s in catalogue.services.values() for uri in (s.upl, *s.upl_aanvullend)}
    missing = sorted((p for p in municipal if p.uri not in described), key=lambda p: (p.naam.casefold(), p.uri))
    groups = [
        ("Met SDG-code (Single Digital Gateway)", lambda p: bool(p.sdg)),
        ("Voor inwoners en ondernemers", lambda p: p.burger and p.bedrijf),
        ("Alleen voor inwoners", lambda p: p.burger and not p.bedrijf),
        ("Alleen voor ondernemers", lambda p: p.bedrijf and not p.burger),
        ("Zonder doelgroep in de lijst", lambda p: True),
    ]
    out: list[CoverageGroup] = []
    remaining = missing
    for title, belongs in groups:
        chosen = [p for p in remaining if belongs(p)]
        remaining = [p for p in remaining if not belongs(p)]
        if chosen:
            out.append(CoverageGroup(title, tuple(chosen)))
    return len(municipal), out
