"""`loket diff BASE HEAD`: what a change to the catalogue means for residents and businesses.

Reviewers of a pull request should read meaning, not YAML. Both revisions are
read with the normal loader (so a file that does not validate is reported, not
guessed at), reduced to their public view, and compared service by service.
The result is plain Dutch Markdown for a job summary or a pull-request comment.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .audience import public_view
from .catalogue import load_catalogue
from .history import _git, read_history, reference_date
from .model import ONLINE_LIVE, ONLINE_PLANNED, Catalogue, Login, Service
from .problems import errors
from .render.format import AUDIENCE_LABELS, euro, login_means, period


@dataclass
class Revision:
    """The catalogue at one commit: the model, and ids of service files that exist but did not load."""

    rev: str
    catalogue: Catalogue | None
    file_ids: set[str]
    error_count: int

    @property
    def services(self) -> dict[str, Service]:
        return self.catalogue.services if self.catalogue else {}


class RevisionError(Exception):
    """A revision git does not know; the message is Dutch and meant for the user."""


def read_revision(root: Path, rev: str, catalogue_dir: str = "catalogue") -> Revision:
    """Load the catalogue as it was at `rev` (via `git show`, into a temporary directory)."""
    root = Path(root)
    history = read_history(root)
    if not history.available or _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}") is None:
        raise RevisionError(f"'{rev}' is geen commit in deze git-repository.")
    files = history.files_at(rev, catalogue_dir)
    with tempfile.TemporaryDirectory(prefix="loket-diff-") as tmp:
        for path in files:
            text = history.show(rev, path)
            if text is None:
                continue
            target = Path(tmp) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        loaded = load_catalogue(Path(tmp), catalogue_dir, today=reference_date(root))
    services_dir = f"{catalogue_dir.rstrip('/')}/diensten"
    file_ids = {PurePosixPath(p).stem for p in files
                if PurePosixPath(p).parent.as_posix() == services_dir and p.endswith(".yml")}
    catalogue = public_view(loaded.catalogue) if loaded.catalogue else None
    return Revision(rev, catalogue, file_ids, len(errors(loaded.problems)))


def git_renames(root: Path, base: str, head: str, catalogue_dir: str = "catalogue") -> dict[str, str]:
    """Service ids renamed between two commits (old id → new id), as git's rename detection sees them."""
    directory = f"{catalogue_dir.rstrip('/')}/diensten"
    text = _git(Path(root), "diff", "--relative", "--name-status", "-M", base, head, "--", directory) or ""
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if parts[0].startswith("R") and len(parts) == 3:
            out[PurePosixPath(parts[1]).stem] = PurePosixPath(parts[2]).stem
    return out


@dataclass
class CatalogueDiff:
    added: list[Service] = field(default_factory=list)
    removed: list[Service] = field(default_factory=list)
    moved: list[tuple[Service, Service]] = field(default_factory=list)  # (old, new): a new id, same service
    unreadable: list[str] = field(default_factory=list)  # ids whose file in HEAD has errors
    changed: list[tuple[Service, list[str]]] = field(default_factory=list)  # (new, sentences)
    base_errors: int = 0
    head_errors: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.moved or self.unreadable or self.changed)


def login_text(login: Login) -> str:
    means = login_means(login)
    if not means:
        return "zonder in te loggen"
    text = "met " + (", ".join(means[:-1]) + " of " + means[-1] if len(means) > 1 else means[0])
    return text + (", ook via een machtiging" if login.machtigen else "")


def md(text: str) -> str:
    """Escape Markdown and HTML syntax in text from YAML, so a name prints as written."""
    text = " ".join(str(text).split())
    return re.sub(r"([\\`*_{}\[\]<>()#+!|~])", r"\\\1", text).replace("&", "&amp;")


def code(text: str) -> str:
    """Inline code: Markdown escapes do not work inside backticks, so backticks are dropped instead."""
    return "`" + " ".join(str(text).replace("`", "").split()) + "`"


