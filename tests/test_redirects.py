"""Stable addresses: renamed services redirect, removed services say so and offer alternatives."""

from __future__ import annotations

import posixpath
import re

import pytest
from lxml import html

from conftest import loket
from gitrepo import commit, git
from loket.changes import redirect_html

SITE = "https://www.lindewaard.example/"


def service(naam: str, extra: str = "", themas: str = "burgerzaken") -> str:
    return f"""
        naam: {naam}
        samenvatting: {naam} bij de gemeente Proefdorp.
        doelgroep: [inwoner]
        themas: [{themas}]
        aanvragen: {{online: niet}}
        gecontroleerd_op: 2026-01-01
        {extra}
        """


@pytest.fixture
def moved_repo(repo):
    """History: a service renamed twice in git, one renamed by `vorige_ids`, one deleted."""
    repo.write("catalogue/themas.yml", """
        burgerzaken:
          naam: Burgerzaken
        buiten:
          naam: Buitenruimte
        """)
    repo.write("catalogue/diensten/bomen-kappen.yml", service("Boom kappen", themas="buiten"))
    repo.write("catalogue/diensten/identiteitskaart.yml", service("ID-kaart aanvragen"))
    repo.write("catalogue/diensten/uittreksel-gba.yml", service("Uittreksel GBA aanvragen"))
    commit(repo.root, "Catalogus", "2026-01-05")
    git(repo.root, "mv", "catalogue/diensten/bomen-kappen.yml", "catalogue/diensten/kapvergunning.yml")
    commit(repo.root, "Bomen kappen heet nu kapvergunning", "2026-02-01")
    git(repo.root, "mv", "catalogue/diensten/kapvergunning.yml", "catalogue/diensten/boom-kappen.yml")
    commit(repo.root, "Toch boom-kappen", "2026-02-15")
    # A rename the editor declares: git sees a deletion and a new file.
    (repo.root / "catalogue/diensten/identiteitskaart.yml").unlink()
    repo.write("catalogue/diensten/id-kaart-aanvragen.yml",
               service("ID-kaart aanvragen", "vorige_ids: [identiteitskaart]") + "termijn: 5 werkdagen\n")
    commit(repo.root, "ID-kaart: nieuwe id", "2026-02-20")
    (repo.root / "catalogue/diensten/uittreksel-gba.yml").unlink()
    commit(repo.root, "Uittreksel GBA bestaat niet meer (nu BRP, online bij de overheid)", "2026-03-01")
    repo.build()
    return repo


def follow(site, url_path: str) -> tuple[str, html.HtmlElement]:
    """Follow a redirect file as a browser would: return the target path and the redirect document."""
    doc = html.fromstring((site / url_path / "index.html").read_bytes())
    refresh = doc.xpath('//meta[@http-equiv="refresh"]/@content')[0]
    delay, target = refresh.split(";", 1)
    assert delay.strip() == "0"
    target = target.strip().removeprefix("url=")
    resolved = posixpath.normpath(posixpath.join(url_path, target)) + "/"
    return resolved, doc


@pytest.mark.parametrize("old, new", [("bomen-kappen", "boom-kappen"), ("kapvergunning", "boom-kappen"),
                                      ("identiteitskaart", "id-kaart-aanvragen")])
def test_old_addresses_redirect_to_the_current_page(moved_repo, old, new):
    site = moved_repo.site()
    target, doc = follow(site, f"diensten/{old}")
    assert target == f"diensten/{new}/"
    assert (site / target / "index.html").is_file()
    assert doc.xpath('//link[@rel="canonical"]/@href') == [f"{SITE}diensten/{new}/"]
    assert doc.xpath('//meta[@name="robots"]/@content') == ["noindex"]
    assert doc.xpath("//main//a/@href") == [f"../{new}/"]  # a visible link for when refresh is off
    assert doc.xpath("/html/@lang") == ["nl"] and doc.xpath("//title")


