"""Privacy: the public site contacts no other host (no web fonts, CDNs or analytics) and sets
no cookies — checked in Chromium on every page type and by reading the built files."""

from __future__ import annotations

import re

import yaml
from .qualitygates import REPO, WCAG_TAGS, PageRef, browser_payload, external_references, html_files, run_node, serve

# https:// hosts named inside the JavaScript Material ships, and why the site never contacts them.
MATERIAL_JS_HOSTS = {
    "api.github.com": "repository stars/forks for the header's source link; overrides/partials/source.html "
                      "drops the data-md-component hook, so the script never runs",
    "unpkg.com": "mermaid (only on pages with a mermaid diagram: asserted below that there are none) and a "
                 "ResizeObserver polyfill (only in browsers without ResizeObserver, i.e. none since 2020)",
    "github.com": "licence comments in the lunr language files",
    "developer.mozilla.org": "a comment in lunr's wordcut.js",
    "clipboardjs.com": "the licence comment of clipboard.js",
    "bit.ly": "text of a console warning in the search worker",
}


def test_public_pages_contact_no_other_host_and_set_no_cookies(example_visits):
    pages, _missing, report = example_visits("public")
    checked = ", ".join(p["name"] for p in report["pages"])
    for page in report["pages"]:
        assert page["externalRequests"] == [], f"{page['name']} ({page['url']}) contacted other hosts"
        assert page["cookies"] == [] and page["documentCookie"] == "", f"{page['name']} set cookies"
    assert len(report["pages"]) >= 10, checked


def test_beheer_is_on_the_internal_site_only_and_contacts_no_other_host(example_sites, example_visits):
    assert not (example_sites["public"] / "beheer").exists()
    assert (example_sites["internal"] / "beheer" / "decap-cms" / "decap-cms.js").is_file()  # served, not a CDN
    _pages, _missing, report = example_visits("internal")
    beheer = next(p for p in report["pages"] if p["name"] == "beheer")
    assert beheer["externalRequests"] == [] and beheer["cookies"] == [] and beheer["documentCookie"] == ""
    assert beheer["pageErrors"] == [] and beheer["failedLocalRequests"] == []
    html = (example_sites["internal"] / "beheer" / "index.html").read_text(encoding="utf-8")
    assert "noindex" in html and not re.search(r"(src|href)=\"(https?:)?//", html)


def test_public_files_refer_to_no_other_host_for_fonts_scripts_or_styles(example_sites):
    site = example_sites["public"]
    assert external_references(site, MATERIAL_JS_HOSTS) == []
    assert not [f for f in html_files(site) if 'class="mermaid"' in f.read_text(encoding="utf-8")]


def test_configuration_has_no_web_fonts_analytics_or_consent_cookie():
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["font"] is False  # Material would load Roboto from Google Fonts
    extra = config.get("extra") or {}
    assert "analytics" not in extra and "consent" not in extra


def test_accessibility_and_privacy_statements_are_in_the_navigation(example_sites):
    for target, site in example_sites.items():
        home = (site / "index.html").read_text(encoding="utf-8")
        for path in ("toegankelijkheid/", "privacy/", "over/"):
            assert f'href="{path}"' in home, f"{target}: /{path} is not in the navigation"
        assert "Over deze site" in home


def test_accessibility_statement_names_the_automatic_checks():
    statement = (REPO / "content" / "toegankelijkheid.md").read_text(encoding="utf-8")
    for checker in ("axe-core", "Nu HTML Checker", "toetsenbord", "cookies"):
        assert checker in statement


SPYING_PAGE = """\
---
title: Lekt
---

<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">
<script src="https://cdn.example.net/teller.js"></script>
<script>document.cookie = "bezoeker=1; path=/";</script>
<p style="background: url(https://beacon.example.org/pixel.gif)">Tekst</p>
"""


def test_privacy_checks_fail_on_an_external_font_script_and_cookie(repo):
    repo.write("content/lekt.md", SPYING_PAGE)
    repo.build(strict=False)  # this test is about the checks, not about strictness
    found = external_references(repo.site(), MATERIAL_JS_HOSTS)
    assert [f.split(": ", 1)[1] for f in found] == [
        "https://fonts.googleapis.com/css2?family=Roboto", "https://cdn.example.net/teller.js",
        "https://beacon.example.org/pixel.gif"]
    with serve(repo.site()) as base:
        report = run_node("axe.cjs", {"tags": WCAG_TAGS, "axe": False,
                                      "pages": browser_payload(base, [PageRef("lekt", "lekt/")])})
    page = report["pages"][0]
    hosts = {url.split("/")[2] for url in page["externalRequests"]}
    assert {"fonts.googleapis.com", "cdn.example.net", "beacon.example.org"} <= hosts
    assert page["documentCookie"] == "bezoeker=1"
