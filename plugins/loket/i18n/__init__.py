"""Languages other than Dutch: English pages for EU visitors (Single Digital Gateway).

Entry point: `english_pages(catalogue, options)` → the English pages and which
pages are translations of each other (`alternates`), computed without MkDocs.
`checks.py` validates the `en:` blocks; `strings.py` holds interface text per
language; `alternates.py` turns page pairs into hreflang links and the switch.
"""

from .pages import EnglishSite, english_pages, english_service_src

__all__ = ["EnglishSite", "english_pages", "english_service_src"]
