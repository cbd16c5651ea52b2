"""The public and internal views of a catalogue.

This is the one place where internal data is dropped: the public view holds no
`intern:` values, no import provenance (`bron:`), no roadmap and no internal goals, so nothing downstream
(pages, search index, exports, feeds) can leak them, whatever it renders.
"""

from __future__ import annotations

from dataclasses import replace

from .model import Catalogue

PUBLIC = "public"
INTERNAL = "internal"
AUDIENCES = (PUBLIC, INTERNAL)


def public_view(catalogue: Catalogue) -> Catalogue:
    return catalogue.with_changes(
        services={sid: replace(s, intern=None, bron=None) for sid, s in catalogue.services.items()},
        roadmap={},
        goals={gid: g for gid, g in catalogue.goals.items() if not g.intern},
    )


def view_for(catalogue: Catalogue, audience: str) -> Catalogue:
    if audience == INTERNAL:
        return catalogue
    if audience == PUBLIC:
        return public_view(catalogue)
    raise ValueError(f"unknown audience {audience!r}")
