"""The i-visie: chapters in content/i-visie/*.md, the goals they embed, and what each audience gets.

A chapter is hand-written Markdown whose front matter says whether the council
adopted it (`status: vastgesteld`, `vastgesteld_op`, `raadsbesluit`) or not
(`status: concept`, optionally `consultatie: true` to put it before the public).
This module reads and checks chapters (located Dutch problems, like the
catalogue), finds goal markers `<!-- loket:doel ID -->`, and assembles what one
build target publishes. No MkDocs import: the plugin only calls
`IVisie.page_markdown` for chapter pages and injects `IVisie.pages`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .audience import PUBLIC
from .history import GitHistory
from .load import Document, load_file, load_text
from .model import Catalogue
from .problems import ERROR, WARNING, Problem, errors
from .validate import check_schema

CHAPTER_DIR = "i-visie"
INDEX = "index"
CONCEPT, ADOPTED = "concept", "vastgesteld"

# The same front matter MkDocs recognises (mkdocs.utils.meta.YAML_RE).
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*\n", re.S)
_MARKER = re.compile(r"<!--\s*loket:(?P<body>.*?)-->", re.S)
_GOAL_MARKER = re.compile(r"^doel\s+(?P<id>\S+)$")


@dataclass(frozen=True)
class Marker:
    """A `<!-- loket:… -->` comment in a chapter; `goal_id` is None when it is not a goal marker."""

    goal_id: str | None
    text: str
    line: int
    col: int


@dataclass(frozen=True)
class Chapter:
    slug: str  # the file stem; goals name it in `hoofdstuk`
    src: str  # relative to the docs directory: i-visie/01-digitaal-fundament.md
    source: str  # relative to the repository: content/i-visie/01-digitaal-fundament.md
    title: str
    status: str
    body: str  # the Markdown after the front matter, as MkDocs passes it to plugins
    body_line: int = 1  # the line of the file on which `body` starts
    vastgesteld_op: dt.date | None = None
    raadsbesluit: str | None = None
    consultatie: bool = False
    reageren: str | None = None
    reageren_tot: dt.date | None = None

    @property
    def adopted(self) -> bool:
        return self.status == ADOPTED

    @property
    def public(self) -> bool:
        """Adopted chapters, and concepts put out for public consultation."""
        return self.adopted or self.consultatie

    @property
    def is_index(self) -> bool:
        return self.slug == INDEX

    def markers(self) -> list[Marker]:
        found = []
        for match in _MARKER.finditer(self.body):
            start = match.start()
            line = self.body_line + self.body.count("\n", 0, start)
            col = start - (self.body.rfind("\n", 0, start) + 1) + 1
            body = match["body"].strip()
            goal = _GOAL_MARKER.match(body)
            found.append(Marker(goal["id"] if goal else None, match[0], line, col))
        return found


def strip_markers(markdown: str) -> str:
    return _MARKER.sub("", markdown)


def replace_goal_markers(markdown: str, render_goal) -> str:
    """Markdown with each `<!-- loket:doel ID -->` replaced by `render_goal(ID)` (an HTML block, or '' to drop it)."""

    def block(match: re.Match) -> str:
        goal = _GOAL_MARKER.match(match["body"].strip())
        if goal is None:
            return match[0]
        html = render_goal(goal["id"])
        return f"\n\n{html}\n\n" if html else ""

    return _MARKER.sub(block, markdown)


def _shifted(problem: Problem, lines: int) -> Problem:
    return replace(problem, line=problem.line + lines)


def _day(doc: Document, key: str, problems: list[Problem]) -> dt.date | None:
    value = doc.data.get(key)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        line, col = doc.where((key,))
        problems.append(Problem(doc.file, line, col, ERROR, "rule.invalid-date", f"De datum '{value}' bestaat niet.",
                                "Schrijf een bestaande datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-12."))
        return None


def parse_chapter(text: str | bytes, source: str, src: str) -> tuple[Chapter | None, list[Problem]]:
    """One chapter file: the chapter (None when it cannot be published) and its problems, located in the file."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = text[: exc.start].count(b"\n") + 1
            return None, [Problem(source, line, 1, ERROR, "file.encoding",
                                  f"Het bestand is geen UTF-8: onleesbaar teken (byte 0x{text[exc.start]:02x}).",
                                  "Sla het bestand op als UTF-8 (in VS Code: rechtsonder op de codering klikken).")]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    match = _FRONT_MATTER.match(text)
    if match is None or not (match[1] or "").strip():
        return None, [Problem(source, 1, 1, ERROR, "ivisie.no-front-matter",
                              "Dit hoofdstuk heeft geen kop met een titel en een status.",
                              "Begin het bestand met een regel '---', dan 'title: …' en 'status: concept' (of vastgesteld), en sluit af met '---'.")]
    # The front matter starts on line 2 of the file: positions from load_text shift by one line.
    doc, found = load_text(match[1], source)
    problems = [_shifted(p, 1) for p in found]
    if doc is None or errors(problems):
        return None, problems
    doc = Document(doc.file, doc.data,
                   {path: (line + 1, col) for path, (line, col) in doc.value_marks.items()},
                   {path: (line + 1, col) for path, (line, col) in doc.key_marks.items()})
    schema_problems = check_schema(doc, "hoofdstuk")
    if schema_problems:
        return None, problems + schema_problems
    data = doc.data
    adopted_on = _day(doc, "vastgesteld_op", problems)
    respond_until = _day(doc, "reageren_tot", problems)
    if data["status"] == ADOPTED and "vastgesteld_op" not in data:
        line, col = doc.where_key(("status",))
        problems.append(Problem(source, line, col, ERROR, "ivisie.adopted-needs-date",
                                "Het hoofdstuk staat op 'status: vastgesteld', maar 'vastgesteld_op' ontbreekt.",
                                "Voeg 'vastgesteld_op: JJJJ-MM-DD' toe met de datum van het raadsbesluit, of zet de status op concept."))
    if data["status"] == CONCEPT and "vastgesteld_op" in data:
        line, col = doc.where_key(("vastgesteld_op",))
        problems.append(Problem(source, line, col, WARNING, "ivisie.concept-with-date",
                                "Het hoofdstuk is een concept, maar heeft een datum 'vastgesteld_op'; die wordt niet getoond.",
                                "Zet de status op vastgesteld als de raad het hoofdstuk heeft vastgesteld, of verwijder 'vastgesteld_op'."))
    if data["status"] == ADOPTED and data.get("consultatie"):
        line, col = doc.where_key(("consultatie",))
        problems.append(Problem(source, line, col, WARNING, "ivisie.consultation-after-adoption",
                                "'consultatie: true' geldt alleen voor concepten; dit hoofdstuk is al vastgesteld.",
                                "Verwijder 'consultatie'."))
    if errors(problems):
        return None, problems
    body = text[match.end():]
    stripped = body.lstrip("\n")
    chapter = Chapter(
        slug=Path(src).stem,
        src=src,
        source=source,
        title=data["title"],
        status=data["status"],
        body=stripped,
        body_line=text.count("\n", 0, match.end()) + 1 + (len(body) - len(stripped)),
        vastgesteld_op=adopted_on,
        raadsbesluit=data.get("raadsbesluit"),
        consultatie=data["status"] == CONCEPT and bool(data.get("consultatie")),
        reageren=data.get("reageren"),
        reageren_tot=respond_until,
    )
    return chapter, problems


