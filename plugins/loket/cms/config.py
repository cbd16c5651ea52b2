"""The Decap CMS configuration for /beheer/, generated from the JSON Schemas.

Every schema property becomes a form field: `title` is the label, `description` the hint,
enums become selects, dates date pickers, arrays lists, references to other catalogue files
relation widgets that offer only existing ids. Nothing is listed by hand except which schema
describes which folder, and which array fields refer to which collection; a field added to a
schema appears in the form without a change here.

Alongside the Decap configuration comes `formats`: for every collection the key order and list
style that `loket new` writes, which /beheer/loket-cms.js uses to save files in loket's style and
to change only the fields an editor touched (see cms/static/loket-cms.js).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlparse

import yaml

SCHEMA_DIR = files("loket") / "schema"

# Array fields whose items are ids of other catalogue entries: (schema, property) → target collection.
REFERENCES = {
    ("dienst", "themas"): "themas",
    ("dienst", "gerelateerd"): "diensten",
    ("roadmap", "diensten"): "diensten",
    ("roadmap", "doelen"): "doelen",
}
# Set by importers and tools, never by hand: kept on save but not shown in the form. A schema can
# say the same for any property with the JSON Schema annotation "readOnly": true.
READ_ONLY = {"bron"}
INTERNAL = "intern"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# Strings up to this length are edited on one line; longer ones get a text area.
ONE_LINE_MAX = 150
# Lists of short strings (ids, enums, keywords) are written as [a, b] on one line, like `loket new`.
FLOW_ITEM_MAX = 80
MARKDOWN_BODY_HINT = ("De tekst van het hoofdstuk in Markdown: kopjes met ##, alinea's, lijstjes, **vet** en "
                      "https-links. Geen HTML.")


@cache
def load_schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def _resolve(prop: dict, schema: dict) -> dict:
    """A property with its $ref (into the schema's own $defs) merged in; the property's own keys win."""
    ref = prop.get("$ref")
    if not ref or not ref.startswith("#/$defs/"):
        return prop
    target = schema.get("$defs", {}).get(ref.rsplit("/", 1)[1], {})
    merged = {**_resolve(target, schema), **{k: v for k, v in prop.items() if k != "$ref"}}
    return merged


@dataclass
class Collection:
    """Which schema describes which files."""

    name: str
    label: str
    schema: str
    folder: str | None = None  # one entry per file
    file: str | None = None  # one file holding a map of id → entry
    extension: str = "yml"
    create: bool = True
    partial: bool = False  # organisation overrides: every field optional
    singular: str = ""  # "Nieuwe dienst" rather than "Nieuwe Diensten"


def collections_for(root: Path, catalogue_dir: str = "catalogue", content_dir: str = "content") -> list[Collection]:
    found = [
        Collection("diensten", "Diensten", "dienst", folder=f"{catalogue_dir}/diensten", singular="dienst"),
        Collection("themas", "Thema's", "themas", file=f"{catalogue_dir}/themas.yml"),
        Collection("roadmap", "Roadmap", "roadmap", folder=f"{catalogue_dir}/roadmap", singular="roadmapproject"),
        Collection("doelen", "Doelen van de i-visie", "doelen", file=f"{catalogue_dir}/doelen.yml"),
        Collection("hoofdstukken", "Hoofdstukken van de i-visie", "hoofdstuk", folder=f"{content_dir}/i-visie",
                   extension="md", singular="hoofdstuk"),
    ]
    # A multi-organisation repository: each organisation's overrides of shared services.
    for overrides in sorted({*Path(root).glob(f"{catalogue_dir}/organisaties/*/diensten"),
                             *Path(root).glob("organisaties/*/diensten")}):
        org = overrides.parent.name
        found.append(Collection(f"diensten-{org}", f"Diensten van {org}", "dienst",
                                folder=overrides.relative_to(root).as_posix(), partial=True, singular="dienst"))
    return found


@dataclass
class Generated:
    decap: dict  # config.yml for Decap CMS
    formats: dict = field(default_factory=dict)  # loket-formats.json for loket-cms.js


class _FieldBuilder:
    def __init__(self, schema_name: str, schema: dict, partial: bool):
        self.schema_name = schema_name
        self.schema = schema
        self.partial = partial

    def fields(self, props: dict, required: list[str], top: bool) -> tuple[list[dict], dict]:
        """Decap fields for an object's properties, and the key-order tree for loket-cms.js."""
        result, order = [], {}
        for name, raw in props.items():
            built, sub_order = self.field(name, raw, name in required and not self.partial, top)
            result.append(built)
            order[name] = sub_order
        return result, order

    def field(self, name: str, raw: dict, required: bool, top: bool) -> tuple[dict, dict]:
        prop = _resolve(raw, self.schema)
        label = prop.get("title") or name
        hint = prop.get("description", "")
        out: dict = {"name": name, "label": label + (" (verplicht)" if required else ""), "required": required}
        if hint:
            out["hint"] = hint
        order: dict = {}
        kind = prop.get("type")
        if name in READ_ONLY or prop.get("readOnly"):
            out.update(widget="hidden")
            out["label"] = f"{label} (automatisch, niet te wijzigen)"
            return out, {"readOnly": True}
        if top and name == INTERNAL and kind == "object":
            out["label"] = f"🔒 {label} — alleen op de interne site, nooit openbaar"
        if "enum" in prop:
            out.update(widget="select", options=list(prop["enum"]))
        elif kind == "boolean":
            out.update(widget="boolean")
        elif kind in ("number", "integer"):
            out.update(widget="number", value_type="int" if kind == "integer" else "float")
            if "minimum" in prop:
                out["min"] = prop["minimum"]
            if "maximum" in prop:
                out["max"] = prop["maximum"]
            out["step"] = 1 if kind == "integer" else 0.01
        elif kind == "array":
            self._array(name, prop, out, order, top)
        elif kind == "object" and prop.get("properties"):
            # Decap checks the required fields of a group even when the group itself is optional and left
            # empty (an untouched `en:` block would block every save); loket validate still checks them.
            sub, sub_order = self.fields(prop["properties"], prop.get("required", []) if required else [], top=False)
            out.update(widget="object", fields=sub, collapsed=not required)
            order["keys"] = sub_order
        elif kind == "object":
            # A free-form group (e.g. MkDocs' `search:` settings): kept as it is, not editable in a form.
            out.update(widget="hidden")
            order["readOnly"] = True
        elif prop.get("pattern") == DATE_PATTERN:
            out.update(widget="datetime", format="YYYY-MM-DD", date_format="YYYY-MM-DD", time_format=False,
                       picker_utc=True)
        elif "Markdown" in hint:
            out.update(_markdown())
        else:
            long = prop.get("maxLength", 0) > ONE_LINE_MAX or ("maxLength" not in prop and "tekst" in hint.lower())
            out.update(widget="text" if long else "string")
            pattern = _pattern(prop)
            if pattern:
                out["pattern"] = pattern
        return out, order

    def _array(self, name: str, prop: dict, out: dict, order: dict, top: bool) -> None:
        items = _resolve(prop.get("items", {}), self.schema)
        target = REFERENCES.get((self.schema_name, name)) if top else None
        if "minItems" in prop:
            out["min"] = prop["minItems"]
        if target:
            out.update(widget="relation", multiple=True, **_relation(target))
            order["flow"] = True
        elif "enum" in items:
            out.update(widget="select", multiple=True, options=list(items["enum"]))
            order["flow"] = True
        elif items.get("type") == "object":
            sub, sub_order = self.fields(items.get("properties", {}), items.get("required", []), top=False)
            out.update(widget="list", fields=sub, collapsed=True, summary=_list_summary(items))
            order["items"] = {"keys": sub_order}
        else:
            item_field = {"name": "waarde", "label": out["label"], "widget": "string"}
            pattern = _pattern(items)
            if pattern:
                item_field["pattern"] = pattern
            out.update(widget="list", field=item_field)
            order["flow"] = items.get("maxLength", 10**6) <= FLOW_ITEM_MAX or "pattern" in items


# Markdown as text: Decap's rich-text mode rewrites Markdown it did not write (and its toolbar fails
# axe); no editor components, so nothing inserts HTML or images.
def _markdown() -> dict:
    return {"widget": "markdown", "modes": ["raw"], "editor_components": [], "sanitize_preview": True}


def _list_summary(items: dict) -> str:
    first = next(iter(items.get("properties", {})), None)
    return f"{{{{fields.{first}}}}}" if first else ""


def _relation(target: str) -> dict:
    if target in ("themas", "doelen"):
        # A file collection: the map file is read as a list (loket-cms.js), each item with its id.
        label_key = "naam" if target == "themas" else "titel"
        return {"collection": target, "file": target, "value_field": f"{target}.*.id",
                "search_fields": [f"{target}.*.{label_key}", f"{target}.*.id"],
                "display_fields": [f"{target}.*.{label_key}"], "options_length": 500}
    label_key = "naam" if target == "diensten" else "titel"
    return {"collection": target, "value_field": "{{slug}}", "search_fields": [label_key],
            "display_fields": [label_key], "options_length": 500}


def _pattern(prop: dict) -> list[str] | None:
    """Decap's [regex, message] from the schema's pattern, or from min/maxLength when there is none."""
    hint = "Controleer de invoer"
    if prop.get("description"):
        hint = prop["description"]
    if "pattern" in prop:
        return [prop["pattern"], f"Ongeldige waarde. {hint}"]
    low, high = prop.get("minLength"), prop.get("maxLength")
    if low is None and high is None:
        return None
    text = f"Tussen {low or 0} en {high} tekens." if high else f"Minstens {low} tekens."
    return [f"^[\\s\\S]{{{low or 0},{high if high else ''}}}$", text]


def _collection_config(coll: Collection) -> tuple[dict, dict]:
    schema = load_schema(coll.schema)
    builder = _FieldBuilder(coll.schema, schema, coll.partial)
    fmt_name = f"loket-{coll.name}"
    base = {"name": coll.name, "label": coll.label, "editor": {"preview": False}}
    if coll.singular:
        base["label_singular"] = coll.singular
    header = f"# yaml-language-server: $schema=$SCHEMA_PATH/{coll.schema}.schema.json"
    if coll.file:
        entry = schema["additionalProperties"]
        fields, order = builder.fields(entry.get("properties", {}), entry.get("required", []), top=False)
        id_field = {"name": "id", "label": "Id (verplicht)", "widget": "string", "required": True,
                    "hint": "Kleine letters, cijfers en streepjes; staat in het webadres. Wijzig een bestaande id "
                            "niet: verwijzingen ernaar gaan dan kapot.",
                    "pattern": [schema.get("propertyNames", {}).get("pattern", r"^[a-z0-9]+(-[a-z0-9]+)*$"),
                                "Alleen kleine letters, cijfers en streepjes."]}
        list_field = {"name": coll.name, "label": schema.get("title", coll.label), "widget": "list",
                      "hint": schema.get("description", ""), "collapsed": True,
                      "summary": f"{{{{fields.id}}}} — {{{{fields.{next(iter(order), 'id')}}}}}",
                      "fields": [id_field, *fields]}
        config = {**base, "format": fmt_name, "extension": "yml",
                  "files": [{"name": coll.name, "label": coll.label, "file": coll.file, "fields": [list_field]}]}
        return config, {"kind": "map", "list": coll.name, "order": order, "header": header}
    fields, order = builder.fields(schema.get("properties", {}), schema.get("required", []), top=True)
    title_field = "naam" if "naam" in order else ("titel" if "titel" in order else "title")
    config = {**base, "folder": coll.folder, "extension": coll.extension, "format": fmt_name, "create": coll.create,
              "identifier_field": title_field, "summary": f"{{{{{title_field}}}}}", "sortable_fields": [title_field],
              "slug": f"{{{{{title_field}}}}}"}
    if coll.extension == "md":
        fields.append({"name": "body", "label": "Tekst", "hint": MARKDOWN_BODY_HINT, **_markdown()})
        config["fields"] = fields
        return config, {"kind": "frontmatter", "order": order}
    config["fields"] = fields
    return config, {"kind": "yaml", "order": order, "header": header}


def backend_config(backend: dict | None, repo_url: str | None) -> dict:
    """The forge backend: given explicitly (plugin option `beheer`), or derived from mkdocs.yml's repo_url."""
    settings = dict(backend or {})
    if "name" not in settings and repo_url:
        parsed = urlparse(repo_url)
        settings["name"] = "gitlab" if "gitlab" in parsed.netloc else "github"
        settings.setdefault("repo", parsed.path.strip("/").removesuffix(".git"))
        if settings["name"] == "gitlab" and parsed.netloc != "gitlab.com":
            settings.setdefault("base_url", f"{parsed.scheme}://{parsed.netloc}")
            settings.setdefault("api_root", f"{parsed.scheme}://{parsed.netloc}/api/v4")
    settings.setdefault("name", "github")
    settings.setdefault("branch", "main")
    if settings["name"] == "gitlab":
        settings.setdefault("auth_type", "pkce")
    # Dutch commit and pull-request messages; the first line shows under "Wijzigingen" on the page.
    settings.setdefault("commit_messages", {
        "create": "{{collection}}: {{slug}} toegevoegd",
        "update": "{{collection}}: {{slug}} bijgewerkt",
        "delete": "{{collection}}: {{slug}} verwijderd",
        "uploadMedia": "Bestand {{path}} toegevoegd",
        "deleteMedia": "Bestand {{path}} verwijderd",
        "openAuthoring": "{{message}}",
    })
    return settings


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name: and !ENV tags; only plain settings are read here."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def site_settings(root: Path, target: str = "site_config/internal.yml") -> tuple[str | None, dict | None]:
    """repo_url and the loket plugin's `beheer:` as the internal build sees them (for `loket cms-config`)."""
    def read(path: Path) -> dict:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_IgnoreTags)
        except (OSError, yaml.YAMLError):
            return {}
        return data if isinstance(data, dict) else {}

    internal, shared = read(Path(root) / target), read(Path(root) / "mkdocs.yml")
    plugins = internal.get("plugins") or {}
    if isinstance(plugins, list):
        plugins = {k: v for item in plugins if isinstance(item, dict) for k, v in item.items()}
    beheer = (plugins.get("loket") or {}).get("beheer") if isinstance(plugins, dict) else None
    return internal.get("repo_url") or shared.get("repo_url"), beheer or None


