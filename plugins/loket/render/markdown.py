"""Editor-written Markdown (beschrijving, introductie) to safe HTML.

markdown-it-py with raw HTML switched off: tags typed into YAML come out as
text, and its link validation refuses javascript:, vbscript:, file: and data:
URLs. The HTML is embedded as a block, so the site engine does not parse the
editors' Markdown a second time with its own (HTML-permitting) rules.
"""

from __future__ import annotations

from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

SAFE_SCHEMES = ("https:", "http:", "mailto:", "tel:")


def _validate_link(url: str) -> bool:
    lowered = url.strip().lower()
    if ":" not in lowered.split("/")[0]:
        return True  # relative link or #anchor
    return lowered.startswith(SAFE_SCHEMES)


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.enable("strikethrough")
    md.validateLink = _validate_link
    return md


def _shift_headings(html: str) -> str:
    # The page title is the only h1; an editor's "# Kop" becomes a subsection.
    for level in range(5, 0, -1):
        html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(f"</h{level}>", f"</h{level + 1}>")
    return html


# `mkdocs serve` renders every page again after each edit; texts that did not change come from here.
@lru_cache(maxsize=50_000)
def markdown_to_html(text: str) -> Markup:
    if not text or not text.strip():
        return Markup("")
    html = _parser().render(text)
    html = _shift_headings(html)
    # Wide tables scroll instead of breaking the layout on a phone.
    html = html.replace("<table>", '<div class="loket-tabel" tabindex="0"><table>').replace("</table>", "</table></div>")
    return Markup(html.strip())
