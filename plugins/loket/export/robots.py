"""robots.txt: the public site welcomes crawlers and points them at the sitemap; the internal site turns them all away."""

from __future__ import annotations

from ..audience import PUBLIC

PATH = "robots.txt"


def robots_txt(audience: str, base_url: str | None) -> str:
    if audience != PUBLIC:
        return "User-agent: *\nDisallow: /\n"
    text = "User-agent: *\nAllow: /\n"
    if base_url:
        text += f"\nSitemap: {base_url}sitemap.xml\n"
    return text
