"""Regenerate the /beheer/ screenshots in docs/img/ (beheer-diensten.png, beheer-nieuwe-dienst.png,
beheer-dienst-wijzigen.png): the form editor in headless Chromium, on a copy of the example.

Usage (needs Node.js, Chromium and `scripts/setup test`): .venv/bin/python docs/img/make_beheer_png.py
It runs the same walk as tests/test_beheer.py (tests/browser/beheer.cjs) with the local backend on
a throwaway copy, so the working tree is not touched.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO / "tests"))

from loket.cms.server import make_server  # noqa: E402
from test_beheer import EDIT, NEW  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        root.mkdir()
        for item in ("mkdocs.yml", "site_config", "overrides", "content", "catalogue"):
            (shutil.copytree if (REPO / item).is_dir() else shutil.copy2)(REPO / item, root / item)
        server = make_server(root)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            payload = {"base": f"http://127.0.0.1:{server.server_address[1]}/beheer/", "create": NEW, "edit": EDIT,
                       "screenshots": str(OUT)}
            result = subprocess.run(["node", str(REPO / "tests/browser/beheer.cjs")], input=json.dumps(payload),
                                    capture_output=True, text=True, cwd=REPO)
        finally:
            server.shutdown()
            server.server_close()
    if result.returncode != 0:
        print(result.stdout[-2000:], result.stderr[-2000:], file=sys.stderr)
        return 1
    print("docs/img/beheer-*.png geschreven.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
