"""Open-data exports: JSON valid against its published schema, CSV that parses back, public fields only."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import yaml
from lxml import html as lxml_html

from conftest import REPO

SERVICE_IDS = sorted(p.stem for p in (REPO / "catalogue/diensten").glob("*.yml"))


def load(site, path):
    return (site / path).read_text(encoding="utf-8")


def intern_texts() -> list[str]:
    """Every text under `intern:` in the example that does not also occur in the public part of its file."""
    found = []
    for path in (REPO / "catalogue/diensten").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        intern = data.pop("intern", None) or {}
        public = json.dumps(data, ensure_ascii=False, default=str)
        found += [v for v in intern.values() if isinstance(v, str) and v not in public]
    assert len(found) > 50  # the example has internal notes worth guarding
    return found


def test_json_export_validates_against_the_published_schema(example_sites):
    site = example_sites["public"]
    data = json.loads(load(site, "export/diensten.json"))
    schema = json.loads(load(site, "export/diensten.schema.json"))
    assert data["$schema"] == schema["$id"] == "https://www.lindewaard.example/export/diensten.schema.json"
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["versie"] == "1.1" and data["licentie"].endswith("/publicdomain/zero/1.0/")
    assert data["aantal"] == len(SERVICE_IDS) == len(data["diensten"])
    assert [s["id"] for s in data["diensten"]] == SERVICE_IDS
    # The published schema is the one the package ships, with its address added.
    shipped = json.loads((REPO / "plugins/loket/schema/export-diensten.schema.json").read_text(encoding="utf-8"))
    assert {k: v for k, v in schema.items() if k != "$id"} == shipped


def test_json_export_holds_the_public_fields_as_written(example_sites):
    data = json.loads(load(example_sites["public"], "export/diensten.json"))
    [passport] = [s for s in data["diensten"] if s["id"] == "paspoort-aanvragen"]
    source = yaml.safe_load((REPO / "catalogue/diensten/paspoort-aanvragen.yml").read_text(encoding="utf-8"))
    assert passport["naam"] == source["naam"]
    assert passport["upl"] == {"uri": "http://standaarden.overheid.nl/owms/terms/paspoort", "naam": "paspoort"}
    assert passport["kosten"] == [{"omschrijving": k["omschrijving"], "bedrag": k["bedrag"]} for k in source["kosten"]]
    assert passport["url"] == "https://www.lindewaard.example/diensten/paspoort-aanvragen/"
    assert passport["gecontroleerd_op"] == str(source["gecontroleerd_op"])
    assert "intern" not in passport


def test_exports_are_identical_on_both_sites(example_sites):
    for path in ("export/diensten.json", "export/diensten.csv", "export/diensten.schema.json"):
        assert (example_sites["public"] / path).read_bytes() == (example_sites["internal"] / path).read_bytes(), path


def test_csv_export_parses_back_one_row_per_service(example_sites):
    raw = (example_sites["public"] / "export/diensten.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel then reads the file as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [r["id"] for r in rows] == SERVICE_IDS
    by_id = {r["id"]: r for r in rows}
    passport = by_id["paspoort-aanvragen"]
    assert passport["upl_naam"] == "paspoort" and passport["online"] == "niet"
    assert passport["kosten"].startswith("Paspoort 18 jaar en ouder: 84,95 | ")
    source = yaml.safe_load((REPO / "catalogue/diensten/verhuizing-doorgeven.yml").read_text(encoding="utf-8"))
    moving = by_id["verhuizing-doorgeven"]
    assert moving["trefwoorden"].split(" | ") == source["trefwoorden"]
    assert moving["aanvraag_url"] == source["aanvragen"]["url"]
    assert moving["machtigen"] in ("ja", "nee")
    json_ids = [s["id"] for s in json.loads(load(example_sites["public"], "export/diensten.json"))["diensten"]]
    assert json_ids == list(by_id)


def test_no_internal_value_in_any_export(example_sites):
    texts = intern_texts()
    for target in ("public", "internal"):
        for path in sorted((example_sites[target] / "export").iterdir()):
            content = " ".join(path.read_bytes().decode("utf-8-sig").split())
            for value in texts:
                assert " ".join(value.split()) not in content, (target, path.name, value)


def test_formulas_in_text_are_defused_in_the_csv(repo):
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", """
        naam: "=HYPERLINK(\\"https://evil.example\\";\\"klik\\")"
        samenvatting: "@SUM(1+1) staat voor een formule"
        doelgroep: [inwoner]
        themas: [burgerzaken]
        aanvragen:
          online: niet
        gecontroleerd_op: 2026-09-01
        """)
    repo.build()
    rows = list(csv.DictReader(io.StringIO((repo.site() / "export/diensten.csv").read_text(encoding="utf-8-sig"),
                                           newline=""), delimiter=";"))
    assert rows[0]["naam"] == "'=HYPERLINK(\"https://evil.example\";\"klik\")"
    assert rows[0]["samenvatting"] == "'@SUM(1+1) staat voor een formule"
    # The JSON keeps the text exactly as written.
    assert json.loads((repo.site() / "export/diensten.json").read_text(encoding="utf-8"))["diensten"][0]["naam"].startswith("=HYPERLINK")


def test_open_data_page_explains_and_links_the_exports(example_sites):
    page = load(example_sites["public"], "open-data/index.html")
    for href in ("../export/diensten.json", "../export/diensten.schema.json", "../export/diensten.csv",
                 "../export/samenwerkende-catalogi.xml"):
        assert f'href="{href}"' in page
    assert "CC0" in page and "creativecommons.org/publicdomain/zero/1.0" in page
    nav = lxml_html.fromstring(page).xpath("//nav[contains(@class, 'md-nav--primary')]")[0]
    assert "Open data" in [" ".join(a.text_content().split()) for a in nav.iter("a")]
