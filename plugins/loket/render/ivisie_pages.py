"""The i-visie as pages: chapter banners and embedded goals, the goals page, the whole text, versions and diffs.

Chapters stay hand-written Markdown pages; `chapter_markdown` adds their banner
and goal progress when the engine reads them. Everything else is generated here.
Archived text from git is rendered with raw HTML off (`markdown_to_html`), like
editors' Markdown from YAML: it is not checked by the current build.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from pathlib import Path

from markupsafe import Markup

from ..history import GitHistory, read_history, reference_date
from ..ivisie import (CHAPTER_DIR, INDEX, Chapter, IVisie, chapter_files, failed_chapters, history_problem,
                      replace_goal_markers, strip_markers, validate_ivisie)
from ..model import Catalogue
from ..versions import ADDED, CHANGED, NOT_PUBLIC, REMOVED, UNCHANGED, AdoptedVersion, compare, comparable_text, read_versions
from .format import day
from .goals import GoalStatus, goal_statuses
from .markdown import markdown_to_html
from .pages import Page, RenderOptions, SiteRenderer, front_matter
from .textdiff import diff_html
from .urls import relative_url

GOALS_SRC = f"{CHAPTER_DIR}/doelen.md"
WHOLE_SRC = f"{CHAPTER_DIR}/geheel.md"
VERSIONS_SRC = f"{CHAPTER_DIR}/versies/index.md"
INDEX_SRC = f"{CHAPTER_DIR}/index.md"

STATE_LABELS = {UNCHANGED: "Ongewijzigd", CHANGED: "Gewijzigd", ADDED: "Nieuw hoofdstuk", REMOVED: "Vervallen",
                NOT_PUBLIC: "Wordt herzien"}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_CHAPTER_LINK = re.compile(r"(\[[^\]]*\])\(([^)\s:#]+\.md)(#[^)\s]*)?\)")
_HEADING = re.compile(r"^(#{1,5})(?=[ \t])", re.M)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


def md_text(value: str) -> Markup:
    """Plain text safe inside a Markdown heading: HTML escaped, Markdown punctuation backslash-escaped."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(value, quote=False)))


def version_src(version: AdoptedVersion) -> str:
    return f"{CHAPTER_DIR}/versies/{version.slug}/index.md"


def comparison_src(version: AdoptedVersion) -> str:
    return f"{CHAPTER_DIR}/versies/{version.slug}/vergelijking.md"


def chapter_anchor(chapter: Chapter) -> str:
    return f"hoofdstuk-{chapter.slug}"


def shift_headings(markdown: str) -> str:
    """'## Kop' → '### Kop' outside fenced code, so chapters nest under their title on one page."""
    out, fence = [], None
    for line in markdown.split("\n"):
        match = _FENCE.match(line)
        if match and (fence is None or match[1].startswith(fence)):
            fence = None if fence else match[1][0] * 3
        out.append(line if fence else _HEADING.sub(r"#\1", line))
    return "\n".join(out)


def rewrite_chapter_links(markdown: str, resolve) -> str:
    """Relative links to .md pages in a chapter, re-targeted by `resolve(src, anchor)` (None: keep only the text)."""

    def link(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(CHAPTER_DIR, match[2]))
        href = resolve(target, (match[3] or "")[1:])
        return match[1][1:-1] if href is None else f"{match[1]}({href})"

    return _CHAPTER_LINK.sub(link, markdown)


