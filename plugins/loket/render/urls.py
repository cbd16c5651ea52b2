"""Where a page's source ends up and how pages link to each other.

Links inside pre-rendered HTML blocks are not rewritten by MkDocs, so they are
computed here with the same rules MkDocs uses for `use_directory_urls`.
"""

from __future__ import annotations

import posixpath


def page_url(src: str, directory_urls: bool = True) -> str:
    """'diensten/paspoort.md' → 'diensten/paspoort/' (or 'diensten/paspoort.html')."""
    stem = src[: -len(".md")] if src.endswith(".md") else src
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for two paths under the same root, without asking the OS for the working directory.

    (relpath calls getcwd twice; this runs for every link of every generated page.)
    """
    target = [part for part in path.split("/") if part and part != "."]
    base = [part for part in start.split("/") if part and part != "."]
    common = 0
    for a, b in zip(target, base):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:]) or "."


def relative_url(from_src: str, to_src: str, directory_urls: bool = True, anchor: str = "") -> str:
    """A relative link from the page built from `from_src` to the one built from `to_src`."""
    here = page_url(from_src, directory_urls)
    there = page_url(to_src, directory_urls)
    here_dir = here if here.endswith("/") or here == "" else posixpath.dirname(here)
    rel = _relpath(there or ".", here_dir or ".")
    if directory_urls and (there.endswith("/") or there == ""):
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def file_url(from_src: str, path: str, directory_urls: bool) -> str:
    """A link from a page to a plain file at the site root, such as feed.xml."""
    here = page_url(from_src, directory_urls)
    here_dir = here if here.endswith("/") or not here else posixpath.dirname(here)
    return posixpath.relpath(path, here_dir or ".")