def chapter_sort_key(chapter: Chapter) -> tuple:
    """The introduction (index.md) first, then the chapters by file name (01-…, 02-…)."""
    return (not chapter.is_index, chapter.slug)


def read_chapters(root: Path, content_dir: str = "content") -> tuple[list[Chapter], list[Problem]]:
    """Every chapter in `root/content_dir/i-visie/*.md`, in reading order."""
    folder = Path(root) / content_dir / CHAPTER_DIR
    chapters: list[Chapter] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.md")):
        source = f"{content_dir}/{CHAPTER_DIR}/{path.name}"
        chapter, found = parse_chapter(path.read_bytes(), source, f"{CHAPTER_DIR}/{path.name}")
        problems.extend(found)
        if chapter is not None:
            chapters.append(chapter)
    return sorted(chapters, key=chapter_sort_key), problems


def _did_you_mean(word: str, options) -> str:
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f"Bedoelt u '{close[0]}'? " if close else ""


def check_references(chapters: list[Chapter], catalogue: Catalogue, root: Path,
                     chapter_files: set[str] | None = None, unread_goals: set[str] = frozenset()) -> list[Problem]:
    """Goals must name an existing chapter; markers must name an existing goal that a public chapter may show.

    `chapter_files` (stems of every chapter file, valid or not) keeps one broken chapter from
    cascading into errors in every goal that names it; by default only the valid chapters count.
    Likewise a marker for a goal in `unread_goals` (written in a doelen.yml that has errors) is not
    reported again: the goals file's own error says why no goal is shown.
    """
    problems: list[Problem] = []
    slugs = {c.slug for c in chapters if not c.is_index} if chapter_files is None else chapter_files - {INDEX}
    dangling = [g for g in catalogue.goals.values() if g.hoofdstuk and g.hoofdstuk not in slugs]
    if dangling:
        doc, _ = load_file(Path(root) / catalogue.goals_source, Path(root))
        for goal in dangling:
            line, col = doc.where((goal.id, "hoofdstuk")) if doc else (1, 1)
            problems.append(Problem(catalogue.goals_source, line, col, ERROR, "ref.unknown",
                                    f"Het hoofdstuk '{goal.hoofdstuk}' bestaat niet.",
                                    f"{_did_you_mean(goal.hoofdstuk, slugs)}Gebruik de bestandsnaam (zonder .md) van een "
                                    f"hoofdstuk in content/{CHAPTER_DIR}/."))
    for chapter in chapters:
        for marker in chapter.markers():
            goal = catalogue.goals.get(marker.goal_id) if marker.goal_id else None
            if marker.goal_id is None:
                problems.append(Problem(chapter.source, marker.line, marker.col, ERROR, "ivisie.unknown-marker",
                                        f"Onbekende markering '{marker.text}'.",
                                        "Schrijf <!-- loket:doel ID --> met de id van een doel uit catalogue/doelen.yml."))
            elif goal is None and marker.goal_id not in unread_goals:
                problems.append(Problem(chapter.source, marker.line, marker.col, ERROR, "ref.unknown",
                                        f"Het doel '{marker.goal_id}' bestaat niet.",
                                        f"{_did_you_mean(marker.goal_id, catalogue.goals)}Gebruik een id uit catalogue/doelen.yml."))
            elif goal is not None and goal.intern and chapter.public:
                problems.append(Problem(chapter.source, marker.line, marker.col, ERROR, "ivisie.internal-goal",
                                        f"Het doel '{goal.id}' is intern en kan niet in een openbaar hoofdstuk staan.",
                                        "Haal de markering weg, of verwijder 'intern: true' bij het doel in catalogue/doelen.yml."))
    return problems


