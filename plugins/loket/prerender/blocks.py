"""A generated page's Markdown cut into headings and raw HTML blocks, as Python-Markdown cuts it.

Python-Markdown (3.x, `markdown.htmlparser.HTMLExtractor`) takes a block-level
start tag at the start of a line as the start of a raw HTML block that runs,
verbatim, until the end tag that empties its tag stack (end tags pop through
unclosed tags such as `<br>`). Everything in such a block is copied to the
output unchanged. This module recognises the pages that consist only of such
blocks, each followed by a blank line, and of one-line ATX headings; for any
other construct (Markdown paragraphs, lists, comments, script or style
elements, tabs, indented code…) it answers None so the page keeps the
engine's full Markdown rendering. Being strict here is what makes the fast
path safe: a page is either provably the same or not taken.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

# A start or end tag as HTMLParser reads it (names start with a letter; quoted values may hold '>').
_TAG = re.compile(r"""<(/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_BLANK_AFTER = re.compile(r"[ ]*\n[ ]*(?:\n|$)")
_HEADING_LINE = re.compile(r"#{1,6}[^\n]*")
# Things whose handling in Python-Markdown is more than "copy through": comments, processing
# instructions, script and style (their content is not tags), tabs (expanded to spaces), the
# placeholder control characters, lines of only spaces (emptied), entity references without their
# semicolon (HTMLParser adds one), fenced code and md_in_html's markdown attribute.
_NOT_VERBATIM = re.compile(
    r"<!|<\?|<(?:script|style)\b|\t|\r|\x02|\x03|\n +(?:\n|$)|&#?\w[-.\w]*(?![-.\w;])"
    r"|```|~~~|\smarkdown=",
    re.IGNORECASE)
_SELF_CLOSING_BLOCK = {"hr"}


@dataclass(frozen=True)
class Heading:
    """One ATX heading line, as written (`## Kosten { data-search-exclude }`)."""

    line: str
    level: int


@dataclass(frozen=True)
class RawHtml:
    html: str


@dataclass(frozen=True)
class GeneratedBody:
    blocks: tuple[Heading | RawHtml, ...]


def split_generated(markdown: str, block_level: Collection[str]) -> GeneratedBody | None:
    """The page body (front matter already removed) as headings and raw HTML blocks, or None."""
    if _NOT_VERBATIM.search(markdown):
        return None
    text = markdown
    end = len(text)
    pos = 0
    blocks: list[Heading | RawHtml] = []
    while True:
        # Skip blank lines.
        while pos < end:
            newline = text.find("\n", pos)
            line_end = end if newline == -1 else newline
            if text[pos:line_end].strip(" "):
                break
            pos = line_end + 1
        if pos >= end:
            break
        char = text[pos]
        if char == "#":
            heading = _HEADING_LINE.match(text, pos)
            line = heading.group(0)
            level = len(line) - len(line.lstrip("#"))
            # "#word" is a heading to Python-Markdown too, but a level-1 heading may become the page
            # title; keep those pages (and headings glued to the next line) on the full path.
            if level == 1 or not _BLANK_AFTER.match(text, heading.end()) and heading.end() != end:
                return None
            blocks.append(Heading(line, level))
            pos = heading.end()
            continue
        if char != "<":
            return None  # Markdown text, indented code, a list…
        block_end = _raw_block_end(text, pos, block_level)
        if block_end is None:
            return None
        blocks.append(RawHtml(text[pos:block_end]))
        pos = block_end
    return GeneratedBody(tuple(blocks))


def _raw_block_end(text: str, start: int, block_level: Collection[str]) -> int | None:
    """Where the raw block starting at `start` ends (after its closing tag), if it is one and a blank line follows."""
    first = _TAG.match(text, start)
    if first is None or first.group(1) or first.group(2).lower() not in block_level:
        return None
    if first.group(2).lower() in _SELF_CLOSING_BLOCK or first.group(3).endswith("/"):
        return None
    stack: list[str] = []
    for tag in _TAG.finditer(text, start):
        name = tag.group(2).lower()
        if not tag.group(1):
            if not tag.group(3).endswith("/") and name not in _SELF_CLOSING_BLOCK:
                stack.append(name)
            continue
        if name in stack:
            while stack.pop() != name:
                pass
        if not stack:
            after = tag.end()
            if after == len(text) or _BLANK_AFTER.match(text, after):
                return after
            return None  # content follows on the same or the next line: Python-Markdown's "tail" rules
    return None  # never closed
