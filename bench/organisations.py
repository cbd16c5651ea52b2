"""Benchmark: the real municipal feeds as the organisations of one repository, built in parallel.

Every feed in ../shared/data/sc-feeds/ (339 municipalities) is imported with the
project's importer into organisaties/<id>/diensten/ of one repository (shared
catalogue/: only the themes the feeds bring, and the example's goals). Then each
organisation's public site is built with `LOKET_ORGANISATIE=<id> mkdocs build`, in
a process pool over organisations. For every build it records CPU seconds
(user + sys of the build process, from wait4) and its peak RSS; it prints the
total CPU, the wall time with the chosen number of workers, the peak memory per
worker, and what a CI matrix of --runners runners would take (the measured builds
packed longest-first onto that many runners at their CPU time, plus --runner-setup seconds each for
checkout and installation, which this machine cannot measure).

    .venv/bin/python bench/organisations.py --workers 2               # all feeds
    .venv/bin/python bench/organisations.py --only Montfoort,IJsselstein,Utrecht

Public tools only: the Python standard library, git and the project's venv.
"""

from __future__ import annotations

import argparse
import heapq
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))
FEEDS = REPO.parent / "shared" / "data" / "sc-feeds"
SKELETON = ("mkdocs.yml", "site_config", "overrides", "content")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONHASHSEED": "0"}


def organisation_id(feed: Path) -> str:
    name = feed.name.removesuffix(".gz").removesuffix(".xml")
    text = unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def organisation_yml(feed: Path, oid: str) -> str:
    name = feed.name.removesuffix(".gz").removesuffix(".xml")
    return (f'naam: "Gemeente {name}"\nwebsite: https://www.{oid}.example/\nsite_url: https://loket.{oid}.example/\n'
            "contact: {}\nregio: []\n")


def import_one(job: tuple[str, str, str]) -> tuple[str, int, float, str]:
    """Import one feed into organisaties/<id>/diensten/, its themes into a file of its own (merged afterwards)."""
    from loket.importers.pipeline import ImportTarget, import_sc

    root, feed, oid = Path(job[0]), Path(job[1]), job[2]
    themes = root / ".themes" / f"{oid}.yml"
    cpu = time.process_time()
    report = import_sc(str(feed), ImportTarget(root, root / "organisaties" / oid / "diensten", themes))
    return oid, len(report.created), time.process_time() - cpu, themes.read_text(encoding="utf-8") if themes.is_file() else ""


def prepare(root: Path, feeds: list[Path], workers: int) -> dict[str, int]:
    """The repository: skeleton, shared themes and goals, one folder per feed; committed in git."""
    root.mkdir(parents=True)
    for item in SKELETON:
        source = REPO / item
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / item)
    (root / "catalogue").mkdir()
    shutil.copy2(REPO / "catalogue/doelen.yml", root / "catalogue/doelen.yml")
    (root / ".themes").mkdir()
    jobs = []
    for feed in feeds:
        oid = organisation_id(feed)
        (root / "organisaties" / oid / "diensten").mkdir(parents=True)
        (root / "organisaties" / oid / "organisatie.yml").write_text(organisation_yml(feed, oid), encoding="utf-8")
        jobs.append((str(root), str(feed), oid))
    services: dict[str, int] = {}
    themes: dict[str, str] = {}
    with ProcessPoolExecutor(workers) as pool:
        for oid, created, _cpu, themes_text in pool.map(import_one, jobs):
            services[oid] = created
            for block in re.split(r"\n(?=\S)", themes_text):
                if block and not block.startswith("#"):
                    themes.setdefault(block.split(":", 1)[0], block.rstrip("\n"))
    shutil.rmtree(root / ".themes")
    (root / "catalogue/themas.yml").write_text("\n".join(themes[t] for t in sorted(themes)) + "\n", encoding="utf-8")
    # As a real repository grows: the shared catalogue first, then one commit per organisation's import,
    # so that the log holds every organisation's history and a build that read it all would show it.
    git = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(git + ["init", "-q", "-b", "main"], cwd=root, check=True)
    date = {"GIT_AUTHOR_DATE": "2026-11-01T12:00:00+00:00", "GIT_COMMITTER_DATE": "2026-11-01T12:00:00+00:00"}
    subprocess.run(git + ["add", "-A", "--", ":(exclude)organisaties"], cwd=root, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "Gedeelde catalogus"], cwd=root, check=True, env={**ENV, **date})
    for oid in sorted(services):
        subprocess.run(git + ["add", "-A", "--", f"organisaties/{oid}"], cwd=root, check=True)
        subprocess.run(git + ["commit", "-q", "-m", f"Import {oid}"], cwd=root, check=True, env={**ENV, **date})
    return services


