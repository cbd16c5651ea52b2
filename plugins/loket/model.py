"""The catalogue as plain, immutable Python values.

Built only from data that passed the schema, so constructors can trust the
shape; everything here is independent of MkDocs and of any output format.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property
from .search.synonyms import Synonyms

ONLINE_LIVE, ONLINE_PLANNED, ONLINE_NOT = "live", "gepland", "niet"
DIGID_LEVELS = ("geen", "basis", "midden", "substantieel", "hoog")
EHERKENNING_LEVELS = ("geen", "EH2", "EH2+", "EH3", "EH4")
EIDAS_LEVELS = ("geen", "laag", "substantieel", "hoog")
ROADMAP_STATUSES = ("idee", "gepland", "lopend", "afgerond", "gestopt")

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def parse_day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def period_bounds(text: str) -> tuple[dt.date, dt.date]:
    """First and last day of a 'YYYY-QN' quarter or of a single 'YYYY-MM-DD' day."""
    match = _QUARTER.match(text)
    if match:
        year, quarter = int(match[1]), int(match[2])
        first = dt.date(year, 3 * quarter - 2, 1)
        last = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
        return first, last
    day = parse_day(text)
    return day, day


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day where that day does not exist)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def quarter_of(text: str) -> str:
    """The 'YYYY-QN' quarter a period starts in."""
    first, _ = period_bounds(text)
    return f"{first.year}-Q{(first.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class Login:
    digid: str = "geen"
    eherkenning: str = "geen"
    eidas: str = "geen"
    machtigen: bool = False

    @property
    def any(self) -> bool:
        return self.digid != "geen" or self.eherkenning != "geen" or self.eidas != "geen"


@dataclass(frozen=True)
class Cost:
    omschrijving: str
    bedrag: Decimal


@dataclass(frozen=True)
class Law:
    titel: str
    url: str | None = None


@dataclass(frozen=True)
class Internal:
    eigenaar: str | None = None
    gebruik_per_jaar: int | None = None
    leverancier: str | None = None
    notities: str | None = None


@dataclass(frozen=True)
class EnglishText:
    """A service's texts in English (`en:`); the facts (status, logins, amounts, links) stay on the Service."""

    naam: str
    samenvatting: str
    beschrijving: str = ""
    trefwoorden: tuple[str, ...] = ()
    toelichting: str | None = None
    kosten: tuple[str, ...] = ()  # one description per Service.kosten entry, same order
    voorwaarden: tuple[str, ...] = ()
    nodig: tuple[str, ...] = ()
    termijn: str | None = None

    @classmethod
    def from_data(cls, data: dict) -> "EnglishText":
        return cls(
            naam=data["naam"].strip(),
            samenvatting=data["samenvatting"].strip(),
            beschrijving=data.get("beschrijving", "") or "",
            trefwoorden=tuple(data.get("trefwoorden", ())),
            toelichting=data.get("toelichting"),
            kosten=tuple(data.get("kosten", ())),
            voorwaarden=tuple(data.get("voorwaarden", ())),
            nodig=tuple(data.get("nodig", ())),
            termijn=data.get("termijn"),
        )


@dataclass(frozen=True)
class Provenance:
    """Where an imported service came from (`bron:`): for re-imports only, never published."""

    sc_identifier: str | None = None
    product_id: str | None = None
    meldingen: tuple[str, ...] = ()


