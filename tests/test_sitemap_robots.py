"""robots.txt per audience, and a sitemap whose <lastmod> comes from git (not the build date)."""

from __future__ import annotations

import re

from lxml import etree

from gitrepo import commit

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def lastmods(site) -> dict[str, str]:
    doc = etree.parse(str(site / "sitemap.xml"))
    return {u.findtext("s:loc", namespaces=SITEMAP): u.findtext("s:lastmod", namespaces=SITEMAP)
            for u in doc.findall("s:url", SITEMAP)}


def test_public_robots_allows_crawling_and_names_the_sitemap(example_sites):
    text = (example_sites["public"] / "robots.txt").read_text(encoding="utf-8")
    assert text == "User-agent: *\nAllow: /\n\nSitemap: https://www.lindewaard.example/sitemap.xml\n"


def test_internal_robots_turns_every_crawler_away(example_sites):
    assert (example_sites["internal"] / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"


def test_public_sitemap_lists_no_internal_page(example_sites):
    locs = lastmods(example_sites["public"])
    assert "https://www.lindewaard.example/diensten/paspoort-aanvragen/" in locs
    assert not [loc for loc in locs if "/voortgang/upl/" in loc or "/roadmap/" in loc]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) for day in locs.values())


def test_lastmod_is_the_last_commit_of_each_page_source(repo):
    commit(repo.root, "Begin", "2025-01-02")
    repo.write("catalogue/diensten/rijbewijs-aanvragen.yml", """
        naam: Rijbewijs aanvragen
        samenvatting: Vraag een nieuw rijbewijs aan.
        doelgroep: [inwoner]
        themas: [burgerzaken]
        aanvragen:
          online: niet
        gecontroleerd_op: 2026-08-01
        """)
    commit(repo.root, "Rijbewijs", "2025-04-05")
    repo.build()
    days = lastmods(repo.site())
    base = "https://www.lindewaard.example/"
    assert days[base + "diensten/paspoort-aanvragen/"] == "2025-01-02"
    assert days[base + "diensten/rijbewijs-aanvragen/"] == "2025-04-05"
    assert days[base + "privacy/"] == "2025-01-02"
    # A page listing every service changes with the newest of them.
    assert days[base + "diensten/"] == "2025-04-05"
    assert set(days.values()) <= {"2025-01-02", "2025-04-05"}
    # Two builds of one commit give the same bytes (the .gz header carries the newest lastmod too).
    first = {name: (repo.site() / name).read_bytes() for name in ("sitemap.xml", "sitemap.xml.gz", "robots.txt")}
    repo.build()
    assert first == {name: (repo.site() / name).read_bytes() for name in first}
