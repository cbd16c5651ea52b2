"""Two builds of the same commit are byte-identical: every date comes from git, none from the clock."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import struct
from pathlib import Path

import pytest

from conftest import mkdocs_build
from gitrepo import commit, git


def digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def committed(repo):
    commit(repo.root, "i-visie vastgesteld", "2026-03-12")
    git(repo.root, "tag", "-a", "i-visie/2026-03-12", "-m", "Vastgesteld", date="2026-03-12")
    path = repo.root / "content/i-visie/03-common-ground.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Common Ground kiest", "Common Ground kiest bewust"),
                    encoding="utf-8")
    commit(repo.root, "Hoofdstuk 3 aangescherpt", "2026-04-20")
    return repo


@pytest.mark.parametrize("target", ["public", "internal"])
def test_two_builds_of_one_commit_are_byte_identical(committed, tmp_path, target):
    first, second = tmp_path / "eerste", tmp_path / "tweede"
    mkdocs_build(committed.root, target, site_dir=first)
    mkdocs_build(committed.root, target, site_dir=second)
    one, two = digests(first), digests(second)
    assert one.keys() == two.keys()
    assert [path for path in one if one[path] != two[path]] == []
    assert "i-visie/versies/2026-03-12/vergelijking/index.html" in one and "sitemap.xml.gz" in one


def test_no_date_from_the_build_clock(committed, tmp_path):
    site = tmp_path / "site"
    mkdocs_build(committed.root, "public", site_dir=site)
    today = dt.date.today().isoformat()
    inputs = "".join(p.read_text(encoding="utf-8", errors="replace") for p in committed.root.rglob("*")
                     if p.is_file() and ".git" not in p.parts and "site" not in p.parts)
    if today not in inputs and today not in ("2026-03-12", "2026-04-20"):  # unless a commit or content date is today's
        for path in site.rglob("*"):
            if path.is_file() and path.suffix in {".html", ".xml", ".json"}:
                assert today not in path.read_text(encoding="utf-8", errors="replace"), path
    # The gzip header of the sitemap holds a time too: the newest page date from git, not now.
    header = (site / "sitemap.xml.gz").read_bytes()[:10]
    mtime = dt.datetime.fromtimestamp(struct.unpack("<I", header[4:8])[0], dt.timezone.utc).date()
    assert mtime == dt.date(2026, 4, 20)
    assert b"<lastmod>2026-04-20</lastmod>" in gzip.decompress((site / "sitemap.xml.gz").read_bytes())
