"""The Samenwerkende Catalogi 4.0 export: valid against the official XSD, complete, and honest about what it leaves out."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml
from lxml import etree

from conftest import REPO, loket, run
from gitrepo import commit
from loket.export.sc import online_aanvragen
from loket.model import Service

SC_XSD = REPO.parent / "shared" / "data" / "sc" / "sc" / "4.0" / "xsd" / "sc.xsd"
GEMEENTE_XML = REPO.parent / "shared" / "data" / "Gemeente.xml"
NS = {"p": "http://standaarden.overheid.nl/product/terms/", "dcterms": "http://purl.org/dc/terms/",
      "overheid": "http://standaarden.overheid.nl/owms/terms/"}
OWMS = "http://standaarden.overheid.nl/owms/terms/Lindewaard_(gemeente)"
T = "http://standaarden.overheid.nl/owms/terms/"


def shared_file(path):
    """Reference files live beside the repository (../shared); CI always has them."""
    if not path.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing in CI")
        pytest.skip(f"{path} is not available here")
    return path


@pytest.fixture(scope="module")
def sc_schema():
    return etree.XMLSchema(etree.parse(str(shared_file(SC_XSD))))


def export_of(site):
    return etree.parse(str(site / "export/samenwerkende-catalogi.xml"))


def test_example_export_is_valid_against_the_sc_xsd(example_sites, sc_schema):
    for target in ("public", "internal"):
        doc = export_of(example_sites[target])
        assert sc_schema.validate(doc), sc_schema.error_log
    assert (example_sites["public"] / "export/samenwerkende-catalogi.xml").read_bytes() == \
        (example_sites["internal"] / "export/samenwerkende-catalogi.xml").read_bytes()


def test_every_service_is_exported_with_what_the_norm_requires(example_sites):
    doc = export_of(example_sites["public"])
    products = doc.findall("p:scproduct", NS)
    ids = sorted(p.stem for p in (REPO / "catalogue/diensten").glob("*.yml"))
    assert [p.findtext(".//p:productID", namespaces=NS) for p in products] == ids
    for product in products:
        sid = product.findtext(".//p:productID", namespaces=NS)
        data = yaml.safe_load((REPO / f"catalogue/diensten/{sid}.yml").read_text(encoding="utf-8"))
        core = product.find("p:meta/p:owmskern", NS)
        assert core.findtext("dcterms:identifier", namespaces=NS) == f"https://www.lindewaard.example/diensten/{sid}/"
        assert core.findtext("dcterms:title", namespaces=NS) == data["naam"]
        assert core.findtext("dcterms:language", namespaces=NS) == "nl"
        assert core.find("dcterms:type", NS).get("scheme") == "overheid:Informatietype"
        for tag in ("dcterms:spatial", "overheid:authority"):
            element = core.find(tag, NS)
            assert (element.get("scheme"), element.get("resourceIdentifier"), element.text) == (
                "overheid:Gemeente", OWMS, "Lindewaard")
        mantle = product.find("p:meta/p:owmsmantel", NS)
        audiences = [a.text for a in mantle.findall("dcterms:audience", NS)]
        assert audiences == [{"inwoner": "particulier", "ondernemer": "ondernemer"}[d] for d in data["doelgroep"]]
        assert mantle.findtext("dcterms:abstract", namespaces=NS) == data["samenvatting"].strip()
        upl = product.find("p:meta/p:scmeta/p:uniformeProductnaam", NS)
        assert upl.get("scheme") == "overheid:UniformeProductnaam" and upl.get("resourceIdentifier") == data["upl"]
        assert upl.text
        online = product.findtext(".//p:onlineAanvragen", namespaces=NS)
        url = product.find(".//p:aanvraagURL", NS)
        if data["aanvragen"]["online"] == "live":
            assert url.get("resourceIdentifier") == data["aanvragen"]["url"]
            assert online == ("digid" if data.get("inloggen", {}).get("digid", "geen") != "geen" else "ja")
        else:
            assert online == "nee" and url is None


def test_uniform_name_is_the_upl_label_not_the_uri_segment(example_sites):
    doc = export_of(example_sites["public"])
    [brp] = [p for p in doc.findall("p:scproduct", NS) if p.findtext(".//p:productID", namespaces=NS) == "uittreksel-brp-aanvragen"]
    assert brp.findtext(".//p:uniformeProductnaam", namespaces=NS) == "brp-uittreksel"


def test_online_aanvragen_names_only_digid():
    def service(online, **login):
        data = {"naam": "x", "samenvatting": "x", "doelgroep": ["ondernemer"], "themas": ["t"],
                "aanvragen": {"online": online, "url": "https://x.example/", "gepland": "2027-Q1"},
                "inloggen": login, "gecontroleerd_op": "2026-01-01"}
        return Service.from_data("x", data, "x.yml")

    assert online_aanvragen(service("live", digid="midden", eherkenning="EH3")) == "digid"
    assert online_aanvragen(service("live", eherkenning="EH3")) == "ja"  # SC has no value for eHerkenning
    assert online_aanvragen(service("live")) == "ja"
    assert online_aanvragen(service("gepland", digid="midden")) == "nee"
    assert online_aanvragen(service("niet", digid="midden")) == "nee"


def test_no_internal_data_in_the_export(example_sites):
    text = (example_sites["public"] / "export/samenwerkende-catalogi.xml").read_text(encoding="utf-8")
    for path in (REPO / "catalogue/diensten").glob("*.yml"):
        intern = yaml.safe_load(path.read_text(encoding="utf-8")).get("intern") or {}
        for key in ("notities", "leverancier"):
            if intern.get(key):
                assert " ".join(intern[key].split())[:40] not in " ".join(text.split()), (path.name, key)


SECOND_SERVICE = """
naam: Rijbewijs aanvragen
samenvatting: Vraag een nieuw rijbewijs aan.
doelgroep: [inwoner]
themas: [burgerzaken]
aanvragen:
  online: live
  url: https://mijn.proefdorp.example/rijbewijs
