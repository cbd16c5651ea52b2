"""What every export needs to know about one build: absolute URLs and dates from git."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..history import read_history, reference_date
from ..model import Catalogue, Service
from ..page_dates import last_changed_for, shallow_boundaries
from ..render.pages import service_src
from ..render.urls import page_url


@dataclass(frozen=True)
class ExportContext:
    base_url: str  # absolute, ends with '/'
    directory_urls: bool = True
    reference: dt.date = dt.date(1970, 1, 1)  # the day the build is "as of" (HEAD commit date)
    # Service id → date of the last commit that changed its YAML.
    changed: dict[str, dt.date] = field(default_factory=dict)

    def url(self, src: str) -> str:
        return self.base_url + page_url(src, self.directory_urls)

    def service_url(self, service: Service) -> str:
        return self.url(service_src(service.id))

    def modified(self, service: Service) -> dt.date:
        """Last change of the service's file in git; the review date where git cannot tell."""
        return self.changed.get(service.id) or service.gecontroleerd_op


def export_context(root: Path, catalogue: Catalogue, site_url: str | None, directory_urls: bool = True) -> ExportContext:
    """Page URLs are built on `site_url` (from mkdocs.yml), else on the organisation's website."""
    base = site_url or catalogue.organisation.website
    base = base if base.endswith("/") else base + "/"
    history = read_history(Path(root))
    # In a shallow clone the oldest commit git has seems to add every file: its date is not trusted.
    untrusted = shallow_boundaries(Path(root)) if history.shallow else frozenset()
    changed = {sid: day for sid, s in catalogue.services.items()
               if (day := last_changed_for([s.source], history, untrusted))}
    return ExportContext(base, directory_urls, reference_date(Path(root)), changed)
