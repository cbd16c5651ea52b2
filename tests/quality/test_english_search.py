"""English search at /en/search/ in Chromium on the example site: every English service is found
by its English name, and by what a resident from another EU country would type."""

from __future__ import annotations

import pytest

from conftest import REPO
from loket.catalogue import load_catalogue

from .search_queries import run_queries

RESULTS = "en/search/"
# Phrasings (not the service names) and the English page that must be among the first three results.
PHRASINGS = {
    "moving house": "verhuizing-doorgeven",
    "getting married": "huwelijk-of-partnerschap-melden",
    "register a birth": "geboorteaangifte-doen",
    "parking permit": "parkeervergunning-bewoners",
    "passport": "paspoort-aanvragen",
    "register address": "verhuizing-doorgeven",
    "change of address": "verhuizing-doorgeven",
    "marriage": "huwelijk-of-partnerschap-melden",
    "baby born": "geboorteaangifte-doen",
    "someone died": "overlijdensaangifte-doen",
    "building permit": "omgevingsvergunning-aanvragen",
    "welfare benefit": "bijstand-aanvragen",
    "dutch citizenship": "naturalisatie-aanvragen",
    "certificate of good conduct": "verklaring-omtrent-gedrag-aanvragen",
    "leaving the netherlands": "vertrek-buitenland-doorgeven",
    "looking for a job": "werk-zoeken-met-ondersteuning",
    "disabled parking": "gehandicaptenparkeerkaart-aanvragen",
    "tourist tax": "toeristenbelasting-aangifte",
    # No English ID card or waste page: the pages that answer the question are found instead.
    "ID card": "paspoort-aanvragen",
    "waste collection": "ozb-aanslag-bekijken",
}
NOTHING = "xqzwvk"
TYPO = "pasport"


def english_names() -> dict[str, str]:
    services = load_catalogue(REPO, "catalogue").catalogue.services
    return {s.en.naam: sid for sid, s in services.items() if s.en is not None}


@pytest.fixture(scope="module")
def shown(served_examples):
    texts = [*english_names(), *PHRASINGS, NOTHING, TYPO]
    return run_queries(served_examples["public"], texts, RESULTS)


def rank(page: dict, service_id: str) -> int | None:
    urls = page.get("urls") or []
    target = f"/en/diensten/{service_id}/"
    return urls.index(target) if target in urls else None


def test_every_english_service_is_found_by_its_english_name(shown):
    names = english_names()
    assert len(names) == 25
    misses = {name: shown[name].get("urls", shown[name])[:3] for name, sid in names.items()
              if (r := rank(shown[name], sid)) is None or r >= 3}
    assert not misses, misses


@pytest.mark.parametrize("query", PHRASINGS)
def test_common_phrasings_find_their_service(shown, query):
    r = rank(shown[query], PHRASINGS[query])
    assert r is not None and r < 3, shown[query]


def test_results_are_english_pages_only_and_searching_stays_on_this_site(shown):
    for page in shown.values():
        assert not page.get("error"), page
        assert all(url == "/en/" or url.startswith("/en/diensten/") for url in page["urls"]), page
        assert not page["externalRequests"] and not page["failedLocalRequests"] and not page["pageErrors"], page


def test_results_are_announced_in_english_and_no_results_lead_to_the_english_index(shown):
    typo = shown[TYPO]
    assert typo["status"].endswith("for “pasport”") and typo["suggestions"] == ["passport"], typo
    nothing = shown[NOTHING]
    assert nothing["status"] == f"No results for “{NOTHING}”" and nothing["urls"] == []
    assert nothing["links"] == ["/en/"], nothing
