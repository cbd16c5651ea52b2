"""/regio/ on the internal site: the organisations of a shared service centre side by side.

Online share, login means, eHerkenning coverage, plans per quarter, and the
services one organisation already offers online while another does not yet.
Every figure comes from metrics.py, computed on each organisation's own
catalogue, exactly as its own /voortgang/ page computes it.

This is the one page of a build that reads other organisations. It compares
with the ids in organisatie.yml `regio:`; without that list, with all
organisations of the repository up to COMPARE_ALL_UP_TO (a shared service
centre), so that a national repository of hundreds of municipalities does not
make every internal build read every catalogue. Shared files are parsed once
for all of them (one ParseCache).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .. import metrics
from ..audience import INTERNAL
from ..cache import ParseCache
from ..model import ONLINE_LIVE, ONLINE_PLANNED, Catalogue, Service
from ..problems import errors
from ..render import svg
from ..render.dashboard import Chart, Row, bar_chart, share_text
from ..render.format import period
from ..render.pages import Page, RenderOptions, SiteRenderer, front_matter
from .load import load_organisation, organisation_ids

SRC = "regio/index.md"
COMPARE_ALL_UP_TO = 12
LOGIN_MEANS = (("digid", "DigiD"), ("eherkenning", "eHerkenning"), ("eidas", "eIDAS"))


@dataclass(frozen=True)
class Compared:
    id: str
    naam: str
    catalogue: Catalogue | None  # None: its catalogue cannot be read
    errors: int = 0


@dataclass(frozen=True)
class Difference:
    """A service that can be done online at some organisations and not yet at others."""

    naam: str
    service_id: str | None  # the page on this site, when this organisation offers it
    live: tuple[str, ...]  # organisation names
    waiting: tuple[tuple[str, str], ...]  # (organisation name, "gepland voor 3e kwartaal 2027" or "niet online")
    here_waiting: bool  # this organisation is among those where it is not online yet


def compared_ids(root: Path, current: Catalogue) -> tuple[list[str], bool]:
    """The other organisations to compare with, and whether the list was cut to stay cheap (no `regio:` at scale)."""
    ids = organisation_ids(root)
    others = [i for i in ids if i != current.organisation.id]
    if current.organisation.regio is not None:
        return [i for i in current.organisation.regio if i in others], False
    if len(ids) > COMPARE_ALL_UP_TO:
        return [], True
    return others, False


def compare(root: Path, catalogue_dir: str, current: Catalogue, today: dt.date, cache: ParseCache | None = None,
            ) -> tuple[list[Compared], bool]:
    others, cut = compared_ids(root, current)
    cache = cache or ParseCache()
    out = [Compared(current.organisation.id, short_name(current.organisation.naam), current)]
    for oid in others:
        result = load_organisation(root, oid, catalogue_dir, today=today, cache=cache)
        name = short_name(result.catalogue.organisation.naam) if result.catalogue else oid
        out.append(Compared(oid, name, result.catalogue, len(errors(result.problems))))
    return out, cut


def short_name(naam: str) -> str:
    """'Gemeente Montfoort' → 'Montfoort': side by side, the kind of organisation is the same for all."""
    return naam.removeprefix("Gemeente ").strip() or naam


# Feeds write this for a product without a UPL name; it says nothing about which product it is.
UPL_PLACEHOLDER = "http://standaarden.overheid.nl/owms/terms/UPL-naam_nog_niet_beschikbaar"


def _key(service: Service) -> str:
    """Services are the same product when they share a UPL URI (imported feeds use their own ids), else the same id."""
    return service.upl if service.upl and service.upl != UPL_PLACEHOLDER else f"id:{service.id}"


def differences(compared: list[Compared]) -> list[Difference]:
    readable = [c for c in compared if c.catalogue is not None]
    per_org: list[dict[str, Service]] = []
    for c in readable:
        by_key: dict[str, Service] = {}
        for service in c.catalogue.services_sorted():
            known = by_key.get(_key(service))
            if known is None or (known.online != ONLINE_LIVE and service.online == ONLINE_LIVE):
                by_key[_key(service)] = service
        per_org.append(by_key)
    here = per_org[0] if per_org else {}
    keys = sorted({k for by_key in per_org for k in by_key})
    out = []
    for key in keys:
        offering = [(c, by_key[key]) for c, by_key in zip(readable, per_org) if key in by_key]
        live = tuple(c.naam for c, s in offering if s.online == ONLINE_LIVE)
        waiting = tuple((c.naam, f"gepland: {period(s.gepland)}" if s.online == ONLINE_PLANNED and s.gepland else "niet online")
                        for c, s in offering if s.online != ONLINE_LIVE)
        if not live or not waiting:
            continue
        first = offering[0][1]
        own = here.get(key)
        out.append(Difference(own.naam if own else first.naam, own.id if own else None, live, waiting,
                              own is not None and own.online != ONLINE_LIVE))
    return sorted(out, key=lambda d: (not d.here_waiting, d.naam.casefold()))


def _share_chart(chart_id: str, title: str, lead: str, rows_for: list[tuple[str, metrics.Measurement]],
                 columns: tuple[str, ...]) -> Chart:
    bars = [svg.Bar(name, float(m.value), f"{m.numerator} van {m.denominator} ({share_text(m)})", "live")
            for name, m in rows_for]
    rows = [Row(name, (str(m.numerator), str(m.denominator), share_text(m))) for name, m in rows_for]
    return bar_chart(chart_id, title, lead, [svg.BarGroup(None, tuple(bars))], columns, rows, maximum=100)


def _login_chart(readable: list[Compared]) -> Chart:
    counts = {c.id: metrics.login_counts(c.catalogue) for c in readable}
    groups, rows = [], []
    accepted = {c.id: {means: sum(counts[c.id][means].values()) for means, _ in LOGIN_MEANS} | {"machtigen": counts[c.id]["machtigen"]["ja"]}
                for c in readable}
    for means, label in LOGIN_MEANS + (("machtigen", "Machtigen"),):
        bars = tuple(svg.Bar(c.naam, accepted[c.id][means], f"{accepted[c.id][means]} van {counts[c.id]['online']['totaal']}")
                     for c in readable)
        groups.append(svg.BarGroup(label, bars))
    for c in readable:
        live = counts[c.id]["online"]["totaal"]
        rows.append(Row(c.naam, tuple(str(accepted[c.id][m]) for m, _ in LOGIN_MEANS) + (str(accepted[c.id]["machtigen"]), str(live))))
    return bar_chart("regio-inloggen", "Inlogmiddelen bij diensten die online te regelen zijn, per organisatie",
                      "Per inlogmiddel: het aantal online diensten dat het accepteert, per organisatie.", groups,
                      ("Organisatie",) + tuple(label for _, label in LOGIN_MEANS) + ("Machtigen", "Online diensten"), rows)


def _planned_chart(readable: list[Compared]) -> Chart | None:
    planned = {c.id: {q: len(s) for q, s in metrics.planned_per_quarter(c.catalogue).items()} for c in readable}
    quarters = sorted({q for per in planned.values() for q in per})
    if not quarters:
        return None
    groups = [svg.BarGroup(q, tuple(svg.Bar(c.naam, planned[c.id].get(q, 0), str(planned[c.id].get(q, 0)), "gepland")
                                    for c in readable)) for q in quarters]
    rows = [Row(q, tuple(str(planned[c.id].get(q, 0)) for c in readable)) for q in quarters]
    return bar_chart("regio-gepland", "Diensten die online komen, per kwartaal en organisatie",
                      "Aantal diensten dat volgens planning online komt, per kwartaal en organisatie.", groups,
                      ("Kwartaal",) + tuple(c.naam for c in readable), rows)


def regio_page(renderer: SiteRenderer, compared: list[Compared], cut: bool, today: dt.date) -> Page:
    readable = [c for c in compared if c.catalogue is not None]
    online = [(c.naam, metrics.share_online(c.catalogue)) for c in readable]
    eherkenning = [(c.naam, metrics.share_eherkenning_for_businesses(c.catalogue)) for c in readable]
    body = renderer.render_template(
        "regio.md.j2", SRC,
        today=today,
        compared=compared,
        unreadable=[c for c in compared if c.catalogue is None],
        cut=cut,
        compare_all_up_to=COMPARE_ALL_UP_TO,
        online_chart=_share_chart("regio-online", "Aandeel diensten dat online te regelen is, per organisatie",
                                  "Per organisatie, het aantal diensten dat online te regelen is:", online,
                                  ("Organisatie", "Online te regelen", "Diensten", "Aandeel")),
        eherkenning_chart=_share_chart("regio-eherkenning", "Diensten voor ondernemers online met eHerkenning, per organisatie",
                                       "Per organisatie, de diensten voor ondernemers die online met eHerkenning kunnen:",
                                       eherkenning, ("Organisatie", "Met eHerkenning", "Voor ondernemers", "Aandeel")),
        login_chart=_login_chart(readable),
        planned_chart=_planned_chart(readable),
        differences=differences(compared),
    )
    meta = front_matter(title="Regio: de organisaties naast elkaar",
                        description="Intern: hoe ver de organisaties van de samenwerking zijn met digitale dienstverlening.")
    return Page(SRC, meta + body, None)


def regio_output(root: Path, catalogue_dir: str, catalogue: Catalogue, options: RenderOptions, today: dt.date,
                 cache: ParseCache | None = None) -> tuple[list[Page], set[str]]:
    """The /regio/ page for the internal site of one of several organisations; otherwise it is withheld (from the nav too)."""
    if not catalogue.organisation.id or options.audience != INTERNAL:
        return [], {SRC}
    compared, cut = compare(root, catalogue_dir, catalogue, today, cache)
    return [regio_page(SiteRenderer(catalogue, options), compared, cut, today)], set()
