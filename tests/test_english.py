"""English pages for EU visitors (Single Digital Gateway): the `en:` contract, its checks, and the pages.

The pages are checked on the example municipality as built (both targets, --strict) and on small
repositories where one rule needs its own catalogue.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin

import pytest
from lxml import etree, html

from conftest import REPO
from loket.catalogue import load_catalogue
from loket.search import DUTCH, read_index
from loket.search import ENGLISH as ENGLISH_SEARCH
from loket.upl import sdg_codes

TODAY = dt.date(2026, 11, 1)
BASE_URL = "https://www.lindewaard.example/"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}

PASSPORT = """
naam: Paspoort aanvragen
samenvatting: Vraag een paspoort aan bij de gemeente.
doelgroep: [inwoner]
themas: [burgerzaken]
upl: http://standaarden.overheid.nl/owms/terms/paspoort
aanvragen:
  online: niet
kosten:
  - omschrijving: Paspoort 18 jaar en ouder
    bedrag: 84.95
  - omschrijving: Paspoort jonger dan 18 jaar
    bedrag: 62.30
voorwaarden:
  - U woont in Proefdorp.
gecontroleerd_op: 2026-09-01
"""

ENGLISH = """
en:
  naam: Apply for a passport
  samenvatting: Apply for a Dutch passport at the town hall.
  kosten:
    - Passport, 18 or over
    - Passport, under 18
  voorwaarden:
    - You live in Proefdorp.
