"""`loket new dienst "<naam>"`: a new service file that guides the editor and validates as written.

Every field of the schema appears in the file: required ones with a value that
passes validation, optional ones commented out with an example, each with a
Dutch explanation. A test keeps this list in step with dienst.schema.json.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .catalogue import ID_PATTERN
from .load import load_file
from .problems import ERROR, Problem

# Characters NFKD does not take apart into ASCII; Dutch "ĳ" does decompose ("ij").
_SPECIAL = {"&": " en ", "+": " plus ", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "@": " at "}


def slugify(name: str) -> str:
    """'Café & Terras' → 'cafe-en-terras': lower-case ASCII letters, digits and single hyphens."""
    text = name.strip().lower()
    for char, replacement in _SPECIAL.items():
        text = text.replace(char, replacement)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['’`]", "", text)  # "thema's" → "themas", not "thema-s"
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _yaml_scalar(value: str) -> str:
    """A string as a YAML scalar: plain where that is safe, quoted where YAML needs it."""
    dumped = yaml.safe_dump([value], allow_unicode=True, default_flow_style=True, width=10_000).strip()
    return dumped[1:-1]


SCHEMA_LINE = "# yaml-language-server: $schema=../../plugins/loket/schema/dienst.schema.json"

TEMPLATE = """\
{schema_line}
# Een nieuwe dienst. Velden met een # ervoor zijn uitgeschakeld: haal het # weg om ze te gebruiken.
# Spring in met twee spaties (geen tabs). Controleer uw werk met: loket validate
# Uitleg van alle velden: zie "Velden van een dienst" in de README.

# Naam zoals inwoners en ondernemers hem zoeken, liefst met een werkwoord ("Paspoort aanvragen").
naam: {naam}

# Eén of twee zinnen gewone tekst, hoogstens 300 tekens. Staat in zoekresultaten en overzichten.
samenvatting: {samenvatting}

# Uitleg in Markdown: alinea's, lijstjes, **vet** en https-links. Geen HTML.
# beschrijving: |
#   Zo werkt het: ...

# De URI uit de Uniforme Productnamenlijst (nodig voor landelijke vindbaarheid).
# upl: http://standaarden.overheid.nl/owms/terms/...
# Meer UPL-URI's als de dienst meer producten omvat.
# upl_aanvullend: [http://standaarden.overheid.nl/owms/terms/...]

# Voor wie: inwoner, ondernemer of allebei ([inwoner, ondernemer]).
doelgroep: [inwoner]

# Eén of meer thema-id's uit catalogue/themas.yml. Alle thema's: {all_themes}
themas: [{theme}]

# Extra zoekwoorden die niet in de naam staan.
# trefwoorden: [zoekwoord, ander zoekwoord]

aanvragen:
  # live: nu online te regelen (vul 'url' in); gepland: komt online (vul 'gepland' in);
  # niet: alleen aan de balie, per post of telefoon.
  online: niet
  # Adres van het online formulier; verplicht bij 'online: live'. Alleen https.
  # url: https://...
  # Wanneer de dienst online komt: een kwartaal (2027-Q2) of een datum (2027-04-01).
  # gepland: 2027-Q2
  # Korte uitleg over het aanvragen.
  # toelichting: Maak online een afspraak; de aanvraag doet u aan de balie.

# Met welke inlogmiddelen de online dienst werkt (alleen invullen als hij online is).
# inloggen:
#   digid: substantieel        # geen, basis, midden, substantieel of hoog
#   eherkenning: geen          # geen, EH2, EH2+, EH3 of EH4 (voor ondernemers)
#   eidas: geen                # geen, laag, substantieel of hoog (inloggen uit andere EU-landen)
#   machtigen: false           # true als iemand anders het namens u kan regelen

# De tarieven in euro's, met een punt (84.95). Weglaten als de dienst gratis is.
# kosten:
#   - omschrijving: Tarief
#     bedrag: 0.00

# Wanneer u de dienst kunt krijgen: één voorwaarde per regel.
# voorwaarden:
#   - U staat ingeschreven in de gemeente.

# Wat iemand moet meenemen of klaarleggen: één ding per regel.
# nodig:
#   - Een geldig identiteitsbewijs

# Hoe lang het duurt.
# termijn: 5 werkdagen

# De wetten en regels waarop de dienst berust (https-links, bijvoorbeeld naar wetten.overheid.nl).
# wetgeving:
#   - titel: Naam van de regeling
#     url: https://wetten.overheid.nl/...

# Id's (bestandsnamen zonder .yml) van verwante diensten.
# gerelateerd: [andere-dienst]

# Oude id's van deze dienst; hun webadressen sturen door naar deze pagina.
# vorige_ids: [oude-naam]

# Alleen bij meerdere organisaties (map organisaties/), in een gedeelde dienst: wie hem aanbiedt.
# Zonder dit veld bieden alle organisaties hem aan.
# organisaties: [organisatie-id]

