"""The fast path: generated pages handed to MkDocs as HTML give the same site as through Python-Markdown.

The example municipality, with a git history that makes every generated page type appear (an adopted
i-visie version and its comparison, a renamed and a removed service, news), is built for both audiences
with the fast path (the default) and with `prerender: false`. Headings, anchors, the table of contents
and the search entries of every page must be the same, and so must every byte of every file.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import markdown
import pytest
from lxml import html

from conftest import MINIMAL_SERVICE, REPO, SKELETON, mkdocs_build, run
from gitrepo import commit, git
from loket.prerender import split_generated

FALLBACK_LINE = re.compile(r"loket: (\d+) gegenereerde pagina's als HTML, via Markdown: (\[.*\])")
# Pages the fast path leaves to Python-Markdown: the whole i-visie embeds hand-written chapter Markdown,
# the search results pages hold a <script> (whose content is not tags, so it is never taken).
EMBEDS_HAND_WRITTEN_MARKDOWN = {"i-visie/geheel.md", "zoeken.md", "en/search.md"}


@pytest.fixture(scope="module")
def history_repo(tmp_path_factory) -> Path:
    """The example repository with a history: a tagged i-visie version, a renamed and a removed service."""
    root = tmp_path_factory.mktemp("prerender") / "repo"
    root.mkdir()
    for item in (*SKELETON, "catalogue"):
        source = REPO / item
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / item)
    services = root / "catalogue/diensten"
    for old in ("reisdocument-oud", "uittreksel-gba"):
        (services / f"{old}.yml").write_text(MINIMAL_SERVICE.replace("Paspoort aanvragen", old), encoding="utf-8")
    commit(root, "Catalogus en i-visie", "2026-03-12")
    git(root, "tag", "-a", "i-visie/2026-03-12", "-m", "Vastgesteld door de gemeenteraad", date="2026-03-12")
    chapter = root / "content/i-visie/01-digitaal-fundament.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("Een storing raakt snel", "Een storing raakt meteen"),
                       encoding="utf-8")
    git(root, "mv", "catalogue/diensten/reisdocument-oud.yml", "catalogue/diensten/reisdocument-nieuw.yml")
    (services / "uittreksel-gba.yml").unlink()
    commit(root, "Hoofdstuk 1 bijgewerkt, een dienst hernoemd en een opgeheven", "2026-05-04")
    for target in ("public", "internal"):
        (root / "site_config" / f"{target}-markdown.yml").write_text(
            f"INHERIT: {target}.yml\nplugins:\n  loket:\n    prerender: false\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module", params=["public", "internal"])
def both_builds(request, history_repo) -> tuple[Path, Path, list[str]]:
    target = request.param
    fast, slow = history_repo / "site" / f"{target}-fast", history_repo / "site" / f"{target}-markdown"
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-v", "-f", f"site_config/{target}.yml",
                  "-d", str(fast)], cwd=history_repo)
    found = FALLBACK_LINE.search(result.stderr + result.stdout)
    assert found, "the plugin did not report its fast path"
    mkdocs_build(history_repo, f"{target}-markdown", site_dir=slow)
    return fast, slow, json.loads(found.group(2).replace("'", '"'))


def pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))


def page_facts(path: Path) -> dict:
    """What a reader and the theme get from a page's body: headings with anchors, TOC entries, permalinks."""
    doc = html.fromstring(path.read_bytes())
    article = doc.xpath('//article')
    toc = doc.xpath('//nav[contains(@class, "md-nav--secondary")]//a[@href]')
    return {
        "headings": [(h.tag, h.get("id"), " ".join(h.text_content().split()))
                     for h in (article[0].xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6") if article else [])],
        "permalinks": [(a.get("href"), a.get("title")) for a in doc.xpath('//a[@class="headerlink"]')],
        "ids": sorted(article[0].xpath(".//@id")) if article else [],
        "toc": [(a.get("href"), " ".join(a.text_content().split())) for a in toc],
    }


def search_entries(site: Path) -> dict[str, str]:
    """Every JSON file the build wrote, by path: the search index (Material's or loket's own) among them."""
    names = set(site.rglob("*.json"))
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in sorted(names)}


def test_every_generated_page_type_takes_the_fast_path(both_builds, history_repo):
    fast, _, through_markdown = both_builds
    assert set(through_markdown) <= EMBEDS_HAND_WRITTEN_MARKDOWN, (
        f"{sorted(set(through_markdown) - EMBEDS_HAND_WRITTEN_MARKDOWN)} went through Python-Markdown: a generated "
        "page must consist of HTML blocks and one-line '## headings' (README: Fast path)")
    built = set(pages(fast))
    internal = fast.name.startswith("internal")
    expected = ["index.html", "inwoners/index.html", "ondernemers/index.html", "diensten/index.html",
                "themas/index.html", "themas/burgerzaken/index.html", "diensten/paspoort-aanvragen/index.html",
                "voortgang/index.html", "nieuws/wijzigingen/index.html", "i-visie/doelen/index.html",
                "i-visie/versies/index.html", "i-visie/versies/2026-03-12/index.html",
                "i-visie/versies/2026-03-12/vergelijking/index.html"]
    if internal:
        expected += ["roadmap/index.html", "voortgang/upl/index.html"]
    assert not [p for p in expected if p not in built]
    removed = [p for p in built if p.startswith("diensten/") and "Deze dienst bestaat niet meer" in (fast / p).read_text(encoding="utf-8")]
    assert removed, "no removed-service page was built"


def test_headings_anchors_toc_and_search_entries_are_the_same(both_builds):
    fast, slow, _ = both_builds
    assert pages(fast) == pages(slow)
    fast_search, slow_search = search_entries(fast), search_entries(slow)
    assert len(fast_search) > 2, "no search index was written"
    assert fast_search == slow_search
    for page in pages(fast):
        assert page_facts(fast / page) == page_facts(slow / page), page
    service = page_facts(fast / "diensten/paspoort-aanvragen/index.html")
    assert ("h2", "kosten", "Kosten¶") in service["headings"]
    assert ("#kosten", "Link naar deze sectie") in service["permalinks"]
    assert ("#kosten", "Kosten") in service["toc"]


def test_the_whole_site_is_byte_for_byte_the_same(both_builds):
    fast, slow = both_builds[:2]
    files = sorted(p.relative_to(fast) for p in fast.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(slow) for p in slow.rglob("*") if p.is_file())
    different = [str(f) for f in files if (fast / f).read_bytes() != (slow / f).read_bytes()]
    assert not different


BLOCK_LEVEL = markdown.Markdown().block_level_elements


@pytest.mark.parametrize("text", [
    "Een alinea in Markdown.\n",
    "<div>\n<p>a</p>\n</div>\nmeteen tekst erna\n",
    "<p>a</p> staart\n",
    "  <div>ingesprongen</div>\n",
    "<span>inline element</span>\n",
    "<div>\n<!-- commentaar -->\n</div>\n",
    "<div>\n\t<p>tab</p>\n</div>\n",
    "<div>\n   \n</div>\n",
    "<p>&amp zonder puntkomma</p>\n",
    "# Titel op niveau 1\n",
    "## Kop\nmeteen tekst\n",
    "<div>\n```\ncode\n```\n</div>\n",
    "<div>nooit gesloten\n",
])
def test_anything_but_html_blocks_and_headings_keeps_the_markdown_path(text):
    assert split_generated(text, BLOCK_LEVEL) is None


def test_html_blocks_and_headings_are_recognised():
    body = split_generated('<nav class="k">\n<ol>\n<li>a<br>b</li>\n</ol>\n</nav>\n\n<h1 data-x>T</h1>\n\n'
                           "## Kosten { data-search-exclude }\n\n<div>\n<div>\n\n<p>x</p>\n</div>\n</div>\n",
                           BLOCK_LEVEL)
    assert body is not None
    assert [type(b).__name__ for b in body.blocks] == ["RawHtml", "RawHtml", "Heading", "RawHtml"]
    assert body.blocks[3].html == "<div>\n<div>\n\n<p>x</p>\n</div>\n</div>"


def render_both(text: str, toc: dict, docs: Path) -> tuple:
    """One page rendered by MkDocs' Page.render and by the fast path, with the project's extensions."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from loket.prerender.mkdocs_page import FastPath

    config = MkDocsConfig()
    (docs / "a").mkdir(parents=True, exist_ok=True)
    (docs / "a/b.md").write_text(text, encoding="utf-8")
    config.load_dict({"site_name": "t", "docs_dir": str(docs), "site_dir": str(docs.parent / "site"),
                      "markdown_extensions": ["attr_list", "admonition", "tables", {"toc": toc}]})
    assert config.validate() == ([], [])
    out = []
    for fast in (False, True):
        file = File("a/b.md", config.docs_dir, config.site_dir, config.use_directory_urls)
        page = Page(None, file, config)
        page.read_source(config)
        path = FastPath(config.markdown_extensions, config.mdx_configs)
        if fast:
            path.install(page)
        page.render(config, Files([file]))
        out.append((page.content, [(a.id, a.title, a.level, [(c.id, c.title) for c in a.children]) for a in page.toc],
                    page.present_anchor_ids, path.fast))
    return out


@pytest.mark.parametrize("toc", [{"permalink": True, "permalink_title": "Link naar deze sectie"},
                                 {"permalink": "#", "toc_depth": "2-3"}, {"anchorlink": True}])
def test_ids_permalinks_and_toc_match_the_toc_extension(toc, tmp_path):
    text = ('---\ntitle: T\n---\n\n<div id="boven">\n<p>x</p>\n</div>\n\n## Kosten\n\n<p>a</p>\n\n## Kosten\n\n'
            "## Zie ook { #kosten_2 }\n\n## Kosten\n\n### R&amp;D \\*echt\\* { data-search-exclude }\n\n"
            "#### Diep { .klasse }\n\n## Kosten { #kosten_1 data-toc-label=\"Prijs\" }\n\n<ul>\n<li>1</li>\n</ul>\n")
    (content, toc_entries, anchors, _), (fast_content, fast_toc, fast_anchors, taken) = render_both(text, toc, tmp_path / "docs")
    assert taken == 1
    assert fast_content == content
    assert fast_toc == toc_entries
    assert fast_anchors == anchors
