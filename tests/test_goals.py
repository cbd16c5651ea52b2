"""i-visie goals: values computed at build time from the catalogue, checked against counts made here from the YAML."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import ROUND_HALF_UP, Decimal

import pytest
import yaml
from lxml import html

from conftest import REPO, Repo, mkdocs_build
from gitrepo import commit

BUILT_ON = "2026-06-01"  # the HEAD commit's date: the reference date for "reviewed within 12 months"

# id, online, doelgroep, digid, eherkenning, upl, gecontroleerd_op
# (the UPL column is the product's UPL name, or None)
SERVICES = [
    ("paspoort-aanvragen", "niet", "[inwoner]", "geen", "geen", "paspoort", "2026-03-01"),
    ("verhuizing-doorgeven", "live", "[inwoner]", "midden", "geen", "verhuismelding", "2026-02-01"),
    ("bijstand-aanvragen", "live", "[inwoner]", "substantieel", "geen", None, "2025-01-10"),
    ("kwijtschelding-aanvragen", "live", "[inwoner, ondernemer]", "substantieel", "EH2+", "belastingkwijtschelding", "2025-07-01"),
    ("evenement-melden", "live", "[inwoner, ondernemer]", "basis", "geen", "evenementenmelding", "2025-05-31"),
    ("terras-aanvragen", "gepland", "[ondernemer]", "geen", "geen", None, "2026-01-15"),
    ("standplaats-aanvragen", "niet", "[ondernemer]", "geen", "geen", "standplaatsvergunning", "2024-12-01"),
]


def service_yaml(sid, online, doelgroep, digid, eherkenning, upl, checked) -> str:
    apply = {"live": f"{{online: live, url: 'https://mijn.proefdorp.example/{sid}'}}",
             "gepland": "{online: gepland, gepland: 2027-Q2}", "niet": "{online: niet}"}[online]
    return f"""
        naam: {sid.replace('-', ' ').capitalize()}
        samenvatting: Dienst {sid}.
        doelgroep: {doelgroep}
        themas: [burgerzaken]
        aanvragen: {apply}
        inloggen: {{digid: {digid}, eherkenning: {eherkenning}}}
        {"upl: http://standaarden.overheid.nl/owms/terms/" + upl if upl else ""}
        gecontroleerd_op: {checked}
        """


ROADMAP = {
    "cloud-werkplek": ("Migratie naar een cloudwerkplek", "afgerond", "[basis-op-orde]"),
    "serverruimte-dicht": ("Serverruimte sluiten", "afgerond", "[basis-op-orde]"),
    "applicaties-saneren": ("Saneren van het applicatielandschap ROADMAPCANARY", "lopend", "[basis-op-orde, minder-applicaties]"),
}


@pytest.fixture(scope="module")
def goals_site(tmp_path_factory):
    """The example goals and chapters over a small catalogue, committed on BUILT_ON and built for both audiences."""
    root = tmp_path_factory.mktemp("goals")
    for item in ("mkdocs.yml", "site_config", "overrides", "content"):
        (shutil.copytree if (REPO / item).is_dir() else shutil.copy2)(REPO / item, root / item)
    repo = Repo(root)
    repo.write("catalogue/organisatie.yml", "naam: Gemeente Proefdorp\nwebsite: https://www.proefdorp.example/\n"
                                            "contact: {telefoon: '14 0999'}\n")
    repo.write("catalogue/themas.yml", "burgerzaken:\n  naam: Burgerzaken\n")
    shutil.copy2(REPO / "catalogue/doelen.yml", root / "catalogue/doelen.yml")
    for row in SERVICES:
        repo.write(f"catalogue/diensten/{row[0]}.yml", service_yaml(*row))
    for rid, (titel, status, doelen) in ROADMAP.items():
        repo.write(f"catalogue/roadmap/{rid}.yml", f"titel: {titel}\nstatus: {status}\ndoelen: {doelen}\n")
    commit(root, "Catalogus voor de doelen", BUILT_ON)
    mkdocs_build(root, "public")
    mkdocs_build(root, "internal")
    return repo


def expected_values(root) -> dict[str, str]:
    """Each indicator counted directly from the YAML files, formatted as the site should show it."""
    services = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((root / "catalogue/diensten").glob("*.yml"))]
    roadmap = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (root / "catalogue/roadmap").glob("*.yml")]
    live = [s for s in services if s["aanvragen"]["online"] == "live"]
    business = [s for s in services if "ondernemer" in s["doelgroep"]]
    with_digid = [s for s in services if s["inloggen"]["digid"] != "geen"]
    limit = dt.date(2025, 6, 1)  # twelve months before BUILT_ON

    def share(part: int, whole: int, noun: str, target: str) -> str:
        pct = (Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        text = str(pct).replace(".", ",").removesuffix(",0")
        return f"{part} van {whole} {noun} ({text}%) — {target}"

    return {
        "online-dienstverlening": share(len(live), len(services), "diensten", "doel 90% in 2028"),
        "ondernemers-eherkenning": share(sum(s["inloggen"]["eherkenning"] != "geen" for s in business if s in live),
                                         len(business), "diensten voor ondernemers", "doel 100% in 2027"),
        "veilig-inloggen": share(sum(s["inloggen"]["digid"] in ("substantieel", "hoog") for s in with_digid),
                                 len(with_digid), "diensten met DigiD", "doel 60% in 2028"),
        "uniforme-productnamen": share(sum("upl" in s for s in services), len(services), "diensten", "doel 100% in 2026"),
        "actuele-informatie": share(sum(s["gecontroleerd_op"] >= limit for s in services), len(services), "diensten",
                                    "doel 95% in 2027"),
        "basis-op-orde": f"{sum(r['status'] == 'afgerond' for r in roadmap)} projecten afgerond — doel 8 in 2028",
    }


def goal_section(page: html.HtmlElement, goal_id: str) -> html.HtmlElement:
    heading = page.xpath(f'//h3[@id="doel-{goal_id}"]')[0]
    return heading.getnext()


def test_goals_page_shows_values_computed_from_the_catalogue(goals_site):
    expected = expected_values(goals_site.root)
    assert expected["online-dienstverlening"] == "4 van 7 diensten (57,1%) — doel 90% in 2028"  # the fixture is what we think
    page = html.fromstring(goals_site.page("i-visie/doelen"))
    for goal_id, text in expected.items():
        block = goal_section(page, goal_id)
        assert " ".join(block.xpath('string(.//p[@class="loket-voortgang__tekst"])').split()) == text, goal_id
        bar = block.xpath('.//div[@class="loket-balk"]')[0]
        assert bar.get("aria-hidden") == "true"  # the sentence is the text alternative
    # The bar's width is the value; the target mark sits at the target.
    online = goal_section(page, "online-dienstverlening")
    assert online.xpath('.//span[@class="loket-balk__stand"]/@style') == ["width: 57.1%"]
    assert online.xpath('.//span[@class="loket-balk__doel"]/@style') == ["left: 90.0%"]
    # Goals without an indicator say so; each group links to its chapter.
    assert "geen cijfer dat automatisch wordt gemeten" in goal_section(page, "sturen-op-data").text_content()
    assert page.xpath('//a[@href="../01-digitaal-fundament/"]')


def test_chapters_embed_the_same_progress_where_the_marker_stands(goals_site):
    expected = expected_values(goals_site.root)
    page = html.fromstring(goals_site.page("i-visie/07-dienstverlening-online"))
    blocks = page.xpath('//div[@class="loket-doel"]')
    assert [b.xpath('string(.//a/@href)') for b in blocks] == [
        "../doelen/#doel-online-dienstverlening", "../doelen/#doel-ondernemers-eherkenning"]
    assert " ".join(blocks[0].xpath('string(.//p[@class="loket-voortgang__tekst"])').split()) == expected["online-dienstverlening"]
    # The block stands where the marker was: after "Onze ambitie", before "Hoe u inlogt".
    headings = [h.get("id") for h in page.xpath("//h2")]
    following = blocks[0].xpath("following::h2[1]/@id")
    assert following == ["hoe-u-inlogt"] and headings.index("onze-ambitie") < headings.index("hoe-u-inlogt")
    assert "loket:doel" not in goals_site.page("i-visie/07-dienstverlening-online")


def test_internal_goals_and_projects_never_reach_the_public_site(goals_site):
    public = goals_site.site("public")
    for path in public.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".txt", ".csv"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "Applicatielandschap terug van 146" not in text, path
            assert "ROADMAPCANARY" not in text, path
    page = html.fromstring(goals_site.page("i-visie/doelen"))
    assert not page.xpath('//h3[@id="doel-minder-applicaties"]') and not page.xpath('//*[contains(@class, "loket-intern")]')
    assert not page.xpath('//a[contains(@href, "roadmap/")]')
    # but the numbers computed from the internal roadmap are public
    assert "2 projecten afgerond" in page.text_content()


def test_internally_goals_link_to_the_projects_that_serve_them(goals_site):
    page = html.fromstring(goals_site.page("i-visie/doelen", "internal"))
    projects = goal_section(page, "basis-op-orde").xpath('.//div[@class="loket-intern"]//a')
    assert sorted((a.get("href"), a.text_content()) for a in projects) == sorted(
        (f"../../roadmap/{rid}/", titel) for rid, (titel, _, _) in ROADMAP.items())
    for a in projects:  # the roadmap pages exist where the links point
        assert (goals_site.site("internal") / "i-visie/doelen" / a.get("href") / "index.html").resolve().is_file()
    internal_goal = goal_section(page, "minder-applicaties")
    assert "Intern doel" in internal_goal.text_content()
    assert [a.text_content() for a in internal_goal.xpath(".//a")] == [ROADMAP["applicaties-saneren"][0]]


def test_roadmap_pages_can_link_to_a_goal_anchor(goals_site):
    page = html.fromstring(goals_site.page("i-visie/doelen", "internal"))
    ids = set(page.xpath("//@id"))
    goals = yaml.safe_load((goals_site.root / "catalogue/doelen.yml").read_text(encoding="utf-8"))
    assert {f"doel-{gid}" for gid in goals} <= ids
