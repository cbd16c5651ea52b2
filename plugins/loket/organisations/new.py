"""Where `loket new dienst` writes when a repository holds several organisations."""

from __future__ import annotations

import sys
from pathlib import Path

from .load import ORGANISATIONS_DIR, is_multi_organisation, organisation_ids


def _ask(ids: list[str], shared_dir: str) -> str | None:
    print("Voor wie is de nieuwe dienst?", file=sys.stderr)
    print(f"  0: gedeeld, voor alle organisaties ({shared_dir}/)", file=sys.stderr)
    for number, oid in enumerate(ids, start=1):
        print(f"  {number}: alleen {oid} ({ORGANISATIONS_DIR}/{oid}/diensten/)", file=sys.stderr)
    answer = input("Nummer: ").strip()
    if answer == "0":
        return shared_dir
    if answer.isdigit() and 1 <= int(answer) <= len(ids):
        return f"{ORGANISATIONS_DIR}/{ids[int(answer) - 1]}/diensten"
    return None


def new_service_dir(root: Path, catalogue_dir: str, organisation: str | None, shared: bool) -> tuple[str | None, str | None]:
    """The directory (relative to `root`) for a new service, or a Dutch message saying what to choose."""
    shared_dir = f"{catalogue_dir}/diensten"
    if not is_multi_organisation(root):
        if organisation:
            return None, (f"Deze repository heeft geen map {ORGANISATIONS_DIR}/ (één organisatie); "
                          "laat --organisatie weg.")
        return shared_dir, None
    ids = organisation_ids(root)
    if organisation and shared:
        return None, "Kies --gedeeld of --organisatie, niet allebei."
    if shared:
        return shared_dir, None
    if organisation:
        if organisation not in ids:
            return None, f"De organisatie '{organisation}' bestaat niet. Kies uit: {', '.join(ids)}."
        return f"{ORGANISATIONS_DIR}/{organisation}/diensten", None
    if sys.stdin.isatty():
        chosen = _ask(ids, shared_dir)
        if chosen:
            return chosen, None
    return None, ("Deze repository bevat meerdere organisaties. Geef aan waar de dienst hoort: --gedeeld (voor alle "
                  f"organisaties, in {shared_dir}/) of --organisatie ID (alleen die organisatie). Organisaties: "
                  f"{', '.join(ids)}.")
