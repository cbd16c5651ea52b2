"""Shared fixtures: the example repository, and throwaway repositories built into tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# A test repository gets the real configuration, theme and hand-written pages, and its own catalogue.
SKELETON = ("mkdocs.yml", "site_config", "overrides", "content")

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def run(args: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=ENV)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def mkdocs_build(root: Path, target: str = "public", *, strict: bool = True, check: bool = True,
                 site_dir: Path | None = None) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "mkdocs", "build", "-f", f"site_config/{target}.yml"]
    if strict:
        args.append("--strict")
    if site_dir is not None:
        args += ["-d", str(site_dir)]
    return run(args, cwd=root, check=check)


def loket(args: list[str], cwd: Path, check: bool = False) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "loket.cli", *args], cwd=cwd, check=check)


class Repo:
    """A minimal municipality repository in a temporary directory."""

    def __init__(self, root: Path):
        self.root = root

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def write_bytes(self, relative: str, data: bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def build(self, target: str = "public", **kwargs) -> subprocess.CompletedProcess:
        return mkdocs_build(self.root, target, **kwargs)

    def site(self, target: str = "public") -> Path:
        return self.root / "site" / target

    def page(self, url_path: str, target: str = "public") -> str:
        return (self.site(target) / url_path / "index.html").read_text(encoding="utf-8")

    def search_index(self, target: str = "public") -> dict:
        """The site search index (plugins/loket/search/): {"docs": [{location, title, text}], "words": [...]}."""
        from loket.search import DUTCH, read_index

        index = read_index(self.site(target) / DUTCH.index_dir)
        return {"docs": [{"location": d["url"], "title": d["title"], "text": d["summary"]} for d in index["documents"]],
                "words": index["vocabulary"]["words"]}

    def validate(self, *args: str) -> subprocess.CompletedProcess:
        return loket(["validate", *args], cwd=self.root)


MINIMAL_SERVICE = """
naam: Paspoort aanvragen
samenvatting: Vraag een paspoort aan bij de gemeente.
doelgroep: [inwoner]
themas: [burgerzaken]
trefwoorden: [reisdocument]
aanvragen:
  online: niet
gecontroleerd_op: 2026-09-01
"""


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """A repository with the project's configuration, one theme and one service."""
    for item in SKELETON:
        source = REPO / item
        if source.is_dir():
            shutil.copytree(source, tmp_path / item)
        elif source.exists():
            shutil.copy2(source, tmp_path / item)
    r = Repo(tmp_path)
    r.write("catalogue/organisatie.yml", """
        naam: Gemeente Proefdorp
        website: https://www.proefdorp.example/
        contact:
          telefoon: "14 0999"
          adres: Dorpsstraat 1, Proefdorp
        toptaken: [paspoort-aanvragen]
        """)
    r.write("catalogue/themas.yml", """
        burgerzaken:
          naam: Burgerzaken
          beschrijving: Paspoort, rijbewijs en verhuizen.
        """)
    r.write("catalogue/diensten/paspoort-aanvragen.yml", MINIMAL_SERVICE)
    # The copied i-visie chapters embed goals (<!-- loket:doel ID -->), which must exist.
    shutil.copy2(REPO / "catalogue" / "doelen.yml", tmp_path / "catalogue" / "doelen.yml")
    return r


@pytest.fixture(scope="session")
def example_sites(tmp_path_factory) -> dict[str, Path]:
    """The example municipality, built once per test run for both audiences."""
    out = tmp_path_factory.mktemp("example")
    sites = {}
    for target in ("public", "internal"):
        mkdocs_build(REPO, target, site_dir=out / target)
        sites[target] = out / target
    return sites


@pytest.fixture(scope="session")
def multi_org_sites(tmp_path_factory):
    """A shared service centre (tests/multi_org.py), committed in git, built for each organisation and audience."""
    from multi_org import build_all, commit_all, make_multi_repo

    root = tmp_path_factory.mktemp("multi-org") / "repo"
    repo = make_multi_repo(root)
    commit_all(root, "Catalogus van IJsselstein en Montfoort")
    return repo, build_all(root, root.parent / "sites")
