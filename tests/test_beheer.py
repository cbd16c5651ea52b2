"""/beheer/ in Debian's headless Chromium with the local backend (scripts/editor's server): an
editor creates a service through the form and changes one field of another; the files are what
loket expects — valid, built, in `loket new`'s key order, and the edit changes only that field."""

from __future__ import annotations

import difflib
import shutil
import subprocess
import threading

import pytest
import yaml

from conftest import REPO, loket, mkdocs_build, run
from loket.cms.server import make_server
from quality.qualitygates import WCAG_TAGS, describe_violations, require, run_node

NEW = {
    "naam": "Ligplaats woonboot aanvragen",
    "samenvatting": "Vraag een vergunning aan voor een vaste ligplaats voor uw woonboot in de gemeente.",
    "doelgroep": "inwoner",
    "thema": "Wonen en bouwen",
    "online": "live",
    "url": "https://formulieren.lindewaard.example/ligplaats",
    "datum": "2026-11-30",
    "kosten": {"omschrijving": "Leges ligplaatsvergunning", "bedrag": "125.50"},
}
EDIT = {"id": "paspoort-aanvragen", "naam": "Paspoort aanvragen",
        "samenvatting": "Voor reizen buiten Europa hebt u een paspoort nodig. U vraagt het aan en haalt het op in "
                        "het gemeentehuis."}
EXPECTED_NEW = """\
# yaml-language-server: $schema=../../plugins/loket/schema/dienst.schema.json
naam: Ligplaats woonboot aanvragen
samenvatting: >-
  Vraag een vergunning aan voor een vaste ligplaats voor uw woonboot in de gemeente.
doelgroep: [inwoner]
themas: [wonen-en-bouwen]
aanvragen:
  online: live
  url: https://formulieren.lindewaard.example/ligplaats
kosten:
  - omschrijving: Leges ligplaatsvergunning
    bedrag: 125.50
gecontroleerd_op: 2026-11-30
"""


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """A git copy of the example municipality, edited through /beheer/ once for all tests here."""
    require("node", "chromium")
    root = tmp_path_factory.mktemp("beheer") / "repo"
    root.mkdir()
    for item in ("mkdocs.yml", "site_config", "overrides", "content", "catalogue"):
        (shutil.copytree if (REPO / item).is_dir() else shutil.copy2)(REPO / item, root / item)
    run(["git", "init", "-q", "-b", "main"], root)
    run(["git", "add", "-A"], root)
    run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "start"], root)
    server = make_server(root)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/beheer/"
        report = run_node("beheer.cjs", {"base": base, "tags": WCAG_TAGS, "create": NEW, "edit": EDIT})
    finally:
        server.shutdown()
        server.server_close()
    return root, report


def test_every_screen_is_axe_clean_and_loads_nothing_from_other_hosts(edited):
    _root, report = edited
    assert [p["name"] for p in report["pages"]] == ["inloggen", "diensten", "nieuwe dienst",
                                                     "nieuwe dienst opgeslagen", "dienst wijzigen", "dienst gewijzigd"]
    assert not describe_violations(report), describe_violations(report)
    for page in report["pages"]:
        assert page["externalRequests"] == [], page
        assert page["failedLocalRequests"] == [] and page["pageErrors"] == [], page


def test_the_new_service_is_written_as_loket_new_would_and_validates_and_builds(edited, tmp_path):
    root, report = edited
    assert report["created"] == "ligplaats-woonboot-aanvragen"
    text = (root / "catalogue/diensten/ligplaats-woonboot-aanvragen.yml").read_text(encoding="utf-8")
    assert text == EXPECTED_NEW
    result = loket(["validate"], cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    mkdocs_build(root, "public", site_dir=tmp_path / "public")
    page = (tmp_path / "public/diensten/ligplaats-woonboot-aanvragen/index.html").read_text(encoding="utf-8")
    assert "Ligplaats woonboot aanvragen" in page and "125,50" in page


def test_editing_one_field_changes_only_that_field(edited):
    root, _report = edited
    status = run(["git", "status", "--porcelain"], root).stdout.splitlines()
    assert set(status) == {"?? catalogue/diensten/ligplaats-woonboot-aanvragen.yml",
                           " M catalogue/diensten/paspoort-aanvragen.yml"}
    path = "catalogue/diensten/paspoort-aanvragen.yml"
    old = run(["git", "show", f"HEAD:{path}"], root).stdout
    new = (root / path).read_text(encoding="utf-8")
    old_data, new_data = yaml.safe_load(old), yaml.safe_load(new)
    assert new_data["samenvatting"] == EDIT["samenvatting"]
    assert {k: v for k, v in new_data.items() if k != "samenvatting"} == \
        {k: v for k, v in old_data.items() if k != "samenvatting"}
    # Line by line: only the summary's lines differ; comments, folding and the rest keep their bytes.
    changed = [line for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    old_summary = old.split("samenvatting: >-\n", 1)[1].split("beschrijving:", 1)[0].splitlines()
    assert changed == [f"-{line}" for line in old_summary] + [
        "+  Voor reizen buiten Europa hebt u een paspoort nodig. U vraagt het aan en haalt het op in",
        "+  het gemeentehuis."]
    diff = subprocess.run(["git", "diff", "--stat"], cwd=root, capture_output=True, text=True).stdout
    assert "1 file changed, 2 insertions(+), 2 deletions(-)" in diff
