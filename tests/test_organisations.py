"""Several organisations in one repository: loading, overrides, and their validation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from multi_org import (
    IJSSELSTEIN_OWN,
    MONTFOORT_FEE,
    MONTFOORT_OWN,
    MONTFOORT_URI,
    MONTFOORT_URL,
    make_multi_repo,
)

from loket.catalogue import load_catalogue
from loket.organisations import load_organisation, load_selected, validate_all
from loket.organisations.schema import PARTIAL_SERVICE
from loket.validate import schema

TODAY = dt.date(2026, 11, 1)


@pytest.fixture
def multi(tmp_path):
    return make_multi_repo(tmp_path / "multi")


def _problems(repo, organisation=None):
    if organisation:
        return load_organisation(repo.root, organisation, today=TODAY).problems
    return validate_all(repo.root, today=TODAY)[0]


def _errors(problems):
    return [p for p in problems if p.is_error]


def test_each_organisation_gets_shared_services_its_overrides_and_only_its_own(multi):
    ijs = load_organisation(multi.root, "ijsselstein", today=TODAY)
    mon = load_organisation(multi.root, "montfoort", today=TODAY)
    assert not _errors(ijs.problems) and not _errors(mon.problems)
    assert set(ijs.catalogue.services) == {"paspoort-aanvragen", "parkeervergunning", "afvalpas", "kasteeltuin-huren"}
    assert set(mon.catalogue.services) == {"paspoort-aanvragen", "parkeervergunning", "kanaalvergunning"}
    assert mon.catalogue.services["kanaalvergunning"].naam == MONTFOORT_OWN
    assert ijs.catalogue.services["kasteeltuin-huren"].naam == IJSSELSTEIN_OWN

    shared, overridden = ijs.catalogue.services["parkeervergunning"], mon.catalogue.services["parkeervergunning"]
    assert (shared.online, shared.url, shared.kosten[0].bedrag) == ("niet", None, Decimal("48.00"))
    assert (overridden.online, overridden.url, overridden.kosten[0].bedrag) == ("live", MONTFOORT_URL, Decimal(MONTFOORT_FEE))
    # A field in the override replaces the shared one whole (groups too); the rest is the shared text.
    assert (shared.inloggen.digid, shared.inloggen.eherkenning) == ("midden", "geen")
    assert (overridden.inloggen.digid, overridden.inloggen.eherkenning) == ("geen", "EH3")
    assert overridden.naam == shared.naam and overridden.themas == shared.themas
    assert overridden.source == "organisaties/montfoort/diensten/parkeervergunning.yml"

    assert mon.catalogue.organisation.id == "montfoort" and mon.catalogue.organisation.owms_uri == MONTFOORT_URI
    # A link to a shared service Montfoort does not offer is dropped, not left dangling.
    assert mon.catalogue.services["paspoort-aanvragen"].gerelateerd == ()
    assert ijs.catalogue.services["paspoort-aanvragen"].gerelateerd == ("afvalpas",)


def test_the_whole_repository_validates(multi):
    result = multi.validate()
    assert result.returncode == 0, result.stdout
    assert "fout" not in result.stdout.replace("0 fout", "")


def test_partial_schema_is_derived_from_the_service_schema():
    full, partial = schema("dienst"), schema(PARTIAL_SERVICE)
    assert "required" not in partial and "required" in full
    # Every field but the list of organisations can be overridden, including fields added to the contract later.
    assert set(partial["properties"]) == set(full["properties"]) - {"organisaties"}
    # Inside a field nothing changes: an overridden `aanvragen` replaces the shared one and needs its `online`.
    assert partial["properties"]["aanvragen"] == full["properties"]["aanvragen"]
    # Lists replace the shared value whole, so their items keep what they require.
    assert partial["properties"]["kosten"]["items"] == full["properties"]["kosten"]["items"]


BAD_OVERRIDES = [
    # (file, text, expected "file:line:col", code)
    ("organisaties/montfoort/diensten/parkeervergunning.yml", "kosten:\n  - omschrijving: Per jaar\n    bedrag: 61.35\nprijs: 3\n",
     "organisaties/montfoort/diensten/parkeervergunning.yml:4:1", "schema.unknown-key"),
    ("organisaties/montfoort/diensten/parkeervergunning.yml", "aanvragen:\n  online: ja\n",
     "organisaties/montfoort/diensten/parkeervergunning.yml:2:11", "schema.enum"),
    ("organisaties/montfoort/diensten/parkeervergunning.yml", "kosten:\n  - omschrijving: Per jaar\n    bedrag: '61,35'\n",
     "organisaties/montfoort/diensten/parkeervergunning.yml:3:13", "schema.type"),
    # Valid on its own, but the merged whole is not: live needs a link.
    ("organisaties/montfoort/diensten/parkeervergunning.yml", "naam: Parkeren\naanvragen:\n  online: live\n",
     "organisaties/montfoort/diensten/parkeervergunning.yml:3:11", "rule.live-needs-url"),
    ("organisaties/montfoort/diensten/parkeervergunning.yml", "organisaties: [montfoort]\n",
     "organisaties/montfoort/diensten/parkeervergunning.yml:1:1", "rule.organisations-in-own-file"),
    # An override of a shared service that does not exist (a typo in the file name).
    ("organisaties/montfoort/diensten/parkeervergunnig.yml", "kosten:\n  - omschrijving: Per jaar\n    bedrag: 61.35\n",
     "organisaties/montfoort/diensten/parkeervergunnig.yml:1:1", "ref.unknown-shared-service"),
    # An override of a shared service Montfoort does not offer.
    ("organisaties/montfoort/diensten/afvalpas.yml", "aanvragen:\n  online: niet\n",
     "organisaties/montfoort/diensten/afvalpas.yml:1:1", "ref.override-not-offered"),
]


@pytest.mark.parametrize("path, text, where, code", BAD_OVERRIDES, ids=[b[3] for b in BAD_OVERRIDES])
def test_a_bad_override_is_an_error_with_its_place(multi, path, text, where, code):
    (multi.root / path).write_text(text, encoding="utf-8")
    problems = _problems(multi)
    found = [p for p in problems if p.code == code]
    assert found, [str(p) for p in problems]
    assert f"{found[0].file}:{found[0].line}:{found[0].col}" == where
    assert found[0].is_error and found[0].hint
    # Fail closed: the service is withheld from Montfoort's site, with or without the override.
    montfoort = load_organisation(multi.root, "montfoort", today=TODAY).catalogue
    stem = path.rsplit("/", 1)[1][:-4]
    if stem == "parkeervergunning":
        assert "parkeervergunning" not in montfoort.services
    # IJsselstein never sees Montfoort's mistakes.
    assert not _errors(_problems(multi, "ijsselstein"))


def test_hints_name_the_closest_service_and_organisation(multi):
    multi.write("organisaties/montfoort/diensten/parkeervergunnig.yml", "termijn: 2 weken\n")
    text = multi.validate().stdout
    assert "Bedoelt u 'parkeervergunning'?" in text
    service = (multi.root / "catalogue/diensten/afvalpas.yml")
    service.write_text(service.read_text(encoding="utf-8").replace("[ijsselstein]", "[ijselstein]"), encoding="utf-8")
    result = multi.validate()
    assert result.returncode == 1
    assert "catalogue/diensten/afvalpas.yml:10:16: fout: De organisatie 'ijselstein' bestaat niet." in result.stdout
    assert "Bedoelt u 'ijsselstein'?" in result.stdout


def test_a_top_task_must_be_offered_by_that_organisation(multi):
    multi.write("organisaties/montfoort/organisatie.yml",
                (multi.root / "organisaties/montfoort/organisatie.yml").read_text(encoding="utf-8")
                .replace("[parkeervergunning, kanaalvergunning]", "[parkeervergunning, afvalpas, kasteeltuin-huren]"))
    found = {(p.code, p.line, p.col) for p in _problems(multi, "montfoort") if p.is_error}
    # afvalpas is shared but not offered by Montfoort; kasteeltuin-huren is IJsselstein's own.
    assert found == {("ref.toptaak-not-offered", 8, 31), ("ref.unknown", 8, 41)}


def test_validate_reports_a_shared_problem_once(multi):
    (multi.root / "catalogue/diensten/paspoort-aanvragen.yml").write_text("naam: Paspoort\n", encoding="utf-8")
    problems = _problems(multi)
    required = [p for p in problems if p.code == "schema.required" and p.file == "catalogue/diensten/paspoort-aanvragen.yml"]
    assert len(required) == len({p.message for p in required}) >= 4


def test_choosing_the_organisation(multi, repo):
    missing = load_selected(multi.root)
    assert missing.catalogue is None
    assert [p.code for p in missing.problems] == ["organisation.not-chosen"]
    assert "ijsselstein, montfoort" in missing.problems[0].message and "LOKET_ORGANISATIE=" in missing.problems[0].hint
    unknown = load_selected(multi.root, organisation="monfoort")
    assert unknown.catalogue is None and "Bedoelt u 'montfoort'?" in unknown.problems[0].hint
    assert load_selected(multi.root, organisation="montfoort").catalogue.organisation.naam == "Gemeente Montfoort"
    # One municipality: as before, and an organisation asked for there is an error rather than silently ignored.
    single = load_selected(repo.root)
    assert single.catalogue is not None and single.catalogue.organisation.id is None
    assert single.catalogue == load_catalogue(repo.root).catalogue
    assert load_selected(repo.root, organisation="montfoort").problems[0].code == "organisation.not-multi"


def test_regio_partners_must_exist(multi):
    path = multi.root / "organisaties/montfoort/organisatie.yml"
    path.write_text(path.read_text(encoding="utf-8") + "regio: [ijselstein]\n", encoding="utf-8")
    found = [p for p in _problems(multi, "montfoort") if p.code == "ref.unknown-organisation"]
    assert [(p.file, p.line, p.col) for p in found] == [("organisaties/montfoort/organisatie.yml", 9, 9)]
    assert "Bedoelt u 'ijsselstein'?" in found[0].hint
