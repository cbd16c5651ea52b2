"""Schema, reference and cross-field checks, each with its exact file:line:column."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from loket.catalogue import load_catalogue

TODAY = dt.date(2026, 11, 1)
FILE = "catalogue/diensten/paspoort-aanvragen.yml"


def problems_of(repo, severity=None):
    result = load_catalogue(repo.root, "catalogue", today=TODAY)
    return [p for p in result.problems if severity is None or p.severity == severity]


def located(problems):
    return [(p.file, p.line, p.col, p.code) for p in problems]


def service(repo, text):
    repo.write(FILE, text)


BASE = """
naam: Paspoort aanvragen
samenvatting: Vraag een paspoort aan bij de gemeente.
upl: http://standaarden.overheid.nl/owms/terms/paspoort
doelgroep: [inwoner]
themas: [burgerzaken]
aanvragen:
  online: niet
gecontroleerd_op: 2026-09-01
"""


def test_valid_minimal_service_has_no_problems(repo):
    # A passport falls under the EU Single Digital Gateway: without English text that is the one warning.
    service(repo, BASE)
    assert [p.code for p in problems_of(repo)] == ["content.sdg-missing-english"]
    service(repo, BASE + "en:\n  naam: Apply for a passport\n  samenvatting: Apply for a Dutch passport.\n")
    repo.write("catalogue/themas.yml", "burgerzaken:\n  naam: Burgerzaken\n  en: {naam: Civil affairs}\n")
    assert problems_of(repo) == []


def test_unknown_key_with_did_you_mean(repo):
    service(repo, BASE + "trefwoorde: [reisdocument]\n")
    [p] = problems_of(repo)
    assert located([p]) == [(FILE, 9, 1, "schema.unknown-key")]
    assert "Bedoelt u 'trefwoorden'?" in p.hint


def test_missing_required_field(repo):
    service(repo, BASE.replace("samenvatting: Vraag een paspoort aan bij de gemeente.\n", ""))
    [p] = problems_of(repo)
    assert located([p]) == [(FILE, 1, 1, "schema.required")]
    assert "samenvatting" in p.message


def test_wrong_type_with_hint(repo):
    service(repo, BASE + "kosten:\n  - omschrijving: Paspoort\n    bedrag: 84,95\n")
    [p] = problems_of(repo)
    assert located([p]) == [(FILE, 11, 13, "schema.type")]
    assert "84.95" in p.hint and "kosten[1].bedrag" in p.message


def test_bad_enum_suggests_the_right_value(repo):
    service(repo, BASE + "inloggen:\n  eherkenning: eh3\n")
    [p] = problems_of(repo)
    assert located([p]) == [(FILE, 10, 16, "schema.enum")]
    assert "Bedoelt u 'EH3'?" in p.hint


def test_yaml_boolean_surprise_is_explained(repo):
    service(repo, BASE.replace("online: niet", "online: no"))
    [p] = problems_of(repo)
    assert p.code == "schema.enum" and "ja/nee" in p.hint


@pytest.mark.parametrize("url,fragment", [
    ("http://loket.example/x", "https://"),
    ("javascript:alert(1)", "onveilig"),
])
def test_unsafe_urls_are_refused(repo, url, fragment):
    service(repo, BASE.replace("online: niet", f"online: live\n  url: {url}"))
    [p] = problems_of(repo, "error")
    assert located([p]) == [(FILE, 8, 8, "schema.url")]
    assert fragment in p.hint


def test_live_needs_url(repo):
    service(repo, BASE.replace("online: niet", "online: live"))
    [p] = problems_of(repo)
    assert located([p]) == [(FILE, 7, 11, "rule.live-needs-url")]


def test_planned_needs_quarter_or_date(repo):
    service(repo, BASE.replace("online: niet", "online: gepland"))
    [p] = problems_of(repo)
    assert located([p]) == [(FILE, 7, 11, "rule.planned-needs-date")]


def test_bad_quarter(repo):
    service(repo, BASE.replace("online: niet", "online: gepland\n  gepland: 2027-Q5"))
    [p] = problems_of(repo)
    assert located([p]) == [(FILE, 8, 12, "schema.period")]


def test_quoted_impossible_date(repo):
    service(repo, BASE.replace("gecontroleerd_op: 2026-09-01", 'gecontroleerd_op: "2026-02-30"'))
    [p] = problems_of(repo)
    assert located([p]) == [(FILE, 8, 19, "rule.invalid-date")]


def test_dangling_theme_and_related_references(repo):
    service(repo, BASE.replace("themas: [burgerzaken]", "themas: [burgerzaak]") + "gerelateerd: [id-kaart]\n")
    problems = problems_of(repo, "error")
    assert located(problems) == [(FILE, 5, 10, "ref.unknown"), (FILE, 9, 15, "ref.unknown")]
    assert "Bedoelt u 'burgerzaken'?" in problems[0].hint


def test_list_at_root(repo):
    service(repo, "- naam: Paspoort\n")
    [p] = problems_of(repo)
    assert located([p]) == [(FILE, 1, 1, "schema.type")]
    assert "groep velden" in p.message


def test_bad_file_name(repo):
    repo.write("catalogue/diensten/Paspoort Aanvragen.yml", BASE)
    codes = [p.code for p in problems_of(repo)]
    assert "file.invalid-name" in codes


def test_all_problems_in_one_run(repo):
    service(repo, BASE + "onbekend: 1\n")
    repo.write("catalogue/diensten/tweede.yml", "naam: x\nnaam: y\n")
    repo.write("catalogue/diensten/derde.yml", "\tnaam: x\n")
    files = {p.file for p in problems_of(repo, "error")}
    assert files == {FILE, "catalogue/diensten/tweede.yml", "catalogue/diensten/derde.yml"}


def test_content_warnings_missing_upl_and_stale(repo):
    service(repo, BASE.replace("upl: http://standaarden.overheid.nl/owms/terms/paspoort\n", "")
            .replace("2026-09-01", "2025-01-15"))
    problems = problems_of(repo)
    assert {p.severity for p in problems} == {"warning"}
    assert sorted(p.code for p in problems) == ["content.missing-upl", "content.stale"]
    stale = next(p for p in problems if p.code == "content.stale")
    assert (stale.line, stale.col) == (7, 19)


def test_missing_organisation_file(repo):
    (repo.root / "catalogue/organisatie.yml").unlink()
    result = load_catalogue(repo.root, "catalogue", today=TODAY)
    assert result.catalogue is None
    assert located(p for p in result.problems if p.is_error) == [("catalogue/organisatie.yml", 1, 1, "file.missing")]


def test_cli_validate_exit_codes_and_formats(repo):
    service(repo, BASE)
    ok = repo.validate()
    assert ok.returncode == 0, ok.stdout
    service(repo, BASE + "naam: Dubbel\n")
    bad = repo.validate()
    assert bad.returncode == 1
    assert f"{FILE}:9:1: fout: De sleutel 'naam' staat hier voor de tweede keer" in bad.stdout
    as_json = json.loads(repo.validate("--format", "json").stdout)
    assert as_json["errors"] == 1 and as_json["problems"][0]["line"] == 9
    github = repo.validate("--format", "github").stdout
    assert github.startswith(f"::error file={FILE},line=9,col=1,")
    gitlab = json.loads(repo.validate("--format", "gitlab").stdout)
    assert gitlab[0]["location"] == {"path": FILE, "positions": {"begin": {"line": 9, "column": 1}}}


def test_invalid_catalogue_fails_strict_build_with_the_same_message(repo):
    service(repo, BASE + "naam: Dubbel\n")
    result = repo.build(check=False)
    assert result.returncode == 1
    assert f"{FILE}:9:1: De sleutel 'naam' staat hier voor de tweede keer" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
