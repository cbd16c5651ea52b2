"""The site search in Chromium on the example site: the query set (hit@3 ≥ 95%), each kind of
tolerance finding its service, and what the results page shows and announces."""

from __future__ import annotations

import pytest

from .search_queries import TARGET, load_queries, run_queries, score, table

# One query per kind of tolerance the issue names, with the service it must put first.
EACH_CLASS = {
    "typo": ("rijbewys", "/diensten/rijbewijs-aanvragen/"),
    "compound": ("invalidenkaart", "/diensten/gehandicaptenparkeerkaart-aanvragen/"),
    "several words": ("begrafenis regelen", "/diensten/overlijdensaangifte-doen/"),
    "synonym": ("bankstel weg", "/diensten/afval-grofvuil-ophalen/"),
}
NOTHING = "xqzwvk"
TYPO_WITH_SUGGESTION = "pasport"


@pytest.fixture(scope="module")
def shown(served_examples):
    queries = load_queries()
    texts = [q.text for q in queries] + [q for q, _ in EACH_CLASS.values()] + [NOTHING, TYPO_WITH_SUGGESTION]
    return run_queries(served_examples["public"], texts)


def test_query_set_hit_at_3(shown, capsys):
    queries = load_queries()
    assert len(queries) >= 150
    scores, misses = score(queries, shown)
    with capsys.disabled():
        print("\n" + table(scores))
    total = scores["totaal"]
    assert total.hit3 / total.queries >= TARGET, table(scores) + "\n" + "\n".join(misses)


@pytest.mark.parametrize("kind", EACH_CLASS)
def test_each_kind_of_query_finds_its_service_first(shown, kind):
    query, expected = EACH_CLASS[kind]
    assert (shown[query]["urls"] or [None])[0] == expected, shown[query]


def test_searching_stays_on_this_site_without_errors(shown):
    for page in shown.values():
        assert not page["externalRequests"] and not page["failedLocalRequests"] and not page["pageErrors"], page


def test_results_are_announced_and_no_results_offer_a_way_on(shown, served_examples):
    paspoort = shown["pasport"]
    assert paspoort["status"].endswith("voor “pasport”") and paspoort["urls"][0] == "/diensten/paspoort-aanvragen/"
    assert paspoort["suggestions"] == ["paspoort"]
    nothing = shown[NOTHING]
    assert nothing["status"] == f"Geen resultaten voor “{NOTHING}”" and nothing["urls"] == []
    assert "/diensten/" in nothing["links"]


def test_one_search_transfers_little(shown):
    """The whole visit (page, theme, script, index shards), counted by Chromium; figures at
    3,000 and 10,000 services are in bench/search.py."""
    sizes = sorted(sum(size for _, size in page["requests"]) for page in shown.values())
    assert sizes[-1] < 600_000, sizes[-5:]
