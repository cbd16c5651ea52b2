"""Dates from git, never from the clock, so that two builds of one commit are identical."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from functools import cache
from pathlib import Path


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


@cache
def reference_date(root: Path) -> dt.date:
    """The day the site is 'as of': SOURCE_DATE_EPOCH, else the HEAD commit's date, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    head = _git(Path(root), "log", "-1", "--format=%cs", "HEAD")
    if head:
        return dt.date.fromisoformat(head)
    return dt.date.today()
