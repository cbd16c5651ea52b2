"""A small shared service centre in tmp_path: two organisations, shared services, an override, own services.

Modelled on IJsselstein and Montfoort (one civil service, two municipalities):
- `paspoort-aanvragen` is shared by both, word for word;
- `parkeervergunning` is shared, and Montfoort's override gives it another fee and
  application link, puts it online there, and adds its own internal note;
- `afvalpas` is shared but offered only by IJsselstein (`organisaties: [ijsselstein]`);
- each municipality has one service of its own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO, SKELETON, Repo

IJSSELSTEIN_URI = "http://standaarden.overheid.nl/owms/terms/IJsselstein_(gemeente)"
MONTFOORT_URI = "http://standaarden.overheid.nl/owms/terms/Montfoort_(gemeente)"

# Values that must stay on one side: each appears in exactly one organisation's files.
MONTFOORT_FEE = "61.35"
MONTFOORT_URL = "https://loket.montfoort.example/parkeervergunning-aanvragen"
MONTFOORT_OWN = "Kanaalvergunning Montfoort"
IJSSELSTEIN_OWN = "Kasteeltuin huren IJsselstein"
MONTFOORT_NOTE = "kanariemontfoortnotitie7r2"
IJSSELSTEIN_NOTE = "kanarieijsselsteinnotitie4t6"


def organisation_yml(name: str, uri: str, host: str, top: list[str]) -> str:
    return f"""
        naam: Gemeente {name}
        website: https://www.{host}.example/
        site_url: https://loket.{host}.example/
        owms_uri: {uri}
        contact:
          telefoon: "14 0348"
          adres: Stadhuis, {name}
        toptaken: [{', '.join(top)}]
        """


def make_multi_repo(root: Path) -> Repo:
    root.mkdir(parents=True, exist_ok=True)
    for item in SKELETON:
        source = REPO / item
        if source.is_dir():
            shutil.copytree(source, root / item)
        else:
            shutil.copy2(source, root / item)
    repo = Repo(root)
    shutil.copy2(REPO / "catalogue" / "doelen.yml", repo.write("catalogue/doelen.yml", ""))
    repo.write("catalogue/themas.yml", """
        burgerzaken:
          naam: Burgerzaken
          beschrijving: Paspoort, rijbewijs en verhuizen.
        verkeer:
          naam: Verkeer en parkeren
        afval:
          naam: Afval
        """)
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", """
        naam: Paspoort aanvragen
        samenvatting: Vraag een paspoort aan bij het gemeentehuis.
        doelgroep: [inwoner]
        themas: [burgerzaken]
        upl: http://standaarden.overheid.nl/owms/terms/paspoort
        aanvragen:
          online: gepland
          gepland: 2027-Q3
        kosten:
          - omschrijving: Paspoort 18 jaar en ouder
            bedrag: 84.95
        gerelateerd: [afvalpas]
        gecontroleerd_op: 2026-09-01
        """)
    repo.write("catalogue/diensten/parkeervergunning.yml", f"""
        naam: Parkeervergunning aanvragen
        samenvatting: Vraag een parkeervergunning aan voor uw straat.
        doelgroep: [inwoner, ondernemer]
        themas: [verkeer]
        upl: http://standaarden.overheid.nl/owms/terms/parkeervergunning
        aanvragen:
          online: niet
        inloggen:
          digid: midden
        kosten:
          - omschrijving: Vergunning per jaar
            bedrag: 48.00
        gecontroleerd_op: 2026-09-01
        intern:
          notities: Gedeelde notitie {IJSSELSTEIN_NOTE}
        """)
    repo.write("catalogue/diensten/afvalpas.yml", """
        naam: Afvalpas aanvragen
        samenvatting: Vraag een nieuwe afvalpas aan voor de ondergrondse container.
        doelgroep: [inwoner]
        themas: [afval]
        aanvragen:
          online: live
          url: https://loket.ijsselstein.example/afvalpas
        inloggen:
          digid: midden
        organisaties: [ijsselstein]
        gecontroleerd_op: 2026-09-01
        """)
    repo.write("organisaties/ijsselstein/organisatie.yml",
               organisation_yml("IJsselstein", IJSSELSTEIN_URI, "ijsselstein", ["afvalpas", "paspoort-aanvragen"]))
    repo.write("organisaties/montfoort/organisatie.yml",
               organisation_yml("Montfoort", MONTFOORT_URI, "montfoort", ["parkeervergunning", "kanaalvergunning"]))
    repo.write("organisaties/montfoort/diensten/parkeervergunning.yml", f"""
        aanvragen:
          online: live
          url: {MONTFOORT_URL}
        inloggen:
          eherkenning: EH3
        kosten:
          - omschrijving: Vergunning per jaar
            bedrag: {MONTFOORT_FEE}
        intern:
          notities: Alleen Montfoort {MONTFOORT_NOTE}
        """)
    repo.write("organisaties/montfoort/diensten/kanaalvergunning.yml", f"""
        naam: {MONTFOORT_OWN}
        samenvatting: Vraag een vergunning aan om een boot aan te leggen in de Montfoortse Vaart.
        doelgroep: [inwoner, ondernemer]
        themas: [verkeer]
        aanvragen:
          online: niet
        gecontroleerd_op: 2026-09-01
        """)
    repo.write("organisaties/ijsselstein/diensten/kasteeltuin-huren.yml", f"""
        naam: {IJSSELSTEIN_OWN}
        samenvatting: Huur de kasteeltuin voor een huwelijk of een evenement.
        doelgroep: [inwoner, ondernemer]
        themas: [burgerzaken]
        aanvragen:
          online: gepland
          gepland: 2027-Q3
        gecontroleerd_op: 2026-09-01
        """)
    return repo


ORGANISATIONS = ("ijsselstein", "montfoort")


def build(root: Path, organisation: str | None, target: str, site_dir: Path | None = None, check: bool = True,
          env: dict[str, str] | None = None):
    """`LOKET_ORGANISATIE=<id> mkdocs build --strict -f site_config/<target>.yml`, as CI runs it."""
    import subprocess
    import sys

    from conftest import ENV

    env = {key: value for key, value in {**ENV, **(env or {})}.items() if key != "LOKET_ORGANISATIE"}
    if organisation:
        env["LOKET_ORGANISATIE"] = organisation
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", f"site_config/{target}.yml"]
    if site_dir is not None:
        args += ["-d", str(site_dir)]
    result = subprocess.run(args, cwd=root, capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"build of {organisation}/{target} failed:\n{result.stdout}\n{result.stderr}")
    return result


def commit_all(root: Path, message: str) -> None:
    import subprocess

    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    if not (root / ".git").exists():
        subprocess.run(git + ["init", "-q", "-b", "main"], cwd=root, check=True, capture_output=True)
    subprocess.run(git + ["add", "-A"], cwd=root, check=True, capture_output=True)
    subprocess.run(git + ["commit", "-q", "-m", message], cwd=root, check=True, capture_output=True)


def build_all(root: Path, out: Path) -> dict[tuple[str, str], Path]:
    """Every organisation's public and internal site, each into out/<id>/<target>."""
    sites = {}
    for organisation in ORGANISATIONS:
        for target in ("public", "internal"):
            sites[organisation, target] = out / organisation / target
            build(root, organisation, target, sites[organisation, target])
    return sites
