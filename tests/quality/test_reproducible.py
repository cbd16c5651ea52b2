"""Reproducible and atomic builds: the same commit gives byte-identical sites, and a failing
build leaves the previous site as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import REPO, mkdocs_build


def tree_hashes(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("target", ["public", "internal"])
def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path, target):
    # Both builds here, one after the other: the example site of the session may be minutes old.
    mkdocs_build(REPO, target, site_dir=tmp_path / "first" / target)
    mkdocs_build(REPO, target, site_dir=tmp_path / "second" / target)
    first, second = tree_hashes(tmp_path / "first" / target), tree_hashes(tmp_path / "second" / target)
    assert len(first) > 100
    assert sorted(first) == sorted(second), "the two builds have different files"
    differ = [path for path in first if first[path] != second[path]]
    assert not differ, f"{len(differ)} files differ between two builds: {differ[:20]}"


def test_a_failing_build_leaves_the_previous_site_intact(repo):
    site = repo.site()
    repo.build(strict=False)
    before = tree_hashes(site)
    assert "diensten/paspoort-aanvragen/index.html" in before

    # Broken YAML: the catalogue cannot be read, the build stops in the loket plugin.
    themes = repo.root / "catalogue" / "themas.yml"
    good_themes = themes.read_text(encoding="utf-8")
    themes.write_text("burgerzaken:\n  naam: [Burgerzaken\n", encoding="utf-8")
    failed = repo.build(strict=False, check=False)
    assert failed.returncode != 0
    assert tree_hashes(site) == before

    # A strict-mode failure (a broken Markdown link) is found only after every page was written.
    themes.write_text(good_themes, encoding="utf-8")
    repo.write("content/kapot.md", "# Kapot\n\nZie [weg](weg.md).\n")
    failed = repo.build(strict=True, check=False)
    assert failed.returncode != 0
    assert tree_hashes(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["public"], "build leftovers next to the site"

    # A build that succeeds replaces the site as a whole.
    repo.build(strict=False)
    after = tree_hashes(site)
    assert "kapot/index.html" in after and after.keys() > before.keys()
    assert sorted(p.name for p in site.parent.iterdir()) == ["public"]