inloggen:
  digid: midden
gecontroleerd_op: 2026-08-01
"""


def test_service_without_upl_is_exported_and_listed_as_work_to_do(repo, sc_schema):
    """SC 4.0 makes uniformeProductnaam optional: a service without one is exported (else it would vanish
    from overheid.nl), without the element, and the internal coverage page lists it as work to do."""
    organisation = (repo.root / "catalogue/organisatie.yml").read_text(encoding="utf-8")
    repo.write("catalogue/organisatie.yml", organisation + f"owms_uri: {T}Buren_(gemeente)\n")
    repo.write("catalogue/diensten/rijbewijs-aanvragen.yml", SECOND_SERVICE.replace(
        "doelgroep:", f"upl: {T}rijbAanvraag\nupl_aanvullend: [{T}rijbVerlengen]\ndoelgroep:"))
    public = repo.build()
    doc = export_of(repo.site())
    assert sc_schema.validate(doc), sc_schema.error_log
    products = {p.findtext(".//p:productID", namespaces=NS): p for p in doc.findall("p:scproduct", NS)}
    assert sorted(products) == ["paspoort-aanvragen", "rijbewijs-aanvragen"]
    assert products["paspoort-aanvragen"].findall(".//p:uniformeProductnaam", NS) == []
    assert products["paspoort-aanvragen"].findtext(".//dcterms:abstract", namespaces=NS)
    # Further UPL names follow the first one.
    assert [u.get("resourceIdentifier") for u in products["rijbewijs-aanvragen"].findall(".//p:uniformeProductnaam", NS)] == [
        f"{T}rijbAanvraag", f"{T}rijbVerlengen"]
    assert doc.find(".//dcterms:spatial", NS).text == "Buren"
    # No git here: modified falls back to the review date.
    assert products["rijbewijs-aanvragen"].findtext(".//dcterms:modified", namespaces=NS) == "2026-08-01"
    assert "Samenwerkende Catalogi-export" not in public.stderr
    # The internal page lists it as work to do.
    repo.build("internal")
    page = repo.page("voortgang/upl", "internal")
    assert "2 van de 2 diensten staan erin" in page
    assert "Diensten zonder UPL-productnaam (1)" in page
    assert "<code>paspoort-aanvragen</code></td><td>er is geen UPL-productnaam (&#39;upl&#39;)</td>" in page
    assert "<code>rijbewijs-aanvragen</code>" not in page


def test_missing_owms_uri_is_reported_once_and_every_service_listed(repo):
    result = repo.build()
    assert "catalogue/organisatie.yml:1:1: Geen enkele dienst komt in de Samenwerkende Catalogi-export: 'owms_uri' ontbreekt" in result.stderr
    assert result.stderr.count("Samenwerkende Catalogi-export") == 1
    # The file still exists, so links to it keep working; it holds no product.
    assert export_of(repo.site()).findall("p:scproduct", NS) == []
    repo.build("internal")
    assert "in catalogue/organisatie.yml ontbreekt &#39;owms_uri&#39;" in repo.page("voortgang/upl", "internal")


def test_modified_is_the_last_commit_that_changed_the_service(repo):
    organisation = (repo.root / "catalogue/organisatie.yml").read_text(encoding="utf-8")
    repo.write("catalogue/organisatie.yml", organisation + f"owms_uri: {T}Buren_(gemeente)\n")
    service = (repo.root / "catalogue/diensten/paspoort-aanvragen.yml").read_text(encoding="utf-8")
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", service.replace("doelgroep:", f"upl: {T}paspoort\ndoelgroep:"))
    commit(repo.root, "Paspoort", "2025-03-04")
    repo.write("catalogue/diensten/rijbewijs-aanvragen.yml", SECOND_SERVICE.replace("doelgroep:", f"upl: {T}rijbAanvraag\ndoelgroep:"))
    commit(repo.root, "Rijbewijs", "2025-06-07")
    repo.build()
    dates = {p.findtext(".//p:productID", namespaces=NS): p.findtext(".//dcterms:modified", namespaces=NS)
             for p in export_of(repo.site()).findall("p:scproduct", NS)}
    assert dates == {"paspoort-aanvragen": "2025-03-04", "rijbewijs-aanvragen": "2025-06-07"}


OWMS_LIST = """<?xml version="1.0" encoding="UTF-8"?>
<cv xmlns:overheid="http://standaarden.overheid.nl/owms/terms/" name="overheid:Gemeente">
  <value><prefLabel>Utrecht</prefLabel><resourceIdentifier>http://standaarden.overheid.nl/owms/terms/Utrecht_(gemeente)</resourceIdentifier></value>
  <value><prefLabel>Utrecht (Utr)</prefLabel><resourceIdentifier>http://standaarden.overheid.nl/owms/terms/Utrecht_oud</resourceIdentifier><endDate>1900-01-01</endDate></value>
  <value><prefLabel>Utrechtse Heuvelrug</prefLabel><resourceIdentifier>http://standaarden.overheid.nl/owms/terms/Utrechtse_Heuvelrug</resourceIdentifier></value>
  <value><prefLabel>Amsterdam</prefLabel><resourceIdentifier>http://standaarden.overheid.nl/owms/terms/Amsterdam</resourceIdentifier></value>
