"""Dates and change history from git, never from the clock, so that two builds of one commit are identical.

The log is read once per build (`git log --name-status`), not once per page:
per-file `git log` calls would make the build grow with the catalogue. In a
repository of several organisations it is read per scope, each when first asked
for: one log of everything outside `organisaties/`, and one per organisation
directory. A build of one organisation so reads the shared history and its own,
never the other organisations' (in a national repository of 339 those are
nearly all of the log). A file moved from one scope to another starts a new
history in its new scope.

A shallow clone or a directory without git degrades to "no history" with a
warning from the caller, never an exception.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .organisations import ORGANISATIONS_DIR

_RECORD = "\x1e"
_FIELD = "\x1f"
SHARED = ""  # the scope of every path outside organisaties/<id>/


def scope_of(path: str) -> str:
    """The log a path's commits are read from: its organisation's directory, or SHARED."""
    parts = path.split("/", 2)
    return f"{parts[0]}/{parts[1]}" if len(parts) == 3 and parts[0] == ORGANISATIONS_DIR else SHARED


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                                encoding="utf-8", errors="replace", check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


@dataclass(frozen=True)
class Change:
    """One commit that touched a file."""

    sha: str
    date: dt.date
    subject: str
    status: str  # A (added), M (modified), R (renamed into this path), D (deleted)
    old_path: str | None = None


@dataclass(frozen=True)
class Tag:
    name: str
    sha: str
    date: dt.date


@dataclass
class GitHistory:
    root: Path
    available: bool = False
    shallow: bool = False
    head: str | None = None
    head_date: dt.date | None = None
    # `root` relative to the top of the git repository ("" or ending in "/"): paths in git's output start with it.
    prefix: str = ""
    _scopes: dict[str, dict[str, list[Change]]] = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, root: Path) -> "GitHistory":
        root = Path(root)
        history = cls(root)
        top = _git(root, "rev-parse", "--show-toplevel")
        head = _git(root, "log", "-1", "--format=%H%x1f%cs", "HEAD")
        if not top or not head:
            return history
        history.available = True
        history.head, day = head.strip().split(_FIELD)
        history.head_date = dt.date.fromisoformat(day)
        history.shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
        prefix = Path(root).resolve().relative_to(Path(top.strip()).resolve()).as_posix()
        history.prefix = "" if prefix == "." else prefix + "/"
        return history

    def _changes(self, scope: str) -> dict[str, list[Change]]:
        """Every path's commits in one scope, from one `git log`; read when first asked for, so that
        `loket validate` and `loket diff`, which need only HEAD's date and old file contents, never read it."""
        if scope in self._scopes:
            return self._scopes[scope]
        changes: dict[str, list[Change]] = self._scopes.setdefault(scope, {})
        if not self.available:
            return changes
        prefix = self.prefix
        paths = [scope] if scope != SHARED else [".", f":(exclude){ORGANISATIONS_DIR}"]
        log = _git(self.root, "log", "--no-merges", "-M", "--name-status", f"--format={_RECORD}%H{_FIELD}%cs{_FIELD}%s",
                   "HEAD", "--", *paths)
        for record in (log or "").split(_RECORD)[1:]:
            header, _, body = record.partition("\n")
            sha, day, subject = header.split(_FIELD, 2)
            date = dt.date.fromisoformat(day)
            for line in body.splitlines():
                parts = line.split("\t")
                if len(parts) < 2:
                    continue
                status = parts[0][:1]
                old = None
                if status in ("R", "C") and len(parts) == 3:
                    old, path = parts[1], parts[2]
                else:
                    path = parts[1]
                if not path.startswith(prefix):
                    continue
                rel = path[len(prefix):]
                rel_old = old[len(prefix):] if old and old.startswith(prefix) else old
                changes.setdefault(rel, []).append(Change(sha, date, subject, status, rel_old))
        return changes

    def changes(self, path: str) -> list[Change]:
        """Commits that touched `path` (relative to root), newest first, following renames."""
        out: list[Change] = []
        seen: set[str] = set()
        current: str | None = path
        while current and current not in seen:
            seen.add(current)
            found = self._changes(scope_of(current)).get(current, [])
            out.extend(found)
            renames = [c for c in found if c.status == "R" and c.old_path]
            current = renames[-1].old_path if renames else None
        return sorted(out, key=lambda c: c.date, reverse=True)

    def last_changed(self, path: str) -> dt.date | None:
        found = self.changes(path)
        return found[0].date if found else None

    def first_added(self, path: str) -> dt.date | None:
        found = self.changes(path)
        return found[-1].date if found else None

    def renames(self, scope: str = SHARED) -> dict[str, str]:
        """old path → new path for every rename in one scope's history."""
        return {c.old_path: path for path, changes in self._changes(scope).items() for c in changes
                if c.status == "R" and c.old_path}

    def deleted(self, scope: str = SHARED) -> dict[str, Change]:
        """Paths of one scope deleted at some point and not present now, with the deleting commit."""
        out = {}
        for path, changes in self._changes(scope).items():
            if changes and changes[0].status == "D":
                out[path] = changes[0]
        return out

    def tags(self, pattern: str = "*") -> list[Tag]:
        """Tags matching a glob, oldest first, with their commit date."""
        if not self.available:
            return []
        text = _git(self.root, "for-each-ref", f"refs/tags/{pattern}", f"--format=%(refname:short){_FIELD}%(*objectname)%(objectname){_FIELD}%(creatordate:short)")
        tags = []
        for line in (text or "").splitlines():
            name, sha, day = line.split(_FIELD)
            tags.append(Tag(name, sha[:40], dt.date.fromisoformat(day)))
        return sorted(tags, key=lambda t: (t.date, t.name))

    def show(self, rev: str, path: str) -> str | None:
        """The text of `path` (relative to root) at revision `rev`, or None."""
        if not self.available:
            return None
        return _git(self.root, "show", f"{rev}:{self.prefix}{path}")

    def files_at(self, rev: str, directory: str) -> list[str]:
        """Paths (relative to root) under `directory` at revision `rev`."""
        if not self.available:
            return []
        text = _git(self.root, "ls-tree", "-r", "--name-only", rev, "--", f"{self.prefix}{directory}")
        return [line[len(self.prefix):] for line in (text or "").splitlines()]


@cache
def read_history(root: Path) -> GitHistory:
    return GitHistory.read(Path(root))


def reference_date(root: Path) -> dt.date:
    """The day the site is 'as of': SOURCE_DATE_EPOCH, else the HEAD commit's date, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    history = read_history(Path(root))
    if history.head_date:
        return history.head_date
    return dt.date.today()