@dataclass
class Build:
    organisation: str
    services: int
    ok: bool
    cpu: float
    wall: float
    peak_mb: float


def build_one(job: tuple[str, str, int]) -> Build:
    root, oid, services = Path(job[0]), job[1], job[2]
    out = root.parent / "sites" / oid
    args = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "site_config/public.yml", "-d", str(out)]
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=root, env={**ENV, "LOKET_ORGANISATIE": oid},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    shutil.rmtree(out, ignore_errors=True)  # 339 sites do not need to stay on disk
    return Build(oid, services, proc.returncode == 0, usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def ci_matrix(builds: list[Build], runners: int, setup: float, *, per_organisation: bool) -> float:
    """Wall time of a CI matrix on `runners` runners: builds longest first, each to the runner that is free first.

    per_organisation: one matrix job per organisation, each paying the checkout and installation
    (`setup`); otherwise `runners` jobs that each install once and build their share in turn.
    A build is single-threaded, so on a runner of its own it takes about its CPU time; the wall time
    measured here depends on what else this machine runs.
    """
    free = [0.0 if per_organisation else setup] * runners
    for b in sorted(builds, key=lambda b: -b.cpu):
        heapq.heapreplace(free, free[0] + (setup if per_organisation else 0.0) + b.cpu)
    return max(free)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runners", type=int, default=20)
    parser.add_argument("--runner-setup", type=float, default=60.0,
                        help="seconds a CI runner needs for checkout and scripts/setup (assumed, not measured)")
    parser.add_argument("--only", help="comma-separated feed names, e.g. Montfoort,Utrecht")
    parser.add_argument("--keep", help="prepare the repository in this directory and keep it")
    parser.add_argument("--alone", default="Montfoort",
                        help="also build this feed's organisation in a repository of its own, to compare (empty: skip)")
    args = parser.parse_args()
    feeds = sorted(FEEDS.glob("*.xml.gz"))
    if args.only:
        wanted = {name.strip().casefold() for name in args.only.split(",")}
        feeds = [f for f in feeds if f.name.removesuffix(".xml.gz").casefold() in wanted]
    if not feeds:
        print(f"No feeds found in {FEEDS}.", file=sys.stderr)
        return 1
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="loket-orgs-"))
    root = base / "repo"
    try:
        start = time.perf_counter()
        services = prepare(root, feeds, args.workers)
        print(f"prepared {len(services)} organisations, {sum(services.values())} services in "
              f"{time.perf_counter() - start:.0f} s")
        start = time.perf_counter()
        with ProcessPoolExecutor(args.workers) as pool:
            builds = list(pool.map(build_one, [(str(root), oid, n) for oid, n in sorted(services.items())]))
        wall = time.perf_counter() - start
        alone = None
        lone_feed = [f for f in feeds if f.name.removesuffix(".xml.gz").casefold() == args.alone.casefold()]
        if lone_feed and len(feeds) > 1:
            lone_root = base / "alone" / "repo"
            prepare(lone_root, lone_feed, 1)
            oid = organisation_id(lone_feed[0])
            alone = (build_one((str(lone_root), oid, services[oid])), next(b for b in builds if b.organisation == oid))
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    failed = [b.organisation for b in builds if not b.ok]
    cpu = [b.cpu for b in builds]
    largest = max(builds, key=lambda b: b.services)
    print(f"| organisations | {len(builds)} ({sum(b.services for b in builds)} services) |")
    print(f"| total CPU (user+sys), all builds | {sum(cpu):.0f} s |")
    print(f"| wall time, {args.workers} workers | {wall:.0f} s |")
    print(f"| CPU per build: median / max | {statistics.median(cpu):.1f} s / {max(cpu):.1f} s "
          f"({max(builds, key=lambda b: b.cpu).organisation}) |")
    print(f"| largest organisation | {largest.organisation}: {largest.services} services, {largest.cpu:.1f} s CPU |")
    print(f"| peak memory per worker (max RSS of one build) | {max(b.peak_mb for b in builds):.0f} MB |")
    print(f"| CI, one job per organisation on {args.runners} runners (+{args.runner_setup:.0f} s setup per job, "
          f"assumed) | {ci_matrix(builds, args.runners, args.runner_setup, per_organisation=True) / 60:.1f} min |")
    print(f"| CI, {args.runners} jobs of several organisations each (+{args.runner_setup:.0f} s setup per job, "
          f"assumed) | {ci_matrix(builds, args.runners, args.runner_setup, per_organisation=False) / 60:.1f} min |")
    if alone:
        own, national = alone
        print(f"| {own.organisation} built in a repository of its own / of all {len(builds)} | "
              f"{own.cpu:.1f} s / {national.cpu:.1f} s CPU, {own.peak_mb:.0f} / {national.peak_mb:.0f} MB |")
    if failed:
        print(f"failed builds: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
