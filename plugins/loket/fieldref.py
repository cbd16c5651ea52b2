"""The field reference for editors, generated from the JSON Schemas (the README embeds it)."""

from __future__ import annotations

from .validate import schema


def _type_of(prop: dict, defs: dict) -> str:
    if "$ref" in prop:
        ref = prop["$ref"].rsplit("/", 1)[-1]
        return {"https_url": "https-adres", "datum": "datum (JJJJ-MM-DD)", "kwartaal_of_datum": "kwartaal (2027-Q2) of datum",
                "id": "id"}.get(ref, ref)
    if "enum" in prop:
        return " \\| ".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type", "")
    if kind == "array":
        item = prop.get("items", {})
        if item.get("type") == "object":
            return "lijst van groepen"
        return f"lijst van {_type_of(item, defs) or 'tekst'}"
    return {"string": "tekst", "number": "getal", "integer": "geheel getal", "boolean": "true/false",
            "object": "groep"}.get(kind, kind)


def _rows(properties: dict, required: set, defs: dict, prefix: str = "") -> list[str]:
    rows = []
    for name, prop in properties.items():
        key = f"{prefix}{name}"
        mark = "ja" if name in required else ""
        description = prop.get("description", "").replace("|", "\\|").replace("\n", " ")
        rows.append(f"| `{key}` | {mark} | {_type_of(prop, defs)} | {description} |")
        nested = prop if prop.get("type") == "object" else prop.get("items", {}) if prop.get("type") == "array" else {}
        if nested.get("type") == "object" and "properties" in nested:
            child_prefix = f"{key}." if prop.get("type") == "object" else f"{key}[]."
            rows += _rows(nested["properties"], set(nested.get("required", [])), defs, child_prefix)
    return rows


def field_reference(name: str = "dienst") -> str:
    """A Markdown table of every field of schema `name`."""
    s = schema(name)
    header = ["| Veld | Verplicht | Soort | Uitleg |", "|---|---|---|---|"]
    return "\n".join(header + _rows(s.get("properties", {}), set(s.get("required", [])), s.get("$defs", {}))) + "\n"
