"""Two targets from one repository: what only the internal site has, and how it marks itself."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from conftest import REPO


def nav_links(page: str) -> dict[str, str]:
    """Label → href of the primary sidebar navigation."""
    tree = lxml_html.fromstring(page)
    links = tree.xpath('//nav[contains(@class, "md-nav--primary")]//a[contains(@class, "md-nav__link")]')
    return {" ".join(a.text_content().split()): a.get("href") for a in links}


def html_files(site):
    return sorted(site.rglob("*.html"))


def test_every_internal_page_says_intern_and_is_not_indexed(example_sites):
    site = example_sites["internal"]
    files = html_files(site)
    assert len(files) > 60
    for path in files:
        page = path.read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex, nofollow">' in page, path
        if 'class="md-header' in page:
            banner = lxml_html.fromstring(page).xpath('//*[@data-md-component="announce"]//p[@class="loket-intern-banner"]')
            assert banner and banner[0].text_content().startswith("INTERN"), path
    assert "loket-intern-banner" in (site / "404.html").read_text(encoding="utf-8")


def test_public_pages_have_no_banner_and_stay_indexable(example_sites):
    site = example_sites["public"]
    for path in html_files(site):
        page = path.read_text(encoding="utf-8")
        assert "loket-intern-banner" not in page and "INTERN" not in page, path
        # Material leaves out the whole banner element when the block is empty.
        assert '<aside class="md-banner">' not in page, path
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'name="robots"' not in home


def test_roadmap_exists_only_on_the_internal_site(example_sites):
    public, internal = example_sites["public"], example_sites["internal"]
    assert not (public / "roadmap").exists()
    assert "/roadmap/" not in (public / "sitemap.xml").read_text(encoding="utf-8")
    assert "Roadmap" not in nav_links((public / "index.html").read_text(encoding="utf-8"))

    projects = sorted(p.stem for p in (REPO / "catalogue/roadmap").glob("*.yml"))
    assert len(projects) >= 8
    for project in projects:
        assert (internal / "roadmap" / project / "index.html").is_file(), project
    links = nav_links((internal / "index.html").read_text(encoding="utf-8"))
    assert links["Roadmap"] == "roadmap/"


def test_dashboard_is_on_both_sites(example_sites):
    for audience in ("public", "internal"):
        site = example_sites[audience]
        assert (site / "voortgang" / "index.html").is_file()
        assert nav_links((site / "index.html").read_text(encoding="utf-8"))["Voortgang"] == "voortgang/"


def test_internal_service_pages_link_only_to_roadmap_pages_that_exist(example_sites):
    site = example_sites["internal"]
    checked = 0
    for page_path in sorted((site / "diensten").glob("*/index.html")):
        page = page_path.read_text(encoding="utf-8")
        for href in re.findall(r'href="(\.\./\.\./roadmap/[^"#]+)"', page):
            assert (page_path.parent / href / "index.html").resolve().is_file(), (page_path, href)
            checked += 1
    assert checked >= 12


def test_intern_fields_only_on_the_internal_service_page(repo):
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", """
        naam: Paspoort aanvragen
        samenvatting: Vraag een paspoort aan bij de gemeente.
        doelgroep: [inwoner]
        themas: [burgerzaken]
        aanvragen: {online: niet}
        gecontroleerd_op: 2026-09-01
        intern:
          eigenaar: team Reisdocumenten
          gebruik_per_jaar: 4321
          leverancier: Balieleverancier
          notities: Het contract loopt in 2027 af.
        """)
    repo.write("catalogue/roadmap/balie-vernieuwen.yml", """
        titel: Balie vernieuwen
        status: lopend
        start: 2026-Q1
        eind: 2026-Q4
        diensten: [paspoort-aanvragen]
        """)
    repo.build("public")
    repo.build("internal")
    values = ("team Reisdocumenten", "4.321", "Balieleverancier", "Het contract loopt in 2027 af.", "Balie vernieuwen")

    public = repo.page("diensten/paspoort-aanvragen")
    assert 'id="intern"' not in public and "loket-intern" not in public
    for value in values:
        assert value not in public

    internal = repo.page("diensten/paspoort-aanvragen", "internal")
    section = lxml_html.fromstring(internal).xpath('//div[contains(@class, "loket-intern")]')[0]
    text = " ".join(section.text_content().split())
    for value in values:
        assert value in text
    assert section.xpath('.//a[text()="Balie vernieuwen"]/@href') == ["../../roadmap/balie-vernieuwen/"]
    assert (repo.site("internal") / "roadmap/balie-vernieuwen/index.html").is_file()
