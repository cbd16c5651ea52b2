"""Fail closed: input with an error never reaches the public site, whatever the build flags.

A matrix over kinds of invalid input (chapter front matter without a title, that
does not parse, with an unknown status or a misspelt key; a service with a schema
error or a dangling reference; a roadmap project with an error) and build modes
(`mkdocs build`, `--strict`, `-q --strict`, `loket render`). Each invalid item
carries a canary string; every file of the public output is scanned for it.
Strict modes must exit non-zero and leave the previous site untouched; a
non-strict build succeeds and logs the error with file:line:column.
"""

from __future__ import annotations

import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO, loket, run
from test_canary import Canary, scan

from loket.catalogue import load_catalogue

CHAPTER = "content/i-visie/01-digitaal-fundament.md"  # adopted and public in the example
CHAPTER_BODY = "\nKanariehoofdstuk5r2: deze tekst mag niet openbaar worden.\n\n## Waarom we eerst de basis versterken\n"


def _chapter(front: str) -> str:
    return f"---\n{front}---\n{CHAPTER_BODY}"


SERVICE_BASE = """naam: Kanariedienst3t6 aanvragen
samenvatting: Kanariesamenvatting3t6 van een dienst die niet openbaar mag worden.
doelgroep: [inwoner]
themas: [burgerzaken]
aanvragen:
  online: niet
gecontroleerd_op: 2026-09-01
"""


@dataclass(frozen=True)
class Invalid:
    path: str  # written into the copy of the example repository
    text: str
    location: str  # file:line:column of (one of) its errors, as the log must name it
    canaries: tuple[str, ...]  # text of the invalid item: finding one in a public file is a leak


KINDS = {
    "hoofdstuk zonder titel": Invalid(CHAPTER, _chapter("status: vastgesteld\nvastgesteld_op: 2026-03-12\n"),
                                      f"{CHAPTER}:2:1", ("kanariehoofdstuk5r2", "kanarietitel1a9")),
    "hoofdstuk onleesbaar": Invalid(CHAPTER, _chapter('title: "Kanarietitel1a9 digitaal\nstatus: vastgesteld\n'
                                                      "vastgesteld_op: 2026-03-12\n"),
                                    f"{CHAPTER}:5:1", ("kanariehoofdstuk5r2", "kanarietitel1a9")),
    "hoofdstuk onbekende status": Invalid(CHAPTER, _chapter("title: Kanarietitel1a9 fundament\nstatus: besloten\n"),
                                          f"{CHAPTER}:3:9", ("kanariehoofdstuk5r2", "kanarietitel1a9")),
    "hoofdstuk verkeerde sleutel": Invalid(CHAPTER, _chapter("title: Kanarietitel1a9 fundament\nstatus: vastgesteld\n"
                                                             "vastgesteld_op: 2026-03-12\nraadsbesluitt: https://x.example/b\n"),
                                           f"{CHAPTER}:5:1", ("kanariehoofdstuk5r2", "kanarietitel1a9")),
    "dienst met schemafout": Invalid("catalogue/diensten/kanarie-dienst.yml",
                                     SERVICE_BASE + "trefwoorde: [kanarietrefwoord3t6]\n",
                                     "catalogue/diensten/kanarie-dienst.yml:8:1", ("kanariedienst3t6", "kanariesamenvatting3t6", "kanarie-dienst")),
    "dienst met losse verwijzing": Invalid("catalogue/diensten/kanarie-dienst.yml",
                                           SERVICE_BASE + "gerelateerd: [bestaat-niet]\n",
                                           "catalogue/diensten/kanarie-dienst.yml:8:15", ("kanariedienst3t6", "kanariesamenvatting3t6", "kanarie-dienst")),
    "roadmapproject met fout": Invalid("catalogue/roadmap/kanarie-project.yml",
                                       "titel: Kanarieproject8u4 vervangen\nstatus: gepland\nstart: 2028-Q2\n"
                                       "eind: 2027-Q1\ndiensten: [paspoort-aanvragen]\n",
                                       "catalogue/roadmap/kanarie-project.yml:4:7", ("kanarieproject8u4", "kanarie-project")),
}
MODES = ("build", "strict", "quiet-strict", "render")
PREVIOUS = "<html><body>De vorige site: vorigesite7k1</body></html>"


