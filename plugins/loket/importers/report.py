"""The import report: what was imported, repaired, skipped, updated, kept and lost from the feed."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

# Every class of repair, in the order the report lists them, with its Dutch label.
REPAIRS = {
    "html-omgezet": "HTML omgezet naar Markdown",
    "html-verwijderd": "scripts, formulieren of ingesloten inhoud verwijderd",
    "naam-ingekort": "titel langer dan 120 tekens ingekort (volledige titel in beschrijving)",
    "samenvatting-ingekort": "samenvatting ingekort tot 300 tekens (volledige tekst in beschrijving)",
    "samenvatting-ontbrak": "samenvatting ontbrak of herhaalde de naam (algemene zin ingevuld)",
    "http-link-vervangen": "http-link vervangen door https",
    "link-verwijderd": "link zonder webadres verwijderd (tekst bewaard)",
    "aanvraag-url-onbruikbaar": "online aan te vragen, maar zonder bruikbaar https-adres (op 'niet' gezet)",
    "aanvraag-url-bij-nee": "aanvraagURL bij onlineAanvragen 'nee' (bewaard in bron.aanvraag_url)",
    "online-onbekend": "onbekende waarde voor onlineAanvragen (op 'niet' gezet)",
    "digid-niveau-onbekend": "DigiD zonder niveau (niveau niet ingevuld)",
    "upl-placeholder": "UPL-naam nog niet beschikbaar (plaatsvervanger bewaard)",
    "upl-placeholder-naast-naam": "plaatsvervanger weggelaten naast een echte UPL-naam",
    "upl-onbekend": "UPL-URI niet in de Uniforme Productnamenlijst (weggelaten)",
    "geen-upl": "geen UPL-naam in de feed",
    "geen-product": "pagina lijkt geen product (nieuws, project)",
    "dubbele-naam": "dubbele naam (id met volgnummer)",
    "geen-thema": "geen onderwerp (thema 'overig')",
    "datum-ontbrak": "geen geldige wijzigingsdatum",
    "doelgroep-ontbrak": "geen doelgroep (inwoner gekozen)",
}


@dataclass(frozen=True)
class Skipped:
    position: int
    title: str
    reason: str


@dataclass(frozen=True)
class Conflict:
    service_id: str
    field: str


@dataclass
class Report:
    source: str
    shape: str
    records: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    disappeared: list[str] = field(default_factory=list)  # service ids whose record is no longer in the feed
    conflicts: list[Conflict] = field(default_factory=list)
    new_themes: list[str] = field(default_factory=list)
    repairs: Counter = field(default_factory=Counter)
    files_written: list[str] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)

    @property
    def share_imported(self) -> float:
        return self.imported / self.records if self.records else 1.0

    def as_json(self) -> dict:
        return {
            "bron": self.source,
            "soort": self.shape,
            "records": self.records,
            "geimporteerd": self.imported,
            "nieuw": sorted(self.created),
            "bijgewerkt": sorted(self.updated),
            "ongewijzigd": len(self.unchanged),
            "overgeslagen": [{"positie": s.position, "titel": s.title, "reden": s.reason} for s in self.skipped],
            "verdwenen": sorted(self.disappeared),
            "conflicten": [{"dienst": c.service_id, "veld": c.field} for c in self.conflicts],
            "nieuwe_themas": self.new_themes,
            "reparaties": {code: self.repairs[code] for code in REPAIRS if self.repairs[code]},
            "bestanden": sorted(self.files_written),
        }

    def text(self) -> str:
        lines = [
            f"Import uit {self.source} ({'SC-feed' if self.shape == 'feed' else 'antwoord van de zoekdienst'}): "
            f"{self.records} records, {self.imported} diensten ({self.share_imported:.1%}).",
            f"  nieuw: {len(self.created)}, bijgewerkt: {len(self.updated)}, ongewijzigd: {len(self.unchanged)}, "
            f"overgeslagen: {len(self.skipped)}",
        ]
        if self.new_themes:
            lines.append(f"  nieuwe thema's: {', '.join(self.new_themes)}")
        if any(self.repairs.values()):
            lines.append("Gerepareerd of aangevuld (aantal keer):")
            lines += [f"  {self.repairs[code]:>6}  {label}" for code, label in REPAIRS.items() if self.repairs[code]]
        if self.skipped:
            lines.append("Niet geïmporteerd:")
            lines += [f"  record {s.position} '{s.title}': {s.reason}" for s in self.skipped]
        if self.conflicts:
            lines.append("Conflicten (door een redacteur gewijzigd én in de feed veranderd; de wijziging is bewaard):")
            lines += [f"  {c.service_id}: {c.field}" for c in self.conflicts]
        if self.disappeared:
            lines.append("Niet meer in de feed (bestand bewaard; verwijder het als de dienst niet meer bestaat):")
            lines += [f"  {sid}" for sid in sorted(self.disappeared)]
        lines.append("Controleer het resultaat met: loket validate")
        return "\n".join(lines) + "\n"

    def json_text(self) -> str:
        return json.dumps(self.as_json(), ensure_ascii=False, indent=2) + "\n"
