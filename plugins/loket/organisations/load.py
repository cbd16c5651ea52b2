"""Read the catalogue of one organisation of several: shared services, its overrides and its own services.

The shared parts (themes, roadmap, goals, the checks between files) are read by
`load_catalogue`, exactly as for a single municipality; this module only says
where the organisation file is and which service documents make up this
organisation's catalogue. Nothing here reads another organisation's directory,
so a build costs the same whether the repository holds two organisations or 339.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import replace
from pathlib import Path

from ..cache import ParseCache
from ..catalogue import ID_PATTERN, LoadResult, ServiceFiles, load_catalogue, read_service_files, service_rules
from ..load import Document, load_file
from ..model import Catalogue
from ..problems import ERROR, WARNING, Problem, errors, sort_problems
from ..validate import check_schema
from .schema import PARTIAL_SERVICE, merge

ORGANISATION_ENV = "LOKET_ORGANISATIE"
ORGANISATIONS_DIR = "organisaties"
SHOWN_IDS = 20  # ids listed in a message; a national repository has hundreds


def is_multi_organisation(root: Path) -> bool:
    return (Path(root) / ORGANISATIONS_DIR).is_dir()


def organisation_ids(root: Path) -> list[str]:
    """Every directory under organisaties/, sorted (hidden ones such as .git-keep folders left out)."""
    base = Path(root) / ORGANISATIONS_DIR
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))


def _listing(ids: list[str]) -> str:
    shown = ", ".join(ids[:SHOWN_IDS])
    return shown + (f" en {len(ids) - SHOWN_IDS} andere" if len(ids) > SHOWN_IDS else "")


def _close(word: str, options) -> str:
    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"Bedoelt u '{found[0]}'? " if found else ""


def _checked(files: ServiceFiles) -> dict[str, Document]:
    return {sid: doc for sid, doc in files.docs.items() if sid in files.checked}


class MergedDocument(Document):
    """A shared service with one organisation's override applied.

    Problems found in the merged whole point into the override file: the shared
    service was valid on its own, so whatever is wrong now came with the override.
    """

    def __init__(self, override: Document, data):
        super().__init__(override.file, data)
        self.override = override

    def where(self, path):
        return self.override.where(path)

    def where_key(self, path):
        return self.override.where_key(path)


class OrganisationServices:
    """The service documents of one organisation, for `load_catalogue(service_reader=…)`."""

    def __init__(self, root: Path, catalogue_dir: str, organisation: str, known: set[str]):
        self.root = Path(root)
        self.shared_dir = self.root / catalogue_dir / "diensten"
        self.own_dir = self.root / ORGANISATIONS_DIR / organisation / "diensten"
        self.organisation = organisation
        self.known = known
        self.offered: set[str] = set()
        self.referable: set[str] = set()  # ids a reference may name: shared services and this organisation's own

    def __call__(self, readable, problems: list[Problem]) -> tuple[dict[str, Document], set[str], set[str]]:
        # Only files that passed their own checks take part; the others have reported their errors already.
        shared_files = read_service_files(self.shared_dir, self.root, readable, problems)
        shared, shared_ids = _checked(shared_files), shared_files.ids
        docs: dict[str, Document] = {}
        for sid, doc in shared.items():
            offered_by = doc.data.get("organisaties")
            if offered_by is not None:
                self._check_organisations(doc, offered_by, problems)
                if self.organisation not in offered_by:
                    continue
            docs[sid] = doc
        own_files = read_service_files(self.own_dir, self.root, readable, problems, PARTIAL_SERVICE)
        own, own_ids = _checked(own_files), own_files.ids
        # Fail closed: a shared service whose override cannot be read or applied is withheld from this
        # organisation's site, rather than published with the shared fee or link that the override changes.
        for sid in own_ids & set(docs):
            del docs[sid]
        for sid, doc in own.items():
            if sid in shared_ids:
                if sid in shared:  # a broken shared file is reported there; its overrides wait for it
                    merged = self._override(sid, shared[sid], doc, problems)
                    if merged is not None:
                        docs[sid] = merged
            elif (complete := self._own_service(sid, doc, shared_ids, problems)) is not None:
                docs[sid] = complete
        self.offered = set(docs)
        self.referable = shared_ids | own_ids
        return docs, set(docs), self.referable

    def _check_organisations(self, doc: Document, offered_by: list[str], problems: list[Problem]) -> None:
        for i, oid in enumerate(offered_by):
            if oid not in self.known:
                line, col = doc.where(("organisaties", i))
                problems.append(Problem(doc.file, line, col, ERROR, "ref.unknown-organisation",
                                        f"De organisatie '{oid}' bestaat niet.",
                                        f"{_close(oid, self.known)}Gebruik een id uit {ORGANISATIONS_DIR}/: {_listing(sorted(self.known))}."))

    def _override(self, sid: str, shared: Document, override: Document, problems: list[Problem]) -> Document | None:
        offered_by = shared.data.get("organisaties")
        if offered_by is not None and self.organisation not in offered_by:
            problems.append(Problem(override.file, 1, 1, ERROR, "ref.override-not-offered",
                                    f"Dit bestand vult de gedeelde dienst {shared.file} aan, maar '{self.organisation}' "
                                    "biedt die dienst niet aan (zie 'organisaties' in dat bestand).",
                                    f"Voeg '{self.organisation}' toe aan 'organisaties' in {shared.file}, of verwijder dit bestand."))
            return None
        merged = MergedDocument(override, merge(shared.data, override.data))
        found = check_schema(merged, "dienst")
        problems.extend(found)
        if errors(found) or not service_rules(merged, problems):
            return None
        return merged

    def _own_service(self, sid: str, doc: Document, shared_ids: set[str], problems: list[Problem]) -> Document | None:
        from ..validate import schema

        missing = [name for name in schema("dienst")["required"] if name not in doc.data]
        if missing:
            problems.append(Problem(doc.file, 1, 1, ERROR, "ref.unknown-shared-service",
                                    f"Er is geen gedeelde dienst catalogue/diensten/{sid}.yml die dit bestand kan aanvullen, "
                                    f"en als eigen dienst mist het: {', '.join(missing)}.",
                                    f"{_close(sid, shared_ids)}Geef het bestand de naam van een gedeelde dienst, "
                                    "of maak er een volledige eigen dienst van (loket new dienst --organisatie …)."))
            return None
        found = check_schema(doc, "dienst")
        problems.extend(found)
        if errors(found) or not service_rules(doc, problems):
            return None
        return doc


def _explain_organisations_key(problems: list[Problem]) -> list[Problem]:
    """An `organisaties` list in an organisation's own file gets its own explanation instead of 'unknown key'."""
    out = []
    for p in problems:
        if p.code == "schema.unknown-key" and p.message == "Onbekend veld 'organisaties'." and p.file.startswith(ORGANISATIONS_DIR + "/"):
            p = replace(p, code="rule.organisations-in-own-file",
                        message="'organisaties' staat alleen in een gedeelde dienst (catalogue/diensten/).",
                        hint="Een bestand in organisaties/<id>/diensten/ hoort al bij die organisatie: verwijder 'organisaties'.")
        out.append(p)
    return out


