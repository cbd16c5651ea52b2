"""Links between the language versions of a page: hreflang alternates, the sitemap's xhtml:link, the switch."""

from __future__ import annotations

from ..render.urls import page_url
from . import strings

META_ALTERNATES = "loket_alternates"  # [{lang, url (site-relative), href (absolute or None)}], incl. x-default
META_SWITCH = "loket_switch"  # {lang, url, label, title}: the visible link to the other language


def page_links(pair: dict[str, str], current_src: str, *, site_url: str | None, directory_urls: bool = True) -> dict:
    """Page metadata for one page of a translated pair: every version (itself included) and the switch.

    hreflang needs absolute addresses; without `site_url` they stay relative (the theme makes them so).
    """
    base = (site_url.rstrip("/") + "/") if site_url else None

    def link(lang: str, src: str) -> dict:
        url = page_url(src, directory_urls)
        return {"lang": lang, "url": url, "href": base + url if base else None}

    versions = [link(lang, src) for lang, src in sorted(pair.items())]
    versions.append(link("x-default", pair[strings.DEFAULT_LANGUAGE]))
    other_lang, other_src = next((lang, src) for lang, src in sorted(pair.items()) if src != current_src)
    switch = {**link(other_lang, other_src), **strings.SWITCH[other_lang]}
    return {META_ALTERNATES: versions, META_SWITCH: switch}
