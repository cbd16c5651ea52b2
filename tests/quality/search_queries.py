"""The search query set (tests/search/queries.yml) run in Chromium on the results page of a
built site, scored as hit@1 and hit@3 per class.

    python -m tests.quality.search_queries [SITE_DIR]

builds the example site (or serves SITE_DIR) and prints the table; the test in
test_search.py runs the same on the session's example site and asserts hit@3 ≥ 95%.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .qualitygates import REPO, run_node, serve

QUERIES = REPO / "tests" / "search" / "queries.yml"
TARGET = 0.95


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    expect: tuple[str, ...]  # site paths: "/diensten/paspoort-aanvragen/"


def load_queries(path: Path = QUERIES) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(kind, entry["q"], tuple(e if e.startswith("/") else f"/diensten/{e}/" for e in entry["expect"]))
            for kind, entries in data.items() for entry in entries]


def run_queries(base_url: str, texts: list[str], results_path: str = "zoeken/") -> dict[str, dict]:
    """query text → what the results page (Dutch by default) showed (search.cjs)."""
    report = run_node("search.cjs", {"base": base_url, "queries": list(dict.fromkeys(texts)), "path": results_path})
    return {page["name"]: page for page in report["pages"]}


@dataclass
class Score:
    queries: int = 0
    hit1: int = 0
    hit3: int = 0

    def add(self, rank: int | None) -> None:
        self.queries += 1
        self.hit1 += rank == 0
        self.hit3 += rank is not None and rank < 3


def rank_of(query: Query, shown: dict) -> int | None:
    urls = shown.get("urls") or []
    return next((i for i, url in enumerate(urls) if url in query.expect), None)


def score(queries: list[Query], shown: dict[str, dict]) -> tuple[dict[str, Score], list[str]]:
    """Scores per class (and 'totaal'), and a line per query that missed the top 3."""
    scores: dict[str, Score] = {}
    misses = []
    for query in queries:
        rank = rank_of(query, shown[query.text])
        for kind in (query.kind, "totaal"):
            scores.setdefault(kind, Score()).add(rank)
        if rank is None or rank >= 3:
            misses.append(f"{query.kind}: {query.text!r} → {(shown[query.text].get('urls') or [])[:3]} "
                          f"(verwacht {', '.join(query.expect)})")
    return scores, misses


def table(scores: dict[str, Score]) -> str:
    lines = ["| class | queries | hit@1 | hit@3 |", "| --- | ---: | ---: | ---: |"]
    for kind, s in sorted(scores.items(), key=lambda item: item[0] == "totaal"):
        lines.append(f"| {kind} | {s.queries} | {s.hit1 / s.queries:.0%} | {s.hit3 / s.queries:.0%} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    from tests.conftest import mkdocs_build

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(argv[0]) if argv else Path(tmp) / "public"
        if not argv:
            mkdocs_build(REPO, "public", site_dir=site)
        queries = load_queries()
        with serve(site) as base:
            shown = run_queries(base, [q.text for q in queries])
    scores, misses = score(queries, shown)
    print(table(scores))
    print("\n".join(["", "Not in the top 3:", *misses]) if misses else "")
    return 0 if scores["totaal"].hit3 / scores["totaal"].queries >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
