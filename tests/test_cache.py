"""`mkdocs serve` keeps parsed files by content hash: unchanged files are reused, changed ones read again."""

from __future__ import annotations

import datetime as dt

from loket.cache import ParseCache
from loket.catalogue import load_catalogue

TODAY = dt.date(2026, 11, 1)


def test_unchanged_files_come_from_the_cache_and_give_the_same_result(repo):
    cache = ParseCache()
    files = len(list((repo.root / "catalogue").rglob("*.yml")))
    first = load_catalogue(repo.root, "catalogue", today=TODAY, cache=cache)
    assert cache.misses == files and cache.hits == 0
    second = load_catalogue(repo.root, "catalogue", today=TODAY, cache=cache)
    assert cache.hits == files
    assert second.catalogue == first.catalogue
    assert second.problems == first.problems == load_catalogue(repo.root, "catalogue", today=TODAY).problems


def test_a_changed_file_is_parsed_and_checked_again(repo):
    cache = ParseCache()
    load_catalogue(repo.root, "catalogue", today=TODAY, cache=cache)
    path = repo.root / "catalogue/diensten/paspoort-aanvragen.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("naam: Paspoort aanvragen", "naam: Paspoort verlengen"),
                    encoding="utf-8")
    changed = load_catalogue(repo.root, "catalogue", today=TODAY, cache=cache)
    assert changed.catalogue.services["paspoort-aanvragen"].naam == "Paspoort verlengen"
    # An error introduced between rebuilds is reported exactly as without the cache.
    path.write_text(path.read_text(encoding="utf-8") + "onbekend: 1\n", encoding="utf-8")
    broken = load_catalogue(repo.root, "catalogue", today=TODAY, cache=cache)
    assert [p.code for p in broken.problems if p.is_error] == ["schema.unknown-key"]
    assert broken.problems == load_catalogue(repo.root, "catalogue", today=TODAY).problems
    assert len(cache) == len(list((repo.root / "catalogue").rglob("*.yml")))  # one entry per file, however often it changed