@dataclass(frozen=True)
class Service:
    id: str
    source: str
    naam: str
    samenvatting: str
    doelgroep: tuple[str, ...]
    themas: tuple[str, ...]
    online: str
    gecontroleerd_op: dt.date
    beschrijving: str = ""
    upl: str | None = None
    trefwoorden: tuple[str, ...] = ()
    url: str | None = None
    gepland: str | None = None
    toelichting: str | None = None
    inloggen: Login = Login()
    kosten: tuple[Cost, ...] = ()
    voorwaarden: tuple[str, ...] = ()
    nodig: tuple[str, ...] = ()
    termijn: str | None = None
    wetgeving: tuple[Law, ...] = ()
    gerelateerd: tuple[str, ...] = ()
    vorige_ids: tuple[str, ...] = ()
    intern: Internal | None = None
    en: EnglishText | None = None
    upl_aanvullend: tuple[str, ...] = ()
    bron: Provenance | None = None

    @classmethod
    def from_data(cls, id: str, data: dict, source: str) -> "Service":
        apply = data["aanvragen"]
        login = data.get("inloggen")
        intern = data.get("intern")
        return cls(
            id=id,
            source=source,
            naam=data["naam"].strip(),
            samenvatting=data["samenvatting"].strip(),
            beschrijving=data.get("beschrijving", "") or "",
            upl=data.get("upl"),
            doelgroep=tuple(data["doelgroep"]),
            themas=tuple(data["themas"]),
            trefwoorden=tuple(data.get("trefwoorden", ())),
            online=apply["online"],
            url=apply.get("url"),
            gepland=apply.get("gepland"),
            toelichting=apply.get("toelichting"),
            inloggen=Login(**login) if login else Login(),
            kosten=tuple(Cost(c["omschrijving"], Decimal(str(c["bedrag"]))) for c in data.get("kosten", ())),
            voorwaarden=tuple(data.get("voorwaarden", ())),
            nodig=tuple(data.get("nodig", ())),
            termijn=data.get("termijn"),
            wetgeving=tuple(Law(w["titel"], w.get("url")) for w in data.get("wetgeving", ())),
            gerelateerd=tuple(data.get("gerelateerd", ())),
            vorige_ids=tuple(data.get("vorige_ids", ())),
            gecontroleerd_op=parse_day(data["gecontroleerd_op"]),
            intern=Internal(**intern) if intern is not None else None,
            en=EnglishText.from_data(data["en"]) if data.get("en") else None,
            upl_aanvullend=tuple(data.get("upl_aanvullend", ())),
            bron=Provenance(bron.get("sc_identifier"), bron.get("product_id"), tuple(bron.get("meldingen", ())))
            if (bron := data.get("bron")) is not None else None,
        )

    @property
    def for_residents(self) -> bool:
        return "inwoner" in self.doelgroep

    @property
    def for_businesses(self) -> bool:
        return "ondernemer" in self.doelgroep


@dataclass(frozen=True)
class Theme:
    id: str
    naam: str
    beschrijving: str = ""
    en_naam: str | None = None  # `en: {naam, beschrijving}` in themas.yml, for the English pages
    en_beschrijving: str = ""

    @classmethod
    def from_data(cls, id: str, data: dict) -> "Theme":
        en = data.get("en") or {}
        return cls(id, data["naam"], data.get("beschrijving", "") or "", en.get("naam"), en.get("beschrijving", "") or "")


@dataclass(frozen=True)
class Contact:
    telefoon: str | None = None
    email: str | None = None
    adres: str | None = None
    openingstijden: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class SecurityContact:
    contact: str
    verloopt: str
    beleid: str | None = None


@dataclass(frozen=True)
class Organisation:
    naam: str
    website: str
    contact: Contact = Contact()
    owms_uri: str | None = None
    introductie: str = ""
    toptaken: tuple[str, ...] = ()
    gecontroleerd_max_maanden: int = 12
    beveiliging: SecurityContact | None = None
    source: str = "catalogue/organisatie.yml"
    # Only with several organisations (organisations/): this organisation's id, site address and /regio/ partners.
    id: str | None = None
    site_url: str | None = None
    regio: tuple[str, ...] | None = None

    @classmethod
    def from_data(cls, data: dict, source: str) -> "Organisation":
        security = data.get("beveiliging")
        return cls(
            naam=data["naam"],
            website=data["website"],
            contact=Contact(**data.get("contact", {})),
            owms_uri=data.get("owms_uri"),
            introductie=data.get("introductie", "") or "",
            toptaken=tuple(data.get("toptaken", ())),
            gecontroleerd_max_maanden=data.get("gecontroleerd_max_maanden", 12),
            beveiliging=SecurityContact(**security) if security else None,
            source=source,
            site_url=data.get("site_url"),
            regio=tuple(data["regio"]) if "regio" in data else None,
        )


