"""The OWMS municipality list (overheid:Gemeente) as shipped facts: name, URI, end date.

`data/gemeenten.json` is `dump(parse_owms_list(Gemeente.xml))`; `loket owms` and
`loket init` read it, so neither needs the network. Refresh it from
https://standaarden.overheid.nl/owms/terms/Gemeente.xml with `refresh(...)`
(tests regenerate it from the reference copy and compare byte for byte). A municipality is
looked up here by name because its URI cannot be constructed from it
(`Utrecht_(gemeente)` but `Amsterdam`, `'s-Gravenhage`).
"""

from __future__ import annotations

import difflib
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ..upl import SourceError

OWMS_LIST = "https://standaarden.overheid.nl/owms/terms/Gemeente.xml"
DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "gemeenten.json"


class UnknownMunicipality(Exception):
    """No current municipality by that name; the message is Dutch and suggests what was meant."""


@dataclass(frozen=True)
class Municipality:
    label: str
    uri: str
    ended: str | None = None


def parse_owms_list(text: str) -> list[Municipality]:
    """The OWMS value list overheid:Gemeente (XML: value/prefLabel, resourceIdentifier, endDate)."""
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        raise SourceError(f"De OWMS-lijst is geen geldige XML: {exc}.") from exc
    out = []
    for value in root.iter("value"):
        label, uri = value.findtext("prefLabel"), value.findtext("resourceIdentifier")
        if label and uri:
            out.append(Municipality(label.strip(), uri.strip(), (value.findtext("endDate") or "").strip() or None))
    if not out:
        raise SourceError("De OWMS-lijst bevat geen gemeenten (verwacht: <value><prefLabel>…<resourceIdentifier>…).")
    return out


def find_municipalities(term: str, municipalities: list[Municipality]) -> list[Municipality]:
    """Names containing `term` (current ones first), else the closest names."""
    needle = term.casefold().strip()
    hits = [m for m in municipalities if needle in m.label.casefold()]
    if not hits:
        close = set(difflib.get_close_matches(needle, [m.label.casefold() for m in municipalities], n=5, cutoff=0.6))
        hits = [m for m in municipalities if m.label.casefold() in close]
    return sorted(hits, key=lambda m: (m.ended is not None, m.label.casefold() != needle, m.label, m.uri))


def dump(municipalities: list[Municipality]) -> str:
    rows = sorted(municipalities, key=lambda m: (m.label.casefold(), m.uri))
    lines = ",\n".join("  " + json.dumps({"naam": m.label, "uri": m.uri, **({"einde": m.ended} if m.ended else {})},
                                         ensure_ascii=False, separators=(",", ":")) for m in rows)
    return '{"bron": "Gemeente.xml (OWMS-waardelijst overheid:Gemeente)",\n "gemeenten": [\n' + lines + "\n]}\n"


def refresh(owms_xml_text: str, output: Path = DATA_FILE) -> list[Municipality]:
    found = parse_owms_list(owms_xml_text)
    output.write_text(dump(found), encoding="utf-8")
    shipped.cache_clear()
    return found


@cache
def shipped() -> tuple[Municipality, ...]:
    data = json.loads(resources.files("loket").joinpath("data", "gemeenten.json").read_text(encoding="utf-8"))
    return tuple(Municipality(m["naam"], m["uri"], m.get("einde")) for m in data["gemeenten"])


def _key(name: str) -> str:
    text = " ".join(name.replace("-", " ").split()).casefold()
    return text.removeprefix("gemeente ")


def lookup(name: str) -> Municipality:
    """The current municipality called `name` (case, hyphens and a leading 'Gemeente' do not matter)."""
    everything = shipped()
    wanted = _key(name)
    exact = [m for m in everything if _key(m.label) == wanted]
    current = [m for m in exact if not m.ended]
    if current:
        return current[0]
    if exact:
        ended = exact[0]
        raise UnknownMunicipality(f"De gemeente {ended.label} is opgeheven per {ended.ended}. "
                                  "Kies de gemeente die er nu bestaat (zoek met 'loket owms NAAM').")
    labels = [m.label for m in everything if not m.ended]
    close = difflib.get_close_matches(name.strip(), labels, n=3, cutoff=0.6) or \
        [m.label for m in find_municipalities(name, list(everything)) if not m.ended][:3]
    hint = f" Bedoelt u {' of '.join(close)}?" if close else " Zoek de naam op met 'loket owms NAAM'."
    raise UnknownMunicipality(f"'{name}' staat niet in de lijst van gemeenten (OWMS, overheid:Gemeente).{hint}")
