"""Valid HTML: the Nu HTML Checker (vnu.jar from the npm package vnu-jar) reports no
errors on any generated page of either example site."""

from __future__ import annotations

from .qualitygates import html_files, vnu

# Theme-level findings that loket cannot fix, each with the reason. Matched on the
# message and the markup vnu quotes, so nothing else with the same message slips by.
THEME_FINDINGS = [
    (
        "Attribute “autocomplete” is only allowed when the input type is",
        ('data-md-toggle="drawer"', 'data-md-toggle="search"'),
        "Material's base.html writes autocomplete=\"off\" on its two toggle checkboxes (menu drawer and search) "
        "outside any template block, so that Firefox does not restore an open menu when you go back. Removing it "
        "means copying all of base.html (and missing Material's fixes) or rewriting its output. Browsers ignore "
        "the attribute on checkboxes otherwise; it does not reach assistive technology.",
    ),
]


def theme_finding(message: dict) -> bool:
    return any(message["message"].startswith(text) and any(m in message.get("extract", "") for m in markup)
               for text, markup, _reason in THEME_FINDINGS)


def report(errors: dict) -> str:
    lines = []
    for path, messages in sorted(errors.items()):
        for m in messages:
            lines.append(f"{path}:{m.get('lastLine', '?')}: {m['message']}\n    {m.get('extract', '').strip()[:200]}")
    return "\n".join(lines)


def test_every_page_of_both_sites_is_valid_html(example_sites):
    files = [f for site in example_sites.values() for f in html_files(site)]
    assert len(files) > 100
    errors = vnu(files)
    real = {path: kept for path, messages in errors.items()
            if (kept := [m for m in messages if not theme_finding(m)])}
    assert not real, f"vnu: errors in {len(real)} of {len(files)} files\n" + report(real)


def test_vnu_fails_on_invalid_html(repo):
    """The gate is real: a stray end tag and a duplicate id in a content page are errors."""
    repo.write("content/kapot.md", """\
        ---
        title: Kapot
        ---

        <div id="dubbel"><p>Tekst</span></p></div>
        <div id="dubbel">Nog eens</div>
        """)
    repo.build(strict=False)  # this test is about the checker, not about strictness
    page = repo.site() / "kapot" / "index.html"
    errors = vnu([page])
    messages = [m["message"] for m in errors.get(page, []) if not theme_finding(m)]
    assert any("Stray end tag “span”" in m for m in messages), messages
    assert any("Duplicate ID “dubbel”" in m for m in messages), messages
