"""Service values → the YAML text of a service file, in the order and style of `loket new`.

Keys follow dienst.schema.json; short lists are written inline (`doelgroep: [inwoner]`),
Markdown as a literal block. `bron.hashes` holds a short hash of each imported value,
so a later import can tell a field an editor changed from one it may update.
"""

from __future__ import annotations

import hashlib
import json
import re

import yaml

from ..validate import schema

SCHEMA_LINE = "# yaml-language-server: $schema={path}"
HEADER = "# Ingelezen uit de Samenwerkende Catalogi-feed met 'loket import sc'. Pas gerust aan:\n" \
         "# een volgende import overschrijft geen veld dat u hebt gewijzigd.\n"
BRON_ORDER = ("sc_identifier", "product_id", "hashes", "meldingen", "upl_verwijderd", "aanvraag_url")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
APPLY_ORDER = ("online", "url", "gepland", "toelichting")


def field_order() -> list[str]:
    return list(schema("dienst")["properties"])


def value_hash(value) -> str:
    """A short, stable hash of a YAML value (same value, same hash, whatever the formatting)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def yaml_scalar(value, *, flow: bool = False) -> str:
    """One value as YAML: plain where that is safe (dates too: loket reads them as ISO text), quoted where needed."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if _DATE.match(value):
        return value
    if flow:
        return yaml.safe_dump([value], allow_unicode=True, default_flow_style=True, width=1_000_000).strip()[1:-1]
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("\n").removesuffix("\n...").strip("\n")


def _block(text: str, indent: str) -> str:
    """A literal block scalar, or a quoted string where a block cannot hold the text exactly."""
    if text != text.strip() or "\t" in text or any(line != line.rstrip() for line in text.split("\n")) \
            or text.split("\n")[0].startswith(" "):
        return " " + yaml_scalar(text)
    lines = "\n".join((indent + line) if line else "" for line in text.split("\n"))
    return " |-\n" + lines


def _inline_list(values: list) -> str:
    return "[" + ", ".join(yaml_scalar(v, flow=True) for v in values) + "]"


def _value(key: str, value, indent: str) -> str:
    if isinstance(value, str) and "\n" in value:
        return f"{indent}{key}:{_block(value, indent + '  ')}\n"
    if isinstance(value, list):
        if all(isinstance(v, str) and len(v) < 60 and ":" not in v for v in value) and sum(len(v) for v in value) < 80:
            return f"{indent}{key}: {_inline_list(value)}\n"
        if all(not isinstance(v, (dict, list)) for v in value):
            return f"{indent}{key}:\n" + "".join(f"{indent}  - {yaml_scalar(v)}\n" for v in value)
    if isinstance(value, dict):
        return f"{indent}{key}:\n" + "".join(_value(k, v, indent + "  ") for k, v in value.items())
    if isinstance(value, list):  # lists of groups (kosten, wetgeving) that an editor added
        out = f"{indent}{key}:\n"
        for item in value:
            lines = _value("x", item, indent + "  ").split("\n", 1)[1] if isinstance(item, dict) else f"{indent}    {yaml_scalar(item)}\n"
            out += f"{indent}  - " + lines.lstrip()
        return out
    return f"{indent}{key}: {yaml_scalar(value)}\n"


def ordered(data: dict) -> dict:
    """The service's keys in schema order (unknown keys last, as found), `aanvragen` and `bron` in theirs."""
    order = field_order()
    out = {k: data[k] for k in order if k in data}
    out |= {k: v for k, v in data.items() if k not in out}
    if isinstance(out.get("aanvragen"), dict):
        apply = out["aanvragen"]
        out["aanvragen"] = {k: apply[k] for k in APPLY_ORDER if k in apply} | {k: v for k, v in apply.items() if k not in APPLY_ORDER}
    if isinstance(out.get("bron"), dict):
        bron = out["bron"]
        out["bron"] = {k: bron[k] for k in BRON_ORDER if k in bron} | {k: v for k, v in bron.items() if k not in BRON_ORDER}
    return out


def service_yaml(data: dict, schema_path: str | None) -> str:
    head = (SCHEMA_LINE.format(path=schema_path) + "\n") if schema_path else ""
    body = "".join(_value(k, v, "") for k, v in ordered(data).items())
    return head + HEADER + "\n" + body
