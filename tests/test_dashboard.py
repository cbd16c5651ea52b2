"""The readiness dashboard /voortgang/: static SVG charts with table alternatives, and the internal extras."""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from conftest import REPO

from loket import metrics
from loket.audience import public_view
from loket.catalogue import load_catalogue
from loket.history import reference_date
from loket.render import svg

SVG_NS = "{http://www.w3.org/2000/svg}"


def text(element) -> str:
    return " ".join(element.text_content().replace("¶", "").split())


def article(site):
    return lxml_html.fromstring((site / "voortgang/index.html").read_text(encoding="utf-8")).xpath("//article")[0]


def example_catalogue():
    result = load_catalogue(REPO, "catalogue", today=reference_date(REPO))
    return result.catalogue, result.problems


def charts_with_tables(page):
    """Each chart figure and the table in the <details> right after it."""
    out = []
    for figure in page.xpath('.//figure[contains(@class, "loket-grafiek")]'):
        details = figure.getnext()
        assert details is not None and details.tag == "details", "every chart is followed by its table"
        out.append((figure.xpath('.//*[local-name()="svg"]')[0], details.xpath(".//table")[0]))
    return out


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(colour: str) -> float:
    return 1.05 / (relative_luminance(colour) + 0.05)


def test_chart_colours_meet_wcag_aa_on_white():
    for name, style in svg.STYLES.items():
        assert contrast_on_white(style["fill"]) >= 4.5, name  # 3:1 is required for graphics; text-level to be safe
    for colour in (svg.TEXT, svg.MUTED, svg.NOW):
        assert contrast_on_white(colour) >= 4.5, colour


def test_bar_chart_is_accessible_escaped_and_deterministic():
    groups = [svg.BarGroup("DigiD <inwoners>", (svg.Bar("Basis & meer", 3, "3 (30,0%)"), svg.Bar("Hoog", 0, "0 (0,0%)"))),
              svg.BarGroup(None, (svg.Bar("Gepland", 7, "7", "gepland"),))]
    drawn = svg.bar_chart("c1", "Titel", "Beschrijving met 3 (30,0%).", groups, maximum=10)
    assert drawn == svg.bar_chart("c1", "Titel", "Beschrijving met 3 (30,0%).", groups, maximum=10)
    root = etree.fromstring(str(drawn).encode("utf-8"))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-titel c1-beschrijving"
    assert root.find(f"{SVG_NS}title").text == "Titel"
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]
    assert "DigiD <inwoners>" in texts and "Basis & meer" in texts and "3 (30,0%)" in texts and "0 (0,0%)" in texts
    bars = root.findall(f"{SVG_NS}rect")
    assert len(bars) == 2  # a zero gets its figure but no bar
    assert bars[1].get("fill") == "url(#c1-gepland)" and root.find(f".//{SVG_NS}pattern[@id='c1-gepland']") is not None
    assert "<script" not in drawn and "href" not in drawn


def test_public_dashboard_has_charts_with_tables_and_the_right_figures(example_sites):
    page = article(example_sites["public"])
    catalogue, _ = example_catalogue()
    view = public_view(catalogue)

    pairs = charts_with_tables(page)
    assert len(pairs) == 5
    for chart, table in pairs:
        assert chart.get("role") == "img"
        title = chart.xpath('./*[local-name()="title"]')[0].text
        assert title and table.xpath("./caption")[0].text == title
        assert chart.xpath('./*[local-name()="desc"]')[0].text
        assert table.xpath("./tbody/tr")

    online = metrics.share_online(view)
    key_figures = text(page.xpath('.//ul[@class="loket-kerncijfers"]')[0])
    assert f"{online.numerator} van {online.denominator} diensten kunt u volledig online regelen" in key_figures
    eh = metrics.share_eherkenning_for_businesses(view)
    assert f"{eh.numerator} van {eh.denominator} diensten voor ondernemers" in key_figures

    status_table = pairs[0][1]
    counts = metrics.online_counts(view)
    assert [[c.text_content() for c in row][:2] for row in status_table.xpath("./tbody/tr")] == [
        ["Online te regelen", str(counts["live"])], ["Binnenkort online", str(counts["gepland"])],
        ["Niet online", str(counts["niet"])]]

    login_rows = {row[0].text_content(): row[1].text_content() for row in pairs[2][1].xpath("./tbody/tr")}
    logins = metrics.login_counts(view)
    assert login_rows["DigiD (niveau Substantieel)"] == str(logins["digid"]["substantieel"])
    assert login_rows["eHerkenning niveau EH3"] == str(logins["eherkenning"]["EH3"])
    assert login_rows["eIDAS niveau Substantieel"] == str(logins["eidas"]["substantieel"])
    assert login_rows["Machtigen mogelijk"] == str(logins["machtigen"]["ja"])

    planned = metrics.planned_per_quarter(view)
    assert [row[0].text_content() for row in pairs[4][1].xpath("./tbody/tr")] == list(planned)
    headings = [text(h) for h in page.xpath(".//h3")]
    assert set(planned) <= set(headings)
    assert sum(len(s) for s in planned.values()) >= 5


