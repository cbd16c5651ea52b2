"""`loket render` writes the same pages to disk, so an engine without the plugin can build them."""

from __future__ import annotations

import sys

import yaml
from lxml import html as lxml_html

from conftest import REPO, loket, run


def test_rendered_directory_builds_without_the_plugin(tmp_path):
    out = tmp_path / "docs"
    result = loket(["render", str(out), "--root", str(REPO)], cwd=REPO)
    assert result.returncode == 0, result.stderr
    service_ids = sorted(p.stem for p in (REPO / "catalogue/diensten").glob("*.yml"))
    for sid in service_ids:
        page = (out / "diensten" / f"{sid}.md").read_text(encoding="utf-8")
        assert page.startswith("---\ntitle: ")

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = {name: options for name, options in config["plugins"].items() if name != "loket"}
    config.update(docs_dir=str(out), site_dir=str(tmp_path / "site"))
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    (tmp_path / "plain.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    run([sys.executable, "-m", "mkdocs", "build", "-f", str(tmp_path / "plain.yml")], cwd=tmp_path)

    for sid in service_ids:
        built = lxml_html.parse(str(tmp_path / "site" / "diensten" / sid / "index.html"))
        naam = yaml.safe_load((REPO / "catalogue/diensten" / f"{sid}.yml").read_text(encoding="utf-8"))["naam"]
        assert built.xpath("string(//h1)") == naam


def test_render_refuses_an_invalid_catalogue(repo, tmp_path):
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", "naam: x\nnaam: y\n")
    result = loket(["render", str(tmp_path / "out")], cwd=repo.root)
    assert result.returncode == 1
    assert "catalogue/diensten/paspoort-aanvragen.yml:2:1" in result.stderr
    assert not (tmp_path / "out").exists()
