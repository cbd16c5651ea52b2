"""Schema checks: JSON Schema errors turned into located Dutch problems with a fix hint.

The JSON Schema files in `schema/` are the contract; this module only explains
their verdicts to the people who edit the YAML.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Callable

try:  # compiled (Rust) validator: answers "valid?" about 200× faster; the Dutch explanations still come from jsonschema
    import jsonschema_rs
except ImportError:  # pragma: no cover - the speed-up is optional
    jsonschema_rs = None

from .load import Document
from .problems import ERROR, Problem

if TYPE_CHECKING:
    import jsonschema

SCHEMA_NAMES = ("dienst", "themas", "organisatie", "roadmap", "doelen", "synoniemen")

TYPE_NAMES = {
    "string": "tekst",
    "number": "een getal",
    "integer": "een geheel getal",
    "boolean": "true of false",
    "array": "een lijst",
    "object": "een groep velden",
    "null": "leeg",
}


# Schemas computed from another one (e.g. the partial service of an override, organisations/schema.py): name → factory.
DERIVED_SCHEMAS: dict[str, Callable[[], dict]] = {}


@cache
def schema(name: str) -> dict:
    if name in DERIVED_SCHEMAS:
        return DERIVED_SCHEMAS[name]()
    text = resources.files("loket").joinpath("schema", f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    # Imported only when a document fails the compiled check: a valid catalogue never pays its import (~40 ms).
    import jsonschema

    return jsonschema.Draft202012Validator(schema(name))


@cache
def _fast_validator(name: str):
    if jsonschema_rs is None:
        return None
    try:
        return jsonschema_rs.validator_for(schema(name))
    except Exception:  # a schema it cannot compile: jsonschema alone decides
        return None


def _surely_valid(data: Any, name: str) -> bool:
    """True when the compiled validator accepts the data. False means: ask jsonschema, the authority."""
    fast = _fast_validator(name)
    if fast is None:
        return False
    try:
        return fast.is_valid(data)
    except Exception:  # values JSON cannot hold (NaN, huge integers): let jsonschema decide
        return False


def field_name(path: tuple) -> str:
    """'aanvragen.online', 'kosten[2].bedrag' — the way an editor finds it in the file."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "het bestand"


def _describe(value: Any) -> str:
    if value is None:
        return "een lege waarde"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return TYPE_NAMES["object" if isinstance(value, dict) else "array"]
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _suggest(word: str, options) -> str:
    options = [str(o) for o in options]
    lowered = {o.lower(): o for o in options}
    if str(word).lower() in lowered:
        return lowered[str(word).lower()]
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    return close[0] if close else ""


def _url_hint(value: Any, default: str) -> str:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered.startswith("http://"):
            return "Gebruik een beveiligd adres dat begint met https://."
        if re.match(r"^(javascript|data|vbscript|file):", lowered):
            return "Alleen https-adressen zijn toegestaan; dit soort links is onveilig."
    return default


def _type_hint(expected: str, value: Any) -> str:
    if expected == "number" and isinstance(value, str) and re.fullmatch(r"\s*€?\s*\d+,\d+\s*", value):
        return "Schrijf het bedrag met een punt en zonder €-teken, bijvoorbeeld 84.95."
    if expected == "boolean":
        return "Schrijf true (ja) of false (nee), zonder aanhalingstekens."
    if expected == "array":
        return "Schrijf een lijst: [waarde1, waarde2] of elke waarde op een eigen regel die begint met '- '."
    if expected == "string" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return "Zet de waarde tussen aanhalingstekens, bijvoorbeeld \"14 0555\"."
    if expected == "string" and isinstance(value, (dict, list)):
        return "Schrijf hier één tekst; staat er een ':' in, zet de tekst dan tussen aanhalingstekens."
    if expected == "object":
        return "Schrijf hier velden op ingesprongen regels (twee spaties), zoals in de voorbeelden."
    return "Pas de waarde aan zoals in de voorbeelden."