def load_organisation(root: Path, organisation: str, catalogue_dir: str = "catalogue", *,
                      today: dt.date | None = None, cache: ParseCache | None = None) -> LoadResult:
    """The catalogue of `organisation` (an id under organisaties/) as its own site sees it."""
    root = Path(root)
    known = set(organisation_ids(root))
    services = OrganisationServices(root, catalogue_dir, organisation, known)
    org_file = f"{ORGANISATIONS_DIR}/{organisation}/organisatie.yml"
    result = load_catalogue(root, catalogue_dir, today=today, cache=cache, organisation_file=org_file,
                            service_reader=services)
    problems = _explain_organisations_key(result.problems)
    catalogue = result.catalogue
    if catalogue is None:
        return LoadResult(None, sort_problems(problems))
    problems += _organisation_references(root, org_file, catalogue, services.offered, services.referable, known)
    return LoadResult(_only_offered(catalogue, organisation, services.offered), sort_problems(problems))


def _organisation_references(root: Path, org_file: str, catalogue: Catalogue, offered: set[str], referable: set[str],
                             known: set[str]) -> list[Problem]:
    """Top tasks must be services this organisation offers (load_catalogue reported those that do not exist);
    the organisations /regio/ compares with must exist."""
    ids = catalogue.organisation.toptaken
    partners = catalogue.organisation.regio or ()
    if all(t in offered or t not in referable for t in ids) and all(p in known for p in partners):
        return []
    doc, _ = load_file(root / org_file, root)
    out = []
    for i, oid in enumerate(partners):
        if oid not in known and doc is not None:
            line, col = doc.where(("regio", i))
            out.append(Problem(doc.file, line, col, ERROR, "ref.unknown-organisation",
                               f"De organisatie '{oid}' bestaat niet.",
                               f"{_close(oid, known)}Gebruik een id uit {ORGANISATIONS_DIR}/: {_listing(sorted(known))}."))
    for i, sid in enumerate(ids):
        if sid not in offered and sid in referable and doc is not None:
            line, col = doc.where(("toptaken", i))
            out.append(Problem(doc.file, line, col, ERROR, "ref.toptaak-not-offered",
                               f"De toptaak '{sid}' is geen dienst van deze organisatie.",
                               "Kies een gedeelde dienst die deze organisatie aanbiedt of een eigen dienst "
                               f"uit {ORGANISATIONS_DIR}/<id>/diensten/."))
    return out


