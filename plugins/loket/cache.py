"""Parsed, schema-checked catalogue files kept between the rebuilds of one `mkdocs serve` process.

After an editor saves one file, every other file still has the same bytes, so
its Document and problems are reused instead of parsed and validated again.
The key is the file's content hash, not its modification time: a checkout or
an editor that rewrites unchanged files does not invalidate anything, and a
change is never missed because a clock was coarse.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

from .load import Document, display_path, load_file, load_text
from .problems import Problem

Parsed = tuple[Document | None, list[Problem]]


class ParseCache:
    """One entry per (file, schema): the sha256 of the bytes it was made from, and the result."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[bytes, Parsed]] = {}
        self.hits = 0
        self.misses = 0

    def load(self, path: Path, root: Path, schema_name: str, check: Callable[[Parsed, str], Parsed]) -> Parsed:
        """`check(load_text(bytes), schema_name)` for this file, from the cache when its bytes are unchanged."""
        try:
            raw = path.read_bytes()
        except OSError:
            return load_file(path, root)  # reports the unreadable file; nothing to keep
        display = display_path(path, root)
        key = (display, schema_name)
        digest = hashlib.sha256(raw).digest()
        entry = self._entries.get(key)
        if entry is not None and entry[0] == digest:
            self.hits += 1
            return entry[1]
        self.misses += 1
        parsed = check(load_text(raw, display, marks=False), schema_name)
        self._entries[key] = (digest, parsed)
        return parsed

    def __len__(self) -> int:
        return len(self._entries)
