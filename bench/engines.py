"""Build `loket render` output with other engines (ProperDocs, Zensical), next to plain MkDocs.

The README promises that the render output builds with any MkDocs-compatible
engine. Those engines conflict with the project's MkDocs, so each lives in its
own virtual environment, made by the user:

    python3 -m venv /tmp/properdocs && /tmp/properdocs/bin/pip install properdocs==1.6.7 mkdocs-material==9.8.1
    python3 -m venv /tmp/zensical && /tmp/zensical/bin/pip install zensical==0.0.73
    .venv/bin/python bench/engines.py --services 1000 --properdocs /tmp/properdocs --zensical /tmp/zensical

It generates a catalogue (`generate.py`), writes `loket render` output, and builds it with
the project's MkDocs and with each engine given, from a configuration without the loket
plugin (what a user of another engine has). It prints CPU seconds (user + sys, all
threads), peak RSS and the number of HTML pages, and fails when an engine fails or builds
a different set of pages than MkDocs (Zensical is known to drop pages silently).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402
from run import ENV, git_commit, measure  # noqa: E402


def render_config(root: Path, site: str) -> Path:
    """The project's mkdocs.yml for the render output: docs_dir is the rendered directory, no loket plugin."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\n  loket:\n(    .*\n)*", "\n", text)
    text = re.sub(r"(?m)^docs_dir: .*$", "docs_dir: render-docs", text)
    text = re.sub(r"(?m)^site_dir: .*$", f"site_dir: site/{site}", text)
    path = root / f"render-{site}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def html_pages(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*.html")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--properdocs", help="virtual environment with properdocs and mkdocs-material")
    parser.add_argument("--zensical", help="virtual environment with zensical")
    parser.add_argument("--work", help="directory for the generated repository (default: a temporary one)")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="loket-engines-"))
    root = generate.make_repository(work / f"n{args.services}", args.services)
    (root / ".gitignore").write_text("site/\nrender-docs/\n", encoding="utf-8")
    git_commit(root)
    subprocess.run([sys.executable, "-m", "loket.cli", "render", "render-docs"], cwd=root, env=ENV, check=True,
                   capture_output=True)
    engines = {"mkdocs": [sys.executable, "-m", "mkdocs", "build", "-q", "-f"]}
    if args.properdocs:
        engines["properdocs"] = [str(Path(args.properdocs) / "bin" / "properdocs"), "build", "-q", "-f"]
    if args.zensical:
        engines["zensical"] = [str(Path(args.zensical) / "bin" / "zensical"), "build", "-f"]
    print(f"| engine | N | CPU s | wall s | peak RSS MiB | HTML pages | same pages as MkDocs |\n|---|---:|---:|---:|---:|---:|---|")
    reference, failed = None, False
    for name, command in engines.items():
        config = render_config(root, name)
        run = measure([*command, str(config)], root, root / f"{name}.log", cpu=None, timeout=7200)
        pages = html_pages(root / "site" / name) if run.returncode == 0 else set()
        reference = reference if reference is not None else pages
        same = "yes" if pages == reference else f"no ({len(reference - pages)} missing, {len(pages - reference)} extra)"
        status = f"{len(pages):,}" if run.returncode == 0 else f"failed ({run.returncode}), see {root / f'{name}.log'}"
        failed |= run.returncode != 0 or pages != reference
        print(f"| {name} | {args.services:,} | {run.cpu:.1f} | {run.wall:.1f} | {run.rss_mib:.0f} | {status} | {same} |",
              flush=True)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
