"""The roadmap pages of the internal site: /roadmap/ and /roadmap/<id>/.

Rendered only for the internal audience. The public view of the catalogue has
no roadmap at all (audience.py); the audience check here is a second lock, not
the filter.
"""

from __future__ import annotations

import datetime as dt

from ..audience import INTERNAL
from ..model import Catalogue, RoadmapItem, period_bounds
from . import svg
from .ivisie_pages import GOALS_SRC  # each goal has the anchor `doel-<id>` there
from .pages import Page, RenderOptions, SiteRenderer, front_matter

INDEX_SRC = "roadmap/index.md"

# Order of the status sections on /roadmap/: work in progress first.
STATUS_ORDER = ("lopend", "gepland", "idee", "afgerond", "gestopt")
STATUS_LABELS = {"idee": "Idee", "gepland": "Gepland", "lopend": "Lopend", "afgerond": "Afgerond", "gestopt": "Gestopt"}


def project_src(project_id: str) -> str:
    return f"roadmap/{project_id}.md"


def planned_days(item: RoadmapItem) -> tuple[dt.date, dt.date] | None:
    """First and last day of a project; a missing start or end counts as the quarter or day given."""
    if not item.start and not item.eind:
        return None
    first = period_bounds(item.start or item.eind)[0]
    last = period_bounds(item.eind or item.start)[1]
    return first, last


def _order(item: RoadmapItem) -> tuple:
    days = planned_days(item)
    return (days is None, days or (dt.date.min, dt.date.min), item.titel.casefold(), item.id)


class RoadmapRenderer(SiteRenderer):
    def __init__(self, catalogue: Catalogue, options: RenderOptions, today: dt.date):
        super().__init__(catalogue, options)
        self.today = today

    def projects(self) -> list[RoadmapItem]:
        return sorted(self.catalogue.roadmap.values(), key=_order)

    def timeline_chart(self, projects: list[RoadmapItem]):
        spans = []
        for item in projects:
            days = planned_days(item)
            if days:
                spans.append(svg.Span(item.titel, days[0], days[1], STATUS_LABELS[item.status].lower(), item.status))
        unplanned = len(projects) - len(spans)
        description = (
            f"{len(spans)} projecten op een tijdlijn per kwartaal"
            + (f" ({spans[0].first.year} tot en met {max(s.last for s in spans).year})" if spans else "")
            + ". Naast elke balk staat de status. De stippellijn 'nu' staat op de peildatum."
            + (f" {unplanned} projecten zonder planning staan alleen in de tabel." if unplanned else "")
            + " De tabel onder de tijdlijn bevat dezelfde gegevens."
        )
        return svg.timeline("roadmap-tijdlijn", "Roadmap per kwartaal", description, spans, today=self.today), len(spans)

    def index(self) -> Page:
        projects = self.projects()
        groups = [(status, [p for p in projects if p.status == status]) for status in STATUS_ORDER]
        chart, charted = self.timeline_chart(projects)
        budget = sum((p.budget for p in projects if p.budget is not None), start=0)
        body = self.render_template(
            "roadmap.md.j2", INDEX_SRC,
            projects=projects, groups=[g for g in groups if g[1]], chart=chart, charted=charted, budget=budget,
            today=self.today, project_src=project_src, STATUS_LABELS=STATUS_LABELS,
        )
        meta = front_matter(title="Roadmap",
                            description=f"Projecten in de digitale dienstverlening van {self.catalogue.organisation.naam} (intern).")
        return Page(INDEX_SRC, meta + body, None)

    def project(self, item: RoadmapItem) -> Page:
        src = project_src(item.id)
        services = [self.catalogue.services[s] for s in item.diensten if s in self.catalogue.services]
        goals = [(gid, self.catalogue.goals.get(gid)) for gid in item.doelen]
        body = self.render_template(
            "roadmap-project.md.j2", src,
            project=item, services=services, goals=goals, goals_src=GOALS_SRC, STATUS_LABELS=STATUS_LABELS,
        )
        return Page(src, front_matter(title=item.titel, description=item.beschrijving or None) + body, item.source)

    def pages(self) -> list[Page]:
        if self.options.audience != INTERNAL:
            return []
        return [self.index()] + [self.project(p) for p in self.projects()]


def roadmap_pages(catalogue: Catalogue, options: RenderOptions, today: dt.date) -> list[Page]:
    return RoadmapRenderer(catalogue, options, today).pages()

