"""Read a catalogue directory into a `Catalogue` and every problem found on the way.

Order of checks per file: YAML (load.py) → schema (validate.py) → rules that
span fields or files (here). A file with errors is reported and left out of the
model, so a non-strict build still shows every valid service.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import re
from dataclasses import dataclass
from functools import partial, wraps
from pathlib import Path

from . import upl
from .cache import ParseCache, Parsed
from .load import Document, display_path, load_file
from .model import (
    ONLINE_LIVE,
    ONLINE_PLANNED,
    Catalogue,
    Goal,
    Organisation,
    RoadmapItem,
    Service,
    Theme,
    months_before,
    parse_day,
    period_bounds,
)
from .problems import ERROR, WARNING, Problem, errors, sort_problems
from .validate import check_schema

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


@dataclass
class LoadResult:
    catalogue: Catalogue | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.catalogue is not None and not errors(self.problems)


def _problem(doc: Document, path: tuple, severity: str, code: str, message: str, hint: str, *, key=False) -> Problem:
    line, col = doc.where_key(path) if key else doc.where(path)
    return Problem(doc.file, line, col, severity, code, message, hint)


def _schema_checked(parsed: Parsed, schema_name: str) -> Parsed:
    doc, found = parsed
    if doc is None or errors(found):
        return doc, found
    return doc, found + check_schema(doc, schema_name)


def _load_checked(path: Path, root: Path, schema_name: str, problems: list[Problem],
                  cache: ParseCache | None = None) -> Document | None:
    """The file as a Document when it is valid YAML that follows its schema; its problems are added to `problems`."""
    if cache is not None:
        doc, found = cache.load(path, root, schema_name, _schema_checked)
    else:
        doc, found = _schema_checked(load_file(path, root, marks=False), schema_name)
    problems.extend(found)
    return None if doc is None or errors(found) else doc


def _check_dates(doc: Document, fields: list[tuple], problems: list[Problem]) -> bool:
    """Dates that match the pattern but do not exist, such as 2026-02-30 written in quotes."""
    ok = True
    for path in fields:
        value = doc.get(path)
        if value is None:
            continue
        try:
            period_bounds(value)
        except ValueError:
            ok = False
            problems.append(_problem(doc, path, ERROR, "rule.invalid-date", f"De datum '{value}' bestaat niet.",
                                     "Schrijf een bestaande datum als JJJJ-MM-DD of een kwartaal als 2027-Q2."))
    return ok


def _id_problem(path: Path, root: Path) -> Problem | None:
    if re.match(ID_PATTERN, path.stem):
        return None
    display = display_path(path, root)
    suggestion = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "nieuwe-dienst"
    return Problem(display, 1, 1, ERROR, "file.invalid-name",
                   f"De bestandsnaam '{path.name}' is geen geldige id (die wordt het webadres).",
                   f"Hernoem het bestand naar '{suggestion}.yml': kleine letters, cijfers en streepjes.")


def _service_rules(doc: Document, problems: list[Problem]) -> bool:
    data = doc.data
    apply = data["aanvragen"]
    ok = _check_dates(doc, [("gecontroleerd_op",), ("aanvragen", "gepland")], problems)
    if apply["online"] == ONLINE_LIVE and not apply.get("url"):
        ok = False
        problems.append(_problem(doc, ("aanvragen", "online"), ERROR, "rule.live-needs-url",
                                 "De dienst staat op 'online: live' maar er is geen 'url' voor het aanvragen.",
                                 "Voeg onder 'aanvragen' een regel 'url: https://…' toe, of zet 'online' op gepland of niet."))
    if apply["online"] == ONLINE_PLANNED and not apply.get("gepland"):
        ok = False
        problems.append(_problem(doc, ("aanvragen", "online"), ERROR, "rule.planned-needs-date",
                                 "De dienst staat op 'online: gepland' maar 'gepland' (wanneer) ontbreekt.",
                                 "Voeg onder 'aanvragen' een regel 'gepland: 2027-Q2' (kwartaal) of een datum toe."))
    if apply["online"] != ONLINE_PLANNED and apply.get("gepland"):
        problems.append(_problem(doc, ("aanvragen", "gepland"), WARNING, "rule.planned-unused",
                                 "'gepland' is ingevuld, maar de dienst staat niet op 'online: gepland'; de datum wordt niet getoond.",
                                 "Verwijder 'gepland' of zet 'online' op gepland."))
    login = data.get("inloggen", {})
    if login.get("eherkenning", "geen") != "geen" and "ondernemer" not in data["doelgroep"]:
        problems.append(_problem(doc, ("inloggen", "eherkenning"), WARNING, "rule.eherkenning-without-business",
                                 "eHerkenning is ingevuld, maar 'ondernemer' staat niet in de doelgroep.",
                                 "Voeg 'ondernemer' toe aan 'doelgroep' of zet eherkenning op geen."))
    return ok


def _content_warnings(doc: Document, service: Service, org: Organisation | None, today: dt.date) -> list[Problem]:
    out = []
    if not service.upl:
        out.append(_problem(doc, (), WARNING, "content.missing-upl",
                            "Deze dienst heeft geen UPL-productnaam ('upl').",
                            "Zoek de dienst op in de Uniforme Productnamenlijst en vul 'upl: http://standaarden.overheid.nl/owms/terms/…' in."))
    months = org.gecontroleerd_max_maanden if org else 12
    if service.gecontroleerd_op < months_before(today, months):
        out.append(_problem(doc, ("gecontroleerd_op",), WARNING, "content.stale",
                            f"De tekst is sinds {service.gecontroleerd_op.isoformat()} niet gecontroleerd (meer dan {months} maanden).",
                            "Lees de tekst na, pas aan wat niet meer klopt en zet 'gecontroleerd_op' op de datum van vandaag."))
    return out


def _reference(doc: Document, path: tuple, target: str, known, kind: str, problems: list[Problem], *, where: str) -> None:
    if target in known:
        return
    close = difflib.get_close_matches(target, list(known), n=1, cutoff=0.6)
    hint = f"Bedoelt u '{close[0]}'? " if close else ""
    problems.append(_problem(doc, path, ERROR, "ref.unknown",
                             f"{kind} '{target}' bestaat niet.",
                             f"{hint}Gebruik een id uit {where}."))


def _without_cyclic_gc(function):
    """Reading thousands of files makes millions of small objects that all stay alive (and hold no cycles).

    Python's cyclic collector would scan them again and again while they pile up: about a
    fifth of `loket validate` at 10,000 files. It is paused while the catalogue is read.
    """

    @wraps(function)
    def run(*args, **kwargs):
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return run


@_without_cyclic_gc
def load_catalogue(root: Path, catalogue_dir: str | Path = "catalogue", *, today: dt.date | None = None,
                   cache: ParseCache | None = None) -> LoadResult:
    """Read organisatie.yml, themas.yml, diensten/, roadmap/ and doelen.yml under `root/catalogue_dir`.

    `cache` (kept by `mkdocs serve` between rebuilds) skips parsing and validating files whose bytes did not change.
    """
    _load = partial(_load_checked, cache=cache)
    root = Path(root)
    base = root / catalogue_dir
    today = today or dt.date.today()
    problems: list[Problem] = []

    if not base.is_dir():
        return LoadResult(None, [Problem(Path(catalogue_dir).as_posix(), 1, 1, ERROR, "file.missing-catalogue",
                                         "De map met de catalogus bestaat niet.",
                                         "Maak de map 'catalogue/' aan met organisatie.yml, themas.yml en diensten/.")])

    def required(name: str) -> Path | None:
        path = base / name
        if path.is_file():
            return path
        problems.append(Problem((Path(catalogue_dir) / name).as_posix(), 1, 1, ERROR, "file.missing",
                                f"Het bestand {name} ontbreekt.", f"Maak {name} aan; zie de voorbeelden in de README."))
        return None

    org_doc = _load(p, root, "organisatie", problems) if (p := required("organisatie.yml")) else None
    organisation = Organisation.from_data(org_doc.data, org_doc.file) if org_doc else None

    themes_doc = _load(p, root, "themas", problems) if (p := required("themas.yml")) else None
    themes = {tid: Theme(tid, t["naam"], t.get("beschrijving", "") or "") for tid, t in (themes_doc.data.items() if themes_doc else [])}

    service_docs: dict[str, Document] = {}
    for path in sorted((base / "diensten").glob("*")):
        if path.suffix == ".yaml":
            problems.append(Problem(path.relative_to(root).as_posix(), 1, 1, ERROR, "file.extension",
                                    "Dienstbestanden eindigen op .yml, niet op .yaml.", f"Hernoem het bestand naar {path.stem}.yml."))
            continue
        if path.suffix != ".yml" or not path.is_file():
            continue
        if (bad := _id_problem(path, root)) is not None:
            problems.append(bad)
            continue
        doc = _load(path, root, "dienst", problems)
        if doc is not None and _service_rules(doc, problems):
            service_docs[path.stem] = doc

    roadmap_docs: dict[str, Document] = {}
    for path in sorted((base / "roadmap").glob("*.yml")):
        if (bad := _id_problem(path, root)) is not None:
            problems.append(bad)
            continue
        doc = _load(path, root, "roadmap", problems)
        if doc is None or not _check_dates(doc, [("start",), ("eind",)], problems):
            continue
        start, end = doc.get(("start",)), doc.get(("eind",))
        if start and end and period_bounds(end)[1] < period_bounds(start)[0]:
            problems.append(_problem(doc, ("eind",), ERROR, "rule.end-before-start",
                                     f"Het eind ({end}) ligt vóór de start ({start}).",
                                     "Controleer 'start' en 'eind'."))
            continue
        roadmap_docs[path.stem] = doc

    goals_doc = None
    if (base / "doelen.yml").is_file():
        goals_doc = _load(base / "doelen.yml", root, "doelen", problems)
    goals = {gid: Goal.from_data(gid, g) for gid, g in (goals_doc.data.items() if goals_doc else [])}

    # References between files: checked against every file that exists, valid or not,
    # so one broken file does not cascade into errors in all files that point at it.
    all_service_ids = {p.stem for p in (base / "diensten").glob("*.yml")}
    all_goal_ids = set(goals_doc.data) if goals_doc else set()
    theme_where = "catalogue/themas.yml"
    services: dict[str, Service] = {}
    for sid, doc in service_docs.items():
        for i, theme_id in enumerate(doc.data["themas"]):
            if themes_doc is not None:
                _reference(doc, ("themas", i), theme_id, themes, "Het thema", problems, where=theme_where)
        for i, other in enumerate(doc.data.get("gerelateerd", [])):
            if other == sid:
                problems.append(_problem(doc, ("gerelateerd", i), ERROR, "ref.self", "Een dienst kan niet aan zichzelf gerelateerd zijn.",
                                         f"Verwijder '{sid}' uit 'gerelateerd'."))
            else:
                _reference(doc, ("gerelateerd", i), other, all_service_ids, "De dienst", problems, where="catalogue/diensten/")
        for i, old in enumerate(doc.data.get("vorige_ids", [])):
            if old in all_service_ids:
                problems.append(_problem(doc, ("vorige_ids", i), ERROR, "ref.old-id-in-use",
                                         f"De oude id '{old}' is nog in gebruik door catalogue/diensten/{old}.yml.",
                                         "Een vorige id mag niet ook een bestaande dienst zijn; verwijder een van beide."))
        service = Service.from_data(sid, doc.data, doc.file)
        services[sid] = service
        problems.extend(_content_warnings(doc, service, organisation, today))
        problems.extend(upl.check_service(doc))

    if org_doc is not None:
        for i, sid in enumerate(org_doc.data.get("toptaken", [])):
            _reference(org_doc, ("toptaken", i), sid, all_service_ids, "De dienst", problems, where="catalogue/diensten/")
        # security.txt (RFC 9116) carries this date as Expires; once it has passed, finders should not trust it.
        until = org_doc.get(("beveiliging", "verloopt"))
        if _check_dates(org_doc, [("beveiliging", "verloopt")], problems) and until and period_bounds(until)[0] < today:
            problems.append(_problem(org_doc, ("beveiliging", "verloopt"), WARNING, "content.security-expired",
                                     f"De beveiligingsgegevens zijn verlopen op {until}; security.txt geldt dan niet meer.",
                                     "Controleer 'beveiliging' en zet 'verloopt' op een datum binnen een jaar."))

    roadmap: dict[str, RoadmapItem] = {}
    for rid, doc in roadmap_docs.items():
        for i, sid in enumerate(doc.data.get("diensten", [])):
            _reference(doc, ("diensten", i), sid, all_service_ids, "De dienst", problems, where="catalogue/diensten/")
        for i, gid in enumerate(doc.data.get("doelen", [])):
            _reference(doc, ("doelen", i), gid, all_goal_ids, "Het doel", problems, where="catalogue/doelen.yml")
        roadmap[rid] = RoadmapItem.from_data(rid, doc.data, doc.file)

    old_ids: dict[str, str] = {}
    for sid, doc in service_docs.items():
        for i, old in enumerate(doc.data.get("vorige_ids", [])):
            if old in old_ids:
                problems.append(_problem(doc, ("vorige_ids", i), ERROR, "ref.old-id-twice",
                                         f"De oude id '{old}' staat ook bij catalogue/diensten/{old_ids[old]}.yml.",
                                         "Een oude id kan maar naar één dienst doorsturen."))
            old_ids[old] = sid

    if organisation is None or themes_doc is None:
        return LoadResult(None, sort_problems(problems))
    catalogue = Catalogue(
        organisation=organisation,
        themes=themes,
        services=services,
        roadmap=roadmap,
        goals=goals,
        goals_source=goals_doc.file if goals_doc else "catalogue/doelen.yml",
    )
    return LoadResult(catalogue, sort_problems(problems))
