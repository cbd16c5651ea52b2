"""`loket diff BASE HEAD`: what a change means for residents and businesses, from two real commits."""

from __future__ import annotations

import textwrap

import pytest

from conftest import loket
from gitrepo import commit, git


def service(naam: str, body: str = "", doelgroep: str = "inwoner") -> str:
    return f"naam: {naam}\nsamenvatting: {naam} bij de gemeente.\ndoelgroep: [{doelgroep}]\nthemas: [burgerzaken]\n" \
           f"gecontroleerd_op: 2026-01-01\n" + textwrap.dedent(body).lstrip("\n")


@pytest.fixture
def two_commits(repo):
    d = "catalogue/diensten/"
    repo.write(d + "paspoort-aanvragen.yml", service("Paspoort aanvragen", """
        aanvragen: {online: niet}
        kosten:
          - {omschrijving: Paspoort 18 jaar en ouder, bedrag: 84.95}
          - {omschrijving: Spoedtoeslag, bedrag: 59.60}
        voorwaarden: [U staat ingeschreven in de gemeente.]
        """))
    repo.write(d + "afvalpas-aanvragen.yml", service("Afvalpas aanvragen", """
        aanvragen: {online: gepland, gepland: 2027-Q2}
        """))
    repo.write(d + "bomen-kappen.yml", service("Boom kappen", "aanvragen: {online: niet}\n"))
    repo.write(d + "ontheffing-geluid.yml", service("Ontheffing geluid", "aanvragen: {online: niet}\n", "ondernemer"))
    repo.write(d + "marktplaats-aanvragen.yml", service("Marktplaats aanvragen", "aanvragen: {online: niet}\n", "ondernemer"))
    repo.write(d + "id-kaart-aanvragen.yml", service("ID-kaart aanvragen", """
        aanvragen: {online: niet}
        intern: {notities: oud}
        """))
    base = commit(repo.root, "Catalogus", "2026-01-05")

    repo.write(d + "paspoort-aanvragen.yml", service("Paspoort aanvragen", """
        aanvragen: {online: live, url: "https://mijn.proefdorp.example/paspoort"}
        inloggen: {digid: substantieel, eidas: substantieel, machtigen: true}
        kosten:
          - {omschrijving: Paspoort 18 jaar en ouder, bedrag: 86.5}
          - {omschrijving: Bezorgen aan huis, bedrag: 12}
        voorwaarden:
          - U staat ingeschreven in de gemeente.
          - U heeft een *geldige* pasfoto.
        """))
    repo.write(d + "afvalpas-aanvragen.yml", service("Afvalpas aanvragen", """
        aanvragen: {online: gepland, gepland: 2027-10-01}
        """))
    git(repo.root, "mv", d + "bomen-kappen.yml", d + "boom-kappen.yml")
    (repo.root / d / "ontheffing-geluid.yml").unlink()
    repo.write(d + "evenement-melden.yml", service("Evenement <melden> & zo", """
        aanvragen: {online: live, url: "https://mijn.proefdorp.example/evenement"}
        inloggen: {eherkenning: EH3}
        """, "ondernemer"))
    repo.write(d + "marktplaats-aanvragen.yml", "naam: Marktplaats aanvragen\nonbekend: 1\n")
    repo.write(d + "id-kaart-aanvragen.yml", service("ID-kaart aanvragen", """
        aanvragen: {online: niet}
        intern: {notities: GEHEIME-NOTITIE}
        """))
    commit(repo.root, "Wijzigingen", "2026-02-10")
    return repo, base


EXPECTED = """\
## Wat verandert er voor inwoners en ondernemers?

Vergelijking van de catalogus in `{base}` met `HEAD`.

**Let op:** de nieuwe versie bevat 6 fout(en); die worden niet gepubliceerd. Zie de controle (`loket validate`) voor bestand, regel en oplossing.

### Nieuwe producten en diensten

- **Evenement \\<melden\\> &amp; zo** (voor ondernemers): online te regelen, met eHerkenning niveau EH3. Evenement \\<melden\\> &amp; zo bij de gemeente.

### Verdwenen producten en diensten

- **Ontheffing geluid** (`ontheffing-geluid`): het oude adres toont dat de dienst niet meer bestaat, met alternatieven.

### Nieuw webadres

- **Boom kappen**: `/diensten/bomen-kappen/` wordt `/diensten/boom-kappen/`; het oude adres stuurt door.

### Gewijzigd

- **Afvalpas aanvragen**: komt online: gepland voor 1 oktober 2027 (was 2027-Q2).
- **Paspoort aanvragen**: is nu online te regelen, met DigiD (niveau Substantieel) of een Europees erkend inlogmiddel (eIDAS, niveau Substantieel), ook via een machtiging; kosten Paspoort 18 jaar en ouder: € 84,95 → € 86,50; nieuw tarief: Bezorgen aan huis € 12,00; tarief vervalt: Spoedtoeslag (was € 59,60); nieuwe voorwaarde: “U heeft een \\*geldige\\* pasfoto.”

### Niet te vergelijken (bevat fouten)

- `marktplaats-aanvragen`: dit bestand wordt pas gepubliceerd als de fouten zijn opgelost.
"""


def test_diff_between_two_commits(two_commits):
    repo, base = two_commits
    result = loket(["diff", base, "HEAD"], cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == EXPECTED.format(base=base)
    # Internal notes are not something residents notice, and never appear in the summary.
    assert "ID-kaart" not in result.stdout and "GEHEIME-NOTITIE" not in result.stdout


def test_diff_with_branch_names_and_output_file(two_commits, tmp_path):
    repo, base = two_commits
    git(repo.root, "branch", "basis", base)
    out = tmp_path / "wijzigingen.md"
    result = loket(["diff", "basis", "main", "--output", str(out)], cwd=repo.root)
    assert result.returncode == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == EXPECTED.format(base=base).replace(f"`{base}`", "`basis`").replace("`HEAD`", "`main`")


def test_no_change_for_residents(two_commits):
    repo, _ = two_commits
    repo.write("catalogue/diensten/id-kaart-aanvragen.yml", service("ID-kaart aanvragen", """
        aanvragen: {online: niet}
        intern: {notities: nog iets anders}
        """))
    commit(repo.root, "Alleen interne notitie", "2026-02-11")
    result = loket(["diff", "HEAD~1"], cwd=repo.root)
    assert result.returncode == 0
    assert "Niets: deze wijziging verandert niets" in result.stdout


def test_unknown_revision_is_explained(two_commits):
    repo, _ = two_commits
    result = loket(["diff", "bestaat-niet", "HEAD"], cwd=repo.root)
    assert result.returncode == 2
    assert "'bestaat-niet' is geen commit" in result.stderr and "Traceback" not in result.stderr


def test_outside_git(repo):
    result = loket(["diff", "HEAD~1"], cwd=repo.root)
    assert result.returncode == 2 and "geen commit" in result.stderr