def _explain(error: jsonschema.ValidationError, doc: Document) -> list[Problem]:
    path = tuple(error.absolute_path)
    field = field_name(path)
    value = error.instance
    sub = error.schema if isinstance(error.schema, dict) else {}
    description = sub.get("description", "")
    kind = error.validator

    def at(p: tuple, code: str, message: str, hint: str, *, key: bool = False) -> Problem:
        line, col = doc.where_key(p) if key else doc.where(p)
        return Problem(doc.file, line, col, ERROR, f"schema.{code}", message, hint)

    if kind == "required":
        missing = [name for name in error.validator_value if name not in value]
        out = []
        for name in missing:
            prop = sub.get("properties", {}).get(name, {})
            hint = prop.get("description") or "Voeg het veld toe."
            out.append(at(path, "required", f"Het verplichte veld '{field_name(path + (name,))}' ontbreekt.",
                          f"Voeg '{name}:' toe. {hint}".strip(), key=bool(path)))
        return out
    if kind == "additionalProperties":
        allowed = list(sub.get("properties", {}))
        out = []
        for name in value:
            if name in allowed:
                continue
            guess = _suggest(name, allowed)
            hint = f"Bedoelt u '{guess}'?" if guess else ""
            hint = (hint + " Toegestane velden: " + ", ".join(allowed) + ".").strip()
            out.append(at(path + (name,), "unknown-key", f"Onbekend veld '{field_name(path + (name,))}'.", hint, key=True))
        return out
    if kind == "propertyNames":
        name = value if isinstance(value, str) else str(value)
        return [at(path + (name,), "invalid-id", f"'{name}' is geen geldige id.",
                   "Gebruik kleine letters, cijfers en streepjes, bijvoorbeeld 'wonen-en-bouwen'.", key=True)]
    if kind == "enum":
        options = error.validator_value
        guess = _suggest(value, options)
        hint = (f"Bedoelt u '{guess}'? " if guess else "") + "Kies uit: " + ", ".join(str(o) for o in options) + "."
        if value is False or value is True:
            hint = "YAML leest ja/nee/yes/no/on/off als true/false. " + hint
        return [at(path, "enum", f"{_describe(value)} is geen geldige waarde voor '{field}'.", hint)]
    if kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        return [at(path, "type", f"'{field}' moet {TYPE_NAMES.get(expected, expected)} zijn, maar is {_describe(value)}.",
                   _type_hint(expected, value))]
    if kind == "pattern":
        if isinstance(value, str) and ("https" in sub.get("pattern", "") or "url" in field.split(".")[-1]):
            hint = _url_hint(value, description or "Gebruik een volledig https-adres.")
            return [at(path, "url", f"{_describe(value)} is geen geldig https-adres voor '{field}'.", hint)]
        if "-Q[1-4]" in sub.get("pattern", ""):
            return [at(path, "period", f"{_describe(value)} is geen kwartaal of datum voor '{field}'.",
                       "Schrijf een kwartaal als 2027-Q2 of een datum als 2027-04-01.")]
        if r"\d{4}-\d{2}-\d{2}" in sub.get("pattern", ""):
            return [at(path, "date", f"{_describe(value)} is geen datum voor '{field}'.",
                       "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-09-01.")]
        if sub.get("pattern", "").startswith("^[a-z0-9]"):
            return [at(path, "invalid-id", f"{_describe(value)} is geen geldige id voor '{field}'.",
                       "Gebruik kleine letters, cijfers en streepjes, bijvoorbeeld 'paspoort-aanvragen'.")]
        return [at(path, "pattern", f"{_describe(value)} heeft niet de juiste vorm voor '{field}'.",
                   description or "Pas de waarde aan zoals in de voorbeelden.")]
    if kind == "maxLength":
        return [at(path, "too-long", f"'{field}' is te lang: {len(value)} tekens, hoogstens {error.validator_value}.",
                   "Maak de tekst korter; details kunnen in 'beschrijving'.")]
    if kind == "minLength":
        return [at(path, "too-short", f"'{field}' is te kort: minstens {error.validator_value} tekens.",
                   description or "Vul een duidelijke tekst in.")]
    if kind in ("minItems", "minProperties"):
        return [at(path, "too-few", f"'{field}' moet minstens {error.validator_value} waarde(n) bevatten.",
                   description or "Vul een waarde in.")]
    if kind in ("maxItems", "maxProperties"):
        return [at(path, "too-many", f"'{field}' mag hoogstens {error.validator_value} waarden bevatten.",
                   "Haal de minst belangrijke weg.")]
    if kind == "uniqueItems":
        return [at(path, "duplicate-item", f"In '{field}' staat een waarde dubbel.", "Verwijder de dubbele waarde.")]
    if kind in ("minimum", "exclusiveMinimum"):
        return [at(path, "too-small", f"'{field}' mag niet kleiner zijn dan {error.validator_value}.",
                   description or "Pas de waarde aan.")]
    if kind in ("maximum", "exclusiveMaximum"):
        return [at(path, "too-large", f"'{field}' mag niet groter zijn dan {error.validator_value}.",
                   description or "Pas de waarde aan.")]
    return [at(path, kind, f"'{field}' klopt niet: {error.message}.", description or "Vergelijk met de voorbeelden.")]


def check_schema(doc: Document, name: str) -> list[Problem]:
    """All schema problems of one document against schema `name`."""
    if _surely_valid(doc.data, name):
        return []
    found = list(_validator(name).iter_errors(doc.data))
    # A value outside an enum is also "the wrong type" when YAML read it as a
    # boolean; the enum message (with the valid choices) is the useful one.
    enum_paths = {tuple(e.absolute_path) for e in found if e.validator == "enum"}
    problems: list[Problem] = []
    for error in found:
        if error.validator == "type" and tuple(error.absolute_path) in enum_paths:
            continue
        problems.extend(_explain(error, doc))
    return problems
