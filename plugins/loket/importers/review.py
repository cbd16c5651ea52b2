"""What the importer leaves for editors: codes in `bron.meldingen`, shown by `loket validate` as warnings.

Each code names the field an editor should look at and explains, in Dutch, what
the importer did. Removing a code from `bron.meldingen` (after checking) silences
its warning; the schema's enum for `meldingen` is this table's keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..load import Document
from ..problems import WARNING, Problem


@dataclass(frozen=True)
class Review:
    fields: tuple[tuple, ...]  # where the warning points: the first of these paths that the file has
    message: str
    hint: str


_DONE = "Haal daarna '{code}' weg uit 'bron.meldingen'."

REVIEWS: dict[str, Review] = {
    "samenvatting-ingekort": Review(
        (("samenvatting",),), "De samenvatting uit de feed was langer dan 300 tekens en is bij de import ingekort; "
        "de volledige tekst staat in 'beschrijving'.",
        "Lees de samenvatting na en maak er één of twee heldere zinnen van."),
    "samenvatting-ontbrak": Review(
        (("samenvatting",),), "De feed had geen bruikbare samenvatting (leeg of gelijk aan de naam); "
        "de importer heeft een algemene zin ingevuld.",
        "Schrijf in één of twee zinnen wat inwoners of ondernemers met deze dienst regelen."),
    "html-verwijderd": Review(
        (("beschrijving",),), "De tekst in de feed bevatte scripts, formulieren of ingesloten inhoud; die zijn verwijderd.",
        "Controleer of de beschrijving nog volledig is."),
    "http-link-vervangen": Review(
        (("aanvragen", "url"), ("beschrijving",)), "Een http-link uit de feed (aanvraagadres of link in de tekst) is vervangen door https.",
        "Open de link en controleer of het https-adres werkt."),
    "link-verwijderd": Review(
        (("beschrijving",),), "Een link in de feed was geen webadres (bijvoorbeeld een intern pad); alleen de linktekst is bewaard.",
        "Voeg zo nodig een werkende https-link toe."),
    "aanvraag-url-onbruikbaar": Review(
        (("aanvragen", "online"),), "Volgens de feed kan deze dienst online worden aangevraagd, maar er stond geen bruikbaar "
        "https-adres bij (zie 'bron.aanvraag_url'); daarom staat hij op 'online: niet'.",
        "Vul 'aanvragen.url' in met het https-adres van het formulier en zet 'online' op live."),
    "digid-niveau-onbekend": Review(
        (("aanvragen", "online"),), "Volgens de feed werkt de online aanvraag met DigiD, maar op welk niveau staat er niet in; "
        "de importer vult geen niveau in.",
        "Vul 'inloggen.digid' in (basis, midden, substantieel of hoog); tot dan meldt de SC-export 'ja' in plaats van 'digid'."),
    "upl-placeholder": Review(
        (("upl",),), "De feed gaf de landelijke plaatsvervanger 'UPL-naam nog niet beschikbaar' als productnaam.",
        "Zoek een echte productnaam met 'loket upl zoek WOORD': dan is de dienst landelijk vindbaar."),
    "upl-onbekend": Review(
        (("upl",),), "Een UPL-URI uit de feed staat niet in de Uniforme Productnamenlijst en is weggelaten (zie 'bron.upl_verwijderd').",
        "Zoek de juiste productnaam met 'loket upl zoek WOORD'."),
    "naam-ingekort": Review(
        (("naam",),), "De titel in de feed was langer dan 120 tekens en is ingekort; de volledige titel staat bovenaan "
        "de beschrijving.",
        "Geef de dienst een korte naam zoals inwoners hem zoeken."),
    "geen-product": Review(
        (("naam",),), "Deze pagina lijkt geen product of dienst (nieuws, project of algemene informatie).",
        "Verwijder het bestand als het geen dienst is, of pas naam en samenvatting aan."),
    "dubbele-naam": Review(
        (("naam",),), "Een andere dienst uit dezelfde feed heeft dezelfde naam; deze kreeg een id met een volgnummer.",
        "Voeg de diensten samen of geef ze namen die het verschil laten zien."),
    "geen-thema": Review(
        (("themas",),), "De feed gaf deze dienst geen onderwerp; hij staat in het thema 'overig'.",
        "Kies een passend thema uit catalogue/themas.yml."),
    "datum-ontbrak": Review(
        (("gecontroleerd_op",),), "De feed had geen geldige wijzigingsdatum; 'gecontroleerd_op' is op 2000-01-01 gezet.",
        "Lees de tekst na en zet 'gecontroleerd_op' op de datum van vandaag."),
    "doelgroep-ontbrak": Review(
        (("doelgroep",),), "De feed noemde geen doelgroep; de importer koos 'inwoner'.",
        "Controleer de doelgroep."),
}


def check_service(doc: Document) -> list[Problem]:
    """A warning for each code in `bron.meldingen`, at the field the editor should look at."""
    codes = doc.get(("bron", "meldingen")) or []
    out = []
    for code in codes:
        review = REVIEWS.get(code)
        if review is None:  # the schema's enum already reports it
            continue
        path = next((p for p in review.fields if doc.get(p) is not None), ("bron", "meldingen", codes.index(code)))
        line, col = doc.where(path)
        out.append(Problem(doc.file, line, col, WARNING, f"import.{code}", review.message,
                           f"{review.hint} {_DONE.format(code=code)}"))
    return out
