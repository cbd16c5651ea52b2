"""Languages other than Dutch: English pages for EU visitors (Single Digital Gateway).

Entry point: `english_pages(catalogue, options)` → the English pages and which
pages are translations of each other (`alternates`), computed without MkDocs.
`checks.py` validates the `en:` blocks; `strings.py` holds interface text per
language; `alternates.py` turns page pairs into hreflang links and the switch.
"""

# Imported when first used: `loket validate` needs only checks.py, and the pages bring Jinja and
# markdown-it with them.
_PAGES = ("EnglishSite", "english_pages", "english_service_src")


def __getattr__(name: str):
    if name in _PAGES:
        from . import pages

        return getattr(pages, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["EnglishSite", "english_pages", "english_service_src"]
