"""`loket init`: a new municipality repository that pins loket, builds straight away, and works offline.

The offline test is a fresh machine in miniature: loket is built as a wheel from this
checkout (`pip wheel --no-build-isolation`, no index), the new repository's own
`scripts/setup` installs it (pinned in requirements.txt) from that wheel directory with
PIP_NO_INDEX and proxies that lead nowhere, and loket's dependencies come from this
project's virtual environment (a .pth file), because there is no index to download them
from. Then `loket import sc` of a real feed file and the README's two commands.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import ENV, REPO, loket, mkdocs_build, run
from loket.init import create_repository, loket_version
from loket.init.municipalities import DATA_FILE, dump, parse_owms_list

GEMEENTE_XML = REPO.parent / "shared" / "data" / "Gemeente.xml"
FEED = REPO.parent / "shared" / "data" / "sc-feeds" / "Montfoort.xml.gz"
TEMPLATE = REPO / "plugins/loket/init/template"
BIN = Path(sys.executable).parent


def test_shipped_municipality_list_is_the_import_of_gemeente_xml():
    if not GEMEENTE_XML.is_file():
        pytest.skip("../shared/data/Gemeente.xml is not here")
    assert DATA_FILE.read_text(encoding="utf-8") == dump(parse_owms_list(GEMEENTE_XML.read_text(encoding="utf-8")))


def test_theme_files_are_this_projects_overrides_and_css():
    """The new repository gets the same theme templates and CSS as the example site (one source: this repo)."""
    ours = {p.relative_to(REPO / "overrides"): p.read_bytes() for p in (REPO / "overrides").rglob("*") if p.is_file()}
    shipped = {p.relative_to(TEMPLATE / "overrides"): p.read_bytes() for p in (TEMPLATE / "overrides").rglob("*") if p.is_file()}
    assert shipped == ours, "copy overrides/ to plugins/loket/init/template/overrides/"
    assert (TEMPLATE / "content/assets/loket.css").read_bytes() == (REPO / "content/assets/loket.css").read_bytes()


def test_unknown_name_gets_a_did_you_mean_and_nothing_is_written(tmp_path):
    result = loket(["init", str(tmp_path / "new"), "--organisatie", "Montfort"], cwd=tmp_path)
    assert result.returncode == 1
    assert "'Montfort' staat niet in de lijst van gemeenten" in result.stderr and "Bedoelt u Montfoort" in result.stderr
    assert not (tmp_path / "new").exists() and list(tmp_path.iterdir()) == []


def test_dissolved_municipality_is_refused_with_its_end_date(tmp_path):
    result = loket(["init", str(tmp_path / "new"), "--organisatie", "Aalburg"], cwd=tmp_path)
    assert result.returncode == 1
    assert "De gemeente Aalburg is opgeheven per 2018-12-31." in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_non_empty_directory_is_refused(tmp_path):
    (tmp_path / "bestaand.txt").write_text("x", encoding="utf-8")
    result = loket(["init", str(tmp_path), "--organisatie", "Montfoort"], cwd=tmp_path)
    assert result.returncode == 1 and "bestaat al en is niet leeg" in result.stderr


@pytest.fixture(scope="module")
def new_repo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("init") / "montfoort"
    result = loket(["init", str(root), "--organisatie", "montfoort"], cwd=root.parent)
    assert result.returncode == 0, result.stderr
    assert "OWMS-URI: http://standaarden.overheid.nl/owms/terms/Montfoort_(gemeente)" in result.stdout
    return root


def test_the_new_repository_has_everything_and_no_loket_code(new_repo):
    for path in ("catalogue/organisatie.yml", "catalogue/themas.yml", "catalogue/diensten/.gitkeep", "content/privacy.md",
                 "content/toegankelijkheid.md", "content/i-visie/index.md", "mkdocs.yml", "site_config/public.yml",
                 "site_config/internal.yml", ".github/workflows/ci.yml", ".gitlab-ci.yml", "README.md", "requirements.txt",
                 "scripts/setup", "scripts/build", "scripts/serve", ".gitignore"):
        assert (new_repo / path).is_file(), path
    organisation = yaml.safe_load((new_repo / "catalogue/organisatie.yml").read_text(encoding="utf-8"))
    assert organisation["naam"] == "Gemeente Montfoort"
    assert organisation["owms_uri"] == "http://standaarden.overheid.nl/owms/terms/Montfoort_(gemeente)"
    assert list((new_repo / "catalogue/diensten").glob("*.yml")) == []
    # loket is a pinned dependency, not a copy.
    assert f"loket=={loket_version()}" in (new_repo / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert not list(new_repo.rglob("*.py")) and not (new_repo / "plugins").exists()
    readme = (new_repo / "README.md").read_text(encoding="utf-8")
    assert "scripts/build" in readme and "scripts/serve" in readme and "[[" not in readme
    log = subprocess.run(["git", "log", "--format=%s"], cwd=new_repo, capture_output=True, text=True, check=True).stdout
    assert log.splitlines() == ["Nieuwe repository voor Gemeente Montfoort (loket init)"]
    assert subprocess.run(["git", "status", "--porcelain"], cwd=new_repo, capture_output=True, text=True).stdout == ""


def test_both_targets_build_strict_straight_away(new_repo, tmp_path):
    assert loket(["validate"], cwd=new_repo).returncode == 0
    for target in ("public", "internal"):
        mkdocs_build(new_repo, target, site_dir=tmp_path / target)
        assert (tmp_path / target / "index.html").is_file()


def test_ci_files_pass_actionlint_and_the_forge_schemas(new_repo):
    actionlint = shutil.which("actionlint", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if actionlint is None:
        pytest.skip("actionlint is not installed (scripts/setup test)")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run([actionlint, "-color=false", ".github/workflows/ci.yml"], cwd=new_repo,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    for path, schema in ((".github/workflows/ci.yml", "vendor.github-workflows"), (".gitlab-ci.yml", "vendor.gitlab-ci")):
        result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(new_repo / path)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_init_import_and_the_readme_commands_work_offline(tmp_path):
    if not FEED.is_file():
        pytest.skip("the Montfoort feed is not here")
    # loket as a wheel, built from this checkout without an index.
    source = tmp_path / "source"
    shutil.copytree(REPO / "plugins", source / "plugins", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    wheels = tmp_path / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         str(source), "-w", str(wheels)], cwd=tmp_path)
    assert [p.name for p in wheels.iterdir()] == [f"loket-{loket_version()}-py3-none-any.whl"]

    root = tmp_path / "montfoort"
    run([sys.executable, "-m", "loket.cli", "init", str(root), "--organisatie", "Montfoort"], cwd=tmp_path)
    # The new repository's virtual environment sees loket's dependencies from this project's venv (linked,
    # without loket itself, which this project installs in editable mode).
    run([sys.executable, "-m", "venv", str(root / ".venv")], cwd=root)
    purelib = Path(subprocess.run([str(root / ".venv/bin/python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                  capture_output=True, text=True, check=True).stdout.strip())
    dependencies = tmp_path / "dependencies"
    dependencies.mkdir()
    for entry in Path(sysconfig.get_path("purelib")).iterdir():
        if "loket" not in entry.name.lower() and not entry.name.endswith(".pth"):
            (dependencies / entry.name).symlink_to(entry)
    (purelib / "loket-test-dependencies.pth").write_text(f"{dependencies}\n", encoding="utf-8")
    offline = {**ENV, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels), "http_proxy": "http://127.0.0.1:9",
               "https_proxy": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
               "PIP_DISABLE_PIP_VERSION_CHECK": "1"}

    def sh(*args: str) -> subprocess.CompletedProcess:
        result = subprocess.run(list(args), cwd=root, capture_output=True, text=True, env=offline, timeout=900)
        assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
        return result

    sh("scripts/setup")
    installed = sh(".venv/bin/python", "-c", "import loket, sys; print(loket.__file__)").stdout
    assert str(root / ".venv") in installed  # the wheel, not this checkout
    report = sh(".venv/bin/loket", "import", "sc", str(FEED)).stdout
    assert "35 records, 35 diensten (100.0%)" in report
    built = sh("scripts/build")
    assert "0 fout(en)" in built.stdout
    for target in ("public", "internal"):
        assert (root / "site" / target / "diensten/aangifte-van-geboorte/index.html").is_file()

    # The second README command: the preview server serves the imported catalogue.
    port = _free_port()
    server = subprocess.Popen(["scripts/serve", "public", "-a", f"127.0.0.1:{port}"], cwd=root, env=offline,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        page = ""
        deadline = time.monotonic() + 300
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while time.monotonic() < deadline and "Aangifte van geboorte" not in page:
            time.sleep(1)
            assert server.poll() is None, "scripts/serve stopped"
            try:
                page = opener.open(f"http://127.0.0.1:{port}/diensten/aangifte-van-geboorte/", timeout=5).read().decode("utf-8")
            except OSError:
                continue
        assert "Aangifte van geboorte" in page
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
