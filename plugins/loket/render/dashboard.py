"""The readiness dashboard /voortgang/: how far digital service delivery has come.

The public page is computed from the public view of the catalogue, so it can
only count what residents may see anyway. The internal page adds where to
invest first (usage from `intern:`), stale texts, services without a UPL URI
and the content warnings from validation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import metrics
from ..audience import INTERNAL
from ..model import ONLINE_LIVE, ONLINE_PLANNED, Catalogue, Service, quarter_of
from ..problems import Problem
from ..withheld import WithheldItem
from . import svg
from .format import EIDAS_LABELS, ONLINE_LABELS, digid_label, eherkenning_label, number
from .pages import Page, RenderOptions, SiteRenderer, front_matter

SRC = "voortgang/index.md"
TOP_PRIORITIES = 10  # bars in the priority chart; the table lists all


@dataclass(frozen=True)
class Row:
    """One line of a chart's data table: the label and the figures as printed."""

    label: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Chart:
    """An SVG chart and the table that says the same in rows and columns."""

    id: str
    title: str
    svg: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


def share_text(measurement: metrics.Measurement) -> str:
    return f"{number(measurement.value, 1)}%"


def count_text(count: int, total: int) -> str:
    return f"{count} ({share_text(metrics.Measurement(count, total))})"


def _summary(bars: list[svg.Bar]) -> str:
    return "; ".join(f"{b.label}: {b.text}" for b in bars) + "."


def bar_chart(chart_id: str, title: str, lead: str, groups: list[svg.BarGroup], columns: tuple[str, ...],
               rows: list[Row], maximum: float | None = None) -> Chart:
    description = lead + " " + " ".join(
        (f"{g.label}: " if g.label else "") + _summary(list(g.bars)) for g in groups
    )
    drawn = svg.bar_chart(chart_id, title, description, groups, maximum=maximum)
    return Chart(chart_id, title, drawn, columns, tuple(rows))


