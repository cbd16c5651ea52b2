"""Two organisations imported from their real feeds (Montfoort and Utrecht) plus a shared service with an override.

`loket init --organisatie Montfoort --organisatie Utrecht`, `loket import sc FEED --organisatie ID` for
each, then one shared service that both offer and that Montfoort overrides; every site is built
`--strict`. Each site must show its own fee, application link and authority, /regio/ must give the
figures metrics.py computes, and nothing of one municipality may reach the other's sites.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from multi_org import build

from conftest import REPO, loket
from test_canary import Canary, scan

from loket import metrics
from loket.history import reference_date
from loket.organisations import load_organisation

FEEDS = REPO.parent / "shared" / "data" / "sc-feeds"
MONTFOORT_URI = "http://standaarden.overheid.nl/owms/terms/Montfoort_(gemeente)"
UTRECHT_URI = "http://standaarden.overheid.nl/owms/terms/Utrecht_(gemeente)"
SHARED_URL = "https://loket.utrecht.example/formulieren/afvalpas"
MONTFOORT_URL = "https://loket.montfoort.example/formulieren/afvalpas"
NOTE = "kanariemontfoortafvalpas8k1"

pytestmark = pytest.mark.skipif(not (FEEDS / "Montfoort.xml.gz").is_file(), reason="the real feeds are not here")


@pytest.fixture(scope="module")
def feeds_repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("feeds") / "repo"
    result = loket(["init", str(root), "--organisatie", "Montfoort", "--organisatie", "Utrecht"], cwd=root.parent)
    assert result.returncode == 0, result.stderr
    for name, oid in (("Montfoort", "montfoort"), ("Utrecht", "utrecht")):
        imported = loket(["import", "sc", str(FEEDS / f"{name}.xml.gz"), "--organisatie", oid], cwd=root)
        assert imported.returncode == 0, imported.stderr
    (root / "catalogue/diensten/afvalpas-aanvragen.yml").write_text(f"""\
naam: Afvalpas aanvragen
samenvatting: Vraag een nieuwe afvalpas aan voor de ondergrondse container bij u in de straat.
doelgroep: [inwoner]
themas: [{next(iter(_themes(root)))}]
aanvragen:
  online: live
  url: {SHARED_URL}
inloggen:
  digid: midden
kosten:
  - omschrijving: Nieuwe afvalpas
    bedrag: 12.50
gecontroleerd_op: 2026-09-01
""", encoding="utf-8")
    (root / "organisaties/montfoort/diensten/afvalpas-aanvragen.yml").write_text(f"""\
aanvragen:
  online: niet
  toelichting: Kom langs bij de balie in de Hofpoort.
kosten:
  - omschrijving: Nieuwe afvalpas
    bedrag: 7.25
intern:
  notities: {NOTE}
""", encoding="utf-8")
    validated = loket(["validate", "--errors-only"], cwd=root)
    assert validated.returncode == 0, validated.stdout
    sites = {}
    for oid in ("montfoort", "utrecht"):
        for target in ("public", "internal"):
            sites[oid, target] = root.parent / "sites" / oid / target
            build(root, oid, target, sites[oid, target])
    return root, sites


def _themes(root: Path) -> list[str]:
    return re.findall(r"^([a-z0-9-]+):", (root / "catalogue/themas.yml").read_text(encoding="utf-8"), re.M)


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_each_site_has_its_own_fee_link_and_authority(feeds_repo):
    root, sites = feeds_repo
    mon, utr = _page(sites["montfoort", "public"], "diensten/afvalpas-aanvragen"), _page(sites["utrecht", "public"], "diensten/afvalpas-aanvragen")
    assert "€ 7,25" in mon and "Kom langs bij de balie in de Hofpoort." in mon and SHARED_URL not in mon
    assert "€ 12,50" in utr and SHARED_URL in utr and "7,25" not in utr
    for oid, uri in (("montfoort", MONTFOORT_URI), ("utrecht", UTRECHT_URI)):
        feed = (sites[oid, "public"] / "export/samenwerkende-catalogi.xml").read_text(encoding="utf-8")
        assert set(re.findall(r'<overheid:authority [^>]*resourceIdentifier="([^"]+)"', feed)) == {uri}
        services = load_organisation(root, oid).catalogue.services
        assert len(re.findall(r"<overheid:authority ", feed)) == len(services) > 30


def test_regio_figures_are_the_metrics(feeds_repo):
    root, sites = feeds_repo
    today = reference_date(root)
    html = _page(sites["utrecht", "internal"], "regio")
    table = html.split("<caption>Aandeel diensten dat online te regelen is, per organisatie</caption>", 1)[1].split("</table>", 1)[0]
    for oid, name in (("utrecht", "Utrecht"), ("montfoort", "Montfoort")):
        share = metrics.share_online(load_organisation(root, oid, today=today).catalogue)
        assert re.search(rf'<th scope="row">{name}</th><td class="loket-getal">{share.numerator}</td>'
                         rf'<td class="loket-getal">{share.denominator}</td>', table), (name, share)
    assert "Kan bij Utrecht al online, bij Montfoort nog niet." in html


def test_nothing_of_one_municipality_reaches_the_other(feeds_repo):
    root, sites = feeds_repo
    own = {oid: {p.stem for p in (root / "organisaties" / oid / "diensten").glob("*.yml")} for oid in ("montfoort", "utrecht")}
    only_montfoort = sorted(own["montfoort"] - own["utrecht"] - {"afvalpas-aanvragen"})[:20]
    canaries = [Canary("montfoort's own services", tuple(f"diensten/{sid}/" for sid in only_montfoort)),
                Canary("montfoort's override", ("€ 7,25", "in de Hofpoort")),
                Canary("an internal note", (NOTE,))]
    for target in ("public", "internal"):
        assert scan(sites["utrecht", target], canaries) == {}, target
    assert scan(sites["montfoort", "public"], canaries[2:]) == {}
    assert set(scan(sites["montfoort", "internal"], canaries)) == {c.where for c in canaries}
