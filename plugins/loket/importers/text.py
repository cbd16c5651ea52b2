"""Feed text to what a service file may hold: plain summaries and safe Markdown, https links.

HTML from a feed is never passed through: BeautifulSoup reads it (Python's own
html.parser, no network, no scripts), active and embedded content is removed,
links are repaired or dropped, and markdownify writes Markdown. What is left that
looks like a tag is escaped, so neither the YAML nor a page carries HTML from the feed.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString
from markdownify import MarkdownConverter

SUMMARY_MAX = 300
# Elements whose content is not text for a reader: removed with everything in them.
_DROP = ("script", "style", "iframe", "object", "embed", "form", "input", "button", "select", "textarea", "noscript",
         "svg", "math", "video", "audio", "canvas", "template", "head", "title", "meta", "link", "base")
_BLOCKS = ("p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td",
           "th", "blockquote", "pre", "section", "article", "header", "footer", "hr", "address", "figure", "figcaption")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]{1,31});")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_TAG_TEXT = re.compile(r"<[A-Za-z/!?][^>]*>?")
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


@dataclass
class Converted:
    markdown: str
    plain: str
    had_html: bool = False
    removed: list[str] = field(default_factory=list)  # tags whose content was dropped
    http_links: int = 0  # links moved from http to https
    dropped_links: int = 0  # links that were not web links (kept as text)


class _Converter(MarkdownConverter):
    """markdownify with images as their alt text (a page may not load other hosts' images)."""

    def convert_img(self, el, text, parent_tags):
        return el.attrs.get("alt", "") or ""


def decode_entities(text: str) -> str:
    """Entities decoded until none is left: feeds hold '&amp;eacute;' (escaped twice) next to '&eacute;'."""
    for _ in range(3):
        if not _ENTITY.search(text):
            break
        text = html.unescape(text)
    return text.replace("\xa0", " ").replace("\u200b", "")


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def repair_url(url: str, base: str = "") -> tuple[str | None, set[str]]:
    """A usable https URL and what was repaired ('http', 'relative', 'typo'), or None when it is no web link."""
    repairs: set[str] = set()
    url = url.strip().replace(" ", "%20")  # the XML or HTML parser has decoded its entities already
    if not url:
        return None, repairs
    lowered = url.lower()
    if lowered.startswith("hhttps://"):  # a real typo in one feed
        url, lowered = url[1:], lowered[1:]
        repairs.add("typo")
    if lowered.startswith("//"):
        url, lowered = "https:" + url, "https:" + lowered
    if not re.match(r"^[a-z][a-z0-9+.-]*:", lowered):
        if not base or not (url.startswith("/") or re.match(r"^[\w.-]+(/|$)", url)):
            return None, repairs
        if not url.startswith("/") and re.match(r"^www\.", lowered):
            url = "https://" + url
        else:
            url = urllib.parse.urljoin(base, url)
        lowered = url.lower()
        repairs.add("relative")
    if lowered.startswith("http://"):
        url = "https://" + url[len("http://"):]
        repairs.add("http")
    elif not lowered.startswith("https://"):
        return None, repairs
    parts = urllib.parse.urlsplit(url)
    if not parts.netloc or " " in parts.netloc or "." not in parts.netloc:
        return None, repairs
    # The rest stays as the feed wrote it, '//' in the path too: a server may route it differently
    # without the extra slash, so "repairing" it could break a working link.
    return url, repairs


def html_to_markdown(source: str, base_url: str = "") -> Converted:
    """Safe Markdown and plain text of an HTML fragment (or of plain text with entities)."""
    had_html = bool(re.search(r"<[A-Za-z/!]", source))
    soup = BeautifulSoup(source, "html.parser")
    result = Converted("", "", had_html)
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP):
        result.removed.append(tag.name)
        tag.decompose()
    for link in soup.find_all("a"):
        href = link.get("href")
        fixed, repairs = repair_url(href, base_url) if href else (None, set())
        if fixed is None:
            if href and not href.startswith("#"):
                result.dropped_links += 1
            link.unwrap()
            continue
        result.http_links += "http" in repairs
        link.attrs = {"href": fixed}
    for text_node in soup.find_all(string=True):
        if isinstance(text_node, NavigableString) and _ENTITY.search(text_node):
            text_node.replace_with(decode_entities(str(text_node)))
    markdown = _Converter(heading_style="ATX", bullets="-", strong_em_symbol="*", escape_misc=False,
                          escape_underscores=False, escape_asterisks=True).convert_soup(soup)
    result.markdown = tidy_markdown(decode_entities(markdown))
    # Words end at block boundaries, not at inline tags ('af<b>val</b>pas' is one word).
    for block in soup.find_all(_BLOCKS):
        block.insert_before(" ")
        block.insert_after(" ")
    # Text that only looked like a tag once its entities were decoded ('&lt;script&gt;') is no summary text.
    result.plain = normalise_space(_TAG_TEXT.sub(" ", decode_entities(soup.get_text(""))))
    return result


def tidy_markdown(text: str) -> str:
    """No tabs, no trailing spaces, at most one empty line, and nothing a renderer could take for a tag."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line)
    text = "\n".join(out).strip()
    return _TAG_LIKE.sub(r"\\<", text)


def cut_summary(text: str, limit: int = SUMMARY_MAX) -> tuple[str, bool]:
    """At most `limit` characters, cut after the last whole sentence that fits (else at a word, with '…')."""
    text = normalise_space(text)
    if len(text) <= limit:
        return text, False
    window = text[:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends and ends[-1] >= 40:
        return window[: ends[-1]].strip(), True
    cut = window[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–")
    return cut + "…", True
