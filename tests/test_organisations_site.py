"""Each organisation of a shared service centre gets its own site: pages, exports, dashboard, /regio/."""

from __future__ import annotations

import json
import re

from conftest import loket
from multi_org import (
    IJSSELSTEIN_URI,
    MONTFOORT_FEE,
    MONTFOORT_URI,
    MONTFOORT_URL,
    build,
    make_multi_repo,
)

from loket import metrics
from loket.organisations import load_organisation
from loket.organisations.regio import compare, differences
from loket.history import reference_date

def _page(site, path):
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_each_site_shows_its_own_fee_link_and_name(multi_org_sites):
    _, sites = multi_org_sites
    mon, ijs = _page(sites["montfoort", "public"], "diensten/parkeervergunning"), _page(sites["ijsselstein", "public"], "diensten/parkeervergunning")
    assert "€ 61,35" in mon and MONTFOORT_URL in mon
    assert "€ 48,00" in ijs and MONTFOORT_URL not in ijs and "61,35" not in ijs
    assert "<title>Gemeente Montfoort" in _page(sites["montfoort", "public"], "")
    assert "<title>Gemeente IJsselstein" in _page(sites["ijsselstein", "public"], "")
    sitemap = (sites["montfoort", "public"] / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://loket.montfoort.example/diensten/parkeervergunning/" in sitemap and "ijsselstein" not in sitemap


def test_exports_name_the_organisation_being_built(multi_org_sites):
    _, sites = multi_org_sites
    for organisation, uri, expected in (("montfoort", MONTFOORT_URI, {"paspoort-aanvragen", "parkeervergunning", "kanaalvergunning"}),
                                        ("ijsselstein", IJSSELSTEIN_URI, {"paspoort-aanvragen", "parkeervergunning", "afvalpas", "kasteeltuin-huren"})):
        site = sites[organisation, "public"]
        text = (site / "export/samenwerkende-catalogi.xml").read_text(encoding="utf-8")
        authorities = set(re.findall(r'<overheid:authority [^>]*resourceIdentifier="([^"]+)"', text))
        spatials = set(re.findall(r'<dcterms:spatial [^>]*resourceIdentifier="([^"]+)"', text))
        assert authorities == spatials == {uri}
        exported = json.loads((site / "export/diensten.json").read_text(encoding="utf-8"))
        records = exported if isinstance(exported, list) else exported.get("diensten", exported.get("items", []))
        assert {r["id"] for r in records} == expected
        if organisation == "montfoort":
            record = next(r for r in records if r["id"] == "parkeervergunning")
            assert MONTFOORT_URL in json.dumps(record) and MONTFOORT_FEE in json.dumps(record)


def test_dashboard_and_goals_count_only_this_organisation(multi_org_sites):
    repo, sites = multi_org_sites
    today = reference_date(repo.root)
    for organisation in ("montfoort", "ijsselstein"):
        catalogue = load_organisation(repo.root, organisation, today=today).catalogue
        online = metrics.share_online(catalogue)
        text = _page(sites[organisation, "public"], "voortgang")
        assert f"<strong>{online.numerator} van {online.denominator}</strong> diensten kunt u volledig online regelen" in text


def _table_rows(html: str, caption: str) -> dict[str, list[str]]:
    table = html.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, re.S):
        label, _, rest = row.partition("</th>")
        rows[re.sub(r"<[^>]+>", "", label).strip()] = re.findall(r"<td[^>]*>(.*?)</td>", rest)
    return rows


