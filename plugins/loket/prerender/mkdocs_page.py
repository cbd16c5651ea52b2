"""MkDocs side of the fast path: generated pages get their content and TOC without Python-Markdown.

MkDocs 1.6 (`commands/build.py: _populate_page`) reads a page's source, runs the
`page_markdown` events and then calls `page.render(config, files)`, which sets
`content`, `toc`, `present_anchor_ids` and `links_to_anchors`. For the pages
loket generated, `install` replaces that one call on the Page object: the
headings are rendered one by one with a Markdown instance built from the
site's own `markdown_extensions` (so ids, `permalink`, `permalink_title`,
attr_list and toc_depth come out exactly as configured), ids are made unique
over the page the way the toc extension does, and the raw HTML blocks are
copied through. Pages the splitter does not recognise, and every hand-written
page, keep MkDocs' own render. Everything after render (the `page_content`
event, the search plugin, the theme) sees the same `content` and `toc`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import partial

import markdown
from markdown.extensions.toc import nest_toc_tokens, unique
from markdown.treeprocessors import Treeprocessor
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .blocks import Heading, split_generated

# Extensions known to leave raw HTML blocks alone (they act on Markdown text, headings or the tree).
# With any other extension configured, every page keeps MkDocs' own render.
SAFE_EXTENSIONS = frozenset({
    "toc", "tables", "fenced_code", "attr_list", "admonition", "def_list", "abbr", "footnotes", "md_in_html",
    "sane_lists", "smarty", "codehilite", "meta", "nl2br", "wikilinks",
    "pymdownx.details", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.superfences", "pymdownx.tabbed",
    "pymdownx.emoji", "pymdownx.mark", "pymdownx.tilde", "pymdownx.caret", "pymdownx.keys", "pymdownx.tasklist",
    "pymdownx.betterem", "pymdownx.smartsymbols", "pymdownx.magiclink", "pymdownx.saneheaders",
    "material.extensions.emoji",
})
_ANCHOR_ATTR = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ID_OR_NAME = re.compile(r"""(?:^|\s)(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


def extension_name(ext) -> str:
    name = ext if isinstance(ext, str) else type(ext).__module__
    name = name.split(":")[0]
    for prefix in ("markdown.extensions.",):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


@dataclass(frozen=True)
class RenderedHeading:
    html: str
    id: str
    explicit_id: bool  # set by attr_list ({ #id }): the toc extension keeps it as it is
    token: dict | None  # the toc extension's token, None when outside toc_depth


class _IdBeforeToc(Treeprocessor):
    """Notes whether the heading already has an id before the toc extension (priority 5) gives it one."""

    explicit = False

    def run(self, root):
        self.explicit = any("id" in el.attrib for el in root.iter() if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6"))


@dataclass
class HeadingRenderer:
    """Headings rendered with the site's Markdown configuration, once per distinct heading line."""

    extensions: list
    configs: dict
    _cache: dict[str, RenderedHeading | None] = field(default_factory=dict)

    def __post_init__(self):
        self.md = markdown.Markdown(extensions=self.extensions, extension_configs=self.configs)
        self.spy = _IdBeforeToc(self.md)
        self.md.treeprocessors.register(self.spy, "loket_id_before_toc", 6)  # attr_list is 8, toc 5
        self.block_level = frozenset(self.md.block_level_elements)

    def render(self, line: str) -> RenderedHeading | None:
        try:
            return self._cache[line]
        except KeyError:
            pass
        self.md.reset()
        out = self.md.convert(line)
        tokens = getattr(self.md, "toc_tokens", [])
        rendered = None
        match = re.fullmatch(r'<h[2-6]\b[^>]*?\sid="([^"]*)"[^>]*>.*</h[2-6]>', out, re.DOTALL)
        if match and out.count("<h") == 1 and len(tokens) <= 1:
            rendered = RenderedHeading(out, html.unescape(match.group(1)), self.spy.explicit,
                                       tokens[0] if tokens else None)
        self._cache[line] = rendered
        return rendered


@dataclass
class FastPath:
    """One build's fast path: decides per page, counts what it did."""

    extensions: list
    configs: dict
    fast: int = 0
    full: list[str] = field(default_factory=list)
    _headings: HeadingRenderer | None = None

    @property
    def available(self) -> bool:
        return all(extension_name(ext) in SAFE_EXTENSIONS for ext in self.extensions)

    def install(self, page: Page) -> None:
        """Give one generated page the fast render (MkDocs calls it right after the page_markdown events)."""
        page.render = partial(self._render, page)

    def _render(self, page: Page, config, files) -> None:
        if not self._render_fast(page):
            self.full.append(page.file.src_uri)
            Page.render(page, config, files)

    def _render_fast(self, page: Page) -> bool:
        if self._headings is None:
            self._headings = HeadingRenderer(self.extensions, self.configs)
        body = split_generated(page.markdown or "", self._headings.block_level)
        if body is None:
            return False
        headings = [self._headings.render(b.line) for b in body.blocks if isinstance(b, Heading)]
        if any(h is None for h in headings):
            return False
        # The toc extension keeps explicit ids and makes the others unique over the page, in page order.
        used = {h.id for h in headings if h.explicit_id}
        counters: dict[str, int] = {}
        parts, tokens, k = [], [], 0
        for block in body.blocks:
            if not isinstance(block, Heading):
                parts.append(block.html + "\n")  # Python-Markdown keeps the blank line after a raw block
                continue
            heading = headings[k]
            k += 1
            text, token = heading.html, heading.token
            if not heading.explicit_id:
                new_id = unique(heading.id, used, counters)
                if new_id != heading.id:
                    old = html.escape(heading.id)
                    text = text.replace(f'id="{old}"', f'id="{html.escape(new_id)}"', 1).replace(
                        f'href="#{old}"', f'href="#{html.escape(new_id)}"')
                    token = token and {**token, "id": new_id}
            parts.append(text)
            if token is not None:
                tokens.append({**token})
        page.content = "\n".join(parts).strip()
        page.toc = get_toc(nest_toc_tokens(tokens))
        page._title_from_render = None  # no level-1 Markdown heading (split_generated refuses those)
        page.present_anchor_ids = anchor_ids(page.content)
        page.links_to_anchors = {}  # links in raw HTML are not MkDocs' to check (tests/quality/test_links.py does)
        # The Markdown is spent once the HTML exists; MkDocs would hold it (in the page and its file) to the
        # end of the build, next to the HTML: about a fifth of the peak memory. "" rather than None, which
        # MkDocs reads as "not read yet".
        page.markdown = ""
        page.file.content_string = ""
        self.fast += 1
        return True


def anchor_ids(content: str) -> set[str]:
    """Every id (and <a name>) in the HTML: what MkDocs collects from the tree and the raw HTML for anchor checks."""
    found = set()
    for tag in _ANCHOR_ATTR.finditer(content):
        attrs = tag.group(2)
        if "id" not in attrs and "name" not in attrs:
            continue
        for attr in _ID_OR_NAME.finditer(attrs):
            if attr.group(1).lower() == "name" and tag.group(1).lower() != "a":
                continue
            value = next(v for v in attr.groups()[1:] if v is not None)
            found.add(html.unescape(value))
    return found
