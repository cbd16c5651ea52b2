"""The /beheer/ configuration is generated from the JSON Schemas: every property is a form field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from loket.cms.config import READ_ONLY, REFERENCES, _FieldBuilder, field_paths, generate, load_schema, schema_paths

REPO = Path(__file__).resolve().parents[1]
SCHEMA_OF = {"diensten": "dienst", "themas": "themas", "roadmap": "roadmap", "doelen": "doelen",
             "hoofdstukken": "hoofdstuk"}


@pytest.fixture(scope="module")
def generated():
    return generate(REPO, repo_url="https://github.com/gemeente-lindewaard/loket")


def collection_fields(config: dict, name: str) -> list[dict]:
    coll = next(c for c in config["collections"] if c["name"] == name)
    if "files" in coll:  # a map file, edited as a list with an id per item
        return coll["files"][0]["fields"][0]["fields"]
    return coll["fields"]


def find(fields: list[dict], path: str) -> dict:
    head, _, rest = path.partition(".")
    found = next(f for f in fields if f["name"] == head)
    return find(found["fields"], rest) if rest else found


@pytest.mark.parametrize("collection", sorted(SCHEMA_OF))
def test_every_schema_property_is_a_field(generated, collection):
    schema = load_schema(SCHEMA_OF[collection])
    expected = schema_paths(schema)
    assert len(expected) >= 8 if collection != "themas" else {"naam", "beschrijving", "en.naam"} <= expected
    assert expected <= field_paths(collection_fields(generated.decap, collection))


def test_the_coverage_check_notices_a_field_the_generator_drops(generated):
    fields = [f for f in collection_fields(generated.decap, "diensten") if f["name"] != "termijn"]
    missing = schema_paths(load_schema("dienst")) - field_paths(fields)
    assert missing == {"termijn"}


def test_labels_hints_and_required_fields_come_from_the_schema(generated):
    fields = collection_fields(generated.decap, "diensten")
    naam = find(fields, "naam")
    assert naam["label"] == "Naam (verplicht)" and naam["required"] is True
    assert naam["hint"] == load_schema("dienst")["properties"]["naam"]["description"]
    upl = find(fields, "upl")
    assert upl["label"] == "UPL-productnaam" and upl["required"] is False
    assert find(fields, "aanvragen.online")["required"] is True
    assert find(fields, "aanvragen.url")["required"] is False
    # Decap checks the schema's pattern and length limits while typing.
    assert find(fields, "aanvragen.url")["pattern"][0] == r"^https://[^\s/$.?#][^\s]*$"
    assert find(fields, "samenvatting")["pattern"][0] == r"^[\s\S]{10,300}$"


def test_widgets_follow_the_schema_types(generated):
    fields = collection_fields(generated.decap, "diensten")
    online = find(fields, "aanvragen.online")
    assert (online["widget"], online["options"]) == ("select", ["live", "gepland", "niet"])
    assert find(fields, "inloggen.digid")["options"] == ["geen", "basis", "midden", "substantieel", "hoog"]
    assert find(fields, "inloggen.eherkenning")["options"] == ["geen", "EH2", "EH2+", "EH3", "EH4"]
    assert find(fields, "inloggen.machtigen")["widget"] == "boolean"
    date = find(fields, "gecontroleerd_op")
    assert date["widget"] == "datetime" and date["format"] == "YYYY-MM-DD" and date["time_format"] is False
    doelgroep = find(fields, "doelgroep")
    assert doelgroep["widget"] == "select" and doelgroep["multiple"] and doelgroep["min"] == 1
    kosten = find(fields, "kosten")
    assert kosten["widget"] == "list" and [f["name"] for f in kosten["fields"]] == ["omschrijving", "bedrag"]
    assert find(fields, "kosten.bedrag")["value_type"] == "float"
    assert find(fields, "intern.gebruik_per_jaar")["value_type"] == "int"
    assert find(fields, "voorwaarden")["widget"] == "list"
    beschrijving = find(fields, "beschrijving")
    assert beschrijving["widget"] == "markdown" and beschrijving["editor_components"] == []
    assert beschrijving["modes"] == ["raw"]
    # Quarters or dates cannot use a date picker: a text field with the schema's pattern.
    assert find(collection_fields(generated.decap, "roadmap"), "start")["widget"] == "string"


def test_references_offer_only_existing_ids(generated):
    for (schema_name, prop), target in REFERENCES.items():
        collection = next(c for c, s in SCHEMA_OF.items() if s == schema_name)
        field = find(collection_fields(generated.decap, collection), prop)
        assert field["widget"] == "relation" and field["collection"] == target and field["multiple"]
    themas = find(collection_fields(generated.decap, "diensten"), "themas")
    assert themas["file"] == "themas" and themas["value_field"] == "themas.*.id"
    gerelateerd = find(collection_fields(generated.decap, "diensten"), "gerelateerd")
    assert gerelateerd["value_field"] == "{{slug}}"


def test_internal_group_is_marked(generated):
    intern = find(collection_fields(generated.decap, "diensten"), "intern")
    assert "alleen op de interne site" in intern["label"] and intern["widget"] == "object"


def test_saving_is_a_pull_request_on_github_and_gitlab(tmp_path):
    github = generate(REPO, repo_url="https://github.com/gemeente-lindewaard/loket").decap
    assert github["publish_mode"] == "editorial_workflow"
    assert github["backend"]["name"] == "github" and github["backend"]["repo"] == "gemeente-lindewaard/loket"
    gitlab = generate(REPO, repo_url="https://gitlab.example.nl/gemeente/loket.git",
                      backend={"app_id": "abc"}).decap
    assert gitlab["backend"] == {**gitlab["backend"], "name": "gitlab", "repo": "gemeente/loket", "auth_type": "pkce",
                                 "app_id": "abc", "base_url": "https://gitlab.example.nl",
                                 "api_root": "https://gitlab.example.nl/api/v4"}
    local = generate(REPO, local_url="http://127.0.0.1:8123/api/v1").decap
    assert local["backend"]["name"] == "proxy" and "publish_mode" not in local


def test_formats_carry_the_schema_key_order_and_the_schema_comment(generated):
    dienst = generated.formats["loket-diensten"]
    assert list(dienst["order"]) == list(load_schema("dienst")["properties"])
    assert dienst["header"] == "# yaml-language-server: $schema=../../plugins/loket/schema/dienst.schema.json"
    assert generated.formats["loket-themas"]["header"].endswith("=../plugins/loket/schema/themas.schema.json")
    assert dienst["order"]["themas"]["flow"] and dienst["order"]["doelgroep"]["flow"]
    assert not dienst["order"]["voorwaarden"]["flow"]
    assert list(dienst["order"]["kosten"]["items"]["keys"]) == ["omschrijving", "bedrag"]


def test_fields_other_schemas_add_appear_without_a_change_here():
    """An English block, an import-provenance block: new properties need no change to the generator."""
    schema = json.loads(json.dumps(load_schema("dienst")))
    schema["properties"]["en"] = {"title": "Engels", "description": "Tekst voor bezoekers uit de EU.", "type": "object",
                                  "properties": {"naam": {"title": "Naam (Engels)", "type": "string"}}}
    schema["properties"]["bron"] = {"title": "Bron", "type": "object",
                                    "properties": {"sc_identifier": {"type": "string"}}}
    schema["properties"]["geimporteerd_op"] = {"title": "Geïmporteerd op", "type": "string", "readOnly": True}
    fields, _order = _FieldBuilder("dienst", schema, partial=False).fields(schema["properties"], [], top=True)
    assert schema_paths(schema) - {"bron.sc_identifier"} <= field_paths(fields)
    assert find(fields, "en.naam")["label"] == "Naam (Engels)"
    assert "bron" in READ_ONLY and find(fields, "bron")["widget"] == "hidden"
    assert find(fields, "geimporteerd_op")["widget"] == "hidden"


def test_cli_takes_the_forge_from_the_internal_site_configuration(repo, tmp_path):
    config = repo.root / "site_config" / "internal.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    audience: internal\n",
        "    audience: internal\n    beheer:\n      name: gitlab\n      repo: gemeente/loket\n      app_id: abc123\n"),
        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "loket.cli", "cms-config"], cwd=repo.root, capture_output=True,
                            text=True, check=True)
    backend = yaml.safe_load(result.stdout)["backend"]
    assert (backend["name"], backend["repo"], backend["app_id"], backend["auth_type"]) == \
        ("gitlab", "gemeente/loket", "abc123", "pkce")


def test_organisation_overrides_get_a_collection_with_every_field_optional(tmp_path):
    (tmp_path / "catalogue" / "organisaties" / "ijsselstein" / "diensten").mkdir(parents=True)
    decap = generate(tmp_path, repo_url="https://github.com/x/y").decap
    coll = next(c for c in decap["collections"] if c["name"] == "diensten-ijsselstein")
    assert coll["folder"] == "catalogue/organisaties/ijsselstein/diensten"
    assert not any(f["required"] for f in coll["fields"])


def test_cli_writes_the_configuration(tmp_path):
    result = subprocess.run([sys.executable, "-m", "loket.cli", "cms-config", "--output", str(tmp_path)], cwd=REPO,
                            capture_output=True, text=True, check=True)
    assert "config.yml" in result.stdout
    config = yaml.safe_load((tmp_path / "config.yml").read_text(encoding="utf-8"))
    assert config["locale"] == "nl" and {c["name"] for c in config["collections"]} >= set(SCHEMA_OF)
    assert config["backend"]["repo"] == "gemeente-lindewaard/loket"  # repo_url from mkdocs.yml
    assert "&id" not in (tmp_path / "config.yml").read_text(encoding="utf-8")  # no YAML anchors for editors to meet
    assert json.loads((tmp_path / "loket-formats.json").read_text(encoding="utf-8"))["loket-diensten"]["kind"] == "yaml"
