"""The example municipality builds strictly into a complete public site."""

from __future__ import annotations

import re

from conftest import REPO


def html(site, path):
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_service_has_a_page_and_there_are_at_least_40(example_sites):
    site = example_sites["public"]
    ids = sorted(p.stem for p in (REPO / "catalogue" / "diensten").glob("*.yml"))
    assert len(ids) >= 40
    for sid in ids:
        assert (site / "diensten" / sid / "index.html").is_file(), sid


def test_theme_audience_index_and_home_pages(example_sites):
    site = example_sites["public"]
    import yaml

    themes = yaml.safe_load((REPO / "catalogue/themas.yml").read_text(encoding="utf-8"))
    for tid, theme in themes.items():
        assert theme["naam"] in html(site, f"themas/{tid}")
    assert "Voor inwoners" in html(site, "inwoners")
    assert "Voor ondernemers" in html(site, "ondernemers")
    a_to_z = html(site, "diensten")
    assert a_to_z.count('class="loket-lijst__link"') == len(list((REPO / "catalogue/diensten").glob("*.yml")))
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'role="search"' in home and 'name="q"' in home
    organisation = yaml.safe_load((REPO / "catalogue/organisatie.yml").read_text(encoding="utf-8"))
    for top in organisation["toptaken"]:
        assert f'href="diensten/{top}/"' in home


def test_service_pages_stay_out_of_the_sidebar(example_sites):
    page = html(example_sites["public"], "themas")
    # The sidebar lists sections, never the individual services.
    nav = page.split('<nav class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    assert "/diensten/" not in re.sub(r'href="[^"]*diensten/"', "", nav)


def test_search_index_holds_every_service_and_its_trefwoorden(example_sites):
    from loket.search import DUTCH, read_index, words

    index = read_index(example_sites["public"] / DUTCH.index_dir)
    assert index["vocabulary"]["language"] == "nl"
    vocabulary = set(index["vocabulary"]["words"])
    urls = {d["url"] for d in index["documents"]}
    import yaml

    for path in sorted((REPO / "catalogue/diensten").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert f"diensten/{path.stem}/" in urls
        for word in data.get("trefwoorden", []):
            assert set(words(word)) - DUTCH.stop_words <= vocabulary, (path.stem, word)


def test_edit_links_point_at_the_yaml(example_sites):
    page = html(example_sites["public"], "diensten/paspoort-aanvragen")
    assert 'href="https://github.com/gemeente-lindewaard/loket/edit/main/catalogue/diensten/paspoort-aanvragen.yml"' in page


def test_breadcrumb_on_service_page(example_sites):
    page = html(example_sites["public"], "diensten/paspoort-aanvragen")
    crumbs = page.split('aria-label="Kruimelpad"')[1].split("</nav>")[0]
    assert 'href="../../"' in crumbs and 'href="../"' in crumbs and 'aria-current="page"' in crumbs
