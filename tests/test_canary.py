"""Zero leakage, proven with canaries.

Every internal place in the data contract (each `intern:` key of a service,
every roadmap field, an internal goal, and old internal values that only live
in git history) gets a distinct canary string. The public build is then
scanned file by file (HTML, search index, sitemap and its .gz, 404 page,
feeds, exports: every file, whatever its type, so future outputs are covered
too) and must contain none of them, while the internal build shows them.

The second test turns the filter off through the real configuration switch
(`audience: internal` in public.yml) and shows the same scan then finds every
canary, so the first test cannot pass by scanning the wrong thing.
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from conftest import REPO, loket

ROADMAP_ID = "kanarieproject-r8w"
GOAL_ID = "kanariedoel-g4k"


@dataclass(frozen=True)
class Canary:
    where: str  # the internal place, e.g. "intern.notities"
    strings: tuple[str, ...]  # finding any of these in a file is a leak
    shown_internally: bool = True  # the internal site renders this value


# Each internal field of a service: value as written in YAML, strings that prove it leaked.
SERVICE_INTERN = {
    "eigenaar": ("team Kanarieeigenaar5d1", ("kanarieeigenaar5d1",)),
    "gebruik_per_jaar": (918273645, ("918273645", "918.273.645")),
    "leverancier": ("Kanarieleverancier7c3 B.V.", ("kanarieleverancier7c3",)),
    "notities": ("Contract loopt af; zie kanarienotitie2b6.", ("kanarienotitie2b6",)),
}

# Each field of the import provenance (`bron:`): used by re-imports, rendered on neither site.
# Exempt: `meldingen` (a fixed list of codes, shown as validate warnings only).
SERVICE_BRON = {
    "sc_identifier": ("https://www.kanariebron.example/kanarieidentifier3f9", ("kanarieidentifier3f9",)),
    "product_id": ("kanarieproduct7r2", ("kanarieproduct7r2",)),
    "hashes": ({"naam": "c0ffee1234ab"}, ("c0ffee1234ab",)),
    "upl_verwijderd": (["http://standaarden.overheid.nl/owms/terms/kanarieupl5t1"], ("kanarieupl5t1",)),
    "aanvraag_url": ("mailto:kanarieaanvraag8u4@kanarie.example", ("kanarieaanvraag8u4",)),
}
SERVICE_BRON_EXEMPT = {"meldingen"}

# Each roadmap field. Exempt: `status` (a fixed word list) and `diensten` (ids of public services).
ROADMAP_FIELDS = {
    "titel": ("Kanarietitel4h8 vervangen", ("kanarietitel4h8",)),
    "beschrijving": ("Vervanging kanariebeschrijving6j1 van het systeem.", ("kanariebeschrijving6j1",)),
    "start": ("2031-07-13", ("2031-07-13", "13 juli 2031")),
    "eind": ("2032-11-29", ("2032-11-29", "29 november 2032")),
    "eigenaar": ("team Kanarieprojecteigenaar3k5", ("kanarieprojecteigenaar3k5",)),
    "doelen": ([GOAL_ID], (GOAL_ID,)),
    "budget": (8765432.1, ("8765432", "8.765.432")),
    "leverancier": ("Kanarieprojectleverancier9m2", ("kanarieprojectleverancier9m2",)),
    "risicos": (["Risico kanarierisico1p7 voor de planning"], ("kanarierisico1p7",)),
}
ROADMAP_EXEMPT = {"status", "diensten"}

# The internal goal. `hoofdstuk` names a public chapter file; the indicator's target is
# planted but only the goals pages (elsewhere) show it, so its internal presence is not required.
GOAL_FIELDS = {
    "titel": ("Kanariedoeltitel8q3 halen", ("kanariedoeltitel8q3",), True),
    "beschrijving": ("Toelichting kanariedoelbeschrijving2w9.", ("kanariedoelbeschrijving2w9",), True),
    "indicator": ({"soort": "aandeel_online", "doel": 43.21, "jaar": 2099}, ("43,21", "43.21"), False),
    "intern": (True, (), False),
}
GOAL_EXEMPT = {"hoofdstuk"}

# Values that exist only in git history: overwritten or deleted internal data.
OLD_NOTE = "kanarieoudenotitie6v4"
DELETED_NOTE = "kanarieverwijderd5n8"
INTERNAL_COMMIT = "Roadmap bijgewerkt kanariecommit3z7"


def _yaml(value) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON is valid YAML and quotes every string


def _schema(name: str) -> dict:
    return json.loads((REPO / "plugins/loket/schema" / f"{name}.schema.json").read_text(encoding="utf-8"))


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false",
                    *args], cwd=root, check=True, capture_output=True)


def _service(intern: dict) -> str:
    return _yaml({
        "naam": "Paspoort aanvragen",
        "samenvatting": "Vraag een paspoort aan bij de gemeente.",
        "doelgroep": ["inwoner", "ondernemer"],
        "themas": ["burgerzaken"],
        "upl": "http://standaarden.overheid.nl/owms/terms/paspoort",
        "aanvragen": {"online": "niet"},
        "gecontroleerd_op": "2026-09-01",
        # English text gives the service an English page (/en/), which must carry nothing internal either.
        "en": {"naam": "Apply for a passport", "samenvatting": "Apply for a Dutch passport at the town hall."},
        "intern": intern,
        "bron": {key: value for key, (value, _) in SERVICE_BRON.items()} | {"meldingen": ["upl-onbekend"]},
    }) + "\n"


def plant(repo) -> list[Canary]:
    """Write a catalogue with a canary in every internal place, committed in git with history."""
    # The canaries must cover the whole contract: a new internal field fails here until it has one.
    assert set(SERVICE_INTERN) == set(_schema("dienst")["properties"]["intern"]["properties"])
    assert set(SERVICE_BRON) | SERVICE_BRON_EXEMPT == set(_schema("dienst")["properties"]["bron"]["properties"])
    assert set(ROADMAP_FIELDS) | ROADMAP_EXEMPT == set(_schema("roadmap")["properties"])
    assert set(GOAL_FIELDS) | GOAL_EXEMPT == set(_schema("doelen")["additionalProperties"]["properties"])

    _git(repo.root, "init", "-q", "-b", "main")
    old = {key: value for key, (value, _) in SERVICE_INTERN.items()} | {"notities": f"Eerder: {OLD_NOTE}"}
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", _service(old))
    repo.write("catalogue/diensten/oude-dienst.yml", f"""
        naam: Oude dienst
        samenvatting: Een dienst die later is opgeheven.
        doelgroep: [inwoner]
        themas: [burgerzaken]
        aanvragen: {{online: niet}}
        gecontroleerd_op: 2026-09-01
        intern:
          notities: {DELETED_NOTE}
        """)
    _git(repo.root, "add", "-A")
    _git(repo.root, "commit", "-q", "-m", "Catalogus aangemaakt")

    (repo.root / "catalogue/diensten/oude-dienst.yml").unlink()
    repo.write("catalogue/diensten/paspoort-aanvragen.yml",
               _service({key: value for key, (value, _) in SERVICE_INTERN.items()}))
    _git(repo.root, "add", "-A")
    _git(repo.root, "commit", "-q", "-m", "Oude dienst opgeheven, notitie bijgewerkt")

    goal = {key: value for key, (value, _, _) in GOAL_FIELDS.items()}
    # The example's goals (the i-visie chapters refer to them) plus the internal canary goal.
    example_goals = (REPO / "catalogue/doelen.yml").read_text(encoding="utf-8")
    repo.write("catalogue/doelen.yml", f"{example_goals}\n{GOAL_ID}: {_yaml(goal)}\n")
    project = {key: value for key, (value, _) in ROADMAP_FIELDS.items()}
    project |= {"status": "gepland", "diensten": ["paspoort-aanvragen"]}
    repo.write(f"catalogue/roadmap/{ROADMAP_ID}.yml", _yaml(project) + "\n")
    _git(repo.root, "add", "-A")
    _git(repo.root, "commit", "-q", "-m", INTERNAL_COMMIT)

    canaries = [Canary(f"intern.{key}", strings) for key, (_, strings) in SERVICE_INTERN.items()]
    canaries += [Canary(f"bron.{key}", strings, shown_internally=False) for key, (_, strings) in SERVICE_BRON.items()]
    canaries += [Canary(f"roadmap.{key}", strings) for key, (_, strings) in ROADMAP_FIELDS.items()]
    canaries.append(Canary("roadmap id", (ROADMAP_ID,)))
    canaries += [Canary(f"doel.{key}", strings, shown) for key, (_, strings, shown) in GOAL_FIELDS.items() if strings]
    canaries += [
        Canary("intern.notities in an older commit", (OLD_NOTE,), shown_internally=False),
        Canary("intern.notities of a deleted service", (DELETED_NOTE,), shown_internally=False),
        Canary("subject of a commit touching only internal files", ("kanariecommit3z7",), shown_internally=False),
    ]
    return canaries


def readable_contents(path: Path) -> list[bytes]:
    """The bytes of a file as a reader would get them: .gz decompressed, zip archives opened."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        return [gzip.decompress(data)]
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [data] + [archive.read(name) for name in archive.namelist()]
    return [data]


