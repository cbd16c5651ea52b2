"""Atomic builds: build into a sibling directory and put it in place only when the build succeeded,
so a failing build never leaves a half-written or empty site where the previous one was."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def staging_dir(site_dir: str | Path) -> Path:
    """Where a build writes before it is swapped in; a leftover from an interrupted build is removed."""
    site = Path(site_dir).resolve()
    staging = site.with_name(site.name + ".tmp-build")
    shutil.rmtree(staging, ignore_errors=True)
    return staging


def publish(staging: str | Path, site_dir: str | Path) -> None:
    """Replace `site_dir` by `staging`. Two renames on one file system: between them there is, for a
    moment, no site_dir at all, but never a mix of old and new files."""
    site, staging = Path(site_dir).resolve(), Path(staging)
    old = site.with_name(site.name + ".old-build")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        os.rename(site, old)
    os.rename(staging, site)
    shutil.rmtree(old, ignore_errors=True)


def discard(staging: str | Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