def validate_ivisie(root: Path, content_dir: str, catalogue: Catalogue | None) -> tuple[list[Chapter], list[Problem]]:
    """Chapters and every problem in them and in the references between chapters and goals."""
    chapters, problems = read_chapters(root, content_dir)
    if catalogue is not None:
        problems += check_references(chapters, catalogue, root, chapter_files(root, content_dir),
                                     _unread_goal_ids(root, catalogue))
    return chapters, problems


def _unread_goal_ids(root: Path, catalogue: Catalogue) -> set[str]:
    """Goal ids written in the goals file that the catalogue could not take (the file has errors)."""
    if catalogue.goals:  # the file was read: every goal in it is in the catalogue
        return set()
    path = Path(root) / catalogue.goals_source
    doc, _ = load_file(path, Path(root)) if path.is_file() else (None, [])
    return {str(key) for key in doc.data} if doc is not None and isinstance(doc.data, dict) else set()


def chapter_files(root: Path, content_dir: str = "content") -> set[str]:
    return {path.stem for path in (Path(root) / content_dir / CHAPTER_DIR).glob("*.md")}


def failed_chapters(problems: list[Problem], content_dir: str = "content") -> set[str]:
    """The chapter files (src, relative to the docs directory) with at least one error.

    Fail closed: such a chapter is read as a concept whatever its front matter says (it may not say
    anything readable), so the public site never gets it.
    """
    prefix = f"{content_dir}/"
    return {p.file.removeprefix(prefix) for p in errors(problems)
            if p.file.startswith(f"{prefix}{CHAPTER_DIR}/") and p.file.endswith(".md")}


def history_problem(history: GitHistory) -> Problem | None:
    """Why dates and versions may be missing: no git, or a shallow clone. A warning, never a build failure."""
    if not history.available:
        return Problem(".git", 1, 1, WARNING, "git.unavailable",
                       "Geen git-geschiedenis gevonden: 'Laatst gewijzigd' en de versies van de i-visie ontbreken.",
                       "Bouw de site vanuit een git-repository.")
    if history.shallow:
        return Problem(".git", 1, 1, WARNING, "git.shallow",
                       "De git-geschiedenis is onvolledig (shallow clone): datums en versies van de i-visie kunnen ontbreken.",
                       "Haal de volledige geschiedenis en de tags op: 'git fetch --unshallow --tags', of in CI 'fetch-depth: 0'.")
    return None


@dataclass
class IVisie:
    """What one build target publishes of the i-visie."""

    audience: str
    chapters: list[Chapter]  # every valid chapter, in reading order
    problems: list[Problem] = field(default_factory=list)
    pages: list = field(default_factory=list)  # generated render.pages.Page objects
    dates: dict[str, dt.date] = field(default_factory=dict)  # generated pages dated by something other than their sources
    renderer: object = None
    # Chapter files with an error (`failed_chapters`): concepts, whatever they say, so never public.
    failed: set[str] = field(default_factory=set)

    @property
    def published(self) -> list[Chapter]:
        """The chapters this audience reads: all of them internally, adopted and consultation ones publicly."""
        return [c for c in self.chapters if self.audience != PUBLIC or (c.public and c.src not in self.failed)]

    @property
    def withheld(self) -> set[str]:
        """Chapter pages to remove from this audience's site, including files that could not be read as chapters."""
        unreadable = self.failed if self.audience == PUBLIC else set()
        return {c.src for c in self.chapters if c not in self.published} | unreadable

    def page_markdown(self, src: str, markdown: str) -> str:
        """A chapter page's Markdown with its status banner and embedded goal progress; other pages unchanged."""
        chapter = next((c for c in self.published if c.src == src), None)
        if chapter is None or self.renderer is None:
            return markdown
        return self.renderer.chapter_markdown(chapter, markdown)

    def write_chapters(self, out: Path) -> None:
        """For `loket render`: the published chapters with banners and goals, front matter kept."""
        for chapter in self.published:
            target = Path(out) / chapter.src
            front = _FRONT_MATTER.match(target.read_text(encoding="utf-8-sig").replace("\r\n", "\n"))
            head = front[0] if front else ""
            target.write_text(head + "\n" + self.page_markdown(chapter.src, chapter.body), encoding="utf-8")

