"""`loket new dienst`: the file it writes validates and builds as written, and guides the editor."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO, loket
from gitrepo import commit
from loket.new import slugify
from loket.validate import schema


@pytest.mark.parametrize("name, slug", [
    ("Café & Terras", "cafe-en-terras"),
    ("Vergunning voor een ĳsbaan", "vergunning-voor-een-ijsbaan"),
    ("Müller's Bäckerei — ontheffing", "mullers-backerei-ontheffing"),
    ("Façade renoveren", "facade-renoveren"),
    ("  Thema's   en  ZO  ", "themas-en-zo"),
    ("Straße (Duitsland)", "strasse-duitsland"),
    ("Parkeren 2027/2028", "parkeren-2027-2028"),
])
def test_slugify_gives_valid_ids(name, slug):
    assert slugify(name) == slug
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)


def test_new_service_validates_builds_and_refuses_to_overwrite(repo):
    commit(repo.root, "Catalogus", "2026-03-02")
    result = loket(["new", "dienst", "Café & Terras"], cwd=repo.root)
    assert result.returncode == 0, result.stderr
    path = repo.root / "catalogue/diensten/cafe-en-terras.yml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../plugins/loket/schema/dienst.schema.json"
    data = yaml.safe_load(text)
    assert data["naam"] == "Café & Terras"
    assert data["themas"] == ["burgerzaken"]  # the first theme in themas.yml
    assert data["aanvragen"] == {"online": "niet"}
    assert str(data["gecontroleerd_op"]) == "2026-03-02"  # the reference date: HEAD's commit date, not the clock

    check = repo.validate("--format", "json")
    report = json.loads(check.stdout)
    assert check.returncode == 0 and report["errors"] == 0, check.stdout
    # Only the expected reminder: no UPL yet (a warning, which does not block).
    assert {p["code"] for p in report["problems"] if p["file"].endswith("cafe-en-terras.yml")} == {"content.missing-upl"}

    repo.build()
    assert "Café &amp; Terras" in repo.page("diensten/cafe-en-terras")

    path.write_text(text + "# eigen aantekening\n", encoding="utf-8")
    again = loket(["new", "dienst", "Cafe en terras"], cwd=repo.root)
    assert again.returncode == 1
    assert "bestaat al" in again.stderr and "cafe-en-terras.yml:1:1" in again.stderr
    assert path.read_text(encoding="utf-8").endswith("# eigen aantekening\n")


def test_names_that_need_yaml_quoting(repo):
    name = 'Melding: "overlast" # geluid'
    result = loket(["new", "dienst", name, "--id", "melding-overlast"], cwd=repo.root)
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((repo.root / "catalogue/diensten/melding-overlast.yml").read_text(encoding="utf-8"))
    assert data["naam"] == name
    assert repo.validate().returncode == 0


def test_bad_names_and_missing_themes_are_explained(repo):
    short = loket(["new", "dienst", "X"], cwd=repo.root)
    assert short.returncode == 1 and "3 tot 120 tekens" in short.stderr
    no_id = loket(["new", "dienst", "€€€ !!!"], cwd=repo.root)
    assert no_id.returncode == 1 and "--id" in no_id.stderr
    (repo.root / "catalogue/themas.yml").unlink()
    no_themes = loket(["new", "dienst", "Iets nieuws"], cwd=repo.root)
    assert no_themes.returncode == 1 and "themas.yml" in no_themes.stderr
    assert "Traceback" not in short.stderr + no_id.stderr + no_themes.stderr


def _schema_paths(properties: dict, prefix: str = "") -> list[str]:
    paths = []
    for name, prop in properties.items():
        paths.append(prefix + name)
        nested = prop.get("items", prop) if prop.get("type") == "array" else prop
        if "properties" in nested:
            paths += _schema_paths(nested["properties"], prefix + name + ".")
    return paths


def test_template_mentions_every_schema_field(repo):
    loket(["new", "dienst", "Alles erin"], cwd=repo.root, check=True)
    text = (repo.root / "catalogue/diensten/alles-erin.yml").read_text(encoding="utf-8")
    keys = {m.group(1) for m in re.finditer(r"^[#\s-]*([a-z_]+):", text, re.MULTILINE)}
    missing = [path for path in _schema_paths(schema("dienst")["properties"]) if path.rsplit(".", 1)[-1] not in keys]
    assert not missing, f"new.py TEMPLATE lacks these schema fields: {missing}"
    # Every field has a Dutch explanation above it or beside it.
    assert text.count("\n# ") >= 20


def test_schema_line_resolves_from_a_service_file():
    service_dir = REPO / "catalogue/diensten"
    target = (service_dir / "../../plugins/loket/schema/dienst.schema.json").resolve()
    assert target.is_file()


def test_vscode_maps_every_catalogue_schema_and_recommends_the_yaml_extension():
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for schema_path, globs in mapping.items():
        assert (REPO / schema_path).is_file(), schema_path
        for pattern in globs:
            assert list(REPO.glob(pattern)), f"{pattern} matches no file"
    mapped = {Path(p).name for p in mapping}
    assert {"dienst.schema.json", "themas.schema.json", "organisatie.schema.json",
            "roadmap.schema.json", "doelen.schema.json"} <= mapped
    extensions = json.loads((REPO / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_pre_commit_hook_runs_loket_validate(repo):
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for entry in config["repos"] if entry["repo"] == "local" for hook in entry["hooks"]]
    hook = next(h for h in hooks if h["id"] == "loket-validate")
    assert hook["entry"] == ".venv/bin/loket validate" and hook["pass_filenames"] is False
    assert re.match(hook["files"], "catalogue/diensten/paspoort-aanvragen.yml")
    # The hook's command is the validate command; it fails on a broken file with a located message.
    repo.write("catalogue/diensten/kapot.yml", "naam: Kapot\nonbekend: 1\n")
    result = repo.validate()
    assert result.returncode == 1 and "catalogue/diensten/kapot.yml:" in result.stdout
