"""Benchmark: loket against the same site built by plain MkDocs, at several catalogue sizes.

For each N it generates a catalogue (`generate.py`, fixed seed) in a temporary
repository with the project's configuration, commits it to git (loket reads
dates from git), and builds

  loket  — `mkdocs build -f site_config/public.yml`: the plugin reads and
           validates the YAML and generates every page during the build;
  plain  — the same pages as hand-written Markdown: `loket render` output as
           docs_dir, the same theme, extensions and nav, with the loket
           plugin disabled (`enabled: false`): the overhead on identical pages;
  hand   — the same services as a municipality would write them by hand in
           Markdown (`handwritten.py`: name, summary, description, conditions,
           what to bring, a fee table, term; A–Z, theme and home pages), built
           by plain MkDocs with the same theme and extensions: what a
           municipality choosing between loket and plain MkDocs compares.

Each build runs several times (interleaved, median), in a child process pinned
to one core. CPU seconds (user + sys) are the robust figure on a shared
machine; wall seconds are printed too. Peak RSS comes from wait4(). Then it
times `loket validate` at the largest N and, at N = 1,000 (if measured), how
long `mkdocs serve` takes to serve a page again after one service YAML changed.

    .venv/bin/python bench/run.py --sizes 100,1000
    .venv/bin/python bench/run.py --sizes 10000 --runs 1

Public tools only: the Python standard library, git and the project's venv.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402
import handwritten  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONHASHSEED": "0"}
ENV.pop("SOURCE_DATE_EPOCH", None)
PLAIN_CONFIG = """\
# The plain-MkDocs twin of public.yml: the same configuration, the pages
# pre-rendered by `loket render` as hand-written Markdown, and no loket plugin.
# Without loket there is no loket search, so the site has Material's (what plain
# MkDocs + Material gives by default).
INHERIT: public.yml
docs_dir: ../plain-docs
plugins:
  search:
    lang: nl
  loket:
    enabled: false
