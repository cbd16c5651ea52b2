"""Fuzzing: random YAML documents and mutated example files never make validation or the
build crash — every outcome is a site or a list of located problems. Alias bombs are capped by
the loader (tests/test_load.py); there is no per-example deadline, because a wall-clock limit
fails on a busy machine without saying anything about the code."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from loket.audience import AUDIENCES
from loket.catalogue import load_catalogue
from loket.problems import ERROR, WARNING, Problem
from loket.site import SiteOptions, build_site_content

from .qualitygates import REPO

TODAY = dt.date(2026, 11, 1)
# Bounded so the suite stays fast (LOKET_FUZZ_EXAMPLES=2000 fuzzes longer); a failure prints a
# blob to reproduce it with.
FUZZ = settings(max_examples=int(os.environ.get("LOKET_FUZZ_EXAMPLES", "60")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow], print_blob=True)

# A small copy of the example: enough files of each kind, few enough to check quickly.
SAMPLE_FILES = (["organisatie.yml", "themas.yml", "doelen.yml"]
                + [f"diensten/{p.name}" for p in sorted((REPO / "catalogue/diensten").glob("*.yml"))[:5]]
                + [f"roadmap/{p.name}" for p in sorted((REPO / "catalogue/roadmap").glob("*.yml"))[:3]])
KEYS = sorted({line.split(":", 1)[0].strip(" -") for name in SAMPLE_FILES
               for line in (REPO / "catalogue" / name).read_text(encoding="utf-8").splitlines()
               if ":" in line and not line.lstrip().startswith("#")})
# Values that change a field's type, or are YAML oddities.
SWAPS = ["[]", "{}", "[a, b]", "{x: 1}", "123", "-1.5e3", ".nan", "true", "null", "~", "2026-13-45", "2026-02-30",
         "'2026-Q5'", "&a x", "*a", "*onbekend", "!!python/object/apply:os.system [ls]", "!!binary aGFsbG8=",
         "|", ">-", "'", '"', "- x", "? x", "x: y: z", "https://", "javascript:alert(1)", "\t", "\ufeff", "@x", "%", "`"]
ALIAS_BOMB = b"a: &a [x, x, x, x, x, x, x, x, x, x]\n" + b"".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n".encode() for i in range(9))


@pytest.fixture(scope="module")
def sample_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    for name in SAMPLE_FILES:
        (root / "catalogue" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / "catalogue" / name, root / "catalogue" / name)
    shutil.copytree(REPO / "content", root / "content")
    return root


def check_outcome(root: Path) -> None:
    """Validation and page generation finish, and every problem they report is located."""
    loaded = load_catalogue(root, "catalogue", today=TODAY)
    problems = list(loaded.problems)
    if loaded.catalogue is not None:
        for audience in AUDIENCES:
            problems += build_site_content(SiteOptions(root=root, audience=audience), loaded).problems
    for p in problems:
        assert isinstance(p, Problem) and p.severity in (ERROR, WARNING), p
        assert p.file and p.line >= 1 and p.col >= 1 and p.message, p
        assert p.hint or not p.is_error, f"an error without a hint: {p}"


def with_file(root: Path, name: str, content: bytes):
    """Run check_outcome with `content` in catalogue/`name`, then put the original back."""
    path = root / "catalogue" / name
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(content)
    try:
        check_outcome(root)
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


def mutate(data: bytes, steps) -> bytes:
    lines = data.split(b"\n")
    for kind, where, byte, swap in steps:
        i = where % len(lines)
        if kind == "flip":
            flat = b"\n".join(lines)
            pos = where % max(len(flat), 1)
            lines = (flat[:pos] + bytes([byte]) + flat[pos + 1:]).split(b"\n")
        elif kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "indent":
            lines[i] = b" " * (1 + byte % 4) + lines[i]
        elif kind == "dedent":
            lines[i] = lines[i].lstrip(b" ")
        elif kind == "swap" and b":" in lines[i]:
            key = lines[i].split(b":", 1)[0]
            lines[i] = key + b": " + swap.encode()
    return b"\n".join(lines)


MUTATION = st.tuples(st.sampled_from(["flip", "delete", "duplicate", "indent", "dedent", "swap"]),
                     st.integers(0, 100_000), st.integers(0, 255), st.sampled_from(SWAPS))


@FUZZ
@given(name=st.sampled_from(SAMPLE_FILES), steps=st.lists(MUTATION, min_size=1, max_size=4))
def test_mutated_example_files_give_located_problems_never_a_crash(sample_root, name, steps):
    original = (REPO / "catalogue" / name).read_bytes()
    with_file(sample_root, name, mutate(original, steps))


SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40)
           | st.dates().map(str) | st.sampled_from(["live", "gepland", "niet", "inwoner", "2027-Q2", "https://x.example/"]))
VALUES = st.recursive(SCALARS, lambda children: st.lists(children, max_size=4)
                      | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=10), children, max_size=6),
                      max_leaves=30)
DOCUMENTS = (VALUES.map(lambda v: yaml.safe_dump(v, allow_unicode=True).encode("utf-8"))
             | st.text(max_size=300).map(lambda t: t.encode("utf-8"))
             | st.binary(max_size=200))


@FUZZ
@example(name="diensten/fuzz.yml", content=ALIAS_BOMB)
@example(name="themas.yml", content=b"[" * 10_000)
@example(name="doelen.yml", content=b"a: &a [*a]\n")
@given(name=st.sampled_from(["diensten/fuzz.yml", "roadmap/fuzz.yml", "themas.yml", "doelen.yml", "organisatie.yml"]),
       content=DOCUMENTS)
def test_random_yaml_documents_give_located_problems_never_a_crash(sample_root, name, content):
    with_file(sample_root, name, content)


@pytest.mark.parametrize("name, content", [
    ("diensten/kapot.yml", ALIAS_BOMB),
    ("themas.yml", b"burgerzaken: [\n"),
    ("organisatie.yml", b"naam: 12\nwebsite: javascript:alert(1)\ncontact: []\n"),
])
def test_mkdocs_build_stops_with_messages_not_a_traceback(repo, name, content):
    repo.write_bytes(f"catalogue/{name}", content)
    result = repo.build(check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert f"catalogue/{name}:" in result.stderr  # the located message
    assert "Aborted" in result.stdout + result.stderr
