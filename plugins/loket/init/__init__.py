"""`loket init DIR --organisatie NAAM`: a new municipality repository that builds straight away.

The repository holds content and configuration only and depends on loket as a pinned
package (`requirements.txt`); it does not copy loket's code. The files come from
`template/` with the municipality's facts filled in: its name and OWMS URI from the
shipped municipality list (municipalities.py). Theme templates and CSS in the template
are the same files as this project's `overrides/` and `content/assets/loket.css`
(a test keeps them equal).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from ..new import slugify
from .municipalities import UnknownMunicipality, lookup

TEMPLATE = "template"
# Files stored without their leading dot, so that packaging keeps them.
_DOTTED = {"dot-gitignore": ".gitignore", "dot-gitlab-ci.yml": ".gitlab-ci.yml", "dot-github": ".github"}
_TEXT_SUFFIXES = {".md", ".yml", ".txt", ".html", ".xml", ".css", ""}


class InitFailed(Exception):
    """The repository cannot be created; the message is Dutch and says why."""


@dataclass(frozen=True)
class Created:
    path: Path
    organisation: str
    owms_uri: str
    files: tuple[str, ...]
    committed: bool

    def summary(self) -> str:
        lines = [f"Nieuwe repository voor {self.organisation} in {self.path} ({len(self.files)} bestanden).",
                 f"OWMS-URI: {self.owms_uri}"]
        if self.committed:
            lines.append("git: eerste commit gemaakt.")
        lines += ["Volgende stappen:", f"  cd {self.path}",
                  "  scripts/build                       # installeert loket, controleert en bouwt beide sites",
                  "  .venv/bin/loket import sc FEED     # lees de bestaande catalogus in (bestand of https-adres)",
                  "Controleer het webadres in catalogue/organisatie.yml en mkdocs.yml."]
        return "\n".join(lines)


def loket_version() -> str:
    try:
        return metadata.version("loket")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a checkout without installing
        from .. import __version__

        return __version__


def _website(label: str) -> str:
    # A guess from the name (most municipalities use www.<name>.nl); the file says to check it.
    return f"https://www.{slugify(label).replace('-', '')}.nl/"


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(f"[[{key}]]", value)
    return text


def _copy_template(source, target: Path, values: dict[str, str], written: list[str], prefix: str = "") -> None:
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        name = _DOTTED.get(entry.name, entry.name)
        relative = f"{prefix}{name}"
        if entry.is_dir():
            (target / relative).mkdir(parents=True, exist_ok=True)
            _copy_template(entry, target, values, written, relative + "/")
            continue
        data = entry.read_bytes()
        if Path(name).suffix in _TEXT_SUFFIXES:
            data = _fill(data.decode("utf-8"), values).encode("utf-8")
        path = target / relative
        path.write_bytes(data)
        if name in ("setup", "build", "serve") and prefix == "scripts/":
            path.chmod(0o755)
        written.append(relative)


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": os.environ.get("GIT_AUTHOR_NAME", "loket init"),
           "GIT_AUTHOR_EMAIL": os.environ.get("GIT_AUTHOR_EMAIL", "loket-init@localhost"),
           "GIT_COMMITTER_NAME": os.environ.get("GIT_COMMITTER_NAME", "loket init"),
           "GIT_COMMITTER_EMAIL": os.environ.get("GIT_COMMITTER_EMAIL", "loket-init@localhost")}
    subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=root, check=True, capture_output=True, env=env)


def _values(municipality) -> dict[str, str]:
    label = municipality.label
    return {"ORGANISATIE": f"Gemeente {label}", "ORGANISATIE_KLEIN": f"gemeente {label}", "WEBSITE": _website(label),
            "OWMS_URI": municipality.uri, "LOKET_VERSION": loket_version()}


def create_repository(path: Path, name: str | list[str], *, git: bool = True) -> Created:
    """Write the repository into `path` (new or empty); on any failure nothing is left behind.

    Several names make one repository for several organisations (organisations/setup.py).
    """
    path = Path(path)
    names = [name] if isinstance(name, str) else list(dict.fromkeys(name))
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise InitFailed(f"De map '{path}' bestaat al en is niet leeg. Kies een nieuwe map.")
    try:
        municipalities = [lookup(n) for n in names]
    except UnknownMunicipality as exc:
        raise InitFailed(str(exc)) from exc
    municipality = municipalities[0]
    values = _values(municipality)
    if len(municipalities) > 1:
        labels = [m.label for m in municipalities]
        together = ", ".join(labels[:-1]) + " en " + labels[-1]
        values |= {"ORGANISATIE": f"Gemeenten {together}", "ORGANISATIE_KLEIN": f"gemeenten {together}"}
    label = values["ORGANISATIE"].removeprefix("Gemeente ").removeprefix("Gemeenten ")
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".loket-init-", dir=path.parent))
    written: list[str] = []
    try:
        _copy_template(resources.files("loket").joinpath("init", TEMPLATE), staging, values, written)
        # The empty service directory, kept by git (packaging drops empty directories and dotfiles).
        (staging / "catalogue/diensten").mkdir(parents=True, exist_ok=True)
        (staging / "catalogue/diensten/.gitkeep").write_text("", encoding="utf-8")
        written.append("catalogue/diensten/.gitkeep")
        if len(municipalities) > 1:
            from ..organisations.setup import make_shared

            make_shared(staging, [(slugify(m.label), _values(m)) for m in municipalities], written)
        committed = False
        if git:
            try:
                _git(staging, "init", "-q", "-b", "main")
                _git(staging, "add", "-A")
                _git(staging, "commit", "-q", "-m", f"Nieuwe repository voor {values['ORGANISATIE']} (loket init)")
                committed = True
            except (OSError, subprocess.CalledProcessError) as exc:
                raise InitFailed(f"git kon de repository niet aanmaken ({exc}). Installeer git, of gebruik --zonder-git.") from exc
        if path.exists():
            path.rmdir()
        os.replace(staging, path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Created(path, values["ORGANISATIE"], municipality.uri, tuple(sorted(written)), committed)
