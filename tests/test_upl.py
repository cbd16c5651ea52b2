"""The Uniforme Productnamenlijst: import, validation with suggestions, labels on pages, coverage report."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import MINIMAL_SERVICE, REPO, loket
from loket import upl
from loket.catalogue import load_catalogue

SHARED_CSV = REPO.parent / "shared" / "data" / "UPL-actueel.csv"
HEADER = ("UniformeProductnaam,URI,Rijk,Provincie,Waterschap,Gemeente,Burger,Bedrijf,Dienstenwet,SDG,Autonomie,"
          "Medebewind,Aanvraag,Subsidie,Melding,Verplichting,Grondslag,Grondslaglabel,Grondslaglink\n")
T = "http://standaarden.overheid.nl/owms/terms/"
# Two legal-basis rows for one product (flags and SDG codes differ per row), one plain product, BOM in front.
SMALL_CSV = "\ufeff" + HEADER + (
    f"parkeervergunning,{T}parkeervergunning,,,,X,X,,X,N1,X,,X,,,,{T}Gemeentewet_art_225,Artikel 225 Gemeentewet,https://wetten.overheid.nl/a\n"
    f"parkeervergunning,{T}parkeervergunning,,,,,,X,,D1,,,X,,,,{T}Wegenverkeerswet,Wegenverkeerswet,https://wetten.overheid.nl/b\n"
    f"inkoop,{T}inkoop,X,,X,,,X,,,,,,,,,,,\n"
)


def test_rows_per_legal_basis_merge_into_one_product_per_uri():
    products = upl.parse_csv(SMALL_CSV)
    assert [p.uri for p in products] == [f"{T}inkoop", f"{T}parkeervergunning"]  # sorted by URI
    parking = products[1]
    assert (parking.naam, parking.gemeente, parking.burger, parking.bedrijf, parking.sdg) == (
        "parkeervergunning", True, True, True, ("D1", "N1"))
    assert not products[0].gemeente and products[0].bedrijf and products[0].sdg == ()


def test_import_command_writes_a_deterministic_compact_file(tmp_path):
    source = tmp_path / "UPL-actueel.csv"
    source.write_text(SMALL_CSV, encoding="utf-8")
    out = tmp_path / "upl.json"
    result = loket(["upl", "import", str(source), "--output", str(out)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2 UPL-producten (1 gemeentelijk)" in result.stdout
    first = out.read_bytes()
    loket(["upl", "import", str(source), "--output", str(out)], cwd=tmp_path, check=True)
    assert out.read_bytes() == first
    data = json.loads(first)
    assert data["bron"] == "UPL-actueel.csv"
    assert data["producten"][1] == {"uri": f"{T}parkeervergunning", "naam": "parkeervergunning", "gemeente": True,
                                    "burger": True, "bedrijf": True, "sdg": ["D1", "N1"]}
    # Compact: one product per line, unset flags left out.
    assert len(first.decode().splitlines()) == 2 + 2 + 1
    assert data["producten"][0] == {"uri": f"{T}inkoop", "naam": "inkoop", "bedrijf": True}


def test_import_refuses_a_file_that_is_not_the_upl_export(tmp_path):
    (tmp_path / "x.csv").write_text("naam,adres\na,b\n", encoding="utf-8")
    result = loket(["upl", "import", str(tmp_path / "x.csv"), "--output", str(tmp_path / "upl.json")], cwd=tmp_path)
    assert result.returncode == 1
    assert "geen UPL-export" in result.stderr and "URI" in result.stderr
    assert not (tmp_path / "upl.json").exists()
    missing = loket(["upl", "import", str(tmp_path / "bestaat-niet.csv")], cwd=tmp_path)
    assert missing.returncode == 1 and "kan niet worden gelezen" in missing.stderr


def test_shipped_list_is_the_import_of_the_official_csv():
    if not SHARED_CSV.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SHARED_CSV} is missing in CI")
        pytest.skip(f"{SHARED_CSV} is not available here")
    shipped = (REPO / "plugins/loket/data/upl.json").read_text(encoding="utf-8")
    assert shipped == upl.dump(upl.parse_csv(SHARED_CSV.read_text(encoding="utf-8-sig")), str(SHARED_CSV))
    data = json.loads(shipped)
    assert len(data["producten"]) == 1214
    assert sum(1 for p in data["producten"] if p.get("gemeente")) == 512


def test_every_example_service_has_a_valid_upl_uri():
    result = load_catalogue(REPO, "catalogue")
    assert result.catalogue is not None
    products = upl.products_by_uri()
    for service in result.catalogue.services.values():
        assert service.upl in products, service.id
    codes = {p.code for p in result.problems}
    assert "ref.unknown-upl" not in codes and "content.missing-upl" not in codes


def test_unknown_upl_uri_fails_validation_with_the_closest_names(repo):
    repo.write("catalogue/diensten/paspoort-aanvragen.yml",
               MINIMAL_SERVICE.replace("doelgroep:", f"upl: {T}paspoortt\ndoelgroep:"))
    result = repo.validate()
    assert result.returncode == 1
    line = next(l for l in result.stdout.splitlines() if "Uniforme Productnamenlijst" in l)
    assert line.startswith("catalogue/diensten/paspoort-aanvragen.yml:3:6: fout: ")
    assert f"'paspoort' ({T}paspoort)" in line
    assert "loket upl zoek" in line
    # A strict build refuses it too.
    assert repo.build(check=False).returncode != 0


def test_suggestions_match_labels_as_well_as_local_names():
    # The local name is irregular ('brpUittr'); an editor who types the label still gets the right URI.
    assert upl.suggestions(f"{T}brp-uittreksel")[0].uri == f"{T}brpUittr"
    assert upl.suggestions(f"{T}brpUitr")[0].uri == f"{T}brpUittr"
    assert upl.suggestions(f"{T}qqqqqqqq") == []


def test_search_command_finds_products_by_words():
    result = loket(["upl", "zoek", "openbare ruimte"], cwd=REPO, check=True)
    assert f"melding openbare ruimte (groenvoorziening)\t{T}melding_openbare_ruimte_(groenvoorziening)" in result.stdout
    assert loket(["upl", "zoek", "zzzzzzzzzz"], cwd=REPO).returncode == 1


def test_service_page_shows_the_uniform_product_name(example_sites):
    page = (example_sites["public"] / "diensten/uittreksel-brp-aanvragen/index.html").read_text(encoding="utf-8")
    assert f'Uniforme productnaam: <a href="{T}brpUittr">brp-uittreksel</a>' in page


def test_coverage_report_is_on_the_internal_site_only(example_sites):
    internal = (example_sites["internal"] / "voortgang/upl/index.html").read_text(encoding="utf-8")
    catalogue = load_catalogue(REPO, "catalogue").catalogue
    municipal, groups = upl.municipal_gaps(catalogue)
    missing = sum(len(g.products) for g in groups)
    assert f"noemt {municipal} producten die gemeenten aanbieden" in internal
    assert f"De catalogus beschrijft er {municipal - missing}; {missing} nog niet." in internal
    # Products with an SDG code come first; products the catalogue describes are not listed.
    assert groups[0].title.startswith("Met SDG-code") and all(p.sdg for p in groups[0].products)
    assert "afvalstoffenheffing" in internal
    described = {s.upl for s in catalogue.services.values()}
    assert not described & {p.uri for g in groups for p in g.products}
    for group in groups:
        assert f"{group.title} ({len(group.products)})" in internal
    public = example_sites["public"]
    assert not (public / "voortgang/upl").exists()
    for html in public.rglob("*.html"):
        assert "voortgang/upl" not in html.read_text(encoding="utf-8"), html


def test_missing_upl_is_a_warning_that_does_not_block(repo):
    # The example catalogue has no service without `upl`; this repository's one service has none.
    result = repo.validate()
    assert result.returncode == 0
    assert "geen UPL-productnaam" in result.stdout


def test_coverage_page_sits_under_voortgang_in_the_internal_nav_only(example_sites):
    from lxml import html as lxml_html

    def voortgang_item(target):
        page = lxml_html.parse(str(example_sites[target] / "privacy/index.html"))
        [item] = [li for li in page.xpath("//nav[contains(@class, 'md-nav--primary')]/ul/li")
                  if " ".join(li.xpath("string(./a | ./label | ./div)").split()).startswith("Voortgang")]
        return item

    internal = voortgang_item("internal")
    assert "UPL en Samenwerkende Catalogi" in [" ".join(a.text_content().split()) for a in internal.iter("a")]
    # On the public site the section has only its index page left, so it is a plain link again.
    public = voortgang_item("public")
    assert "md-nav__item--nested" not in public.get("class") and public.xpath("./a/@href") == ["../voortgang/"]
