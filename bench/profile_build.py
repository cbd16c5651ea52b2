"""Where a build's time goes: cProfile of whole `mkdocs build` runs, own time grouped by package.

Builds a generated catalogue of N services (`generate.py`, the same repository as `run.py`) three
ways under cProfile: loket with its fast path, loket with `prerender: false` (every generated page
through Python-Markdown, as before the fast path) and the hand-written Markdown site (`handwritten.py`).
Prints one table: each package's share of the profiled time, and the total. cProfile slows Python
code unevenly, so read the shares, not the seconds.

    .venv/bin/python bench/profile_build.py --services 1000

Public tools only: the Python standard library, git and the project's venv.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402

GROUPS = [  # (label, test on the file name of a profiled function), first match wins
    ("Python-Markdown", lambda f: "/markdown/" in f),
    ("Material's search plugin", lambda f: "/material/plugins/search/" in f),
    ("`html.parser` (Material's search plugin; Markdown's HTML blocks)", lambda f: f.endswith("html/parser.py")),
    ("Jinja (Material's page template, loket's templates)",
     lambda f: "/jinja2/" in f or f.endswith((".html", ".xml", ".j2"))),
    ("markdown-it-py (editors' text, rendered once)", lambda f: "/markdown_it/" in f or "/mdurl/" in f),
    ("loket (YAML checks, model, pages, exports, search index, fast path)",
     lambda f: "/plugins/loket/" in f or "/snowballstemmer/" in f),
    ("PyYAML", lambda f: "/yaml/" in f),
    ("MkDocs core and Material's other code", lambda f: "/mkdocs/" in f or "/material/" in f),
]
OTHER = "stdlib and builtins (regular expressions, string joins, I/O)"
NOPRERENDER = "INHERIT: public.yml\nplugins:\n  loket:\n    prerender: false\n"


def profile(root: Path, config: str, out: Path) -> dict[str, float]:
    stats_file = out.with_suffix(".prof")
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "mkdocs", "build", "-q",
                    "-f", f"site_config/{config}.yml", "-d", str(out)], cwd=root, env=run.ENV, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    groups = {label: 0.0 for label, _ in GROUPS} | {OTHER: 0.0}
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in pstats.Stats(str(stats_file)).stats.items():
        label = next((label for label, test in GROUPS if test(filename)), OTHER)
        groups[label] += own
    return groups


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="loket-profile-") as work:
        root = run.prepare(Path(work), args.services, args.seed)
        (root / "site_config" / "noprerender.yml").write_text(NOPRERENDER, encoding="utf-8")
        columns = {
            "loket, `prerender: false`": profile(root, "noprerender", Path(work) / "before"),
            "loket": profile(root, "public", Path(work) / "after"),
            "hand-written Markdown": profile(root, "hand", Path(work) / "hand"),
        }
    labels = [label for label, _ in GROUPS] + [OTHER]
    print(f"cProfile, own time by package, N = {args.services:,} (Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores)\n")
    print("| own time in | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for label in sorted(labels, key=lambda l: -columns["loket, `prerender: false`"][l]):
        cells = [f"{100 * groups[label] / sum(groups.values()):.0f}%" for groups in columns.values()]
        print(f"| {label} | " + " | ".join(cells) + " |")
    print("| total profiled time | " + " | ".join(f"{sum(g.values()):.1f} s" for g in columns.values()) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
