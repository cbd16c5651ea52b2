"""A readable diff of two texts as HTML: paragraphs matched first, then words within changed paragraphs.

Line diffs are unreadable for prose (one changed word marks a whole paragraph);
`difflib` on paragraphs and then on words shows a council member exactly what
changed. All text is escaped; only <ins>, <del> and <p> come from here.
"""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher

from markupsafe import Markup

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
# Below this similarity two paragraphs are shown as one removed and one added, not as a word soup.
PAIR_RATIO = 0.4


_ITEM = re.compile(r"^\s*([-*+]|\d+[.)]|\|)\s")


def paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines; lists and tables one line per item, so one new item is one change."""
    out = []
    for block in re.split(r"\n[ \t]*\n", text.strip()):
        lines = block.strip("\n").split("\n")
        if lines[0].strip() and all(_ITEM.match(line) or line.startswith(("  ", "\t", "|")) for line in lines):
            out += [line for line in lines if line.strip()]
        elif block.strip():
            out.append(block.strip("\n"))
    return out


def _words(old: str, new: str) -> str:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(html.escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{html.escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{html.escape(''.join(b[j1:j2]))}</ins>")
    return "".join(out)


_HEADING = re.compile(r"^#{1,6}[ \t]+")


def _block(kind: str, inner: str, heading: bool = False) -> str:
    extra = " loket-diff__kop" if heading else ""
    return f'<p class="loket-diff__{kind}{extra}">{inner}</p>'


def _heading(paragraph: str) -> tuple[str, bool]:
    """A Markdown heading is shown as a bold line without its '#' marks."""
    match = _HEADING.match(paragraph)
    return (paragraph[match.end():], True) if match and "\n" not in paragraph else (paragraph, False)


def diff_html(old: str, new: str) -> Markup:
    """Paragraphs in the new order: unchanged ones plain, changed ones with <del>/<ins> per word."""
    a, b = paragraphs(old), paragraphs(new)
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += [_block("gelijk", html.escape(text), heading) for text, heading in map(_heading, a[i1:i2])]
            continue
        removed, added = a[i1:i2], b[j1:j2]
        for k in range(max(len(removed), len(added))):
            before, was_heading = _heading(removed[k]) if k < len(removed) else (None, False)
            after, is_heading = _heading(added[k]) if k < len(added) else (None, False)
            if before is not None and after is not None and SequenceMatcher(None, before, after, autojunk=False).ratio() >= PAIR_RATIO:
                out.append(_block("gewijzigd", _words(before, after), is_heading))
                continue
            if before is not None:
                out.append(_block("weg", f"<del>{html.escape(before)}</del>", was_heading))
            if after is not None:
                out.append(_block("nieuw", f"<ins>{html.escape(after)}</ins>", is_heading))
    return Markup("\n".join(out))