def scan(site: Path, canaries: list[Canary]) -> dict[str, set[str]]:
    """canary place → the files (relative to `site`) that contain one of its strings, case-insensitively."""
    found: dict[str, set[str]] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        texts = [content.lower() for content in readable_contents(path)]
        for canary in canaries:
            if any(s.lower().encode("utf-8") in text for s in canary.strings for text in texts):
                found.setdefault(canary.where, set()).add(path.relative_to(site).as_posix())
    return found


def test_no_internal_value_reaches_any_public_file(repo):
    canaries = plant(repo)
    repo.build("public")
    repo.build("internal")
    public = repo.site("public")

    scanned = {p.relative_to(public).as_posix() for p in public.rglob("*") if p.is_file()}
    # The scan covers the outputs where leaks hide, not just the pages.
    assert {"404.html", "zoekindex/nl/vocabulary.json", "zoekindex/nl/d0.json", "sitemap.xml", "sitemap.xml.gz", "voortgang/index.html",
            "diensten/paspoort-aanvragen/index.html", "en/index.html", "en/diensten/paspoort-aanvragen/index.html"} <= scanned

    assert scan(public, canaries) == {}
    # The form editor, which reads and writes every internal field, exists on the internal site only.
    assert not [p for p in scanned if p.startswith("beheer/") or "decap" in p]
    assert (repo.site("internal") / "beheer" / "config.yml").is_file()

    shown = scan(repo.site("internal"), canaries)
    missing = [c.where for c in canaries if c.shown_internally and c.where not in shown]
    assert not missing, f"the internal site should show these planted values: {missing}"
    # English pages are for the public, on the internal site too: no internal value on any of them.
    assert (repo.site("internal") / "en/diensten/paspoort-aanvragen/index.html").is_file()
    assert {where: files for where, files in shown.items() if any(f.startswith("en/") for f in files)} == {}