# Datum (JJJJ-MM-DD) waarop de tekst voor het laatst is nagekeken.
gecontroleerd_op: {today}

# Engelse tekst voor bezoekers uit andere EU-landen (Single Digital Gateway); geeft een pagina onder /en/.
# Alleen teksten: online, inloggen, bedragen en links gelden voor beide talen. 'kosten': één Engelse
# omschrijving per tarief hierboven, in dezelfde volgorde.
# en:
#   naam: Apply for ...
#   samenvatting: One or two plain sentences.
#   beschrijving: |
#     How it works: ...
#   trefwoorden: [search word]
#   toelichting: Book an appointment online; you apply at the desk.
#   kosten:
#     - Fee
#   voorwaarden:
#     - You are registered in the municipality.
#   nodig:
#     - Valid ID
#   termijn: 5 working days

# Alleen bij diensten uit 'loket import sc': de herkomst, zodat een volgende import de dienst terugvindt.
# Niet zelf invullen; haal alleen een gecontroleerde melding weg uit 'meldingen'.
# bron:
#   sc_identifier: https://...
#   product_id: ...
#   hashes: {{}}
#   meldingen: []
#   upl_verwijderd: []
#   aanvraag_url: ...

# Alleen voor de interne site; komt nooit op de openbare site.
# intern:
#   eigenaar: team ...
#   gebruik_per_jaar: 0
#   leverancier: ...
#   notities: ...
"""


@dataclass(frozen=True)
class NewService:
    path: Path
    service_id: str
    text: str


def first_theme(root: Path, catalogue_dir: str = "catalogue") -> tuple[str | None, list[str], list[Problem]]:
    """The first theme id in themas.yml (the new service needs one to validate) and all ids."""
    path = Path(root) / catalogue_dir / "themas.yml"
    if not path.is_file():
        return None, [], [Problem(f"{catalogue_dir}/themas.yml", 1, 1, ERROR, "file.missing", "Het bestand themas.yml ontbreekt.",
                                  "Maak eerst catalogue/themas.yml met minstens één thema.")]
    doc, problems = load_file(path, Path(root))
    if doc is None or not isinstance(doc.data, dict) or not doc.data:
        return None, [], problems or [Problem(doc.file if doc else path.name, 1, 1, ERROR, "file.no-themes",
                                              "themas.yml bevat geen thema's.", "Voeg minstens één thema toe.")]
    ids = list(doc.data)
    return ids[0], ids, []


def service_text(name: str, theme: str, all_themes: list[str], today: dt.date, schema_line: str = SCHEMA_LINE) -> str:
    summary = f"{name}: vul hier in één of twee zinnen in wat u met deze dienst regelt."
    if len(summary) > 300:
        summary = "Vul hier in één of twee zinnen in wat u met deze dienst regelt."
    return TEMPLATE.format(
        schema_line=schema_line,
        naam=_yaml_scalar(name),
        samenvatting=_yaml_scalar(summary),
        theme=theme,
        all_themes=", ".join(all_themes),
        today=today.isoformat(),
    )


def create_service(root: Path, name: str, today: dt.date, catalogue_dir: str = "catalogue",
                   service_id: str | None = None, services_dir: str | None = None) -> tuple[NewService | None, list[Problem]]:
    """Write catalogue/diensten/<slug>.yml (or `services_dir`/<slug>.yml); refuses to overwrite and explains why in Dutch."""
    name = " ".join(name.split())
    service_id = service_id or slugify(name)
    services_dir = services_dir or f"{catalogue_dir}/diensten"
    target_display = f"{services_dir}/{service_id or '?'}.yml"
    if len(name) < 3 or len(name) > 120:
        return None, [Problem(target_display, 1, 1, ERROR, "new.bad-name", "De naam moet 3 tot 120 tekens lang zijn.",
                              'Geef een naam zoals: loket new dienst "Paspoort aanvragen".')]
    if not service_id or not re.match(ID_PATTERN, service_id):
        return None, [Problem(target_display, 1, 1, ERROR, "new.bad-id", f"Van '{name}' kan geen geldige id worden gemaakt.",
                              "Geef met --id zelf een id op: kleine letters, cijfers en streepjes.")]
    theme, all_themes, problems = first_theme(root, catalogue_dir)
    if theme is None:
        return None, problems
    path = Path(root) / services_dir / f"{service_id}.yml"
    if path.exists():
        return None, [Problem(target_display, 1, 1, ERROR, "new.exists", f"Het bestand {target_display} bestaat al.",
                              "Pas het bestaande bestand aan, of kies met --id een andere id.")]
    depth = len(Path(services_dir).parts)
    text = service_text(name, theme, all_themes, today, SCHEMA_LINE.replace("../../", "../" * depth, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return NewService(path, service_id, text), []
