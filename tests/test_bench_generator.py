"""The benchmark's generator makes valid, complete and reproducible catalogues (timings are never asserted)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from loket.catalogue import load_catalogue
from loket.problems import errors

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import generate  # noqa: E402


def _files(base):
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()}


def test_generated_catalogue_is_valid_and_uses_every_field(tmp_path):
    generate.write_catalogue(tmp_path / "catalogue", 200, seed=3)
    result = load_catalogue(tmp_path, "catalogue", today=dt.date(2026, 11, 1))
    assert errors(result.problems) == [], [str(p) for p in errors(result.problems)]
    catalogue = result.catalogue
    assert len(catalogue.services) == 200
    assert len(catalogue.roadmap) == 10
    assert set(catalogue.themes) == set(generate.THEMES)
    services = list(catalogue.services.values())
    # Every field of the data contract appears somewhere in the catalogue.
    for name in ("beschrijving", "upl", "trefwoorden", "url", "gepland", "toelichting", "kosten", "voorwaarden",
                 "nodig", "termijn", "wetgeving", "gerelateerd", "intern"):
        assert any(getattr(s, name) for s in services), name
    assert {s.online for s in services} == {"live", "gepland", "niet"}
    assert any(s.inloggen.eherkenning != "geen" for s in services)
    assert all(r in catalogue.services for s in services for r in s.gerelateerd)
    assert all(sid in catalogue.services for item in catalogue.roadmap.values() for sid in item.diensten)
    assert all(top in catalogue.services for top in catalogue.organisation.toptaken)


def test_generator_is_deterministic_and_names_are_unique(tmp_path):
    generate.write_catalogue(tmp_path / "a", 40, seed=7)
    generate.write_catalogue(tmp_path / "b", 40, seed=7)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    names = generate.service_names(2_000)
    assert len({sid for sid, _ in names}) == len({naam for _, naam in names}) == 2_000


def test_generated_repository_has_the_project_configuration(tmp_path):
    root = generate.make_repository(tmp_path / "repo", 5)
    for item in ("mkdocs.yml", "site_config/public.yml", "overrides", "content"):
        assert (root / item).exists(), item
    assert len(list((root / "catalogue/diensten").glob("*.yml"))) == 5
