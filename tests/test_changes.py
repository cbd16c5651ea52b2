"""What changed, from git: the history on service pages, the news page, the Atom feed, and edit links."""

from __future__ import annotations

import datetime as dt
import re

import feedparser
import pytest
from lxml import etree, html

from conftest import REPO
from gitrepo import commit

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://www.lindewaard.example/"  # site_url in the project's mkdocs.yml
PASPOORT = "catalogue/diensten/paspoort-aanvragen.yml"


def service(naam: str, samenvatting: str, extra: str = "") -> str:
    return f"""
        naam: {naam}
        samenvatting: {samenvatting}
        doelgroep: [inwoner]
        themas: [burgerzaken]
        aanvragen: {{online: niet}}
        gecontroleerd_op: 2026-01-01
        {extra}
        """


@pytest.fixture
def history_repo(repo):
    """Three services, their changes committed on fixed dates."""
    repo.write("catalogue/diensten/id-kaart-aanvragen.yml", service("ID-kaart aanvragen", "Vraag een identiteitskaart aan."))
    commit(repo.root, "Eerste versie van de catalogus", "2026-01-05")
    repo.write(PASPOORT, service("Paspoort aanvragen", "Vraag een paspoort aan bij de gemeente.", "termijn: 5 werkdagen"))
    commit(repo.root, "Paspoort: termijn toegevoegd", "2026-02-10")
    repo.write("catalogue/diensten/rijbewijs-verlengen.yml",
               service("Rijbewijs <verlengen> & meer", "Verleng uw rijbewijs \"op tijd\" <b>nu</b>."))
    commit(repo.root, "Nieuwe dienst: rijbewijs verlengen", "2026-03-15")
    return repo


def text_of(fragment: str) -> str:
    return " ".join(html.fromstring(fragment).text_content().split())


def test_service_page_lists_its_changes_from_git(history_repo):
    history_repo.build()
    page = html.fromstring(history_repo.page("diensten/paspoort-aanvragen"))
    items = page.xpath('//ul[@class="loket-wijzigingen"]/li')
    assert [" ".join(li.text_content().split()) for li in items] == [
        "10 februari 2026: Paspoort: termijn toegevoegd",
        "5 januari 2026: Eerste versie van de catalogus",
    ]
    assert [t.get("datetime") for t in page.xpath('//ul[@class="loket-wijzigingen"]//time')] == ["2026-02-10", "2026-01-05"]
    assert page.xpath('//h2[@id="wijzigingen"]')


def test_service_page_shows_at_most_five_changes(history_repo):
    for day in range(1, 8):
        history_repo.write(PASPOORT, service("Paspoort aanvragen", f"Vraag een paspoort aan (versie {day})."))
        commit(history_repo.root, f"Versie {day}", f"2026-04-{day:02d}")
    history_repo.build()
    page = html.fromstring(history_repo.page("diensten/paspoort-aanvragen"))
    subjects = [li.text_content().split(": ", 1)[1] for li in page.xpath('//ul[@class="loket-wijzigingen"]/li')]
    assert subjects == ["Versie 7", "Versie 6", "Versie 5", "Versie 4", "Versie 3"]


def test_news_page_lists_changes_newest_first(history_repo):
    history_repo.build()
    page = html.fromstring(history_repo.page("nieuws/wijzigingen"))
    headings = [h.text_content().strip() for h in page.xpath("//article//h2")]
    assert headings == ["15 maart 2026", "10 februari 2026", "5 januari 2026"]
    items = [(li.xpath("span[contains(@class, 'loket-nieuws__soort')]")[0].text, li.xpath("a")[0].text)
             for li in page.xpath('//li[contains(@class, "loket-nieuws__item")]')]
    assert items == [("Nieuw", "Rijbewijs <verlengen> & meer"), ("Gewijzigd", "Paspoort aanvragen"),
                     ("Nieuw", "ID-kaart aanvragen"), ("Nieuw", "Paspoort aanvragen")]
    link = page.xpath('//li[contains(@class, "loket-nieuws__item")]/a')[0].get("href")
    assert link == "../../diensten/rijbewijs-verlengen/"
    # Reachable from the navigation, and offering the feed.
    home = html.fromstring(history_repo.page(""))
    assert home.xpath('//nav//a[@href="nieuws/wijzigingen/"]')
    assert page.xpath('//article//a[@href="../../feed.xml"]')


