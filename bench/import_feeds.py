"""Benchmark: `loket import sc` of every real municipal feed, then `loket validate` of the result.

For each feed in ../shared/data/sc-feeds/ (339 municipalities, 50,771 products) it
imports into a fresh temporary catalogue, loads it as `loket validate` does, and
records the CPU seconds of each step (time.process_time, this process only), the share
of records imported, the errors found and the repairs made. It prints one line per
feed with --verbose, and always the totals, the slowest feeds and the lowest shares.

    .venv/bin/python bench/import_feeds.py                # all feeds, about 10 minutes here
    .venv/bin/python bench/import_feeds.py --only Groningen,Montfoort
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

from loket.catalogue import load_catalogue  # noqa: E402
from loket.importers.pipeline import ImportTarget, import_sc  # noqa: E402
from loket.problems import errors  # noqa: E402

FEEDS = REPO.parent / "shared" / "data" / "sc-feeds"
ORGANISATION = "naam: Gemeente Bench\nwebsite: https://www.bench.example/\ncontact: {}\n"


def one(feed: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "catalogue").mkdir()
        (root / "catalogue/organisatie.yml").write_text(ORGANISATION, encoding="utf-8")
        (root / "catalogue/themas.yml").write_text("overig:\n  naam: Overige onderwerpen\n", encoding="utf-8")
        cpu, wall = time.process_time(), time.perf_counter()
        report = import_sc(str(feed), ImportTarget.catalogue(root))
        import_cpu, import_wall = time.process_time() - cpu, time.perf_counter() - wall
        cpu = time.process_time()
        loaded = load_catalogue(root, "catalogue")
        validate_cpu = time.process_time() - cpu
        return {"feed": feed.name.removesuffix(".xml.gz"), "records": report.records, "imported": report.imported,
                "share": report.share_imported, "import_cpu": import_cpu, "import_wall": import_wall,
                "validate_cpu": validate_cpu, "errors": len(errors(loaded.problems)),
                "warnings": len(loaded.problems) - len(errors(loaded.problems)), "repairs": report.repairs,
                "skipped": [s.reason for s in report.skipped]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="comma-separated feed names (default: all)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    feeds = sorted(FEEDS.glob("*.xml.gz"))
    if args.only:
        wanted = set(args.only.split(","))
        feeds = [f for f in feeds if f.name.removesuffix(".xml.gz") in wanted]
    rows = []
    start = time.perf_counter()
    for feed in feeds:
        row = one(feed)
        rows.append(row)
        if args.verbose:
            print(f"{row['feed']:<28} {row['records']:>4} rec {row['share']:7.2%} import {row['import_cpu']:5.2f} s CPU "
                  f"validate {row['validate_cpu']:5.2f} s CPU  {row['errors']} errors", flush=True)
    wall = time.perf_counter() - start
    repairs = sum((r["repairs"] for r in rows), Counter())
    skipped = Counter(reason.split(" (")[0].split(":")[0] for r in rows for reason in r["skipped"])
    records, imported = sum(r["records"] for r in rows), sum(r["imported"] for r in rows)
    print(f"feeds: {len(rows)}  records: {records:,}  imported: {imported:,} ({imported / records:.2%})  "
          f"lowest share: {min(r['share'] for r in rows):.2%}  feeds under 98%: {sum(r['share'] < 0.98 for r in rows)}")
    print(f"import: {sum(r['import_cpu'] for r in rows):.1f} s CPU  validate: {sum(r['validate_cpu'] for r in rows):.1f} s CPU  "
          f"whole run: {wall:.1f} s wall  validate errors: {sum(r['errors'] for r in rows)}  "
          f"warnings: {sum(r['warnings'] for r in rows):,}")
    print("slowest imports:", ", ".join(f"{r['feed']} ({r['records']}) {r['import_cpu']:.2f} s CPU / {r['import_wall']:.2f} s wall"
                                         for r in sorted(rows, key=lambda r: -r["import_cpu"])[:3]))
    print("lowest shares:", ", ".join(f"{r['feed']} {r['share']:.2%}" for r in sorted(rows, key=lambda r: r["share"])[:3]))
    print("skipped:", dict(skipped))
    print("repairs:", dict(repairs.most_common()))
    return 1 if any(r["errors"] for r in rows) or any(r["share"] < 0.98 for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
