"""`mkdocs serve --dirty` as an editor uses it: after a YAML edit the served pages and search index are
exactly what a full build of the edited repository gives.

The rebuild reuses what did not change (parsed files, rendered service pages, search scores); these
tests edit a service that another service links to, so a stale cache would show the old name there.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import ENV, REPO, SKELETON, mkdocs_build
from gitrepo import commit

EDITED = "catalogue/diensten/milieustraat-bezoeken.yml"
LINKING = "diensten/afval-grofvuil-ophalen/"  # lists milieustraat-bezoeken under "Zie ook"
# The page's own content. The navigation around it is not compared: `mkdocs serve` also shows pages
# that `mkdocs build` leaves out (MkDocs' draft_docs), and adds its livereload script.
ARTICLE = re.compile(rb"<article class=\"md-content__inner md-typeset\">.*?</article>", re.S)


def article(html: bytes) -> bytes:
    found = ARTICLE.search(html)
    assert found is not None
    return found.group(0)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read()
    except OSError:
        return None


def _wait_for(url: str, marker: bytes, proc: subprocess.Popen, seconds: float = 120) -> bytes:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, "mkdocs serve stopped"
        body = _get(url)
        if body is not None and marker in body:
            return body
        time.sleep(0.1)
    raise AssertionError(f"{url} never showed {marker!r}")


def test_a_dirty_rebuild_serves_what_a_full_build_gives(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    for item in (*SKELETON, "catalogue"):
        (shutil.copytree if (REPO / item).is_dir() else shutil.copy2)(REPO / item, root / item)
    commit(root, "Voorbeeldcatalogus", "2026-10-01")
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    # The same address in the full build, so canonical links and the sitemap agree.
    (root / "site_config" / "served.yml").write_text(f"INHERIT: public.yml\nsite_url: {base}\n", encoding="utf-8")
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", "site_config/served.yml",
                             "-a", f"127.0.0.1:{port}"], cwd=root, env=ENV, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        _wait_for(base + LINKING, b"Afval wegbrengen naar de milieustraat", proc)
        edited = root / EDITED
        original = edited.read_text(encoding="utf-8")
        for k in (1, 2):  # the second rebuild starts from a cache the first one filled
            name = f"Milieustraat bezoeken, versie {k}"
            edited.write_text(original.replace("naam: Afval wegbrengen naar de milieustraat", f"naam: {name}"),
                              encoding="utf-8")
            served = _wait_for(base + LINKING, name.encode(), proc)
            built = tmp_path / f"built-{k}"
            mkdocs_build(root, "served", strict=False, site_dir=built)
            assert article(served) == article((built / LINKING / "index.html").read_bytes())
            page = _get(base + "diensten/milieustraat-bezoeken/")
            assert article(page) == article((built / "diensten/milieustraat-bezoeken/index.html").read_bytes())
            for index_file in sorted((built / "zoekindex").rglob("*.json")):
                path = index_file.relative_to(built).as_posix()
                assert _get(base + path) == index_file.read_bytes(), path
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