def _online_text(service: Service) -> str:
    if service.online == ONLINE_LIVE:
        return f"online te regelen, {login_text(service.inloggen)}"
    if service.online == ONLINE_PLANNED:
        return f"komt online ({period(service.gepland)})" if service.gepland else "komt online"
    return "niet online te regelen"


def compare_services(old: Service, new: Service) -> list[str]:
    """Sentences about what changed for the people who use this service."""
    out = []
    if old.naam != new.naam:
        out.append(f"heet nu “{md(new.naam)}” (was “{md(old.naam)}”)")
    if old.online != ONLINE_LIVE and new.online == ONLINE_LIVE:
        out.append(f"is nu online te regelen, {login_text(new.inloggen)}")
    elif old.online == ONLINE_LIVE and new.online != ONLINE_LIVE:
        out.append(f"is niet meer online te regelen ({_online_text(new)})")
    elif new.online == ONLINE_LIVE and old.inloggen != new.inloggen:
        out.append(f"inloggen gewijzigd: nu {login_text(new.inloggen)} (was {login_text(old.inloggen)})")
    if new.online == ONLINE_PLANNED and (old.online != ONLINE_PLANNED or old.gepland != new.gepland):
        was = f" (was {period(old.gepland)})" if old.online == ONLINE_PLANNED and old.gepland else ""
        out.append(f"komt online: gepland voor {period(new.gepland)}{was}" if new.gepland else "komt online")
    if new.online == ONLINE_LIVE and old.online == ONLINE_LIVE and old.url != new.url:
        out.append("het online formulier heeft een nieuw adres")
    out += _compare_costs(old, new)
    out += _compare_lines("voorwaarde", old.voorwaarden, new.voorwaarden)
    out += _compare_lines("nodig", old.nodig, new.nodig)
    if old.doelgroep != new.doelgroep:
        out.append("is nu voor " + " en ".join(AUDIENCE_LABELS[d].lower() for d in new.doelgroep))
    if old.termijn != new.termijn:
        out.append(f"termijn: {md(new.termijn or 'niet vermeld')} (was {md(old.termijn or 'niet vermeld')})")
    texts = [label for label, a, b in (("samenvatting", old.samenvatting, new.samenvatting),
                                       ("beschrijving", old.beschrijving, new.beschrijving),
                                       ("toelichting", old.toelichting, new.toelichting),
                                       ("wetgeving", old.wetgeving, new.wetgeving),
                                       ("zoekwoorden", old.trefwoorden, new.trefwoorden),
                                       ("thema's", old.themas, new.themas),
                                       ("verwante diensten", old.gerelateerd, new.gerelateerd)) if a != b]
    if texts:
        out.append("tekst aangepast: " + ", ".join(texts))
    return out


def _compare_costs(old: Service, new: Service) -> list[str]:
    before = {c.omschrijving: c.bedrag for c in old.kosten}
    after = {c.omschrijving: c.bedrag for c in new.kosten}
    out = []
    for name, amount in after.items():
        if name not in before:
            out.append(f"nieuw tarief: {md(name)} {euro(amount)}")
        elif before[name] != amount:
            out.append(f"kosten {md(name)}: {euro(before[name])} → {euro(amount)}")
    for name, amount in before.items():
        if name not in after:
            out.append(f"tarief vervalt: {md(name)} (was {euro(amount)})")
    if old.kosten and not new.kosten:
        out.append("is nu gratis")
    return out


def _compare_lines(label: str, before: tuple[str, ...], after: tuple[str, ...]) -> list[str]:
    titles = {"voorwaarde": ("nieuwe voorwaarde", "voorwaarde vervalt"), "nodig": ("nu ook nodig", "niet meer nodig")}
    added_label, removed_label = titles[label]
    out = [f"{added_label}: “{md(line)}”" for line in after if line not in before]
    out += [f"{removed_label}: “{md(line)}”" for line in before if line not in after]
    return out