def test_public_dashboard_has_no_internal_sections_and_no_scripts_or_external_requests(example_sites):
    raw = (example_sites["public"] / "voortgang/index.html").read_text(encoding="utf-8")
    page = article(example_sites["public"])
    assert not [h for h in page.xpath(".//h2") if text(h).startswith("Intern")]
    assert "gebruik_per_jaar" not in raw and "loket-intern" not in raw
    body = etree.tostring(page, encoding="unicode")
    assert "<script" not in body
    # The only absolute URL inside the charts is the SVG namespace, which is never fetched.
    for chart in page.xpath('.//*[local-name()="svg"]'):
        urls = set(re.findall(r'(?:href|src)="([^"]+)"', etree.tostring(chart, encoding="unicode")))
        assert not urls


def test_internal_dashboard_ranks_by_usage_and_lists_stale_texts_and_warnings(example_sites):
    page = article(example_sites["internal"])
    catalogue, problems = example_catalogue()
    headings = [text(h) for h in page.xpath(".//h2")]
    assert headings[-6:] == ["Intern: waar eerst investeren", "Intern: verouderde teksten",
                             "Intern: zonder UPL-productnaam", "Intern: SDG-diensten zonder Engelse tekst",
                             "Intern: niet gepubliceerd door fouten",
                             "Intern: meldingen uit de controle"]

    ranked_table = page.xpath('.//table[starts-with(caption, "Nog niet online, op gebruik")]')[0]
    names = [row.xpath("./th/a")[0].text for row in ranked_table.xpath("./tbody/tr")]
    waiting = [s for s in catalogue.services.values() if s.online != "live"]
    assert len(names) == len(waiting)
    usage = {s.naam: (s.intern.gebruik_per_jaar if s.intern else None) for s in waiting}
    known = [usage[n] for n in names if usage[n] is not None]
    assert known == sorted(known, reverse=True) and known[0] > 0
    assert [n for n in names if usage[n] is None] == names[len(known):]  # unknown usage last

    today = reference_date(REPO)
    stale = {s.naam for s in catalogue.services.values() if metrics.is_stale(s, catalogue, today)}
    stale_table = page.xpath('.//table[starts-with(caption, "Verouderde teksten")]')
    assert {row.xpath("./th/a")[0].text for row in stale_table[0].xpath("./tbody/tr")} == stale if stale else not stale_table

    assert page.xpath('.//a[text()="UPL en Samenwerkende Catalogi"]/@href') == ["upl/"]
    assert (example_sites["internal"] / "voortgang/upl/index.html").is_file()

    warnings = page.xpath('.//table[starts-with(caption, "Meldingen uit de controle")]')
    if problems:
        assert len(warnings[0].xpath("./tbody/tr")) == len(problems)
        assert problems[0].message in text(warnings[0])


def test_small_catalogue_figures_and_internal_priorities(repo):
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", """
        naam: Paspoort aanvragen
        samenvatting: Vraag een paspoort aan.
        doelgroep: [inwoner]
        themas: [burgerzaken]
        aanvragen: {online: niet}
        gecontroleerd_op: 2026-09-01
        intern: {gebruik_per_jaar: 5000, eigenaar: team Burgerzaken}
        """)
    repo.write("catalogue/diensten/ventvergunning.yml", """
        naam: Ventvergunning aanvragen
        samenvatting: Vraag een ventvergunning aan.
        doelgroep: [ondernemer]
        themas: [burgerzaken]
        upl: http://standaarden.overheid.nl/owms/terms/ventvergunning
        aanvragen: {online: live, url: "https://loket.proefdorp.example/vent"}
        inloggen: {eherkenning: EH3, machtigen: true}
        gecontroleerd_op: 2026-09-01
        """)
    repo.write("catalogue/diensten/standplaats.yml", """
        naam: Standplaats aanvragen
        samenvatting: Vraag een standplaats aan.
        doelgroep: [ondernemer]
        themas: [burgerzaken]
        upl: http://standaarden.overheid.nl/owms/terms/standplaatsvergunning
        aanvragen: {online: gepland, gepland: 2027-Q2}
        gecontroleerd_op: 2020-01-01
        intern: {gebruik_per_jaar: 9000}
        """)
    repo.build("public")
    repo.build("internal")

    public = article(repo.site("public"))
    figures = text(public.xpath('.//ul[@class="loket-kerncijfers"]')[0])
    assert "1 van 3 diensten kunt u volledig online regelen (33,3%)" in figures
    assert "1 dienst komt volgens planning online" in figures
    assert "1 van 2 diensten voor ondernemers regelt u online met eHerkenning (50,0%)" in figures
    assert [text(h) for h in public.xpath(".//h3")][-1] == "2027-Q2"
    assert "9.000" not in text(public) and "team Burgerzaken" not in text(public)

    internal = article(repo.site("internal"))
    ranked = internal.xpath('.//table[starts-with(caption, "Nog niet online, op gebruik")]/tbody/tr')
    assert [row.xpath("./th/a")[0].text for row in ranked] == ["Standplaats aanvragen", "Paspoort aanvragen"]
    assert [row[3].text_content() for row in ranked] == ["9.000", "5.000"]
    stale = internal.xpath('.//table[starts-with(caption, "Verouderde teksten")]/tbody/tr/th/a/text()')
    assert stale == ["Standplaats aanvragen"]
    section = text(internal)
    assert "Paspoort aanvragen" in section.split("Intern: zonder UPL-productnaam")[1]
    assert "Deze dienst heeft geen UPL-productnaam" in section
