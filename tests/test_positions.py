"""Positions found from the text without parsing again (load.top_level_marks) are the parser's own.

`loket validate` keeps each file's text instead of every position and finds a position only when a
problem needs one; for the top-level fields most warnings point at, it reads them from the text.
These tests compare that with the parser on every YAML file of the project, a generated catalogue,
a real municipal feed as imported, and layouts chosen to trip it up.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from loket.importers.pipeline import ImportTarget, import_sc
from loket.load import _loader_for, _Walker, load_text, top_level_marks

FEEDS = REPO.parent / "shared" / "data" / "sc-feeds"


def parser_marks(text: str):
    walker = _Walker("x")
    walker.walk(yaml.compose(text, Loader=_loader_for(text)), ())
    keys = {path[0]: (walker.key_marks[path], walker.value_marks[path]) for path in walker.key_marks if len(path) == 1}
    return walker.value_marks[()], keys


def assert_same_or_unknown(text: str) -> bool:
    quick = top_level_marks(text)
    if quick is not None:
        assert quick == parser_marks(text), text
    return quick is not None


def test_every_yaml_file_of_the_project_and_a_generated_catalogue(tmp_path):
    sys.path.insert(0, str(REPO / "bench"))
    import generate

    generated = generate.make_repository(tmp_path / "gen", 150, seed=3)
    files = [*REPO.glob("catalogue/**/*.yml"), *REPO.glob("examples/**/*.yml"), *generated.glob("catalogue/**/*.yml")]
    read = [assert_same_or_unknown(f.read_text(encoding="utf-8")) for f in files]
    assert len(files) > 200 and all(read)  # the layout loket and its editors write is always read from the text


@pytest.mark.skipif(not FEEDS.is_dir(), reason="the real feeds are in ../shared/data/sc-feeds")
def test_a_real_feed_as_imported(tmp_path):
    services = tmp_path / "catalogue" / "diensten"
    import_sc(str(FEEDS / "Hellendoorn.xml.gz"), ImportTarget(tmp_path, services, tmp_path / "catalogue" / "themas.yml"))
    files = sorted(services.glob("*.yml"))
    assert len(files) > 50
    assert all(assert_same_or_unknown(f.read_text(encoding="utf-8")) for f in files)


TRICKY = [
    "naam: Paspoort\nsamenvatting: Aanvragen.\n",
    "# een opmerking\n\nnaam:   Paspoort   # met commentaar\n",
    "naam : Paspoort\n",
    "naam: Paspoort\nvoorwaarden:\n- a\n- b\nkosten:\n  - bedrag: 1\n",
    "naam: Paspoort\nvoorwaarden: # lijst\n\n  # nog een\n  - a\n",
    "beschrijving: |\n  Tekst\n\n  meer\nnaam: x\n",
    "beschrijving: >-\n  Tekst\nnaam: x\n",
    "beschrijving: |2\n   Tekst\nnaam: x\n",
    "naam: 'it''s'\nx: \"a # b\"\n",
    "themas: [a, b]\nen: {naam: x}\n",
    # Layouts the text reading must leave to the parser (or get exactly right).
    "naam: \"twee\nregels\"\nx: 1\n",
    "themas: [a,\n  b]\nx: 1\n",
    "naam:\nx: 1\n",
    "naam: &a x\nb: *a\n",
    "naam: !!str 12\n",
    "\"naam\": x\n",
    "? naam\n: x\n",
    "---\nnaam: x\n",
    "naam: x\r\ny: 2\r\n",
    "- a\n- b\n",
    "  naam: x\n  y: 1\n",
    "{naam: x}\n",
    "naam: x\nnaam: y\n",
    "<<: {a: 1}\nb: 2\n",
    "naam: x\n\u2028y: 1\n",
    "naam: x\nvervolg\n",
    "\n   \n# c\n  # ingesprongen\nnaam: x\nlijst:\n   \n- a\n",
    "naam: x\nvoorwaarden:\n\n   \n",
    "naam: x\nvoorwaarden:\n# c\n  - a\n",
    "  # c\n- a\n",
    "naam: x\n\tdoel: y\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_layouts_are_read_right_or_left_to_the_parser(text):
    try:
        parser_marks(text)
    except yaml.YAMLError:
        return  # the parser reports the file as invalid; no position is asked of the text
    assert_same_or_unknown(text)


@pytest.mark.parametrize("text", TRICKY[:10])
def test_plain_layouts_are_read_from_the_text(text):
    assert top_level_marks(text) is not None


def test_warnings_point_at_the_same_place_with_and_without_kept_positions():
    text = "# yaml-language-server: x\nnaam: Paspoort\nupl: http://standaarden.overheid.nl/owms/terms/paspoort\n" \
           "gecontroleerd_op: 2020-01-01\nkosten:\n  - omschrijving: a\n    bedrag: 1\n"
    kept, _ = load_text(text, "x.yml", marks=True)
    lazy, _ = load_text(text, "x.yml", marks=False)
    for path in [(), ("naam",), ("upl",), ("gecontroleerd_op",), ("kosten",), ("en",), ("kosten", 0, "bedrag")]:
        assert lazy.where(path) == kept.where(path), path
        if path:
            assert lazy.where_key(path) == kept.where_key(path), path