</cv>
"""


def test_owms_command_looks_up_the_irregular_uri(tmp_path):
    path = tmp_path / "Gemeente.xml"
    path.write_text(OWMS_LIST, encoding="utf-8")
    result = loket(["owms", "utrecht", "--lijst", str(path)], cwd=tmp_path, check=True)
    assert result.stdout.splitlines() == [
        f"Utrecht\t{T}Utrecht_(gemeente)",
        f"Utrechtse Heuvelrug\t{T}Utrechtse_Heuvelrug",
        f"Utrecht (Utr)\t{T}Utrecht_oud\t(opgeheven per 1900-01-01)",
    ]
    assert "owms_uri" in result.stderr
    typo = loket(["owms", "Amsterdm", "--lijst", str(path)], cwd=tmp_path, check=True)
    assert f"Amsterdam\t{T}Amsterdam" in typo.stdout and "Lijkt op" in typo.stderr
    assert loket(["owms", "Lindewaard", "--lijst", str(path)], cwd=tmp_path).returncode == 1
    broken = tmp_path / "broken.xml"
    broken.write_text("<cv><value>", encoding="utf-8")
    assert loket(["owms", "x", "--lijst", str(broken)], cwd=tmp_path).returncode == 2


def test_owms_command_on_the_official_list():
    result = loket(["owms", "Buren", "--lijst", str(shared_file(GEMEENTE_XML))], cwd=REPO, check=True)
    assert result.stdout.splitlines()[0] == f"Buren\t{T}Buren_(gemeente)"
    haag = loket(["owms", "'s-Gravenhage", "--lijst", str(GEMEENTE_XML)], cwd=REPO, check=True)
    assert haag.stdout.splitlines()[0] == f"'s-Gravenhage\t{T}'s-Gravenhage"


def test_modified_in_a_shallow_clone_does_not_trust_the_cut_off_commit(repo, tmp_path):
    organisation = (repo.root / "catalogue/organisatie.yml").read_text(encoding="utf-8")
    repo.write("catalogue/organisatie.yml", organisation + f"owms_uri: {T}Buren_(gemeente)\n")
    service = (repo.root / "catalogue/diensten/paspoort-aanvragen.yml").read_text(encoding="utf-8")
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", service.replace("doelgroep:", f"upl: {T}paspoort\ndoelgroep:"))
    commit(repo.root, "Paspoort", "2025-03-04")
    repo.write("content/open-data.md", (repo.root / "content/open-data.md").read_text(encoding="utf-8") + "\nNieuw.\n")
    commit(repo.root, "Tekst", "2025-06-07")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True, capture_output=True)
    run([sys.executable, "-m", "mkdocs", "build", "-f", "site_config/public.yml"], cwd=clone)
    modified = export_of(clone / "site/public").findtext(".//dcterms:modified", namespaces=NS)
    # The clone's only commit (2025-06-07) did not change the service: the review date is used instead.
    assert modified == "2026-09-01"