def test_the_scan_finds_every_canary_when_the_filter_is_switched_off(repo):
    canaries = plant(repo)
    config = repo.root / "site_config/public.yml"
    text = config.read_text(encoding="utf-8")
    assert "audience: public" in text
    config.write_text(text.replace("audience: public", "audience: internal"), encoding="utf-8")
    repo.build("public")

    leaks = scan(repo.site("public"), canaries)
    expected = {c.where for c in canaries if c.shown_internally}
    assert expected <= set(leaks)
    # Leaks are caught in the search index and inside the compressed sitemap, not only in HTML.
    assert any(path.startswith("zoekindex/nl/d") for path in leaks["roadmap.titel"])
    assert "sitemap.xml.gz" in leaks["roadmap id"]


def test_loket_render_for_the_public_writes_no_canary(repo, tmp_path):
    canaries = plant(repo)
    out = tmp_path / "docs-public"
    result = loket(["render", str(out), "--audience", "public"], cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert scan(out, canaries) == {}
    internal = tmp_path / "docs-internal"
    assert loket(["render", str(internal), "--audience", "internal"], cwd=repo.root).returncode == 0
    assert "roadmap.titel" in scan(internal, canaries)


def test_readable_contents_opens_gzip_and_zip(tmp_path):
    (tmp_path / "a.xml.gz").write_bytes(gzip.compress(b"<x>KanarieX</x>"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.csv", "id,naam\n1,kanarieY\n")
    (tmp_path / "export.zip").write_bytes(buffer.getvalue())
    canaries = [Canary("x", ("kanariex",)), Canary("y", ("kanariey",))]
    assert scan(tmp_path, canaries) == {"x": {"a.xml.gz"}, "y": {"export.zip"}}


def test_nothing_crosses_over_between_organisations(multi_org_sites):
    """Two organisations in one repository: own services, overrides and internal notes stay on their own side."""
    from multi_org import (IJSSELSTEIN_NOTE, IJSSELSTEIN_OWN, MONTFOORT_FEE, MONTFOORT_NOTE, MONTFOORT_OWN,
                           MONTFOORT_URL)

    _, sites = multi_org_sites
    only = {
        "montfoort": [Canary("montfoort: own service", (MONTFOORT_OWN, "kanaalvergunning")),
                      Canary("montfoort: override", (MONTFOORT_URL, MONTFOORT_FEE, "€ " + MONTFOORT_FEE.replace(".", ","))),
                      Canary("montfoort: internal note of its override", (MONTFOORT_NOTE,)),
                      Canary("montfoort: its name", ("Gemeente Montfoort", "loket.montfoort.example"))],
        "ijsselstein": [Canary("ijsselstein: own service", (IJSSELSTEIN_OWN, "kasteeltuin-huren")),
                        Canary("ijsselstein: shared service only it offers", ("Afvalpas aanvragen", "diensten/afvalpas")),
                        Canary("ijsselstein: internal note of the shared service", (IJSSELSTEIN_NOTE,)),
                        Canary("ijsselstein: its name", ("Gemeente IJsselstein", "loket.ijsselstein.example"))],
    }
    internal_notes = [Canary("an internal note", (MONTFOORT_NOTE, IJSSELSTEIN_NOTE))]
    for organisation, other in (("montfoort", "ijsselstein"), ("ijsselstein", "montfoort")):
        public, internal = sites[organisation, "public"], sites[organisation, "internal"]
        assert scan(public, only[other] + internal_notes) == {}, organisation
        # Internal sites compare the organisations on /regio/ by figures and short names, never by the other's data.
        assert scan(internal, only[other]) == {}, organisation
        # The scan sees this organisation's own values, so finding none of the other's means something.
        assert {c.where for c in only[organisation]} <= set(scan(internal, only[organisation]))
        assert {c.where for c in only[organisation] if "internal" not in c.where} <= set(scan(public, only[organisation]))