def _example_copy(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for item in ("mkdocs.yml", "site_config", "overrides", "content", "catalogue"):
        source = REPO / item
        if source.is_dir():
            shutil.copytree(source, root / item)
        else:
            shutil.copy2(source, root / item)
    return root


def _plant(root: Path, invalid: Invalid) -> None:
    target = root / invalid.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(invalid.text, encoding="utf-8")


@pytest.fixture(scope="module", params=list(KINDS), ids=lambda kind: kind.replace(" ", "-"))
def invalid_repo(request, tmp_path_factory) -> tuple[Path, Invalid]:
    """One copy of the example repository per kind of invalid input, shared by the build modes."""
    invalid = KINDS[request.param]
    root = _example_copy(tmp_path_factory.mktemp("fail-closed"))
    _plant(root, invalid)
    return root, invalid


def _previous_site(site: Path) -> dict[str, str]:
    site.mkdir(parents=True)
    (site / "index.html").write_text(PREVIOUS, encoding="utf-8")
    (site / "oud").mkdir()
    (site / "oud" / "index.html").write_text(PREVIOUS, encoding="utf-8")
    return _snapshot(site)


def _snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*")) if p.is_file()}


def _mkdocs(root: Path, site: Path, *flags: str):
    return run([sys.executable, "-m", "mkdocs", "build", *flags, "-f", "site_config/public.yml", "-d", str(site)],
               cwd=root, check=False)


@pytest.mark.parametrize("mode", MODES)
def test_invalid_input_never_reaches_the_public_output(invalid_repo, mode, tmp_path):
    root, invalid = invalid_repo
    canaries = [Canary("invalid item", invalid.canaries)]
    out = tmp_path / "site"
    if mode == "build":
        result = _mkdocs(root, out)
        assert result.returncode == 0, result.stderr
        files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
        assert {"index.html", "zoekindex/nl/vocabulary.json", "sitemap.xml", "sitemap.xml.gz",
                "export/diensten.json", "export/samenwerkende-catalogi.xml"} <= files
        assert scan(out, canaries) == {}
        # Logged with its place, and what was withheld because of it.
        assert re.search(re.escape(invalid.location) + ": ", result.stderr), result.stderr
        assert f"Niet gepubliceerd: {invalid.path} — " in result.stderr
        return
    previous = _previous_site(out)
    if mode == "render":
        result = loket(["render", str(out), "--audience", "public"], cwd=root)
        assert "er is niets geschreven" in result.stderr
    else:
        result = _mkdocs(root, out, *(["-q", "--strict"] if mode == "quiet-strict" else ["--strict"]))
        assert "De vorige site blijft staan" in result.stderr
    assert result.returncode != 0
    assert invalid.location in result.stderr  # named even under -q
    assert _snapshot(out) == previous
    assert not [p.name for p in out.parent.iterdir() if p.name != "site"]  # no half site left beside it


SERVICE_WITH_FOUR_PROBLEMS = """naam: Kanariedienst aanvragen
doelgroep: [inwoner]
themas: [burgerzakken]
aanvragen:
  online: live
gerelateerd: [bestaat-niet]
gecontroleerd_op: 2026-09-01
"""


def test_one_file_reports_every_problem_in_one_run_and_stays_out(repo):
    repo.write("catalogue/diensten/vier-fouten.yml", SERVICE_WITH_FOUR_PROBLEMS)
    result = repo.validate()
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("catalogue/diensten/vier-fouten.yml:")]
    found = {line.split(": fout: ")[0].removeprefix("catalogue/diensten/vier-fouten.yml:"): line for line in lines}
    assert set(found) == {"1:1", "3:10", "5:11", "6:15"}, result.stdout
    assert "'samenvatting' ontbreekt" in found["1:1"]
    assert "Het thema 'burgerzakken' bestaat niet" in found["3:10"] and "Bedoelt u 'burgerzaken'?" in found["3:10"]
    assert "'online: live' maar er is geen 'url'" in found["5:11"]
    assert "De dienst 'bestaat-niet' bestaat niet" in found["6:15"]
    loaded = load_catalogue(repo.root)
    assert "vier-fouten" not in loaded.catalogue.services
    assert "paspoort-aanvragen" in loaded.catalogue.services


