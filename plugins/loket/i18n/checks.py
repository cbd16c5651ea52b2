"""Checks on the English texts (`en:`) that span fields or files, and the SDG coverage warning.

An error here is an error of the service file: like every other error it keeps the
service out of the build (fail closed, catalogue.py).
"""

from __future__ import annotations

from ..load import Document
from ..model import Service, Theme
from ..problems import ERROR, WARNING, Problem
from .. import upl

# Dutch free-text fields that have an English counterpart under `en:` (besides naam and samenvatting).
TRANSLATED_FIELDS = {
    "beschrijving": ("beschrijving",),
    "toelichting": ("aanvragen", "toelichting"),
    "voorwaarden": ("voorwaarden",),
    "nodig": ("nodig",),
    "termijn": ("termijn",),
}


def _at(doc: Document, path: tuple, severity: str, code: str, message: str, hint: str, *, key: bool = False) -> Problem:
    line, col = doc.where_key(path) if key else doc.where(path)
    return Problem(doc.file, line, col, severity, code, message, hint)


def check_english(doc: Document) -> list[Problem]:
    """The problems of the English text of one service file that passed the schema."""
    english = doc.data.get("en")
    if not english:
        return []
    problems: list[Problem] = []
    costs, english_costs = doc.data.get("kosten") or [], english.get("kosten")
    if costs and english_costs is None:
        problems.append(_at(doc, ("en",), ERROR, "rule.en-kosten-missing",
                            f"De dienst heeft {len(costs)} tarief/tarieven in 'kosten', maar 'en' heeft geen Engelse 'kosten'.",
                            "Voeg onder 'en' een lijst 'kosten' toe met voor elk tarief een Engelse omschrijving, "
                            "in dezelfde volgorde (de bedragen komen uit 'kosten').", key=True))
    elif english_costs is not None and len(english_costs) != len(costs):
        problems.append(_at(doc, ("en", "kosten"), ERROR, "rule.en-kosten-count",
                            f"'en.kosten' heeft {len(english_costs)} omschrijving(en), maar 'kosten' heeft {len(costs)} tarief/tarieven.",
                            "Geef precies één Engelse omschrijving per tarief uit 'kosten', in dezelfde volgorde.", key=True))
    missing = [name for name, path in TRANSLATED_FIELDS.items() if doc.get(path) and not english.get(name)]
    if missing:
        listed = ", ".join(f"'{name}'" for name in missing)
        problems.append(_at(doc, ("en",), WARNING, "content.en-incomplete",
                            f"De Engelse tekst mist {listed}; de Engelse pagina laat dat deel weg en verwijst naar de Nederlandse pagina.",
                            f"Vul onder 'en' ook {listed} in het Engels in.", key=True))
    return problems


def coverage_warning(doc: Document, service: Service) -> Problem | None:
    """A warning (never an error) for an SDG-relevant service without English text."""
    codes = upl.sdg_codes(service.upl)
    if service.en is not None or not codes:
        return None
    return _at(doc, ("upl",), WARNING, "content.sdg-missing-english",
               f"Deze dienst valt onder de Single Digital Gateway (SDG {', '.join(codes)}) maar heeft geen Engelse tekst.",
               "De EU verplicht informatie in het Engels: voeg een blok 'en:' toe met ten minste 'naam' en 'samenvatting' "
               "(zie de README, 'English pages').")


def theme_warnings(themes_doc: Document | None, themes: dict[str, Theme], services: dict[str, Service]) -> list[Problem]:
    """Themes that hold an English service but have no English name: those services are listed under 'More services'."""
    if themes_doc is None:
        return []
    used = {t for s in services.values() if s.en for t in s.themas}
    return [_at(themes_doc, (tid,), WARNING, "content.theme-missing-english",
                f"Het thema '{tid}' heeft diensten met Engelse tekst, maar zelf geen Engelse naam.",
                "Voeg onder dit thema 'en: {naam: …, beschrijving: …}' toe.", key=True)
            for tid, theme in themes.items() if tid in used and not theme.en_naam]