def test_regio_sets_the_organisations_side_by_side_with_the_metrics_figures(multi_org_sites):
    repo, sites = multi_org_sites
    today = reference_date(repo.root)
    catalogues = {o: load_organisation(repo.root, o, today=today).catalogue for o in ("ijsselstein", "montfoort")}
    html = _page(sites["ijsselstein", "internal"], "regio")
    online = _table_rows(html, "Aandeel diensten dat online te regelen is, per organisatie")
    eherkenning = _table_rows(html, "Diensten voor ondernemers online met eHerkenning, per organisatie")
    logins = _table_rows(html, "Inlogmiddelen bij diensten die online te regelen zijn, per organisatie")
    for organisation, name in (("ijsselstein", "IJsselstein"), ("montfoort", "Montfoort")):
        share = metrics.share_online(catalogues[organisation])
        assert online[name][:2] == [str(share.numerator), str(share.denominator)]
        eh = metrics.share_eherkenning_for_businesses(catalogues[organisation])
        assert eherkenning[name][:2] == [str(eh.numerator), str(eh.denominator)]
        counts = metrics.login_counts(catalogues[organisation])
        assert logins[name] == [str(sum(counts["digid"].values())), str(sum(counts["eherkenning"].values())),
                                str(sum(counts["eidas"].values())), str(counts["machtigen"]["ja"]), str(counts["online"]["totaal"])]
    # IJsselstein plans its own service and the passport for 2027-Q3; Montfoort only the passport.
    assert _table_rows(html, "Diensten die online komen, per kwartaal en organisatie")["2027-Q3"] == ["2", "1"]
    assert "Kan bij Montfoort al online, bij IJsselstein nog niet." in html
    assert html.count("<figure class=\"loket-grafiek\"") == 4
    # Montfoort's internal site has the same comparison from its side; public sites have none, not even in the nav.
    assert "Kan bij Montfoort al online, bij IJsselstein nog niet." in _page(sites["montfoort", "internal"], "regio")
    for organisation in ("ijsselstein", "montfoort"):
        public = sites[organisation, "public"]
        assert not (public / "regio").exists()
        assert 'href="regio/"' not in _page(public, "")
        assert 'href="regio/"' in _page(sites[organisation, "internal"], "")


def test_regio_compares_with_the_listed_partners_only(tmp_path):
    repo = make_multi_repo(tmp_path / "r")
    repo.write("organisaties/utrecht/organisatie.yml", """
        naam: Gemeente Utrecht
        website: https://www.utrecht.example/
        contact: {telefoon: "14 030"}
        """)
    montfoort = repo.root / "organisaties/montfoort/organisatie.yml"
    montfoort.write_text(montfoort.read_text(encoding="utf-8") + "regio: [ijsselstein]\n", encoding="utf-8")
    today = reference_date(repo.root)
    catalogue = load_organisation(repo.root, "montfoort", today=today).catalogue
    compared, cut = compare(repo.root, "catalogue", catalogue, today)
    assert [c.id for c in compared] == ["montfoort", "ijsselstein"] and not cut
    assert [d.naam for d in differences(compared)] == ["Parkeervergunning aanvragen"]
    catalogue = load_organisation(repo.root, "ijsselstein", today=today).catalogue
    assert [c.id for c in compare(repo.root, "catalogue", catalogue, today)[0]] == ["ijsselstein", "montfoort", "utrecht"]


def test_a_build_without_a_chosen_organisation_publishes_nothing(tmp_path):
    repo = make_multi_repo(tmp_path / "r")
    result = build(repo.root, None, "public", check=False)
    assert result.returncode != 0
    assert "Deze repository bevat 2 organisaties (ijsselstein, montfoort)" in result.stderr
    assert "LOKET_ORGANISATIE=ijsselstein" in result.stderr
    assert not (repo.root / "site/public").exists()
    unknown = build(repo.root, "monfoort", "public", check=False)
    assert unknown.returncode != 0 and "Bedoelt u 'montfoort'?" in unknown.stderr


def test_new_service_asks_where_it_belongs(tmp_path):
    repo = make_multi_repo(tmp_path / "r")
    unclear = loket(["new", "dienst", "Steigervergunning"], cwd=repo.root)
    assert unclear.returncode == 2 and "--gedeeld" in unclear.stderr and "ijsselstein, montfoort" in unclear.stderr
    assert loket(["new", "dienst", "Steigervergunning", "--organisatie", "montfoort"], cwd=repo.root).returncode == 0
    own = repo.root / "organisaties/montfoort/diensten/steigervergunning.yml"
    assert own.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../../plugins/loket/schema/dienst.schema.json")
    assert loket(["new", "dienst", "Bouwvergunning", "--gedeeld"], cwd=repo.root).returncode == 0
    assert (repo.root / "catalogue/diensten/bouwvergunning.yml").is_file()
    result = loket(["validate"], cwd=repo.root)
    assert result.returncode == 0, result.stdout
    assert "steigervergunning" in load_organisation(repo.root, "montfoort").catalogue.services
    assert "steigervergunning" not in load_organisation(repo.root, "ijsselstein").catalogue.services


def test_loket_render_takes_the_organisation(tmp_path):
    repo = make_multi_repo(tmp_path / "r")
    out = tmp_path / "out"
    result = loket(["render", str(out), "--organisatie", "montfoort"], cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert (out / "diensten/kanaalvergunning.md").is_file() and not (out / "diensten/afvalpas.md").exists()
    assert loket(["render", str(out)], cwd=repo.root).returncode == 1