def test_redirects_stay_out_of_search_and_sitemap(moved_repo):
    site = moved_repo.site()
    locations = {entry["location"] for entry in moved_repo.search_index()["docs"]}
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for old in ("bomen-kappen", "kapvergunning", "identiteitskaart", "uittreksel-gba"):
        assert not any(loc.startswith(f"diensten/{old}/") for loc in locations), old
    for old in ("bomen-kappen", "kapvergunning", "identiteitskaart", "uittreksel-gba"):
        assert f"diensten/{old}/" not in sitemap, old
    assert sitemap.startswith("<?xml") and "diensten/paspoort-aanvragen/</loc>" in sitemap and "<lastmod>" in sitemap


def test_removed_service_page_offers_alternatives(moved_repo):
    page = moved_repo.page("diensten/uittreksel-gba")
    doc = html.fromstring(page)
    assert doc.xpath("//h1")[0].text_content().strip() == "Deze dienst bestaat niet meer"
    text = " ".join(doc.xpath("//article")[0].text_content().split())
    assert "Uittreksel GBA aanvragen niet meer aan (sinds 1 maart 2026)" in text
    alternatives = doc.xpath('//ul[@class="loket-lijst"]//a/@href')
    assert alternatives == ["../id-kaart-aanvragen/", "../paspoort-aanvragen/"]  # same theme, A–Z
    assert "../" in doc.xpath('//article//a[contains(., "van A tot Z")]/@href')
    assert doc.xpath('//meta[@name="robots"]/@content') == ["noindex"]
    assert not doc.xpath('//a[@rel="edit"]')
    # The news page reports it, linking to this page.
    news = html.fromstring(moved_repo.page("nieuws/wijzigingen"))
    first = news.xpath('//li[contains(@class, "loket-nieuws__item")]')[0]
    assert first.xpath("a")[0].text == "Uittreksel GBA aanvragen"
    assert first.xpath("span[contains(@class, 'loket-nieuws__soort')]")[0].text == "Verdwenen"
    assert first.xpath("a/@href") == ["../../diensten/uittreksel-gba/"]


def test_a_new_service_on_an_old_address_wins(moved_repo):
    moved_repo.write("catalogue/diensten/uittreksel-gba.yml", service("Uittreksel aanvragen"))
    moved_repo.write("catalogue/diensten/kapvergunning.yml", service("Kapvergunning voor bedrijven"))
    commit(moved_repo.root, "Weer terug", "2026-04-01")
    moved_repo.build()
    for sid, name in (("uittreksel-gba", "Uittreksel aanvragen"), ("kapvergunning", "Kapvergunning voor bedrijven")):
        page = moved_repo.page(f"diensten/{sid}")
        assert name in page and "http-equiv" not in page and "bestaat niet meer" not in page


def test_redirect_files_are_deterministic(moved_repo, tmp_path):
    moved_repo.build(site_dir=tmp_path / "again")
    for old in ("bomen-kappen", "identiteitskaart", "uittreksel-gba"):
        first = (moved_repo.site() / "diensten" / old / "index.html").read_bytes()
        assert (tmp_path / "again" / "diensten" / old / "index.html").read_bytes() == first


def test_loket_render_writes_redirects_too(moved_repo, tmp_path):
    out = tmp_path / "docs"
    result = loket(["render", str(out)], cwd=moved_repo.root)
    assert result.returncode == 0, result.stderr
    assert (out / "diensten/bomen-kappen/index.html").is_file()
    assert (out / "diensten/uittreksel-gba.md").is_file()


def test_redirect_without_directory_urls_and_escaping():
    path, text = redirect_html("oud", "nieuw", 'Naam <met> "tekens" & zo', directory_urls=False, site_url=None)
    assert path == "diensten/oud.html"
    assert 'content="0; url=nieuw.html"' in text and 'href="nieuw.html"' in text
    assert "Naam &lt;met&gt; &#34;tekens&#34; &amp; zo" in text
    assert not re.search(r"<met>", text)
