"""The quality gates on the pages only a shared service centre has: /regio/ on each internal site.

The example sites are one municipality and have no /regio/, so the gates run here on the
two-organisation fixture (tests/multi_org.py): axe-core, the Nu HTML Checker and the links.
"""

from __future__ import annotations

from .qualitygates import PageRef, WCAG_TAGS, browser_payload, describe_violations, link_problems, run_node, serve, vnu
from .test_html_valid import report, theme_finding


def test_regio_is_accessible_and_valid_html(multi_org_sites):
    _, sites = multi_org_sites
    site = sites["ijsselstein", "internal"]
    pages = [PageRef("regio", "regio/"), PageRef("voortgang", "voortgang/")]
    with serve(site) as base:
        result = run_node("axe.cjs", {"tags": WCAG_TAGS, "pages": browser_payload(base, pages)})
    assert not describe_violations(result), describe_violations(result)
    files = [site / "regio/index.html"]
    errors = {path: kept for path, messages in vnu(files).items() if (kept := [m for m in messages if not theme_finding(m)])}
    assert not errors, report(errors)


def test_every_link_of_each_organisation_site_resolves(multi_org_sites):
    _, sites = multi_org_sites
    for (organisation, target), site in sites.items():
        assert not link_problems(site), (organisation, target, link_problems(site)[:10])
