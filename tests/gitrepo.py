"""Commits with fixed dates in a test repository, so history, feeds and diffs are deterministic."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import ENV


def git(root: Path, *args: str, date: str = "2026-01-05") -> str:
    stamp = f"{date}T12:00:00+00:00"
    env = {**ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
           "GIT_AUTHOR_NAME": "Redactie", "GIT_AUTHOR_EMAIL": "redactie@example.invalid",
           "GIT_COMMITTER_NAME": "Redactie", "GIT_COMMITTER_EMAIL": "redactie@example.invalid",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def commit(root: Path, message: str, date: str) -> str:
    """Commit everything (except build output) on `date` (YYYY-MM-DD); returns the commit id."""
    if not (root / ".git").exists():
        git(root, "init", "-q", "-b", "main")
        (root / ".gitignore").write_text("site/\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message, date=date)
    return git(root, "rev-parse", "HEAD").strip()