def test_atom_feed_is_valid_and_escaped(history_repo):
    history_repo.build()
    raw = (history_repo.site() / "feed.xml").read_bytes()

    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Wijzigingen in de producten en diensten van Gemeente Proefdorp"
    assert parsed.feed.updated == "2026-03-15T00:00:00Z"
    self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_links == [SITE + "feed.xml"]
    titles = [e.title for e in parsed.entries]
    assert titles[:2] == ["Nieuw: Rijbewijs <verlengen> & meer", "Gewijzigd: Paspoort aanvragen"]
    first = parsed.entries[0]
    assert first.link == SITE + "diensten/rijbewijs-verlengen/"
    assert first.summary == 'Verleng uw rijbewijs "op tijd" <b>nu</b>.'
    assert first.updated_parsed[:3] == (2026, 3, 15)
    assert len({e.id for e in parsed.entries}) == len(parsed.entries) == 4

    root = etree.fromstring(raw)  # well-formed XML, or this raises
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{tag}") is not None, tag
        assert entry.find(f"{ATOM}id").text.startswith("tag:www.lindewaard.example,")
        dt.datetime.strptime(entry.find(f"{ATOM}updated").text, "%Y-%m-%dT%H:%M:%SZ")
    assert b"<b>" not in raw and b"&lt;b&gt;" in raw


def test_every_page_announces_the_feed(history_repo):
    history_repo.build()
    for path, href in (("", "feed.xml"), ("diensten/paspoort-aanvragen", "../../feed.xml")):
        head = html.fromstring(history_repo.page(path)).head
        links = head.xpath('link[@rel="alternate"][@type="application/atom+xml"]')
        assert [link.get("href") for link in links] == [href], path


def test_feed_and_pages_are_deterministic(history_repo, tmp_path):
    history_repo.build()
    first = {p: (history_repo.site() / p).read_bytes() for p in ("feed.xml", "nieuws/wijzigingen/index.html",
                                                                 "diensten/paspoort-aanvragen/index.html")}
    history_repo.build(site_dir=tmp_path / "again")
    for path, content in first.items():
        assert (tmp_path / "again" / path).read_bytes() == content, path


def test_without_git_there_is_no_history_and_no_crash(repo):
    repo.build()
    news = text_of(repo.page("nieuws/wijzigingen"))
    assert "geen wijzigingsgeschiedenis" in news
    assert 'class="loket-wijzigingen"' not in repo.page("diensten/paspoort-aanvragen")
    parsed = feedparser.parse((repo.site() / "feed.xml").read_bytes())
    assert not parsed.bozo and parsed.entries == []


EDIT = "https://github.com/gemeente-lindewaard/loket/edit/main/"


def edit_link(site, path: str) -> str | None:
    page = html.fromstring((site / path / "index.html").read_text(encoding="utf-8"))
    links = page.xpath('//a[@rel="edit"]/@href')
    assert len(links) <= 1
    return links[0] if links else None


def test_edit_links_point_at_the_yaml_or_are_absent(example_sites):
    site = example_sites["public"]
    assert edit_link(site, "diensten/paspoort-aanvragen") == EDIT + "catalogue/diensten/paspoort-aanvragen.yml"
    assert edit_link(site, "themas/burgerzaken") == EDIT + "catalogue/themas.yml"
    assert edit_link(site, "") == EDIT + "catalogue/organisatie.yml"
    assert edit_link(site, "privacy") == EDIT + "content/privacy.md"
    # Pages made from many files have no single file to edit.
    for path in ("diensten", "inwoners", "ondernemers", "nieuws/wijzigingen"):
        assert edit_link(site, path) is None, path
    # Every service page of the example edits its own file; pages for old addresses have no edit link.
    for page in sorted((site / "diensten").glob("*/index.html")):
        sid = page.parent.name
        expected = EDIT + f"catalogue/diensten/{sid}.yml" if (REPO / f"catalogue/diensten/{sid}.yml").is_file() else None
        assert edit_link(site, f"diensten/{sid}") == expected, sid
