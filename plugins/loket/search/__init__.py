"""Site search: a static, sharded index built here and searched in the browser.

Entry points:

- `build_index(documents, language, synonyms)` → {path: JSON text}: the index files for one
  language (index.py); no MkDocs, no catalogue model needed.
- `results_page(language, ...)` → the Markdown of the results page (results_page.py).
- `static/zoeken.js`: the browser side; it reads the language from the index it loads.
- `SiteSearch` (site_search.py): what the MkDocs plugin feeds: catalogue services from the
  model, hand-written pages from their HTML.
"""

from .index import Document, IndexBuilder, build_index, normalise, read_index, words
from .language import DUTCH, ENGLISH, LANGUAGES, Language
from .synonyms import Synonyms

__all__ = ["DUTCH", "ENGLISH", "LANGUAGES", "Document", "IndexBuilder", "Language", "Synonyms", "build_index", "normalise", "read_index",
           "words"]
