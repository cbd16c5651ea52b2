"""Benchmark: what one search on /zoeken/ transfers, and what building the index costs, at
several catalogue sizes.

For each N it generates a catalogue (`generate.py`, fixed seed), reads it as the build does
(public view), and builds the search index from its services with the project's builder
(plugins/loket/search/), timing that step alone (median of --runs, CPU seconds). The index is
then put into a copy of the built example site, which has the results page, theme and script
a real site has (the results page does not grow with the catalogue), and Debian's Chromium
opens /zoeken/?q=… for a set of queries with the cache off. Per query it counts every byte
the visit transferred (page, theme, script, index files: Chromium's encodedDataLength) and
the index files alone; the gzip column is what a server that compresses JSON/HTML/CSS/JS
would send (computed from the files fetched).

    .venv/bin/python bench/search.py --sizes 3000,10000

Public tools only: the standard library, the project's venv, node + playwright-core.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

QUERIES = ["paspoort", "pasport", "rijbewys", "kapvergunnig", "parkeervergunning bewoners", "grofvuil ophalen",
           "invalidenkaart", "bankstel weg", "omgevingsvergunning", "hondenbelasting", "trouwen", "xqzwvk"]


def generate(n: int, seed: int, out: Path) -> Path:
    subprocess.run([sys.executable, str(PROJECT / "bench" / "generate.py"), "--services", str(n), "--seed", str(seed),
                    "--out", str(out)], check=True, stdout=subprocess.DEVNULL)
    return out


def build_index(repo: Path, runs: int) -> tuple[dict[str, str], float, int]:
    """The index files, the median CPU seconds to build them, and the number of documents."""
    from loket.audience import view_for
    from loket.catalogue import load_catalogue
    from loket.search import DUTCH
    from loket.search.site_search import SiteSearch

    catalogue = view_for(load_catalogue(repo, "catalogue").catalogue, "public")
    times, files = [], {}
    for _ in range(runs):
        start = time.process_time()
        search = SiteSearch(DUTCH, catalogue)
        files = search.files()
        times.append(time.process_time() - start)
    return files, statistics.median(times), len(search.services)


def measure(site: Path, queries: list[str]) -> list[dict]:
    from tests.quality.qualitygates import run_node, serve

    with serve(site) as base:
        report = run_node("search.cjs", {"base": base, "queries": queries})
    rows = []
    for page in report["pages"]:
        total = sum(size for _, size in page["requests"])
        index = sum(size for url, size in page["requests"] if "/zoekindex/" in url)
        zipped = 0
        for url, _ in page["requests"]:
            path = urllib.parse.urlsplit(url).path
            file = site / path.lstrip("/")
            file = file / "index.html" if file.is_dir() else file
            if file.is_file():
                zipped += len(gzip.compress(file.read_bytes(), 6, mtime=0))
        rows.append({"query": page["name"], "results": page.get("status"), "total": total, "index": index,
                     "gzip": zipped, "files": len(page["requests"])})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description="Bytes one search transfers and the cost of building the index.")
    parser.add_argument("--sizes", default="3000,10000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="index builds per size; the median is reported")
    parser.add_argument("--json", help="also write the raw figures to this file")
    parser.add_argument("--work", help="keep the generated catalogues here and reuse them on the next run")
    args = parser.parse_args()
    from loket.search import DUTCH
    from tests.conftest import mkdocs_build

    figures = []
    with tempfile.TemporaryDirectory(prefix="loket-search-bench-") as tmp:
        work = Path(tmp)
        kept = Path(args.work) if args.work else work
        kept.mkdir(parents=True, exist_ok=True)
        example = work / "example"
        mkdocs_build(PROJECT, "public", site_dir=example)
        for n in (int(s) for s in args.sizes.split(",")):
            repo = kept / f"repo-{n}-{args.seed}"
            if not repo.is_dir():
                generate(n, args.seed, work / "partial")
                shutil.move(work / "partial", repo)
            files, cpu, documents = build_index(repo, args.runs)
            site = work / f"site-{n}"
            shutil.copytree(example, site)
            shutil.rmtree(site / DUTCH.index_dir)
            for path, text in files.items():
                (site / path).parent.mkdir(parents=True, exist_ok=True)
                (site / path).write_text(text, encoding="utf-8")
            index_bytes = sum(len(t.encode("utf-8")) for t in files.values())
            vocabulary = len(files[f"{DUTCH.index_dir}/vocabulary.json"].encode("utf-8"))
            rows = measure(site, QUERIES)
            figures.append({"n": n, "documents": documents, "index_cpu_s": cpu, "index_files": len(files),
                            "index_bytes": index_bytes, "vocabulary_bytes": vocabulary, "queries": rows})
    print("| N | index build (CPU s) | index on disk | files | vocabulary | one search: all bytes (median / max) "
          "| of which index | gzip (median / max) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for f in figures:
        total = [r["total"] for r in f["queries"]]
        index = [r["index"] for r in f["queries"]]
        zipped = [r["gzip"] for r in f["queries"]]
        print(f"| {f['n']:,} | {f['index_cpu_s']:.1f} | {f['index_bytes'] / 1e6:.1f} MB | {f['index_files']:,} | "
              f"{f['vocabulary_bytes'] / 1e3:.0f} KB | {statistics.median(total) / 1e3:.0f} / {max(total) / 1e3:.0f} KB | "
              f"{statistics.median(index) / 1e3:.0f} / {max(index) / 1e3:.0f} KB | "
              f"{statistics.median(zipped) / 1e3:.0f} / {max(zipped) / 1e3:.0f} KB |")
    print()
    for f in figures:
        print(f"N = {f['n']:,}: " + "; ".join(f"{r['query']} {r['total'] / 1e3:.0f} KB ({r['results']})"
                                            for r in f["queries"]))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