class IVisieRenderer(SiteRenderer):
    def __init__(self, ivisie: IVisie, full: Catalogue, view: Catalogue, versions: list[AdoptedVersion],
                 history: GitHistory, today: dt.date, directory_urls: bool = True):
        super().__init__(view, RenderOptions(audience=ivisie.audience, directory_urls=directory_urls))
        self.ivisie = ivisie
        self.full = full
        self.versions = versions
        self.history = history
        self.today = today
        self.statuses: dict[str, GoalStatus] = goal_statuses(full, view, today)

    def render_template(self, template: str, src: str, **context) -> str:
        return super().render_template(template, src, md_text=md_text, statuses=self.statuses, today=self.today,
                               goals_src=GOALS_SRC, whole_src=WHOLE_SRC, versions_src=VERSIONS_SRC,
                               index_src=INDEX_SRC if self._published(INDEX_SRC) else None, **context)

    def _published(self, src: str) -> Chapter | None:
        return next((c for c in self.ivisie.published if c.src == src), None)

    def _link(self, from_src: str, to_src: str, anchor: str = "") -> str:
        return relative_url(from_src, to_src, self.options.directory_urls, anchor)

    # Chapter pages (hand-written; adjusted when the engine reads them)

    def goal_block(self, src: str, goal_id: str) -> str:
        status = self.statuses.get(goal_id)
        if status is None:  # unknown, or internal on the public site: reported by check_references
            return ""
        return self.render_template("ivisie_doelblok.md.j2", src, status=status).strip()

    def chapter_markdown(self, chapter: Chapter, markdown: str) -> str:
        banner = self.render_template("ivisie_banner.md.j2", chapter.src, chapter=chapter).strip()
        return banner + "\n\n" + replace_goal_markers(markdown, lambda goal_id: self.goal_block(chapter.src, goal_id))

    # Generated pages

    def goals_page(self) -> Page:
        groups: list[tuple[Chapter | None, list[GoalStatus]]] = []
        shown: set[str] = set()
        for chapter in self.ivisie.published:
            statuses = [s for s in self.statuses.values() if s.goal.hoofdstuk == chapter.slug]
            if statuses and not chapter.is_index:
                groups.append((chapter, statuses))
                shown.update(s.goal.id for s in statuses)
        rest = [s for gid, s in self.statuses.items() if gid not in shown]
        if rest:
            groups.append((None, rest))
        body = self.render_template("ivisie_doelen.md.j2", GOALS_SRC, groups=groups)
        sources = (self.full.goals_source, *sorted(s.source for s in self.full.services.values()),
                   *sorted(r.source for r in self.full.roadmap.values()))
        meta = front_matter(title="Doelen van de i-visie",
                            description="De doelen uit de i-visie en hoe ver de gemeente is, berekend uit de productencatalogus.")
        return Page(GOALS_SRC, meta + body, self.full.goals_source, sources)

    def whole_page(self) -> Page:
        published = self.ivisie.published
        intro = self._published(INDEX_SRC)

        def resolve(target: str, anchor: str) -> str:
            chapter = self._published(target)
            if chapter is not None and not chapter.is_index:
                return "#" + chapter_anchor(chapter)
            return posixpath.relpath(target, CHAPTER_DIR) + (f"#{anchor}" if anchor else "")

        def text(chapter: Chapter) -> Markup:
            markdown = rewrite_chapter_links(chapter.body, resolve)
            markdown = replace_goal_markers(markdown, lambda goal_id: self.goal_block(WHOLE_SRC, goal_id))
            return Markup(shift_headings(markdown))

        chapters = [(c, text(c)) for c in published if not c.is_index]
        body = self.render_template("ivisie_geheel.md.j2", WHOLE_SRC, intro=intro, intro_text=text(intro) if intro else "",
                            chapters=chapters, has_versions=bool(self.versions))
        meta = front_matter(title=intro.title if intro else "De i-visie", search={"exclude": True},
                            description="De hele i-visie op één pagina, om te lezen of af te drukken.")
        sources = tuple(c.source for c in published) + (self.full.goals_source,)
        return Page(WHOLE_SRC, meta + body, None, sources)

    def _history_note(self) -> str | None:
        problem = history_problem(self.history)
        if problem is None:
            return None
        if problem.code == "git.unavailable":
            return "Deze site is gebouwd zonder git-geschiedenis. De vastgestelde versies kunnen daarom niet worden getoond."
        return "Deze site is gebouwd uit een onvolledige git-geschiedenis. Mogelijk ontbreken hier eerdere versies."

    def versions_page(self) -> Page:
        body = self.render_template("ivisie_versies.md.j2", VERSIONS_SRC, versions=list(reversed(self.versions)),
                            note=self._history_note(), version_src=version_src, comparison_src=comparison_src)
        meta = front_matter(title="Versies van de i-visie",
                            description="Alle door de gemeenteraad vastgestelde versies van de i-visie, om te lezen en te vergelijken.")
        return Page(VERSIONS_SRC, meta + body, None, tuple(c.source for c in self.ivisie.published))

    def version_page(self, version: AdoptedVersion) -> Page:
        src = version_src(version)
        in_version = {c.src: c for c in version.chapters}

        def resolve(target: str, anchor: str) -> str | None:
            if target in in_version:
                return "#" + chapter_anchor(in_version[target])
            if target.startswith(CHAPTER_DIR + "/") and not self._published(target):
                return None  # a chapter this audience does not get (or no longer exists)
            return self._link(src, target, anchor)

        chapters = [(c, markdown_to_html(rewrite_chapter_links(strip_markers(c.body), resolve))) for c in version.chapters]
        body = self.render_template("ivisie_versie.md.j2", src, version=version, chapters=chapters,
                            comparison_src=comparison_src(version))
        meta = front_matter(title=f"i-visie zoals vastgesteld op {day(version.date)}",
                            search={"exclude": True})
        return Page(src, meta + body, None)

    def comparison_page(self, version: AdoptedVersion) -> Page:
        src = comparison_src(version)
        comparisons = compare(version, self.ivisie.chapters, self.ivisie.published, self.history.renames())
        diffs = {c.slug: diff_html(comparable_text(c.old), comparable_text(c.new))
                 for c in comparisons if c.state == CHANGED}
        body = self.render_template("ivisie_vergelijking.md.j2", src, version=version, comparisons=comparisons, diffs=diffs,
                            labels=STATE_LABELS, states={"CHANGED": CHANGED, "ADDED": ADDED, "REMOVED": REMOVED,
                                                         "NOT_PUBLIC": NOT_PUBLIC, "UNCHANGED": UNCHANGED},
                            version_src=version_src(version))
        meta = front_matter(title=f"Wat is er veranderd sinds {day(version.date)}?",
                            search={"exclude": True})
        return Page(src, meta + body, None, tuple(c.source for c in self.ivisie.published))

    def pages(self) -> list[Page]:
        out = [self.goals_page(), self.whole_page(), self.versions_page()]
        for version in self.versions:
            out += [self.version_page(version), self.comparison_page(version)]
        return out

    def fixed_dates(self) -> dict[str, dt.date]:
        """An archived version last changed when it was tagged, whatever happened to its files since."""
        return {version_src(v): v.tagged_on for v in self.versions}


