"""Adopted versions of the i-visie, from git tags `i-visie/YYYY-MM-DD`, and how each compares with today's text.

Convention: when the council adopts (a new version of) the i-visie, the commit
that holds the adopted text is tagged `i-visie/<date of the council decision>`.
A version consists of the chapters that had `status: vastgesteld` at that tag,
so concepts of the time never reappear as "adopted" text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .history import GitHistory
from .ivisie import CHAPTER_DIR, Chapter, chapter_sort_key, parse_chapter, strip_markers
from .problems import WARNING, Problem

TAG_GLOB = "i-visie/*"
_TAG_NAME = re.compile(r"^i-visie/(\d{4}-\d{2}-\d{2})$")

UNCHANGED, CHANGED, ADDED, REMOVED, NOT_PUBLIC = "ongewijzigd", "gewijzigd", "nieuw", "vervallen", "niet-openbaar"


@dataclass(frozen=True)
class AdoptedVersion:
    date: dt.date  # the council's decision, from the tag name
    tag: str
    sha: str
    tagged_on: dt.date
    chapters: tuple[Chapter, ...]

    @property
    def slug(self) -> str:
        return self.date.isoformat()

    @property
    def raadsbesluit(self) -> str | None:
        """The decision's link, from a chapter adopted on the version's date."""
        links = [c.raadsbesluit for c in self.chapters if c.raadsbesluit and c.vastgesteld_op == self.date]
        return links[0] if links else None


def _tag_problem(tag: str, message: str, hint: str) -> Problem:
    return Problem(f"refs/tags/{tag}", 1, 1, WARNING, "git.ivisie-tag", message, hint)


def read_versions(history: GitHistory, content_dir: str = "content") -> tuple[list[AdoptedVersion], list[Problem]]:
    """Every adopted version, oldest first, with the chapters' text as it was at the tag."""
    versions: list[AdoptedVersion] = []
    problems: list[Problem] = []
    folder = f"{content_dir}/{CHAPTER_DIR}"
    for tag in history.tags(TAG_GLOB):
        match = _TAG_NAME.match(tag.name)
        try:
            date = dt.date.fromisoformat(match[1]) if match else None
        except ValueError:
            date = None
        if date is None:
            problems.append(_tag_problem(tag.name, f"De git-tag '{tag.name}' heeft geen geldige datum en wordt overgeslagen.",
                                         "Noem de tag i-visie/JJJJ-MM-DD, met de datum van het raadsbesluit."))
            continue
        chapters = []
        for path in history.files_at(tag.sha, folder):
            if not path.endswith(".md") or path.rpartition("/")[0] != folder:
                continue
            text = history.show(tag.sha, path)
            chapter, _ = parse_chapter(text or "", path, path[len(content_dir) + 1:])
            if chapter is not None and chapter.adopted:
                chapters.append(chapter)
        if not chapters:
            problems.append(_tag_problem(tag.name, f"Bij de git-tag '{tag.name}' is geen vastgesteld hoofdstuk te lezen.",
                                         f"Zet de tag op de commit waarin de vastgestelde hoofdstukken in {folder}/ staan."))
            continue
        versions.append(AdoptedVersion(date, tag.name, tag.sha, tag.date, tuple(sorted(chapters, key=chapter_sort_key))))
    return sorted(versions, key=lambda v: (v.date, v.tag)), problems


@dataclass(frozen=True)
class ChapterComparison:
    state: str  # UNCHANGED, CHANGED, ADDED, REMOVED or NOT_PUBLIC
    old: Chapter | None
    new: Chapter | None

    @property
    def title(self) -> str:
        return (self.new or self.old).title

    @property
    def slug(self) -> str:
        return (self.new or self.old).slug


def comparable_text(chapter: Chapter) -> str:
    """The chapter's text without goal markers (they show live figures, not adopted text) and trailing blanks."""
    lines = [line.rstrip() for line in strip_markers(chapter.body).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _current_path(path: str, renames: dict[str, str]) -> str:
    seen = {path}
    while path in renames and renames[path] not in seen:
        path = renames[path]
        seen.add(path)
    return path


def compare(version: AdoptedVersion, current: list[Chapter], published: list[Chapter],
            renames: dict[str, str]) -> list[ChapterComparison]:
    """Each chapter of `version` against today's text; then chapters added since. Withheld chapters stay unread."""
    by_source = {c.source: c for c in current}
    matched: set[str] = set()
    out = []
    for old in version.chapters:
        new = by_source.get(_current_path(old.source, renames))
        if new is None:
            out.append(ChapterComparison(REMOVED, old, None))
            continue
        matched.add(new.source)
        if new not in published:
            out.append(ChapterComparison(NOT_PUBLIC, old, None))
        elif comparable_text(old) == comparable_text(new) and old.title == new.title:
            out.append(ChapterComparison(UNCHANGED, old, new))
        else:
            out.append(ChapterComparison(CHANGED, old, new))
    out += [ChapterComparison(ADDED, None, c) for c in published if c.source not in matched]
    return out
