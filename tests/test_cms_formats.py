"""loket-cms.js, the file formats /beheer/ saves with, run in Node as Decap runs them: a form
change rewrites only the lines of the changed field; new files follow `loket new`'s style."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO, loket
from loket.cms import generate
from loket.cms.vendor import is_current

SCRIPT = REPO / "tests" / "browser" / "cms-formats.mjs"
PASPOORT = (REPO / "catalogue/diensten/paspoort-aanvragen.yml").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(not (shutil.which("node") and is_current()),
                                reason="needs node and the /beheer/ bundle (scripts/setup)")


@pytest.fixture(scope="module")
def formats():
    return generate(REPO, repo_url="https://github.com/x/y").formats


def save(spec: dict, raw: str | None, **change) -> str:
    payload = {"spec": spec, "raw": raw, **change}
    result = subprocess.run(["node", str(SCRIPT)], input=json.dumps(payload), capture_output=True, text=True,
                            check=True)
    return result.stdout


def changed_lines(old: str, new: str) -> list[str]:
    return [line for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_saving_without_a_change_keeps_every_byte(formats):
    assert save(formats["loket-diensten"], PASPOORT) == PASPOORT


def test_a_new_nested_field_goes_in_schema_order_and_nothing_else_moves(formats):
    new = save(formats["loket-diensten"], PASPOORT,
               set={"aanvragen.online": "live", "aanvragen.url": "https://lindewaard.example/paspoort"})
    assert changed_lines(PASPOORT, new) == ["-  online: niet", "+  online: live",
                                            "+  url: https://lindewaard.example/paspoort"]
    assert list(yaml.safe_load(new)["aanvragen"]) == ["online", "url", "toelichting"]


def test_a_field_emptied_in_the_form_is_removed_with_its_lines(formats):
    new = save(formats["loket-diensten"], PASPOORT, set={"trefwoorden": [], "intern.notities": ""})
    removed = changed_lines(PASPOORT, new)
    assert removed[0] == "-trefwoorden: [reisdocument, reizen, vakantie, pasfoto]"
    assert all(line.startswith("-") for line in removed) and len(removed) == 4  # notities was 3 lines
    assert "notities" not in yaml.safe_load(new)["intern"]


def test_a_changed_list_keeps_its_style(formats):
    new = save(formats["loket-diensten"], PASPOORT, set={"themas": ["burgerzaken", "reizen"]})
    assert changed_lines(PASPOORT, new) == ["-themas: [burgerzaken]", "+themas: [burgerzaken, reizen]"]


def test_a_new_file_is_in_loket_style_and_validates(formats, repo):
    data = {"intern": {"eigenaar": "team Burgerzaken", "gebruik_per_jaar": 40}, "naam": "Kapvergunning aanvragen",
            "samenvatting": "Vraag een vergunning aan om een boom te kappen.", "doelgroep": ["inwoner"],
            "themas": ["burgerzaken"], "aanvragen": {"online": "niet", "url": "", "gepland": None},
            "inloggen": {"machtigen": False, "digid": "substantieel"},
            "kosten": [{"omschrijving": "Leges", "bedrag": 62}, {"omschrijving": "Spoed", "bedrag": 12.5}],
            "voorwaarden": ["U bent eigenaar van de grond.", ""], "termijn": "yes", "gecontroleerd_op": "2026-11-30"}
    text = save(formats["loket-diensten"], None, data=data)
    assert text == """\
# yaml-language-server: $schema=../../plugins/loket/schema/dienst.schema.json
naam: Kapvergunning aanvragen
samenvatting: Vraag een vergunning aan om een boom te kappen.
doelgroep: [inwoner]
themas: [burgerzaken]
aanvragen:
  online: niet
inloggen:
  digid: substantieel
  machtigen: false
kosten:
  - omschrijving: Leges
    bedrag: 62
  - omschrijving: Spoed
    bedrag: 12.50
voorwaarden:
  - U bent eigenaar van de grond.
termijn: "yes"
gecontroleerd_op: 2026-11-30
intern:
  eigenaar: team Burgerzaken
  gebruik_per_jaar: 40
"""
    repo.write("catalogue/diensten/kapvergunning-aanvragen.yml", text)
    result = loket(["validate"], cwd=repo.root)
    assert result.returncode == 0, result.stdout + result.stderr


def test_themes_are_a_list_in_the_form_and_a_map_in_the_file(formats):
    raw = (REPO / "catalogue/themas.yml").read_text(encoding="utf-8")
    spec = formats["loket-themas"]
    payload = {"spec": spec, "raw": raw}
    # Read as Decap does, change the first theme's name, add a theme at the end.
    script = ("import fs from 'node:fs';import YAML from '../../plugins/loket/cms/vendor/yaml/index.js';"
              "import {makeFormat} from '../../plugins/loket/cms/static/loket-cms.js';"
              "const i=JSON.parse(fs.readFileSync(0,'utf8'));const f=makeFormat(YAML,i.spec);const d=f.fromFile(i.raw);"
              "d.themas[0].naam='Burgerzaken en documenten';d.themas.push({id:'sport',naam:'Sport'});"
              "process.stdout.write(JSON.stringify({ids:d.themas.map(t=>t.id),text:f.toFile(d)}));")
    result = subprocess.run(["node", "--input-type=module", "-e", script], input=json.dumps(payload),
                            capture_output=True, text=True, check=True, cwd=SCRIPT.parent)
    out = json.loads(result.stdout)
    assert out["ids"][:2] == ["burgerzaken", "belastingen"]
    assert changed_lines(raw, out["text"]) == ["-  naam: Burgerzaken", "+  naam: Burgerzaken en documenten",
                                               "+sport:", "+  naam: Sport"]


def test_a_chapter_keeps_its_text_when_only_the_front_matter_changes(formats):
    raw = (REPO / "content/i-visie/05-ai-kader.md").read_text(encoding="utf-8")
    new = save(formats["loket-hoofdstukken"], raw, set={"description": "Hoe de gemeente AI verantwoord inzet."})
    assert changed_lines(raw, new) == ["+description: Hoe de gemeente AI verantwoord inzet."]
    assert new.split("---\n", 2)[2] == raw.split("---\n", 2)[2]