"""


def example_services():
    loaded = load_catalogue(REPO, "catalogue", today=TODAY)
    return loaded.catalogue.services


def english_ids():
    return sorted(sid for sid, s in example_services().items() if s.en is not None)


def doc(path):
    return html.fromstring(path.read_bytes())


def hreflangs(tree, url: str) -> dict[str, str]:
    """hreflang → the absolute address it points at, for the page published at `url`."""
    return {link.get("hreflang"): urljoin(url, link.get("href"))
            for link in tree.xpath('//head/link[@hreflang]') if link.get("rel").split() == ["alternate"]}


# The example ----------------------------------------------------------------------------------


def test_every_sdg_service_of_the_example_has_english_text():
    services = example_services()
    sdg = sorted(sid for sid, s in services.items() if sdg_codes(s.upl))
    assert len(sdg) == 25
    assert [sid for sid in sdg if services[sid].en is None] == []


@pytest.mark.parametrize("target", ["public", "internal"])
def test_english_service_pages_have_lang_hreflang_both_ways_and_a_switch(example_sites, target):
    site = example_sites[target]
    ids = english_ids()
    assert ids
    for sid in ids:
        english = doc(site / "en" / "diensten" / sid / "index.html")
        dutch = doc(site / "diensten" / sid / "index.html")
        assert english.get("lang") == "en" and dutch.get("lang") == "nl"
        expected = {"nl": f"{BASE_URL}diensten/{sid}/", "en": f"{BASE_URL}en/diensten/{sid}/",
                    "x-default": f"{BASE_URL}diensten/{sid}/"}
        assert hreflangs(english, expected["en"]) == expected, sid
        assert hreflangs(dutch, expected["nl"]) == expected, sid
        to_dutch = english.xpath('//p[@class="loket-taalkeuze"]/a')
        to_english = dutch.xpath('//p[@class="loket-taalkeuze"]/a')
        assert [(a.get("href"), a.get("hreflang"), a.text) for a in to_dutch] == [(f"../../../diensten/{sid}/", "nl", "Nederlands")]
        assert [(a.get("href"), a.get("hreflang"), a.text) for a in to_english] == [(f"../../en/diensten/{sid}/", "en", "English")]
        # The English name is the page's heading; Material's own interface text is English too.
        assert english.xpath("string(//h1)") == example_services()[sid].en.naam
        assert english.xpath('string(//a[@class="md-skip"])').strip() == "Skip to content"
        assert dutch.xpath('string(//a[@class="md-skip"])').strip() == "Ga naar inhoud"


def test_a_service_without_english_text_has_no_english_page_and_no_switch(example_sites):
    site = example_sites["public"]
    without = sorted(sid for sid, s in example_services().items() if s.en is None)
    assert without
    for sid in without:
        assert not (site / "en" / "diensten" / sid).exists()
        page = doc(site / "diensten" / sid / "index.html")
        assert not page.xpath('//p[@class="loket-taalkeuze"]')
        assert "en" not in hreflangs(page, f"{BASE_URL}diensten/{sid}/")
    built = {p.name for p in (site / "en" / "diensten").iterdir()}
    assert built == set(english_ids())


def test_english_index_lists_every_english_service_by_theme(example_sites):
    site = example_sites["public"]
    index = doc(site / "en" / "index.html")
    assert index.get("lang") == "en"
    assert index.xpath("string(//h1)") == "Services in English"
    links = index.xpath('//ul[@class="loket-lijst"]/li/a/@href')
    for listed in index.xpath('//ul[@class="loket-lijst"]'):
        names = listed.xpath("li/a/text()")
        assert names == sorted(names, key=str.casefold)
    assert sorted({link.split("/")[1] for link in links}) == english_ids()
    catalogue = load_catalogue(REPO, "catalogue", today=TODAY).catalogue
    themes = [t for t in catalogue.themes.values() if any(catalogue.services[s].en for s in english_ids()
                                                          if t.id in catalogue.services[s].themas)]
    assert index.xpath("//article//h2[@id]/text()") == [t.en_naam for t in themes] + ["Contact"]
    assert "Personal documents and registration" in index.xpath("//article//h2/text()")
    home = doc(site / "index.html")
    expected = {"nl": BASE_URL, "en": BASE_URL + "en/", "x-default": BASE_URL}
    assert hreflangs(index, BASE_URL + "en/") == hreflangs(home, BASE_URL) == expected
    assert home.xpath('//p[@class="loket-taalkeuze"]/a/@href') == ["en/"]


def test_english_pages_stay_out_of_the_sidebar(example_sites):
    page = (example_sites["public"] / "diensten" / "paspoort-aanvragen" / "index.html").read_text(encoding="utf-8")
    sidebar = page.split('class="md-sidebar md-sidebar--primary"', 1)[1].split('class="md-sidebar md-sidebar--secondary"', 1)[0]
    assert "en/diensten/" not in sidebar and 'href="../../en/"' not in sidebar


def test_english_service_page_shares_the_facts_and_shows_no_dutch_interface_text(example_sites):
    page = doc(example_sites["public"] / "en" / "diensten" / "paspoort-aanvragen" / "index.html")
    article = page.xpath("//article")[0]
    text = article.text_content()
    assert "Fees" in text and "€84.95" in text and "What you need" in text and "Conditions" in text
    assert "This information was last checked on 1 September 2026." in text
    for dutch in ("Kosten", "Voorwaarden", "Wat heeft u nodig", "Zo werkt het", "Wijzigingen", "Laatst gewijzigd"):
        assert dutch not in text, dutch
    assert page.xpath('string(//a[contains(@class, "md-content__button")]/@title)') == "Edit this page"


def test_sitemap_lists_english_pages_with_their_alternates(example_sites):
    tree = etree.parse(str(example_sites["public"] / "sitemap.xml"))
    urls = {u.findtext("s:loc", namespaces=SITEMAP): {link.get("hreflang"): link.get("href")
                                                       for link in u.findall("x:link", SITEMAP)}
            for u in tree.findall("s:url", SITEMAP)}
    for sid in english_ids():
        expected = {"nl": f"{BASE_URL}diensten/{sid}/", "en": f"{BASE_URL}en/diensten/{sid}/",
                    "x-default": f"{BASE_URL}diensten/{sid}/"}
        assert urls[f"{BASE_URL}en/diensten/{sid}/"] == expected
        assert urls[f"{BASE_URL}diensten/{sid}/"] == expected
    assert urls[BASE_URL + "en/"]["nl"] == BASE_URL
    # Pages without a translation carry no alternates.
    assert urls[BASE_URL + "privacy/"] == {}


def test_internal_site_shows_nothing_internal_on_english_pages(example_sites):
    services = load_catalogue(REPO, "catalogue", today=TODAY).catalogue.services
    site = example_sites["internal"]
    for sid in english_ids():
        text = doc(site / "en" / "diensten" / sid / "index.html").xpath("string(//article)")
        assert "Intern" not in text
        internal = services[sid].intern
        if internal and internal.notities:
            assert internal.notities.split()[0:4] != [] and " ".join(internal.notities.split()[:6]) not in " ".join(text.split())


# English search ----------------------------------------------------------------------------------


def english_index(site):
    return read_index(site / ENGLISH_SEARCH.index_dir)


def test_english_search_index_holds_the_english_pages_and_nothing_dutch(example_sites):
    site = example_sites["public"]
    services = example_services()
    documents = {d["url"]: d for d in english_index(site)["documents"]}
    assert set(documents) == {f"en/diensten/{sid}/" for sid in english_ids()} | {"en/"}
    assert documents["en/"]["kind"] == "list"
    for sid in english_ids():
        found = documents[f"en/diensten/{sid}/"]
        assert (found["title"], found["kind"]) == (services[sid].en.naam, "service")
    assert all((site / url / "index.html").is_file() for url in documents)
    # The Dutch index keeps its own pages and none of the English ones.
    dutch = {d["url"] for d in read_index(site / DUTCH.index_dir)["documents"]}
    assert "diensten/paspoort-aanvragen/" in dutch and not [url for url in dutch if url.startswith("en/")]


def test_internal_english_search_index_is_the_public_one(example_sites):
    """English pages show nothing internal, and neither does their index: the same documents and words."""
    public, internal = english_index(example_sites["public"]), english_index(example_sites["internal"])
    assert internal["documents"] == public["documents"]
    assert internal["vocabulary"]["words"] == public["vocabulary"]["words"]


def test_english_results_page_and_search_forms_are_english(example_sites):
    site = example_sites["public"]
    results = doc(site / "en" / "search" / "index.html")
    assert results.get("lang") == "en" and results.xpath("string(//article//h1)") == "Search"
    box = results.xpath('//div[@id="loket-zoeken"]')[0]
    assert (box.get("lang"), box.get("data-index"), box.get("data-az")) == ("en", "../../zoekindex/en/", "../")
    assert results.xpath("//ol[@id='zoekresultaten']")
    assert "Search needs JavaScript" in (site / "en" / "search" / "index.html").read_text(encoding="utf-8")
    header = '//form[@class="loket-kopzoeken"]'
    for path, action in (("en/index.html", "search/"), ("en/diensten/paspoort-aanvragen/index.html", "../../search/"),
                         ("en/search/index.html", "./"), ("diensten/paspoort-aanvragen/index.html", "../../zoeken/")):
        page = doc(site / path)
        assert page.xpath(f"{header}/@action") == [action], path
        assert page.xpath(f"{header}//button/@title") == (["Search"] if path.startswith("en/") else ["Zoeken"]), path
    index = doc(site / "en" / "index.html")
    assert index.xpath('//article//form[@role="search"]/@action') == ["search/"]
    assert index.xpath('string(//article//form[@role="search"]//label)') == "Search the services in English"


def test_a_site_without_english_text_has_no_english_search(repo):
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", PASSPORT)
    repo.build()
    assert not (repo.site() / "en").exists() and not (repo.site() / ENGLISH_SEARCH.index_dir).exists()
    assert (repo.site() / DUTCH.index_dir / "vocabulary.json").is_file()


# The contract and its checks ---------------------------------------------------------------------


def codes_at(repo, code):
    result = load_catalogue(repo.root, "catalogue", today=TODAY)
    return [(p.file, p.line, p.col, p.severity) for p in result.problems if p.code == code], result


def test_a_valid_english_block_gives_no_problem_and_reaches_the_model(repo):
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", PASSPORT + ENGLISH)
    result = load_catalogue(repo.root, "catalogue", today=TODAY)
    assert [p for p in result.problems if p.code.startswith(("rule.en", "content.en", "content.sdg"))] == []
    english = result.catalogue.services["paspoort-aanvragen"].en
    assert english.naam == "Apply for a passport" and english.kosten == ("Passport, 18 or over", "Passport, under 18")


def test_fee_descriptions_must_match_the_dutch_fees_one_to_one(repo):
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", PASSPORT + ENGLISH.replace("    - Passport, under 18\n", ""))
    found, result = codes_at(repo, "rule.en-kosten-count")
    assert found == [("catalogue/diensten/paspoort-aanvragen.yml", 20, 3, "error")]
    problem = next(p for p in result.problems if p.code == "rule.en-kosten-count")
    assert "1 omschrijving" in problem.message and "2 tarief" in problem.message
    # Fail closed, like any error in a service file: the service stays out of the build.
    assert "paspoort-aanvragen" not in result.catalogue.services


def test_missing_english_fees_is_an_error_at_the_en_key(repo):
    repo.write("catalogue/diensten/paspoort-aanvragen.yml",
               PASSPORT + ENGLISH.split("  kosten:")[0] + "  voorwaarden:\n    - You live in Proefdorp.\n")
    found, _ = codes_at(repo, "rule.en-kosten-missing")
    assert found == [("catalogue/diensten/paspoort-aanvragen.yml", 17, 1, "error")]


def test_untranslated_parts_are_a_warning_and_the_page_points_to_dutch(repo):
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", PASSPORT + ENGLISH.split("  voorwaarden:")[0])
    found, _ = codes_at(repo, "content.en-incomplete")
    assert found == [("catalogue/diensten/paspoort-aanvragen.yml", 17, 1, "warning")]
    repo.write("catalogue/themas.yml", """
        burgerzaken:
          naam: Burgerzaken
          en: {naam: Civil affairs}
        """)
    repo.build()
    page = doc(repo.site() / "en" / "diensten" / "paspoort-aanvragen" / "index.html")
    assert page.xpath('//p[@class="loket-alleen-nl"]/a/@href') == ["../../../diensten/paspoort-aanvragen/"]
    assert "Conditions" not in page.xpath("string(//article)")


def test_unknown_english_key_is_located_with_a_dutch_hint(repo):
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", PASSPORT + ENGLISH + "  samenvating: typo\n")
    result = load_catalogue(repo.root, "catalogue", today=TODAY)
    problem = next(p for p in result.problems if p.is_error)
    assert (problem.line, problem.col) == (25, 3)
    assert "samenvating" in problem.message and "samenvatting" in problem.hint


def test_sdg_service_without_english_warns_but_never_fails(repo):
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", PASSPORT)
    found, _ = codes_at(repo, "content.sdg-missing-english")
    assert found == [("catalogue/diensten/paspoort-aanvragen.yml", 5, 6, "warning")]
    result = repo.validate()
    assert result.returncode == 0
    assert "Single Digital Gateway (SDG A1)" in result.stdout
    repo.build()  # --strict
    assert not (repo.site() / "en").exists()


def test_theme_without_english_name_warns_and_lists_its_services_under_more_services(repo):
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", PASSPORT + ENGLISH)
    found, _ = codes_at(repo, "content.theme-missing-english")
    assert found == [("catalogue/themas.yml", 1, 1, "warning")]
    repo.build()
    index = doc(repo.site() / "en" / "index.html")
    assert index.xpath("//h2/@id")[0] == "more-services"
    assert index.xpath('//ul[@class="loket-lijst"]/li/a/@href') == ["diensten/paspoort-aanvragen/"]


def test_non_directory_urls_link_the_pair_too(repo):
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", PASSPORT + ENGLISH)
    repo.write("site_config/flat.yml", "INHERIT: public.yml\nuse_directory_urls: false\nsite_dir: ../site/flat\n")
    repo.build("flat")
    english = doc(repo.site("flat") / "en" / "diensten" / "paspoort-aanvragen.html")
    assert english.get("lang") == "en"
    assert english.xpath('//p[@class="loket-taalkeuze"]/a/@href') == ["../../diensten/paspoort-aanvragen.html"]
    page_url = "https://www.lindewaard.example/en/diensten/paspoort-aanvragen.html"
    assert hreflangs(english, page_url)["nl"] == "https://www.lindewaard.example/diensten/paspoort-aanvragen.html"
    sitemap = (repo.site("flat") / "sitemap.xml").read_text(encoding="utf-8")
    assert f'hreflang="en" href="{page_url}"' in sitemap
    assert english.xpath('//form[@class="loket-kopzoeken"]/@action') == ["../search.html"]
    assert doc(repo.site("flat") / "en" / "search.html").xpath('//div[@id="loket-zoeken"]/@data-az') == ["index.html"]


# Coverage ------------------------------------------------------------------------------------------


def test_public_dashboard_shows_the_share_of_sdg_services_in_english(example_sites):
    page = doc(example_sites["public"] / "voortgang" / "index.html")
    figures = [" ".join(li.text_content().split()) for li in page.xpath('//ul[@class="loket-kerncijfers"]/li')]
    assert ("25 van 25 diensten waarvoor de EU informatie in het Engels verplicht (Single Digital Gateway) "
            "staan ook in het Engels (100,0%).") in figures
    assert page.xpath('//ul[@class="loket-kerncijfers"]//a[@hreflang="en"]/@href') == ["../en/"]
    # Pages rendered after the English ones still read Dutch (the English filters must not leak into them).
    assert re.search(r"Peildatum: \d+ (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}",
                     page.text_content())


def test_dashboards_count_and_list_sdg_services_without_english(repo):
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", PASSPORT)
    repo.write("catalogue/diensten/verhuizing-doorgeven.yml", """
        naam: Verhuizing doorgeven
        samenvatting: Geef uw nieuwe adres door aan de gemeente.
        doelgroep: [inwoner]
        themas: [burgerzaken]
        upl: http://standaarden.overheid.nl/owms/terms/verhuismelding
        aanvragen:
          online: niet
        gecontroleerd_op: 2026-09-01
        en:
          naam: Register your new address
          samenvatting: Tell us your new address when you move house.
        """)
    repo.build("public")
    repo.build("internal")
    public = doc(repo.site("public") / "voortgang" / "index.html")
    assert "1 van 2 diensten waarvoor de EU informatie in het Engels verplicht" in " ".join(public.text_content().split())
    assert "SDG-diensten zonder Engelse tekst" not in public.text_content()
    internal = doc(repo.site("internal") / "voortgang" / "index.html")
    heading = internal.xpath('//h2[starts-with(., "Intern: SDG-diensten zonder Engelse tekst")]')[0]
    listed = heading.xpath('following-sibling::ul[1]/li')
    assert [" ".join(li.text_content().split()) for li in listed] == ["Paspoort aanvragen (SDG A1)"]
    assert listed[0].xpath("a/@href") == ["../diensten/paspoort-aanvragen/"]


# JSON-LD and open data ---------------------------------------------------------------------------------


def jsonld(path):
    import json
    return json.loads(doc(path).xpath('string(//script[@type="application/ld+json"])'))


def test_english_pages_carry_json_ld_in_english(example_sites):
    site = example_sites["public"]
    english = jsonld(site / "en" / "diensten" / "paspoort-aanvragen" / "index.html")
    dutch = jsonld(site / "diensten" / "paspoort-aanvragen" / "index.html")
    assert english["inLanguage"] == "en" and "inLanguage" not in dutch
    assert english["name"] == "Apply for a Dutch passport"
    assert english["url"] == BASE_URL + "en/diensten/paspoort-aanvragen/"
    assert [(o["name"], o["price"]) for o in english["offers"]] == [
        ("Passport, 18 or over", "84.95"), ("Passport, under 18", "62.30"), ("Extra fee for an urgent application", "58.20")]
    # The facts are the Dutch page's facts.
    assert english["provider"] == dutch["provider"] and english["areaServed"] == dutch["areaServed"]
    assert [o["price"] for o in english["offers"]] == [o["price"] for o in dutch["offers"]]


def test_open_data_carries_the_english_fields(example_sites):
    import json

    import jsonschema

    site = example_sites["public"]
    data = json.loads((site / "export" / "diensten.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "export" / "diensten.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["versie"] == "1.1"
    by_id = {d["id"]: d for d in data["diensten"]}
    passport = by_id["paspoort-aanvragen"]["en"]
    assert passport["naam"] == "Apply for a Dutch passport"
    assert passport["url"] == BASE_URL + "en/diensten/paspoort-aanvragen/"
    assert passport["kosten"][0] == {"omschrijving": "Passport, 18 or over", "bedrag": 84.95}
    assert passport["termijn"] == "5 working days"
    assert sorted(sid for sid, d in by_id.items() if d["en"] is not None) == english_ids()
    assert all(d["en"] is None for sid, d in by_id.items() if sid not in english_ids())
