"""The internal roadmap: /roadmap/ (by status, timeline with a table) and one page per project."""

from __future__ import annotations

import datetime as dt

import yaml
from lxml import etree
from lxml import html as lxml_html

from conftest import REPO

from loket.model import ROADMAP_STATUSES
from loket.render import svg
from loket.render.roadmap import STATUS_ORDER

SVG_NS = "{http://www.w3.org/2000/svg}"


def parse_svg(markup: str) -> etree._Element:
    return etree.fromstring(str(markup).encode("utf-8"))


def example_projects() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "catalogue/roadmap").glob("*.yml"))}


def test_every_status_has_a_section_order():
    assert sorted(STATUS_ORDER) == sorted(ROADMAP_STATUSES)


def test_timeline_is_an_accessible_deterministic_svg():
    spans = [
        svg.Span("Zaakgericht werken <voor> vergunningen & meer", dt.date(2026, 1, 1), dt.date(2027, 12, 31), "lopend", "lopend"),
        svg.Span("Idee", dt.date(2027, 7, 1), dt.date(2027, 9, 30), "idee", "idee"),
    ]
    first = svg.timeline("t", "Roadmap", "Twee projecten.", spans, today=dt.date(2026, 11, 23))
    assert first == svg.timeline("t", "Roadmap", "Twee projecten.", spans, today=dt.date(2026, 11, 23))
    root = parse_svg(first)  # well-formed XML: YAML text is escaped
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "t-titel t-beschrijving"
    assert root.find(f"{SVG_NS}title").text == "Roadmap"
    assert root.find(f"{SVG_NS}desc").text == "Twee projecten."
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]
    assert "2026" in texts and "2027" in texts and "Q1" in texts and "nu" in texts
    assert "lopend" in texts and "idee" in texts  # status in words beside each bar, not colour alone
    assert any("<voor>" in t for t in texts)
    # The idee bar is patterned, so it differs from the others without colour too.
    assert root.find(f".//{SVG_NS}pattern[@id='t-idee']") is not None
    assert b"<script" not in etree.tostring(root) and "href" not in str(first)


def test_roadmap_overview_by_status_with_timeline_and_table(example_sites):
    page = (example_sites["internal"] / "roadmap/index.html").read_text(encoding="utf-8")
    tree = lxml_html.fromstring(page)
    projects = example_projects()
    assert len(projects) >= 8

    headings = [" ".join(h.text_content().replace("¶", "").split()) for h in tree.xpath("//article//h2")]
    statuses = [s for s in STATUS_ORDER if any(p["status"] == s for p in projects.values())]
    expected = [f"{s.capitalize()} ({sum(p['status'] == s for p in projects.values())})" for s in statuses]
    assert headings == ["Tijdlijn"] + expected

    chart = tree.xpath('//figure[contains(@class, "loket-grafiek")]//*[local-name()="svg"]')
    assert len(chart) == 1 and chart[0].get("role") == "img"
    chart_text = " ".join(chart[0].itertext())
    table = tree.xpath('//details[contains(@class, "loket-grafiek__tabel")]//table')[0]
    rows = table.xpath("./tbody/tr")
    assert len(rows) == len(projects)
    for pid, data in projects.items():
        row = [r for r in rows if r.xpath(f'.//a[@href="{pid}/"]')]
        assert row, pid
        cells = [c.text_content() for c in row[0]]
        assert cells[0] == data["titel"] and cells[1].lower() == data["status"]
        assert data["titel"].split()[0] in chart_text
    assert table.xpath("./thead//th/@scope") == ["col"] * 6


def test_project_page_links_services_and_goals(example_sites):
    site = example_sites["internal"]
    goals = yaml.safe_load((REPO / "catalogue/doelen.yml").read_text(encoding="utf-8"))
    for pid, data in example_projects().items():
        page_path = site / "roadmap" / pid / "index.html"
        tree = lxml_html.fromstring(page_path.read_text(encoding="utf-8"))
        article = tree.xpath("//article")[0]
        assert data["titel"] in article.text_content()
        hrefs = article.xpath(".//a/@href")
        for sid in data.get("diensten", []):
            href = f"../../diensten/{sid}/"
            assert href in hrefs, (pid, sid)
            assert (page_path.parent / href / "index.html").resolve().is_file()
        for gid in data.get("doelen", []):
            assert f"../../i-visie/doelen/#doel-{gid}" in hrefs, (pid, gid)
            assert goals[gid]["titel"] in article.text_content()
        for risk in data.get("risicos", []):
            assert risk in article.text_content()
        if "budget" in data:
            assert "€ " in article.xpath('.//dl[@class="loket-gegevens"]')[0].text_content()


def test_project_without_dates_and_hostile_text(repo):
    repo.write("catalogue/roadmap/los-idee.yml", """
        titel: "<script>alert(1)</script> idee"
        status: idee
        eigenaar: "Team <b>A</b>"
        risicos: ["Risico & <i>gevaar</i>"]
        """)
    repo.write("catalogue/roadmap/gepland-werk.yml", """
        titel: Gepland werk
        status: gepland
        start: 2027-03-15
        """)
    repo.build("internal")
    index = repo.page("roadmap", "internal")
    assert "<script>alert(1)</script>" not in index and "&lt;script&gt;alert(1)&lt;/script&gt; idee" in index
    assert "Nog niet gepland" in index
    tree = lxml_html.fromstring(index)
    svg_text = " ".join(tree.xpath('//figure//*[local-name()="svg"]')[0].itertext())
    assert "Gepland werk" in svg_text and "alert" not in svg_text  # the undated idea is in the table only
    assert len(tree.xpath('//details//table/tbody/tr')) == 2
    project = repo.page("roadmap/los-idee", "internal")
    assert "<b>A</b>" not in project and "&lt;b&gt;A&lt;/b&gt;" in project
    assert "<i>gevaar</i>" not in project
    assert "niet gekoppeld aan een dienst" in project


def test_empty_roadmap_still_has_an_internal_page(repo):
    repo.build("internal")
    assert "Er staan nog geen projecten op de roadmap." in repo.page("roadmap", "internal")