class DashboardRenderer(SiteRenderer):
    def __init__(self, catalogue: Catalogue, options: RenderOptions, today: dt.date, problems: list[Problem],
                 rejected: list[WithheldItem] = ()):
        super().__init__(catalogue, options)
        self.today = today
        self.problems = problems
        self.rejected = list(rejected)

    # Public figures -------------------------------------------------------

    def online_chart(self) -> Chart:
        counts = metrics.online_counts(self.catalogue)
        total = sum(counts.values())
        bars = [svg.Bar(ONLINE_LABELS[status], n, count_text(n, total), status) for status, n in counts.items()]
        rows = [Row(ONLINE_LABELS[s], (str(n), share_text(metrics.Measurement(n, total)))) for s, n in counts.items()]
        return bar_chart("voortgang-online", "Diensten naar mate waarin ze online te regelen zijn",
                          f"Van de {total} diensten:", [svg.BarGroup(None, tuple(bars))],
                          ("Status", "Aantal diensten", "Aandeel"), rows, maximum=total)

    def theme_chart(self) -> Chart:
        bars, rows = [], []
        for theme_id, share in metrics.online_per_theme(self.catalogue).items():
            if not share.denominator:
                continue
            name = self.catalogue.themes[theme_id].naam
            bars.append(svg.Bar(name, float(share.value), f"{share.numerator} van {share.denominator} ({share_text(share)})", "live"))
            rows.append(Row(name, (str(share.numerator), str(share.denominator), share_text(share))))
        return bar_chart("voortgang-themas", "Aandeel diensten dat online te regelen is, per thema",
                          "Per thema, het aantal diensten dat online te regelen is:", [svg.BarGroup(None, tuple(bars))],
                          ("Thema", "Online te regelen", "Diensten", "Aandeel"), rows, maximum=100)

    def login_chart(self) -> Chart:
        counts = metrics.login_counts(self.catalogue)
        live = counts["online"]["totaal"]
        labels = {"digid": digid_label, "eherkenning": eherkenning_label,
                  "eidas": lambda level: f"eIDAS niveau {EIDAS_LABELS[level]}"}
        group_names = {"digid": "DigiD (inwoners)", "eherkenning": "eHerkenning (ondernemers)",
                       "eidas": "eIDAS (inwoners van andere EU-landen)"}
        groups, rows = [], []
        for means, label in labels.items():
            bars = []
            for level, n in counts[means].items():
                name = label(level)
                bars.append(svg.Bar(name, n, count_text(n, live)))
                rows.append(Row(name, (str(n), share_text(metrics.Measurement(n, live)))))
            groups.append(svg.BarGroup(group_names[means], tuple(bars)))
        machtigen = counts["machtigen"]["ja"]
        groups.append(svg.BarGroup("Machtigen", (svg.Bar("Iemand anders kan het namens u regelen", machtigen,
                                                         count_text(machtigen, live)),)))
        rows.append(Row("Machtigen mogelijk", (str(machtigen), share_text(metrics.Measurement(machtigen, live)))))
        return bar_chart("voortgang-inloggen", "Inlogmiddelen bij diensten die online te regelen zijn",
                          f"Van de {live} diensten die online te regelen zijn, het aantal dat dit inlogmiddel accepteert.",
                          groups, ("Inlogmiddel", "Aantal diensten", "Aandeel van online diensten"), rows, maximum=live)

    def eherkenning_chart(self) -> Chart:
        business = self.catalogue.services_for("ondernemer")
        with_eh = sum(s.online == ONLINE_LIVE and s.inloggen.eherkenning != "geen" for s in business)
        without = sum(s.online == ONLINE_LIVE and s.inloggen.eherkenning == "geen" for s in business)
        offline = len(business) - with_eh - without
        parts = [("Online met eHerkenning", with_eh, "live"), ("Online zonder eHerkenning", without, "gepland"),
                 ("Nog niet online", offline, "niet")]
        bars = [svg.Bar(label, n, count_text(n, len(business)), style) for label, n, style in parts]
        rows = [Row(label, (str(n), share_text(metrics.Measurement(n, len(business))))) for label, n, _ in parts]
        return bar_chart("voortgang-eherkenning", "eHerkenning bij diensten voor ondernemers",
                          f"Van de {len(business)} diensten voor ondernemers:", [svg.BarGroup(None, tuple(bars))],
                          ("Diensten voor ondernemers", "Aantal", "Aandeel"), rows, maximum=len(business))

    def planned_chart(self) -> tuple[Chart, dict[str, list[Service]]]:
        planned = metrics.planned_per_quarter(self.catalogue)
        bars = [svg.Bar(q, len(s), f"{len(s)} {'dienst' if len(s) == 1 else 'diensten'}")
                for q, s in planned.items()]
        rows = [Row(q, (str(len(s)),)) for q, s in planned.items()]
        chart = bar_chart("voortgang-gepland", "Diensten die online komen, per kwartaal",
                           "Aantal diensten dat volgens planning online komt, per kwartaal (Q1 is januari tot en met maart).",
                           [svg.BarGroup(None, tuple(bars))], ("Kwartaal", "Aantal diensten"), rows)
        return chart, planned

    # Internal figures -----------------------------------------------------

    def priorities(self) -> list[Service]:
        """Services not online yet, most used first (unknown usage last): where to invest first."""
        def usage(service: Service) -> int | None:
            return service.intern.gebruik_per_jaar if service.intern else None

        waiting = [s for s in self.catalogue.services_sorted() if s.online != ONLINE_LIVE]
        return sorted(waiting, key=lambda s: (usage(s) is None, -(usage(s) or 0)))

    def priority_chart(self, ranked: list[Service]) -> Chart | None:
        top = [s for s in ranked if s.intern and s.intern.gebruik_per_jaar][:TOP_PRIORITIES]
        if not top:
            return None
        bars = [svg.Bar(s.naam, s.intern.gebruik_per_jaar, number(s.intern.gebruik_per_jaar), s.online) for s in top]
        rows = [Row(s.naam, (number(s.intern.gebruik_per_jaar), ONLINE_LABELS[s.online])) for s in top]
        return bar_chart("voortgang-prioriteit", f"De {len(top)} meest gebruikte diensten die nog niet online zijn",
                          "Geschat aantal aanvragen per jaar:", [svg.BarGroup(None, tuple(bars))],
                          ("Dienst", "Aanvragen per jaar", "Status"), rows)

    def overdue(self) -> list[Service]:
        """Planned services whose planned quarter or date has passed."""
        current = quarter_of(self.today.isoformat())
        return [s for s in self.catalogue.services_sorted()
                if s.online == ONLINE_PLANNED and s.gepland and quarter_of(s.gepland) < current]

    def stale(self) -> list[Service]:
        services = [s for s in self.catalogue.services.values() if metrics.is_stale(s, self.catalogue, self.today)]
        return sorted(services, key=lambda s: (s.gecontroleerd_op, s.naam.casefold(), s.id))

    # Page -------------------------------------------------------------------

    def page(self) -> Page:
        internal = self.options.audience == INTERNAL
        planned_chart, planned = self.planned_chart()
        context = dict(
            today=self.today,
            online=metrics.share_online(self.catalogue),
            eherkenning=metrics.share_eherkenning_for_businesses(self.catalogue),
            sdg_english=metrics.share_sdg_in_english(self.catalogue),
            planned_total=sum(len(s) for s in planned.values()),
            online_chart=self.online_chart(),
            theme_chart=self.theme_chart(),
            login_chart=self.login_chart(),
            eherkenning_chart=self.eherkenning_chart(),
            planned_chart=planned_chart,
            planned=planned,
            share_text=share_text,
        )
        if internal:
            ranked = self.priorities()
            context.update(
                ranked=ranked,
                priority_chart=self.priority_chart(ranked),
                overdue=self.overdue(),
                stale=self.stale(),
                max_months=self.catalogue.organisation.gecontroleerd_max_maanden,
                without_upl=[s for s in self.catalogue.services_sorted() if not s.upl],
                sdg_without_english=[s for s in metrics.sdg_services(self.catalogue) if s.en is None],
                problems=self.problems,
                rejected=self.rejected,
            )
        body = self.render_template("voortgang.md.j2", SRC, **context)
        meta = front_matter(title="Voortgang digitale dienstverlening",
                            description=f"Hoeveel diensten van {self.catalogue.organisation.naam} u online kunt regelen, "
                                        "met welke inlogmiddelen, en wat er gepland is.")
        return Page(SRC, meta + body, None)


def dashboard_pages(catalogue: Catalogue, options: RenderOptions, today: dt.date, problems: list[Problem],
                    rejected: list[WithheldItem] = ()) -> list[Page]:
    """The dashboard for this audience; `problems` and what was withheld are shown on the internal page only."""
    internal = options.audience == INTERNAL
    return [DashboardRenderer(catalogue, options, today, problems if internal else [], rejected if internal else ()).page()]
