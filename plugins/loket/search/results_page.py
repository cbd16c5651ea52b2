"""The results page (`/zoeken/` for Dutch): a form, a status line screen readers announce,
the list `#zoekresultaten` the script fills, and a way on without JavaScript (the A–Z list)."""

from __future__ import annotations

import json
from html import escape
from importlib import resources

from ..render.urls import file_url, relative_url
from .language import Language

SCRIPT_PATH = "assets/zoeken.js"
AZ_SRC = "diensten/index.md"


def script_source() -> str:
    return resources.files("loket.search").joinpath("static", "zoeken.js").read_text(encoding="utf-8")


def _dir_url(from_src: str, target_dir: str, directory_urls: bool) -> str:
    """A relative link from a page to a folder of the site (the index), with a trailing slash."""
    return file_url(from_src, f"{target_dir}/x", directory_urls).removesuffix("x")


def results_page(language: Language, *, directory_urls: bool = True, az_src: str | None = None) -> str:
    """The Markdown (raw HTML) of one language's results page; every text comes from `language.strings`."""
    t = {key: escape(value) for key, value in language.strings.items()}
    src = language.results_src
    here = relative_url(src, src, directory_urls)
    az = relative_url(src, az_src or language.az_src, directory_urls)
    index = _dir_url(src, language.index_dir, directory_urls)
    script = file_url(src, SCRIPT_PATH, directory_urls)
    root = _dir_url(src, ".", directory_urls) or "./"
    # JSON inside <script>: '<' escaped, so no text can end the element.
    strings = json.dumps(dict(language.strings), ensure_ascii=False).replace("<", "\\u003c")
    # A language with its own folder gets its own interface language (overrides/partials/language.html).
    lang = f"loket_lang: {language.code}\n" if language.pages_prefix else ""
    return f"""---
title: {t['title']}
{lang}robots: noindex
feed: false
search:
  exclude: true
hide:
  - navigation
  - toc
---

<h1>{t['title']}</h1>

<form class="loket-zoeken" role="search" action="{here}" method="get">
<label for="loket-zoekopdracht">{t['label']}</label>
<div class="loket-zoeken__rij">
<input id="loket-zoekopdracht" name="q" type="search" autocomplete="off" placeholder="{t['placeholder']}">
<button type="submit" class="md-button md-button--primary">{t['button']}</button>
</div>
</form>

<div id="loket-zoeken" class="loket-zoekuitslag" lang="{language.code}" data-index="{index}" data-root="{root}" data-az="{az}" data-search-exclude>
<p id="zoekstatus" class="loket-zoekstatus" role="status" aria-live="polite">{t['intro']}</p>
<div id="zoeksuggesties" class="loket-zoeksuggesties"></div>
<ol id="zoekresultaten" class="loket-zoekresultaten"></ol>
<noscript><p>{t['noscript']}: <a href="{az}">{t['az']}</a>.</p></noscript>
</div>

<script type="application/json" id="loket-zoeken-teksten">{strings}</script>
<script src="{script}"></script>
"""
