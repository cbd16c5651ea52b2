"""'Laatst gewijzigd' for every page, from the git history of the files it is made from — never the build clock.

A hand-written page is made from its .md file; a generated page from the YAML
it renders (`Page.source`, or all of `Page.sources` for pages that combine
several files: the newest counts). In a shallow clone the oldest commit git
has looks as if it added every file, so dates from it are not trusted.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

from .history import GitHistory, _git, read_history
from .render.format import day


def shallow_boundaries(root: Path) -> frozenset[str]:
    """The commits where a shallow clone's history is cut off (empty for a full clone)."""
    path = (_git(Path(root), "rev-parse", "--git-path", "shallow") or "").strip()
    if not path:
        return frozenset()
    file = Path(path) if Path(path).is_absolute() else Path(root) / path
    try:
        return frozenset(file.read_text(encoding="ascii").split())
    except OSError:
        return frozenset()


def last_changed_for(paths: Iterable[str], history: GitHistory, untrusted: frozenset[str] = frozenset()) -> dt.date | None:
    """The newest commit date over `paths` (relative to the repository root); None when git knows none of them."""
    dates = []
    for path in paths:
        changes = history.changes(path)
        if changes and changes[0].sha not in untrusted:
            dates.append(changes[0].date)
    return max(dates, default=None)


def changed_meta(date: dt.date | None) -> dict[str, str | None]:
    """What `overrides/partials/source-file.html` prints: the ISO date for <time> and the Dutch text (None: nothing)."""
    return {"laatst_gewijzigd": date.isoformat() if date else None, "laatst_gewijzigd_tekst": day(date) if date else None}


class PageDates:
    """Last-changed dates for the pages of one build; `content` is a site.SiteContent (read when first asked)."""

    def __init__(self, root: Path, content_dir: str, content):
        self.root = Path(root)
        self.content_dir = content_dir
        self.content = content
        self.history = read_history(self.root)
        self.untrusted = shallow_boundaries(self.root) if self.history.shallow else frozenset()
        self._sources: dict[str, tuple[str, ...]] | None = None
        # Asked twice per page (sitemap date and "Laatst gewijzigd"); pages made from the whole catalogue scan all its files.
        self._last_changed: dict[str, dt.date | None] = {}

    def sources(self, src: str) -> tuple[str, ...]:
        """The files a page is made from; pages generated from the whole catalogue get all catalogue files."""
        if self._sources is None:
            self._sources = {p.src: tuple(p.sources) or ((p.source,) if p.source else ()) for p in self.content.pages}
            everything = tuple(sorted({s for found in self._sources.values() for s in found}))
            self._sources = {key: value or everything for key, value in self._sources.items()}
        if src in self._sources:
            return self._sources[src]
        return (f"{self.content_dir}/{src}",)

    def last_changed(self, src: str) -> dt.date | None:
        if src not in self._last_changed:
            fixed = self.content.dates.get(src)
            self._last_changed[src] = fixed if fixed is not None else last_changed_for(self.sources(src), self.history,
                                                                                         self.untrusted)
        return self._last_changed[src]
