"""The multi-organisation example (examples/samenwerking/): its CI matrix, CODEOWNERS, and that it builds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from multi_org import build

from conftest import REPO, SKELETON, loket
from test_workflows import BIN

from loket.organisations import organisation_ids
from loket.organisations.ci import repository_files

EXAMPLE = REPO / "examples/samenwerking"
WORKFLOW = EXAMPLE / ".github/workflows/organisaties.yml"
GITLAB = EXAMPLE / ".gitlab-ci.yml"


def test_the_example_files_are_what_the_generator_writes():
    ids = organisation_ids(EXAMPLE)
    assert ids == ["ijsselstein", "montfoort"]
    for path, text in repository_files(ids).items():
        assert (EXAMPLE / path).read_text(encoding="utf-8") == text, f"regenerate {path} with loket.organisations.ci"


def test_actionlint_passes_on_the_matrix_workflow():
    actionlint = shutil.which("actionlint", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if actionlint is None:
        if os.environ.get("CI") == "true":
            pytest.fail("actionlint is not installed: scripts/setup test installs it")
        pytest.skip("actionlint is not installed")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run([actionlint, "-color=false", str(WORKFLOW)], cwd=EXAMPLE, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path, schema", [(WORKFLOW, "vendor.github-workflows"), (GITLAB, "vendor.gitlab-ci")])
def test_forge_schemas_accept_the_example(path, schema):
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_both_forges_build_every_organisation_in_a_matrix_and_publish_each_public_site():
    github = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    jobs = github["jobs"]
    assert jobs["bouwen"]["strategy"]["matrix"]["organisatie"] == "${{ fromJSON(needs.controle.outputs.organisaties) }}"
    assert jobs["bouwen"]["env"]["LOKET_ORGANISATIE"] == "${{ matrix.organisatie }}"
    runs = [step.get("run", "") for job in jobs.values() for step in job["steps"]]
    for target in ("public", "internal"):
        assert any(f"mkdocs build --strict -f site_config/{target}.yml" in run for run in runs)
    assert any("loket validate --format github" in run for run in runs)
    # The list of organisations comes from the folders, so a new one needs no workflow edit.
    lister = next(step["run"] for step in jobs["controle"]["steps"] if step.get("id") == "lijst")
    assert "find organisaties -mindepth 1 -maxdepth 1 -type d" in lister
    publish = jobs["publiceren"]
    assert publish["if"] == "github.event_name != 'pull_request'" and publish["needs"] == "bouwen"
    pages = next(step for step in publish["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert pages["with"]["path"] == "pages"
    # Only public sites go to Pages; internal ones are artifacts.
    downloaded = next(step for step in publish["steps"] if step.get("uses", "").startswith("actions/download-artifact@"))
    assert downloaded["with"]["pattern"] == "site-*-openbaar"

    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert gitlab["build"]["parallel"]["matrix"] == [{"LOKET_ORGANISATIE": organisation_ids(EXAMPLE)}]
    assert any("mkdocs build --strict -f site_config/public.yml" in line for line in gitlab["build"]["script"])
    assert gitlab["pages"]["needs"] == ["validate", "build"] and gitlab["pages"]["artifacts"]["paths"] == ["public"]
    assert any("site/*/public" in line for line in gitlab["pages"]["script"])


def test_the_publish_step_puts_each_organisation_in_its_own_folder(tmp_path):
    """Run the workflow's shell step on artifact folders laid out as download-artifact writes them."""
    github = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    step = next(s for s in github["jobs"]["publiceren"]["steps"] if s.get("name") == "Eén map per organisatie")
    for oid in ("ijsselstein", "montfoort"):
        (tmp_path / f"openbaar/site-{oid}-openbaar").mkdir(parents=True)
        (tmp_path / f"openbaar/site-{oid}-openbaar/index.html").write_text(oid, encoding="utf-8")
    subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, check=True)
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == ["ijsselstein", "montfoort"]
    assert (tmp_path / "pages/montfoort/index.html").read_text(encoding="utf-8") == "montfoort"


def test_codeowners_gives_each_communications_team_its_own_folder():
    lines = [line.split() for line in (EXAMPLE / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    owners = {pattern: rest for pattern, *rest in lines}
    assert owners["/organisaties/ijsselstein/"] == ["@uw-samenwerking/communicatie-ijsselstein"]
    assert owners["/organisaties/montfoort/"] == ["@uw-samenwerking/communicatie-montfoort"]
    # Shared texts: both teams.
    assert set(owners["/catalogue/"]) == {"@uw-samenwerking/communicatie-ijsselstein", "@uw-samenwerking/communicatie-montfoort"}
    assert all(re.fullmatch(r"@[\w-]+/[\w-]+", owner) for rest in owners.values() for owner in rest)


@pytest.fixture(scope="module")
def example_repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("samenwerking")
    for item in SKELETON:
        source = REPO / item
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / item)
    shutil.copytree(EXAMPLE, root, dirs_exist_ok=True)
    shutil.copy2(REPO / "catalogue/doelen.yml", root / "catalogue/doelen.yml")
    return root


def test_the_example_validates_and_builds(example_repo):
    result = loket(["validate"], cwd=example_repo)
    # Warnings (e.g. SDG services without English text) are fine; errors are not.
    assert result.returncode == 0, result.stdout
    assert "Geen problemen gevonden." in result.stdout or "\n0 fout(en)," in "\n" + result.stdout, result.stdout
    site = example_repo / "out"
    build(example_repo, "montfoort", "internal", site)
    regio = (site / "regio/index.html").read_text(encoding="utf-8")
    assert "Kan bij Montfoort al online, bij IJsselstein nog niet." in regio
    assert "Evenementenvergunning aanvragen" in regio
    parking = (site / "diensten/parkeervergunning-bewoners/index.html").read_text(encoding="utf-8")
    assert "€ 61,50" in parking and "loket.montfoort.example/formulieren/parkeervergunning" in parking
    assert not (site / "diensten/standplaatsvergunning").exists()
    assert (site / "diensten/ligplaatsvergunning/index.html").is_file()