def generate(root: Path, *, backend: dict | None = None, repo_url: str | None = None, site_url: str | None = None,
             catalogue_dir: str = "catalogue", content_dir: str = "content", local_url: str | None = None) -> Generated:
    """The configuration for one site. `local_url`: the loket editor server (scripts/editor), which writes into
    the working tree directly, so saving is publishing there (no editorial workflow)."""
    collections, formats = [], {}
    for coll in collections_for(Path(root), catalogue_dir, content_dir):
        config, fmt = _collection_config(coll)
        collections.append(config)
        target = coll.file or f"{coll.folder}/x.{coll.extension}"
        depth = len(Path(target).parts) - 1
        if "header" in fmt:
            fmt["header"] = fmt["header"].replace("$SCHEMA_PATH", "../" * depth + "plugins/loket/schema")
        formats[f"loket-{coll.name}"] = fmt
    decap: dict = {}
    if local_url:
        decap["backend"] = {"name": "proxy", "proxy_url": local_url, "branch": "main"}
    else:
        decap["backend"] = backend_config(backend, repo_url)
        decap["publish_mode"] = "editorial_workflow"
    decap.update({
        "locale": "nl",
        "site_url": site_url or "",
        "display_url": site_url or "",
        "logo_url": "",
        "show_preview_links": False,
        "search": True,
        # Decap needs a media folder; services have no images, so nothing is ever written there.
        "media_folder": f"{content_dir}/assets/beheer",
        "public_folder": "/assets/beheer",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    })
    if not decap["logo_url"]:
        del decap["logo_url"]
    return Generated(decap=decap, formats=formats)


def field_paths(fields: list[dict], prefix: str = "") -> set[str]:
    """Every field path in a generated configuration ('aanvragen.online', 'kosten.bedrag')."""
    paths = set()
    for f in fields:
        path = f"{prefix}{f['name']}"
        paths.add(path)
        paths |= field_paths(f.get("fields", []), path + ".")
    return paths


def schema_paths(schema: dict, props: dict | None = None, prefix: str = "") -> set[str]:
    """Every property path in a JSON Schema, through objects, arrays of objects and $refs."""
    if props is None:
        entry = schema.get("additionalProperties") if "properties" not in schema else None
        props = (entry or schema).get("properties", {})
    paths = set()
    for name, raw in props.items():
        prop = _resolve(raw, schema)
        path = f"{prefix}{name}"
        paths.add(path)
        if name in READ_ONLY or prop.get("readOnly"):
            continue  # kept whole as one hidden field, never edited field by field
        inner = prop.get("properties") or _resolve(prop.get("items", {}), schema).get("properties")
        if inner:
            paths |= schema_paths(schema, inner, path + ".")
    return paths

