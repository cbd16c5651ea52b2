"""Links: every internal link and #anchor in both example sites resolves, checked over
the built files; broken Markdown links already fail `mkdocs build --strict`."""

from __future__ import annotations

import pytest
import yaml
from .qualitygates import REPO, link_problems, site_url_of


@pytest.mark.parametrize("target", ["public", "internal"])
def test_every_internal_link_and_anchor_resolves(example_sites, target):
    site = example_sites[target]
    problems = link_problems(site, site_url_of(site))
    assert not problems, f"{len(problems)} broken links in the {target} site:\n" + "\n".join(problems[:50])


def test_strict_builds_treat_broken_markdown_links_as_errors(repo):
    # mkdocs.yml's validation block: these checks warn, and --strict turns warnings into a failed build.
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    validation = config["validation"]
    assert validation["links"]["not_found"] == "warn"
    assert validation["links"]["anchors"] == "warn"
    assert validation["nav"]["not_found"] == "warn"
    repo.write("content/kapot.md", """\
        # Kapot

        Zie [de oude pagina](weg.md) en [een kopje](privacy.md#bestaat-niet).
        """)
    result = repo.build(check=False)
    assert result.returncode != 0
    assert "contains a link 'weg.md', but the target is not found" in result.stderr
    assert "'#bestaat-niet'" in result.stderr


def test_link_checker_finds_broken_links_and_anchors(repo):
    """MkDocs does not look inside raw HTML; the checker over the built files does."""
    repo.write("content/kapot.md", """\
        ---
        title: Kapot
        ---

        <p><a href="../weg/">weg</a>, <a href="#nergens">hier</a>,
        <a href="../diensten/paspoort-aanvragen/#geen-kopje">paspoort</a>,
        <img src="../plaatje.png" alt="ontbreekt"> en
        <a href="../diensten/paspoort-aanvragen/">dit werkt</a>.</p>
        """)
    repo.build(strict=False)  # this test is about the checker, not about strictness
    problems = link_problems(repo.site(), "https://www.lindewaard.example/")
    assert len(problems) == 4, problems
    assert any("-> /weg/ bestaat niet" in p for p in problems)
    assert any("anker #nergens staat niet op /kapot/" in p for p in problems)
    assert any("anker #geen-kopje staat niet op /diensten/paspoort-aanvragen/" in p for p in problems)
    assert any("plaatje.png" in p for p in problems)
