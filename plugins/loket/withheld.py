"""Fail closed: what is kept off the site because its file has an error, and why, in Dutch.

The rule is applied where each kind of input is read (catalogue.py leaves services
and roadmap projects with an error out of the model; ivisie.py reads a chapter with
an error as a concept; render/ivisie_pages.py drops a goal that names no chapter).
This module only names the consequences, one item per file, for the build log and
the internal dashboard, so that editors see what is missing and how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from .problems import Problem, errors

# What happens to an item of each kind when its file has an error.
SERVICE = "De dienst staat niet op de site: geen pagina, niet in zoeken, overzichten, tellingen of exports."
ROADMAP = "Het roadmapproject staat nergens, ook niet op de interne site."
CHAPTER = "Het hoofdstuk geldt als concept en staat niet op de openbare site."
GOALS_UNREADABLE = "Het bestand kan niet worden gelezen: geen enkel doel staat op de site."
GOAL = "Het doel met deze fout staat niet bij de i-visie."
CATALOGUE_PART = "Het deel met de fout wordt niet gebruikt."
NO_CATALOGUE = "Zonder dit bestand kan geen site worden gemaakt; er is niets gepubliceerd."
OTHER = "Wat in dit bestand fout is, wordt niet gepubliceerd."


@dataclass(frozen=True)
class WithheldItem:
    source: str  # the file, relative to the repository
    consequence: str  # what the site does without it (Dutch)
    problems: tuple[Problem, ...]  # its errors, in file order

    def log_line(self) -> str:
        """One line per item for the build log: file, consequence, and the first error with its position."""
        first = self.problems[0]
        more = f" (en nog {len(self.problems) - 1} fout(en))" if len(self.problems) > 1 else ""
        return (f"Niet gepubliceerd: {self.source} — {self.consequence} "
                f"Reden: {first.file}:{first.line}:{first.col}: {first.message}{more}")


def _consequence(source: str, found: list[Problem], *, catalogue_dir: str, content_dir: str,
                 catalogue_read: bool) -> str:
    path = PurePosixPath(source)
    catalogue = PurePosixPath(catalogue_dir)
    # organisaties/<id>/diensten/ and organisatie.yml: one organisation of several (organisations/).
    of_organisation = len(path.parts) > 2 and path.parts[0] == "organisaties"
    if path.parent == catalogue / "diensten" or (of_organisation and path.parent.name == "diensten"):
        return SERVICE
    if of_organisation and path.name == "organisatie.yml":
        return CATALOGUE_PART if catalogue_read else NO_CATALOGUE
    if path.parent == catalogue / "roadmap":
        return ROADMAP
    if path.parent == PurePosixPath(content_dir) / "i-visie" and path.suffix == ".md":
        return CHAPTER
    if path == catalogue / "doelen.yml":
        return GOAL if all(p.code.startswith("ref.") for p in found) else GOALS_UNREADABLE
    if path.parent == catalogue or path == catalogue:
        return CATALOGUE_PART if catalogue_read else NO_CATALOGUE
    return OTHER


def withheld_items(problems: list[Problem], *, catalogue_dir: str = "catalogue", content_dir: str = "content",
                   catalogue_read: bool = True) -> list[WithheldItem]:
    """Every file with at least one error, with what is left out because of it, sorted by file."""
    by_file: dict[str, list[Problem]] = {}
    for problem in errors(problems):
        by_file.setdefault(problem.file, []).append(problem)
    return [
        WithheldItem(source, _consequence(source, found, catalogue_dir=PurePosixPath(catalogue_dir).as_posix(),
                                          content_dir=content_dir, catalogue_read=catalogue_read),
                     tuple(sorted(found, key=lambda p: (p.line, p.col, p.code, p.message))))
        for source, found in sorted(by_file.items())
    ]


def strict_failure(problems: list[Problem], headline: str, limit: int = 50) -> str:
    """The message of a build that stops on errors: it is printed even with `-q`, so it names the errors."""
    found = errors(problems)
    lines = [f"{headline} {len(found)} fout(en):"]
    lines += [f"  {p}" for p in found[:limit]]
    if len(found) > limit:
        lines.append(f"  … en nog {len(found) - limit} fout(en); 'loket validate' toont ze allemaal.")
    return "\n".join(lines)