def publish_ivisie(root: Path, content_dir: str, full: Catalogue, view: Catalogue, audience: str,
                   directory_urls: bool = True) -> IVisie:
    """Read, check and render the i-visie for one audience. Indicators are computed on the full catalogue."""
    root = Path(root)
    chapters, problems = validate_ivisie(root, content_dir, full)
    # Fail closed: a goal that names no chapter file is left out (reported by validate_ivisie).
    files = chapter_files(root, content_dir)
    dangling = {g.id for g in full.goals.values() if g.hoofdstuk and g.hoofdstuk not in files - {INDEX}}
    if dangling:
        full = full.with_changes(goals={gid: g for gid, g in full.goals.items() if gid not in dangling})
        view = view.with_changes(goals={gid: g for gid, g in view.goals.items() if gid not in dangling})
    history = read_history(root)
    if (note := history_problem(history)) is not None:
        problems.append(note)
    versions, version_problems = read_versions(history, content_dir)
    ivisie = IVisie(audience, chapters, problems + version_problems, failed=failed_chapters(problems, content_dir))
    renderer = IVisieRenderer(ivisie, full, view, versions, history, reference_date(root), directory_urls)
    ivisie.renderer = renderer
    ivisie.pages = renderer.pages()
    ivisie.dates = renderer.fixed_dates()
    return ivisie