def test_a_schema_error_and_a_rule_at_the_same_place_give_one_message(repo):
    repo.write("catalogue/diensten/datum.yml", SERVICE_BASE.replace("2026-09-01", '"2026-02-30x"'))
    lines = [line for line in repo.validate().stdout.splitlines() if line.startswith("catalogue/diensten/datum.yml:7:")]
    assert len(lines) == 1, lines


def test_a_broken_service_that_others_point_at_does_not_cascade(repo):
    repo.write("catalogue/diensten/kapot.yml", SERVICE_BASE + "onbekend_veld: 1\n")
    repo.write("catalogue/diensten/wijst.yml", SERVICE_BASE.replace("Kanariedienst3t6", "Ander") + "gerelateerd: [kapot]\n")
    stdout = repo.validate().stdout
    assert "catalogue/diensten/kapot.yml:8:1" in stdout
    assert "wijst.yml" not in stdout.replace("wijst.yml:1:1: waarschuwing", "")
    services = load_catalogue(repo.root).catalogue.services
    assert "wijst" in services and "kapot" not in services


def test_the_internal_dashboard_lists_what_was_withheld_and_why(tmp_path):
    """A non-strict internal build (as under `mkdocs serve`) keeps working and shows editors every withheld file."""
    root = _example_copy(tmp_path / "repo")
    planted = {"hoofdstuk verkeerde sleutel", "dienst met schemafout", "roadmapproject met fout"}
    for kind in planted:
        _plant(root, KINDS[kind])
    site = tmp_path / "intern"
    result = run([sys.executable, "-m", "mkdocs", "build", "-f", "site_config/internal.yml", "-d", str(site)], cwd=root)
    page = (site / "voortgang" / "index.html").read_text(encoding="utf-8")
    section = page.split('id="intern-niet-gepubliceerd-door-fouten"')[1].split("<h2")[0]
    for kind in planted:
        invalid = KINDS[kind]
        assert f"<code>{invalid.path}</code>" in section
        assert f"<code>{invalid.location}" in section
        assert f"Niet gepubliceerd: {invalid.path}" in result.stderr
    assert "Het hoofdstuk geldt als concept en staat niet op de openbare site." in section
    assert "Het roadmapproject staat nergens" in section
    # The internal site reads the invalid chapter as a concept: editors still see its text.
    assert "Kanariehoofdstuk5r2" in (site / "i-visie" / "01-digitaal-fundament" / "index.html").read_text(encoding="utf-8")
    assert not (site / "roadmap" / "kanarie-project").exists()


def test_an_unreadable_goals_file_publishes_no_goal_and_withholds_no_chapter(repo, tmp_path):
    """A typo in `intern: true` must not make an internal goal public; the chapters that embed goals stay."""
    goals = (REPO / "catalogue/doelen.yml").read_text(encoding="utf-8")
    repo.write("catalogue/doelen.yml", goals + "\nkanariedoel-p3x:\n  titel: Kanariedoeltitel9e2\n  interne: true\n")
    result = repo.build("public", strict=False)
    assert "Niet gepubliceerd: catalogue/doelen.yml — Het bestand kan niet worden gelezen: geen enkel doel" in result.stderr
    assert scan(repo.site("public"), [Canary("internal goal", ("kanariedoeltitel9e2", "kanariedoel-p3x"))]) == {}
    # Only the goals file is named: markers for its goals do not cascade into chapter errors.
    assert "Niet gepubliceerd: content/" not in result.stderr
    assert (repo.site("public") / "i-visie" / "01-digitaal-fundament" / "index.html").is_file()


def test_an_invalid_organisation_file_publishes_nothing_in_any_mode(repo, tmp_path):
    repo.write("catalogue/organisatie.yml", (repo.root / "catalogue/organisatie.yml").read_text(encoding="utf-8")
               + "kanarieveld: Kanarieorganisatie4d8\n")
    site = repo.site("public")
    previous = _previous_site(site)
    result = repo.build("public", strict=False, check=False)
    assert result.returncode != 0
    assert "De catalogus kan niet worden gelezen; er is niets gepubliceerd." in result.stderr
    assert "catalogue/organisatie.yml:7:1: Onbekend veld 'kanarieveld'" in result.stderr
    assert _snapshot(site) == previous
    out = tmp_path / "render"
    render = loket(["render", str(out)], cwd=repo.root)
    assert render.returncode == 1 and not out.exists()