@dataclass(frozen=True)
class RoadmapItem:
    id: str
    source: str
    titel: str
    status: str
    beschrijving: str = ""
    start: str | None = None
    eind: str | None = None
    eigenaar: str | None = None
    diensten: tuple[str, ...] = ()
    doelen: tuple[str, ...] = ()
    budget: Decimal | None = None
    leverancier: str | None = None
    risicos: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, id: str, data: dict, source: str) -> "RoadmapItem":
        budget = data.get("budget")
        return cls(
            id=id,
            source=source,
            titel=data["titel"],
            status=data["status"],
            beschrijving=data.get("beschrijving", "") or "",
            start=data.get("start"),
            eind=data.get("eind"),
            eigenaar=data.get("eigenaar"),
            diensten=tuple(data.get("diensten", ())),
            doelen=tuple(data.get("doelen", ())),
            budget=Decimal(str(budget)) if budget is not None else None,
            leverancier=data.get("leverancier"),
            risicos=tuple(data.get("risicos", ())),
        )


@dataclass(frozen=True)
class Indicator:
    soort: str
    doel: Decimal
    jaar: int | None = None


@dataclass(frozen=True)
class Goal:
    id: str
    titel: str
    beschrijving: str = ""
    hoofdstuk: str | None = None
    indicator: Indicator | None = None
    intern: bool = False

    @classmethod
    def from_data(cls, id: str, data: dict) -> "Goal":
        ind = data.get("indicator")
        return cls(
            id=id,
            titel=data["titel"],
            beschrijving=data.get("beschrijving", "") or "",
            hoofdstuk=data.get("hoofdstuk"),
            indicator=Indicator(ind["soort"], Decimal(str(ind["doel"])), ind.get("jaar")) if ind else None,
            intern=bool(data.get("intern", False)),
        )


@dataclass(frozen=True)
class Catalogue:
    organisation: Organisation
    themes: dict[str, Theme] = field(default_factory=dict)
    services: dict[str, Service] = field(default_factory=dict)
    roadmap: dict[str, RoadmapItem] = field(default_factory=dict)
    goals: dict[str, Goal] = field(default_factory=dict)
    goals_source: str = "catalogue/doelen.yml"
    synonyms: Synonyms = field(default_factory=Synonyms)  # search synonyms; public by nature

    # Indexes, built on first use. Pages ask these once per service or theme; a
    # scan of the whole catalogue per call would make a build grow with N².
    # (`with_changes` makes a new instance, so a view never sees stale indexes.)
    @cached_property
    def _sorted(self) -> tuple[Service, ...]:
        return tuple(sorted(self.services.values(), key=lambda s: (s.naam.casefold(), s.id)))

    @cached_property
    def _index(self) -> dict[tuple[str, str], list]:
        index: dict[tuple[str, str], list] = {}
        for s in self._sorted:
            for theme_id in s.themas:
                index.setdefault(("theme", theme_id), []).append(s)
            for doelgroep in s.doelgroep:
                index.setdefault(("doelgroep", doelgroep), []).append(s)
        for r in self.roadmap.values():
            for service_id in dict.fromkeys(r.diensten):
                index.setdefault(("project-service", service_id), []).append(r)
            for goal_id in dict.fromkeys(r.doelen):
                index.setdefault(("project-goal", goal_id), []).append(r)
        return index

    def services_sorted(self) -> list[Service]:
        return list(self._sorted)

    def services_in_theme(self, theme_id: str) -> list[Service]:
        return list(self._index.get(("theme", theme_id), ()))

    def services_for(self, doelgroep: str) -> list[Service]:
        return list(self._index.get(("doelgroep", doelgroep), ()))

    def projects_for_service(self, service_id: str) -> list[RoadmapItem]:
        return list(self._index.get(("project-service", service_id), ()))

    def projects_for_goal(self, goal_id: str) -> list[RoadmapItem]:
        return list(self._index.get(("project-goal", goal_id), ()))

    def with_changes(self, **changes) -> "Catalogue":
        return replace(self, **changes)
