"""Site search: a static, sharded index built here and searched in the browser.

Entry points:

- `build_index(documents, language, synonyms)` → {path: JSON text}: the index files for one
  language (index.py); no MkDocs, no catalogue model needed.
- `results_page(language, ...)` → the Markdown of the results page (results_page.py).
- `static/zoeken.js`: the browser side; it reads the language from the index it loads.
- `SiteSearch` (site_search.py): what the MkDocs plugin feeds: catalogue services from the
  model, hand-written pages from their HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .language import DUTCH, ENGLISH, LANGUAGES, Language
from .synonyms import Synonyms

if TYPE_CHECKING:
    from .index import Document, IndexBuilder, build_index, normalise, read_index, words

_FROM_INDEX = {"Document", "IndexBuilder", "build_index", "normalise", "read_index", "words"}


def __getattr__(name: str):
    # The model needs only Synonyms; the index (and its stemmer) loads when a build asks for it,
    # which keeps it out of `loket validate`.
    if name in _FROM_INDEX:
        from . import index

        return getattr(index, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["DUTCH", "ENGLISH", "LANGUAGES", "Document", "IndexBuilder", "Language", "Synonyms", "build_index", "normalise", "read_index",
           "words"]