"""
GIT_DATE = "2026-11-01T12:00:00+00:00"


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mib: float
    returncode: int


@dataclass
class Measured:
    n: int
    variant: str
    runs: list[Run] = field(default_factory=list)
    pages: int = 0
    site_bytes: int = 0
    search_bytes: int = 0
    search_service_bytes: int = 0

    def median(self, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in self.runs)

    def peak_rss(self) -> float:
        return max(r.rss_mib for r in self.runs)


def measure(args: list[str], cwd: Path, log: Path, *, cpu: int | None, timeout: float) -> Run:
    """Run a command to completion and return its wall time, CPU time and peak RSS (from wait4)."""
    preexec = (lambda: os.sched_setaffinity(0, {cpu})) if cpu is not None else None
    with log.open("ab") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT, preexec_fn=preexec)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def git_commit(root: Path) -> None:
    env = {**ENV, "GIT_AUTHOR_DATE": GIT_DATE, "GIT_COMMITTER_DATE": GIT_DATE}
    identity = ["-c", "user.name=Benchmark", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false"]
    for cmd in (["init", "-q", "-b", "main"], ["add", "-A"], [*identity, "commit", "-q", "-m", "Generated catalogue"]):
        subprocess.run(["git", *cmd], cwd=root, env=env, check=True, capture_output=True)


def prepare(work: Path, n: int, seed: int) -> Path:
    root = generate.make_repository(work / f"n{n}", n, seed=seed)
    (root / ".gitignore").write_text("site/\nplain-docs/\nhand-docs/\n", encoding="utf-8")
    git_commit(root)
    render = subprocess.run([sys.executable, "-m", "loket.cli", "render", "plain-docs"], cwd=root, env=ENV,
                            capture_output=True, text=True)
    if render.returncode != 0:
        raise SystemExit(f"loket render failed at N={n}:\n{render.stderr[-3000:]}")
    (root / "site_config" / "plain.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    handwritten.write_docs(root, root / "hand-docs")
    (root / "site_config" / "hand.yml").write_text(handwritten.config(root / "hand-docs"), encoding="utf-8")
    return root


def site_figures(site: Path, result: Measured) -> None:
    result.pages = sum(1 for _ in site.rglob("*.html"))
    result.site_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    # loket's search index (plugins/loket/search/): all of it on disk; one search loads a few files (bench/search.py).
    # plain and hand have Material's: one file that every search loads whole.
    index = [p for p in (site / "zoekindex").rglob("*.json")] or list((site / "search").glob("search_index.json"))
    if not index:
        return
    result.search_bytes = result.search_service_bytes = sum(p.stat().st_size for p in index)


VARIANTS = ("loket", "plain", "hand")


def bench_builds(root: Path, n: int, runs: int, cpu: int | None, timeout: float) -> dict[str, Measured]:
    configs = {"loket": "public", "plain": "plain", "hand": "hand"}
    variants = {name: (Measured(n, name), f"site_config/{configs[name]}.yml", root / "site" / name) for name in VARIANTS}
    log = root / "bench-build.log"
    for i in range(runs):
        for name, (result, config, site) in variants.items():
            cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(site)]
            run = measure(cmd, root, log, cpu=cpu, timeout=timeout)
            if run.returncode != 0:
                raise SystemExit(f"{name} build at N={n} failed ({run.returncode}); see {log}")
            result.runs.append(run)
            print(f"  N={n} {name} run {i + 1}/{runs}: {run.wall:.1f} s wall, {run.cpu:.1f} s CPU, "
                  f"{run.rss_mib:.0f} MiB", file=sys.stderr, flush=True)
    for result, _, site in variants.values():
        site_figures(site, result)
    return {name: result for name, (result, _, _) in variants.items()}


def bench_validate(root: Path, n: int, runs: int, cpu: int | None, timeout: float) -> Measured:
    result = Measured(n, "loket validate")
    for _ in range(runs):
        run = measure([sys.executable, "-m", "loket.cli", "validate", "--errors-only", "catalogue"], root,
                      root / "bench-validate.log", cpu=cpu, timeout=timeout)
        if run.returncode != 0:
            raise SystemExit(f"loket validate at N={n} failed; see {root / 'bench-validate.log'}")
        result.runs.append(run)
    return result


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, predicate, deadline: float, proc: subprocess.Popen) -> float | None:
    """Poll `url` (loopback only) until its body satisfies `predicate`; the time it took, or None on timeout."""
    start = time.perf_counter()
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            return None
        body = _get(url)
        if body is not None and predicate(body):
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def _builds_logged(root: Path) -> int:
    # "Reloading browsers" (with a timestamp) ends every rebuild; MkDocs drops a repeated log message, so
    # "Documentation built in 0.69 seconds" is missing when two rebuilds took equally long.
    return (root / "bench-serve.log").read_text(encoding="utf-8", errors="replace").count("Reloading browsers")


def bench_serve(root: Path, edits: int, cpu: int | None, timeout: float, *, dirty: bool = False) -> dict:
    """Start `mkdocs serve` on a free loopback port, edit one service YAML `edits` times, time each rebuild.

    The time runs from writing the file until the page is served with the change: MkDocs' file watcher,
    its rebuild and one HTTP request, as an editor experiences it. The end of a build is read from the
    server's log rather than by polling the page: requests during the build compete with it for the GIL
    and made it up to twice as slow.
    """
    services = sorted((root / "catalogue" / "diensten").glob("*.yml"))
    service = services[len(services) // 2]
    port = _free_port()
    url = f"http://127.0.0.1:{port}/diensten/{service.stem}/"
    preexec = (lambda: os.sched_setaffinity(0, {cpu})) if cpu is not None else None
    log = (root / "bench-serve.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", "site_config/public.yml",
                             "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])], cwd=root, env=ENV, stdout=log, stderr=subprocess.STDOUT,
                            preexec_fn=preexec, start_new_session=True)
    original = service.read_text(encoding="utf-8")
    result: dict = {"mode": "serve --dirty" if dirty else "serve", "first_build": None, "rebuilds": []}
    try:
        result["first_build"] = _wait_for(url, lambda body: "<html" in body, time.perf_counter() + timeout, proc)
        if result["first_build"] is None:
            return result
        for k in range(1, edits + 1):
            marker = f"Gewijzigd voor meting {k}"
            log.flush()
            builds_before = _builds_logged(root)
            start = time.perf_counter()
            service.write_text(original.replace("samenvatting: ", f"samenvatting: {marker}. ", 1), encoding="utf-8")
            took = None
            while time.perf_counter() - start < timeout and proc.poll() is None:
                builds = _builds_logged(root)
                if builds > builds_before:
                    builds_before = builds
                    body = _get(url)
                    if body is not None and marker in body:
                        took = time.perf_counter() - start
                        break
                time.sleep(0.05)
            if took is None:
                break
            result["rebuilds"].append(took)
            time.sleep(1)  # let the server settle before the next edit
    finally:
        service.write_text(original, encoding="utf-8")
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
    return result


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f}"


def table(builds: list[dict[str, Measured]], validate: Measured | None, serves: list[dict],
          serve_n: int | None) -> str:
    lines = [
        "| N | build | runs | wall s | CPU s | peak RSS MiB | pages | pages/s (CPU) | site MB | search index MB | search B/service |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    ratios = []
    for measured in builds:
        loket, plain, hand = (measured[v] for v in VARIANTS)
        for m in (loket, plain, hand):
            cpu = m.median("cpu")
            lines.append(
                f"| {m.n:,} | {m.variant} | {len(m.runs)} | {m.median('wall'):.1f} | {cpu:.1f} | {m.peak_rss():.0f} | "
                f"{m.pages:,} | {m.pages / cpu:.0f} | {_mb(m.site_bytes)} | {m.search_bytes / 1e6:.2f} | "
                f"{m.search_service_bytes / m.n:,.0f} |"
            )
        ratios.append(
            f"| {loket.n:,} | {len(loket.runs)} | {loket.median('cpu') / hand.median('cpu'):.2f} | "
            f"{loket.peak_rss() / hand.peak_rss():.2f} | {loket.median('cpu') / plain.median('cpu'):.2f} | "
            f"{loket.peak_rss() / plain.peak_rss():.2f} |"
        )
    lines += ["", "| N | runs | loket/hand CPU | loket/hand peak RSS | loket/plain CPU (identical pages) | "
              "loket/plain peak RSS |", "|---:|---:|---:|---:|---:|---:|", *ratios]
    if validate is not None:
        lines += ["", "| N | command | runs | wall s | CPU s | peak RSS MiB |", "|---:|---|---:|---:|---:|---:|",
                  f"| {validate.n:,} | loket validate | {len(validate.runs)} | {validate.median('wall'):.2f} | "
                  f"{validate.median('cpu'):.2f} | {validate.peak_rss():.0f} |"]
    if serves:
        plain = next((b["plain"] for b in builds if b["plain"].n == serve_n), None)
        lines += ["", "| N | command | first build wall s | one YAML edit → page served, wall s (median) | plain full build wall s |",
                  "|---:|---|---:|---:|---:|"]
        for serve in serves:
            rebuilds = serve["rebuilds"]
            first = f"{serve['first_build']:.1f}" if serve["first_build"] is not None else "timed out"
            edit = f"{statistics.median(rebuilds):.1f} (of {len(rebuilds)})" if rebuilds else "timed out"
            lines.append(f"| {serve_n:,} | `mkdocs {serve['mode']}` | {first} | {edit} | "
                         f"{plain.median('wall') if plain else float('nan'):.1f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="loket against plain MkDocs: build time, memory, site and search size.")
    parser.add_argument("--sizes", default="100,1000", help="catalogue sizes, comma-separated (default 100,1000)")
    parser.add_argument("--runs", type=int, default=3, help="builds per variant and size; the median is reported")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--serve-edits", type=int, default=3, help="YAML edits timed under mkdocs serve at N=1000 (0: skip)")
    parser.add_argument("--no-pin", action="store_true", help="do not pin each measured process to one core")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before one build is stopped")
    parser.add_argument("--work", help="directory for the generated repositories (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the generated repositories")
    parser.add_argument("--json", help="also write the raw figures to this file")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    cpu = None if args.no_pin else max(os.sched_getaffinity(0))
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="loket-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, working in {work}", file=sys.stderr)
    builds, validate, serves = [], None, []
    loads = [os.getloadavg()[0]]
    try:
        for n in sizes:
            print(f"N={n}: generating and committing the catalogue…", file=sys.stderr, flush=True)
            root = prepare(work, n, args.seed)
            builds.append(bench_builds(root, n, args.runs, cpu, args.timeout))
            if n == max(sizes):
                validate = bench_validate(root, n, max(args.runs, 3), cpu, args.timeout)
            if n == 1000 and args.serve_edits:
                print("N=1000: timing mkdocs serve rebuilds…", file=sys.stderr, flush=True)
                serves = [bench_serve(root, args.serve_edits, cpu, args.timeout, dirty=dirty) for dirty in (False, True)]
            loads.append(os.getloadavg()[0])
            if not args.keep:
                shutil.rmtree(root)
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, each measured process pinned to "
          f"{'no core' if cpu is None else f'core {cpu}'}; 1-minute load average during the run: "
          f"{min(loads):.1f}–{max(loads):.1f}\n")
    print(table(builds, validate, serves, 1000 if serves else None))
    if args.json:
        Path(args.json).write_text(json.dumps({"builds": [{k: asdict(m) for k, m in b.items()} for b in builds],
                                               "validate": asdict(validate) if validate else None,
                                               "serve": serves, "load_average": loads}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
