"""Every class of bad YAML input becomes one located, Dutch problem — never a traceback."""

from __future__ import annotations

import pytest

from loket.load import load_text


def only(problems):
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_valid_document_keeps_positions_of_keys_and_values():
    doc, problems = load_text(b"naam: Paspoort\naanvragen:\n  online: live\n  url: https://x.example/\n", "d.yml")
    assert problems == []
    assert doc.data == {"naam": "Paspoort", "aanvragen": {"online": "live", "url": "https://x.example/"}}
    assert doc.where(("aanvragen", "url")) == (4, 8)
    assert doc.where_key(("aanvragen", "url")) == (4, 3)
    assert doc.where(("aanvragen", "missing")) == (3, 3)  # nearest existing ancestor: the mapping


def test_duplicate_key_is_an_error_at_the_second_key():
    p = only(load_text(b"naam: A\nsamenvatting: x\nnaam: B\n", "d.yml")[1])
    assert (p.file, p.line, p.col, p.code) == ("d.yml", 3, 1, "yaml.duplicate-key")
    assert "regel 1" in p.message


def test_nested_duplicate_key():
    p = only(load_text(b"aanvragen:\n  online: live\n  online: niet\n", "d.yml")[1])
    assert (p.line, p.col) == (3, 3)


def test_tab_indentation_is_reported_per_line():
    doc, problems = load_text(b"aanvragen:\n\tonline: live\n\turl: https://a\n", "d.yml")
    assert doc is None
    assert [(p.line, p.col, p.code) for p in problems] == [(2, 1, "yaml.tab"), (3, 1, "yaml.tab")]
    assert "spaties" in problems[0].hint


def test_bom_is_reported_and_the_rest_is_still_read():
    doc, problems = load_text("\ufeffnaam: Paspoort\n".encode(), "d.yml")
    assert [(p.line, p.col, p.code) for p in problems] == [(1, 1, "yaml.bom")]
    assert doc.data == {"naam": "Paspoort"}


def test_non_utf8_bytes_are_located():
    p = only(load_text("naam: Caf".encode() + b"\xe9\n" + b"x: y\n", "d.yml")[1])
    assert (p.line, p.col, p.code) == (1, 10, "yaml.encoding")
    assert "UTF-8" in p.hint


@pytest.mark.parametrize("text", [b"", b"   \n", b"# alleen commentaar\n"])
def test_empty_file(text):
    doc, problems = load_text(text, "d.yml")
    assert doc is None
    assert only(problems).code == "yaml.empty"


def test_impossible_date():
    doc, problems = load_text(b"naam: x\ngecontroleerd_op: 2026-02-30\n", "d.yml")
    p = only(problems)
    assert (p.line, p.col, p.code) == (2, 19, "yaml.invalid-date")
    assert "2026-02-30" in p.message


def test_dates_become_iso_text():
    doc, problems = load_text(b"d: 2026-09-01\n", "d.yml")
    assert problems == [] and doc.data == {"d": "2026-09-01"}


def test_syntax_error_is_located():
    p = only(load_text(b"naam: Paspoort\nsamenvatting: [niet gesloten\n", "d.yml")[1])
    assert p.code == "yaml.syntax" and p.line >= 2


def test_alias_bomb_stops_quickly_with_a_message():
    bomb = b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        bomb += f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]\n".encode()
    doc, problems = load_text(bomb, "d.yml")
    assert doc is None
    assert only(problems).code == "yaml.too-large"


def test_recursive_alias_is_refused():
    doc, problems = load_text(b"a: &a\n  - *a\n", "d.yml")
    assert doc is None
    assert only(problems).code in ("yaml.too-large", "yaml.syntax")


def test_small_aliases_are_allowed():
    doc, problems = load_text(b"a: &k {omschrijving: x, bedrag: 1}\nb: *k\n", "d.yml")
    assert problems == [] and doc.data["b"] == {"omschrijving": "x", "bedrag": 1}


def test_unknown_tag():
    p = only(load_text(b"naam: !!python/name:os.system x\n", "d.yml")[1])
    assert p.code == "yaml.unknown-tag"


def test_two_documents():
    p = only(load_text(b"naam: a\n---\nnaam: b\n", "d.yml")[1])
    assert p.code == "yaml.multiple-documents"


def test_keys_stay_text_norway_problem():
    doc, problems = load_text(b"no: 1\non: 2\n", "d.yml")
    assert doc.data == {"no": 1, "on": 2}


TRICKY = """\
naam: no
samenvatting: 'no'
online: on
gepland: 2027-04-01
gepland_tekst: "2027-04-01"
leeg:
tilde: ~
null_tekst: 'null'
getal: 12
getal_tekst: '12'
komma: 1,5
float: 84.95
exp: 1e3
hex: 0x1F
oct: 0o17
sexagesimal: 1:20
ja: yes
ja_tekst: "yes"
waar: True
lijst: [no, 'no', on, 'on', 2027-04-01, ~, 12, '12', .inf, -.Inf, .NaN]
blok: |
  no
gevouwen: >
  yes
"""


def _tags(node):
    """Every node's tag and value, depth first, for comparing two composers."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return [(node.tag, node.value)]
    items = node.value if isinstance(node, yaml.SequenceNode) else [part for pair in node.value for part in pair]
    return [(node.tag, None)] + [tag for item in items for tag in _tags(item)]


def test_the_quick_c_loader_gives_every_node_the_tag_pyyaml_gives_it():
    """load.py's own `resolve` (with its memory of short values) must tag exactly as PyYAML's safe loader:
    a plain `no` is a boolean, a quoted 'no' text, however often either was seen before."""
    import yaml
    from pathlib import Path

    from loket.load import _C_LOADER, _loader_for

    assert _C_LOADER is not None and _loader_for(TRICKY) is _C_LOADER
    repo = Path(__file__).resolve().parents[1]
    texts = [TRICKY, TRICKY.replace("'", "").replace('"', ""), TRICKY, "lijst: [=, '=', <<, 2027-04-01 10:00:00]\n"]
    texts += [p.read_text(encoding="utf-8") for p in sorted((repo / "catalogue").rglob("*.yml"))]
    assert len(texts) > 20
    for text in texts:
        assert _tags(yaml.compose(text, Loader=_C_LOADER)) == _tags(yaml.compose(text, Loader=yaml.SafeLoader))
    doc, problems = load_text(TRICKY, "d.yml")
    assert problems == []
    assert doc.data["naam"] is False and doc.data["samenvatting"] == "no"
    assert doc.data["lijst"][:6] == [False, "no", True, "on", "2027-04-01", None]


def test_problems_name_files_relative_to_the_repository_where_they_can(tmp_path):
    from pathlib import Path

    from loket.load import display_path

    repo = tmp_path / "repo"
    (repo / "catalogue" / "diensten").mkdir(parents=True)
    (tmp_path / "elders.yml").write_text("naam: x\n", encoding="utf-8")
    assert display_path(repo / "catalogue/diensten/paspoort.yml", repo) == "catalogue/diensten/paspoort.yml"
    assert display_path(Path("catalogue/diensten/a..b.yml"), Path(".")) == "catalogue/diensten/a..b.yml"
    # Outside the repository, also when written through '..': the path as given.
    assert display_path(repo / "../elders.yml", repo) == (repo / "../elders.yml").as_posix()
    assert display_path(tmp_path / "elders.yml", repo) == (tmp_path / "elders.yml").as_posix()
