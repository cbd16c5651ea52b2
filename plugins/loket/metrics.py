"""Figures computed from the catalogue: the readiness dashboard and the i-visie indicators share them.

Indicators are computed on the *full* catalogue (a goal may count finished
roadmap projects); only the resulting numbers reach the public site, never the
internal records behind them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .model import (
    DIGID_LEVELS,
    EHERKENNING_LEVELS,
    EIDAS_LEVELS,
    ONLINE_LIVE,
    ONLINE_NOT,
    ONLINE_PLANNED,
    Catalogue,
    months_before,
    quarter_of,
)
from .upl import sdg_codes


@dataclass(frozen=True)
class Measurement:
    """A count, or a share `numerator / denominator` shown as a percentage."""

    numerator: int
    denominator: int | None = None  # None: a plain count

    @property
    def is_share(self) -> bool:
        return self.denominator is not None

    @property
    def value(self) -> Decimal:
        """The percentage (one decimal) for a share, the count otherwise; 0 for a share of nothing."""
        if self.denominator is None:
            return Decimal(self.numerator)
        if self.denominator == 0:
            return Decimal(0)
        return (Decimal(100 * self.numerator) / Decimal(self.denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def share_online(catalogue: Catalogue) -> Measurement:
    services = catalogue.services.values()
    return Measurement(sum(s.online == ONLINE_LIVE for s in services), len(services))


def share_eherkenning_for_businesses(catalogue: Catalogue) -> Measurement:
    """Services for businesses that can be done online with eHerkenning, of all services for businesses."""
    business = [s for s in catalogue.services.values() if s.for_businesses]
    accepted = [s for s in business if s.online == ONLINE_LIVE and s.inloggen.eherkenning != "geen"]
    return Measurement(len(accepted), len(business))


def share_digid_substantial(catalogue: Catalogue) -> Measurement:
    """Of the services that use DigiD, those at level substantieel or hoog."""
    with_digid = [s for s in catalogue.services.values() if s.inloggen.digid != "geen"]
    strong = [s for s in with_digid if s.inloggen.digid in ("substantieel", "hoog")]
    return Measurement(len(strong), len(with_digid))


def share_with_upl(catalogue: Catalogue) -> Measurement:
    services = catalogue.services.values()
    return Measurement(sum(bool(s.upl) for s in services), len(services))


def share_reviewed(catalogue: Catalogue, today: dt.date) -> Measurement:
    """Services whose text was reviewed within the organisation's `gecontroleerd_max_maanden`."""
    limit = months_before(today, catalogue.organisation.gecontroleerd_max_maanden)
    services = catalogue.services.values()
    return Measurement(sum(s.gecontroleerd_op >= limit for s in services), len(services))


def sdg_services(catalogue: Catalogue) -> list:
    """Services whose UPL product falls under the EU Single Digital Gateway (information due in English too)."""
    return [s for s in catalogue.services_sorted() if sdg_codes(s.upl)]


def share_sdg_in_english(catalogue: Catalogue) -> Measurement:
    """Of the Single Digital Gateway services, those with English text (an English page)."""
    sdg = sdg_services(catalogue)
    return Measurement(sum(s.en is not None for s in sdg), len(sdg))


def roadmap_finished(catalogue: Catalogue) -> Measurement:
    return Measurement(sum(r.status == "afgerond" for r in catalogue.roadmap.values()))


def is_stale(service, catalogue: Catalogue, today: dt.date) -> bool:
    return service.gecontroleerd_op < months_before(today, catalogue.organisation.gecontroleerd_max_maanden)


def indicator(kind: str, catalogue: Catalogue, today: dt.date) -> Measurement:
    """The current value of an i-visie indicator (`soort` in doelen.yml)."""
    if kind == "aandeel_online":
        return share_online(catalogue)
    if kind == "aandeel_eherkenning_ondernemers":
        return share_eherkenning_for_businesses(catalogue)
    if kind == "aandeel_digid_substantieel":
        return share_digid_substantial(catalogue)
    if kind == "aandeel_upl":
        return share_with_upl(catalogue)
    if kind == "aandeel_actueel":
        return share_reviewed(catalogue, today)
    if kind == "roadmap_afgerond":
        return roadmap_finished(catalogue)
    raise ValueError(f"unknown indicator {kind!r}")


# Figures for the readiness dashboard (/voortgang/).


def online_counts(catalogue: Catalogue) -> dict[str, int]:
    """Services per `aanvragen.online` value, in the order live, gepland, niet."""
    services = catalogue.services.values()
    return {status: sum(s.online == status for s in services) for status in (ONLINE_LIVE, ONLINE_PLANNED, ONLINE_NOT)}


def online_per_theme(catalogue: Catalogue) -> dict[str, Measurement]:
    """Per theme id (in theme order): live services of all services in that theme."""
    out = {}
    for theme_id in catalogue.themes:
        services = catalogue.services_in_theme(theme_id)
        out[theme_id] = Measurement(sum(s.online == ONLINE_LIVE for s in services), len(services))
    return out


def login_counts(catalogue: Catalogue) -> dict[str, dict[str, int]]:
    """Of the services that can be done online now: how many accept each login means, per level.

    Keys: 'digid', 'eherkenning', 'eidas' (level → count, 'geen' left out) and
    'machtigen' ({'ja': count}); plus 'online' ({'totaal': count}), the denominator.
    """
    live = [s for s in catalogue.services.values() if s.online == ONLINE_LIVE]
    levels = {"digid": DIGID_LEVELS, "eherkenning": EHERKENNING_LEVELS, "eidas": EIDAS_LEVELS}
    out: dict[str, dict[str, int]] = {
        means: {level: sum(getattr(s.inloggen, means) == level for s in live) for level in all_levels if level != "geen"}
        for means, all_levels in levels.items()
    }
    out["machtigen"] = {"ja": sum(s.inloggen.machtigen for s in live)}
    out["online"] = {"totaal": len(live)}
    return out


def planned_per_quarter(catalogue: Catalogue) -> dict[str, list]:
    """Services with `online: gepland`, grouped by the quarter they are planned in, earliest first."""
    out: dict[str, list] = {}
    for service in catalogue.services_sorted():
        if service.online == ONLINE_PLANNED and service.gepland:
            out.setdefault(quarter_of(service.gepland), []).append(service)
    return dict(sorted(out.items()))