def _only_offered(catalogue: Catalogue, organisation: str, offered: set[str]) -> Catalogue:
    """Links to shared services this organisation does not offer are dropped, so no page points at a missing one."""
    services = {sid: replace(s, gerelateerd=tuple(r for r in s.gerelateerd if r in offered))
                for sid, s in catalogue.services.items()}
    roadmap = {rid: replace(r, diensten=tuple(d for d in r.diensten if d in offered)) for rid, r in catalogue.roadmap.items()}
    return catalogue.with_changes(organisation=replace(catalogue.organisation, id=organisation),
                                  services=services, roadmap=roadmap)


def selection_problem(root: Path, organisation: str | None) -> Problem | None:
    """Why `organisation` (from LOKET_ORGANISATIE or the plugin option) cannot be built here, or None."""
    root = Path(root)
    if not is_multi_organisation(root):
        if organisation:
            return Problem(ORGANISATIONS_DIR, 1, 1, ERROR, "organisation.not-multi",
                           f"{ORGANISATION_ENV}={organisation} is gezet, maar deze repository heeft geen map "
                           f"{ORGANISATIONS_DIR}/: er is maar één organisatie (catalogue/organisatie.yml).",
                           f"Bouw zonder {ORGANISATION_ENV} (en zonder de optie 'organisatie' van de plugin).")
        return None
    ids = organisation_ids(root)
    if not ids:
        return Problem(ORGANISATIONS_DIR, 1, 1, ERROR, "organisation.none",
                       f"De map {ORGANISATIONS_DIR}/ bevat geen organisaties.",
                       f"Maak per organisatie een map {ORGANISATIONS_DIR}/<id>/ met organisatie.yml, of verwijder de map.")
    if not organisation:
        return Problem(ORGANISATIONS_DIR, 1, 1, ERROR, "organisation.not-chosen",
                       f"Deze repository bevat {len(ids)} organisaties ({_listing(ids)}); er is niet gekozen voor welke "
                       "de site wordt gebouwd, dus er wordt niets gepubliceerd.",
                       f"Kies er één met {ORGANISATION_ENV}, bijvoorbeeld: "
                       f"{ORGANISATION_ENV}={ids[0]} mkdocs build --strict -f site_config/public.yml")
    if organisation not in ids:
        return Problem(ORGANISATIONS_DIR, 1, 1, ERROR, "organisation.unknown",
                       f"De organisatie '{organisation}' bestaat niet in {ORGANISATIONS_DIR}/.",
                       f"{_close(organisation, ids)}Kies uit: {_listing(ids)}.")
    return None


def load_selected(root: Path, catalogue_dir: str = "catalogue", organisation: str | None = None, *,
                  today: dt.date | None = None, cache: ParseCache | None = None) -> LoadResult:
    """What a build reads: the single municipality as always, or the chosen one of several (fails closed)."""
    if (problem := selection_problem(root, organisation)) is not None:
        return LoadResult(None, [problem])
    if not is_multi_organisation(root):
        return load_catalogue(root, catalogue_dir, today=today, cache=cache)
    return load_organisation(root, organisation, catalogue_dir, today=today, cache=cache)


def validate_all(root: Path, catalogue_dir: str = "catalogue", *, today: dt.date | None = None
                 ) -> tuple[list[Problem], dict[str, LoadResult]]:
    """Every organisation's catalogue checked; shared files are parsed once and their problems reported once."""
    root = Path(root)
    cache = ParseCache()
    problems: list[Problem] = []
    results: dict[str, LoadResult] = {}
    ids = organisation_ids(root)
    if not ids:
        problems.append(selection_problem(root, None))
    if (root / catalogue_dir / "organisatie.yml").is_file():
        problems.append(Problem(f"{catalogue_dir}/organisatie.yml", 1, 1, WARNING, "organisation.unused-file",
                                f"Met een map {ORGANISATIONS_DIR}/ wordt {catalogue_dir}/organisatie.yml niet gebruikt.",
                                f"Zet de gegevens in {ORGANISATIONS_DIR}/<id>/organisatie.yml en verwijder dit bestand."))
    for oid in ids:
        if not re.match(ID_PATTERN, oid):
            problems.append(Problem(f"{ORGANISATIONS_DIR}/{oid}", 1, 1, ERROR, "file.invalid-name",
                                    f"De mapnaam '{oid}' is geen geldige id.",
                                    "Gebruik kleine letters, cijfers en streepjes, bijvoorbeeld 'ijsselstein'."))
            continue
        result = load_organisation(root, oid, catalogue_dir, today=today, cache=cache)
        results[oid] = result
        problems.extend(result.problems)
    return sort_problems(problems), results