def compare(base: Revision, head: Revision, renames: dict[str, str] | None = None) -> CatalogueDiff:
    diff = CatalogueDiff(base_errors=base.error_count, head_errors=head.error_count)
    old, new = base.services, head.services
    moved_to: dict[str, str] = {}
    for service in new.values():
        for previous in service.vorige_ids:
            if previous in old and previous not in new:
                moved_to[previous] = service.id
    for previous, current in (renames or {}).items():
        if previous in old and current in new and previous not in new:
            moved_to.setdefault(previous, current)
    pairs = [(sid, sid) for sid in old if sid in new] + sorted(moved_to.items())
    for old_id, new_id in pairs:
        if old_id != new_id:
            diff.moved.append((old[old_id], new[new_id]))
        sentences = compare_services(old[old_id], new[new_id])
        if sentences:
            diff.changed.append((new[new_id], sentences))
    for sid in sorted(new):
        if sid not in old and sid not in moved_to.values():
            diff.added.append(new[sid])
    for sid in sorted(old):
        if sid in new or sid in moved_to:
            continue
        if sid in head.file_ids:
            diff.unreadable.append(sid)  # still there, but its new version has errors: not "removed"
        else:
            diff.removed.append(old[sid])
    # New files that do not load yet; files broken in both versions are not this change's doing.
    diff.unreadable += sorted(sid for sid in head.file_ids - base.file_ids if sid not in new)
    by_name = lambda s: (s.naam.casefold(), s.id)  # noqa: E731
    diff.added.sort(key=by_name)
    diff.removed.sort(key=by_name)
    diff.changed.sort(key=lambda item: by_name(item[0]))
    return diff


def to_markdown(diff: CatalogueDiff, base: str, head: str) -> str:
    lines = ["## Wat verandert er voor inwoners en ondernemers?", "",
             f"Vergelijking van de catalogus in {code(base)} met {code(head)}.", ""]
    if diff.head_errors:
        lines += [f"**Let op:** de nieuwe versie bevat {diff.head_errors} fout(en); die worden niet gepubliceerd. "
                  "Zie de controle (`loket validate`) voor bestand, regel en oplossing.", ""]
    if diff.empty:
        lines += ["Niets: deze wijziging verandert niets aan de producten en diensten op de openbare site.", ""]
        return "\n".join(lines)

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend([f"### {title}", "", *(f"- {item}" for item in items), ""])

    section("Nieuwe producten en diensten", [
        f"**{md(s.naam)}** (voor {' en '.join(AUDIENCE_LABELS[d].lower() for d in s.doelgroep)}): {_online_text(s)}. "
        f"{md(s.samenvatting)}" for s in diff.added])
    section("Verdwenen producten en diensten", [
        f"**{md(s.naam)}** (`{s.id}`): het oude adres toont dat de dienst niet meer bestaat, met alternatieven."
        for s in diff.removed])
    section("Nieuw webadres", [
        f"**{md(new.naam)}**: `/diensten/{old.id}/` wordt `/diensten/{new.id}/`; het oude adres stuurt door."
        for old, new in diff.moved])
    section("Gewijzigd", [f"**{md(s.naam)}**: " + "; ".join(sentences) + ("" if sentences[-1].endswith("”") else ".")
                          for s, sentences in diff.changed])
    section("Niet te vergelijken (bevat fouten)", [
        f"`{sid}`: dit bestand wordt pas gepubliceerd als de fouten zijn opgelost." for sid in diff.unreadable])
    return "\n".join(lines)


def diff_markdown(root: Path, base: str, head: str = "HEAD", catalogue_dir: str = "catalogue") -> str:
    before = read_revision(root, base, catalogue_dir)
    after = read_revision(root, head, catalogue_dir)
    return to_markdown(compare(before, after, git_renames(root, base, head, catalogue_dir)), base, head)
