"""`loket init DIR --organisatie A --organisatie B` and `loket import sc FEED --organisatie ID`.

A new repository for several organisations is the single-municipality template
(init/) turned into the shared layout: one organisaties/<id>/organisatie.yml per
municipality from the template's organisatie.yml, the CI matrix and CODEOWNERS
from ci.py instead of the single-site workflow, and a scripts/build that builds
every organisation.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .ci import repository_files
from .load import ORGANISATIONS_DIR, selection_problem

BUILD_SCRIPT = """\
#!/usr/bin/env bash
# Check every organisation and build each one's sites, as CI does (site/<id>/public and site/<id>/internal).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup
export NO_MKDOCS_2_WARNING=1
.venv/bin/loket validate
for dir in organisaties/*/; do
  id=$(basename "$dir")
  LOKET_ORGANISATIE="$id" .venv/bin/mkdocs build --strict -f site_config/public.yml -d "$PWD/site/$id/public"
  LOKET_ORGANISATIE="$id" .venv/bin/mkdocs build --strict -f site_config/internal.yml -d "$PWD/site/$id/internal"
done
echo "Klaar: site/<organisatie>/public (openbaar) en site/<organisatie>/internal (intern)."
"""


def fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(f"[[{key}]]", value)
    return text


def make_shared(root: Path, organisations: list[tuple[str, dict[str, str]]], written: list[str]) -> None:
    """Turn a freshly written single-municipality template in `root` into the layout for several organisations.

    `organisations`: (id, the template values of that municipality), in the order given.
    """
    template = resources.files("loket").joinpath("init", "template", "catalogue", "organisatie.yml").read_text(encoding="utf-8")
    (root / "catalogue" / "organisatie.yml").unlink()
    written.remove("catalogue/organisatie.yml")
    for oid, values in organisations:
        relative = f"{ORGANISATIONS_DIR}/{oid}/organisatie.yml"
        (root / ORGANISATIONS_DIR / oid / "diensten").mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(fill(template, values), encoding="utf-8")
        (root / ORGANISATIONS_DIR / oid / "diensten" / ".gitkeep").write_text("", encoding="utf-8")
        written += [relative, f"{ORGANISATIONS_DIR}/{oid}/diensten/.gitkeep"]
    for single in (".github/workflows/ci.yml", ".gitlab-ci.yml"):
        if (root / single).is_file():
            (root / single).unlink()
            written.remove(single)
    for relative, text in repository_files([oid for oid, _ in organisations], dependency_files=("requirements.txt",)).items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
        written.append(relative)
    (root / "scripts" / "build").write_text(BUILD_SCRIPT, encoding="utf-8")


def import_directory(root: Path, organisation: str) -> tuple[Path | None, str | None]:
    """Where `loket import sc --organisatie ID` writes, or why it cannot."""
    problem = selection_problem(root, organisation)
    if problem is not None:
        return None, f"{problem.message} {problem.hint}"
    return Path(root) / ORGANISATIONS_DIR / organisation / "diensten", None
