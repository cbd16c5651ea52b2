"""Regenerate docs/img/validate.png: real `loket validate` output for a broken service, as a terminal.

Usage (needs Chromium): .venv/bin/python docs/img/make_validate_png.py
The service files below have the mistakes editors make most: a typo in a key, a
value that is not allowed, an http link, a theme that does not exist, and the
two warnings (no UPL name, text not reviewed for a long time).
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "validate.png"

BROKEN = """\
naam: Paspoort aanvragen
samenvatting: Vraag een paspoort aan bij de gemeente.
upl: http://standaarden.overheid.nl/owms/terms/paspoort
doelgroep: [inwoner]
themas: [burgerzaken]
trefwoorde: [reisdocument]
aanvragen:
  online: ja
  url: http://www.lindewaard.example/paspoort
gecontroleerd_op: 2026-09-01
"""

# Valid YAML, but a theme that does not exist (an error) and no UPL name and an old review date (warnings).
OUTDATED = """\
naam: ID-kaart aanvragen
samenvatting: Vraag een identiteitskaart aan bij de gemeente.
doelgroep: [inwoner]
themas: [burgerzaak]
aanvragen:
  online: niet
gecontroleerd_op: 2024-05-01
"""

STYLE = """
body { margin: 0; background: #1e1e1e; }
pre { margin: 0; padding: 18px 22px; color: #d4d4d4; font: 15px/1.45 "DejaVu Sans Mono", monospace;
      white-space: pre-wrap; word-break: break-word; }
.prompt { color: #6a9955; } .file { color: #9cdcfe; } .error { color: #f48771; font-weight: bold; }
.warning { color: #dcdcaa; font-weight: bold; } .hint { color: #b5cea8; }
"""


def colour(line: str) -> str:
    for label in ("fout", "waarschuwing"):
        marker = f": {label}: "
        if marker in line:
            location, rest = line.split(marker, 1)
            message, _, hint = rest.partition(" — ")
            css = "error" if label == "fout" else "warning"
            out = f'<span class="file">{html.escape(location)}</span>: <span class="{css}">{label}</span>: {html.escape(message)}'
            return out + (f' — <span class="hint">{html.escape(hint)}</span>' if hint else "")
    return html.escape(line)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("organisatie.yml", "themas.yml"):
            (root / "catalogue").mkdir(exist_ok=True)
            shutil.copy2(REPO / "catalogue" / name, root / "catalogue" / name)
        organisation = (root / "catalogue/organisatie.yml").read_text(encoding="utf-8")
        # Only the broken service: drop the top tasks that point at services left out here.
        kept = [line for line in organisation.splitlines() if not line.startswith("toptaken")]
        (root / "catalogue/organisatie.yml").write_text("\n".join(kept) + "\n", encoding="utf-8")
        (root / "catalogue/diensten").mkdir()
        (root / "catalogue/diensten/paspoort-aanvragen.yml").write_text(BROKEN, encoding="utf-8")
        (root / "catalogue/diensten/id-kaart-aanvragen.yml").write_text(OUTDATED, encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "loket.cli", "validate"], cwd=root, capture_output=True,
                                text=True, env={"SOURCE_DATE_EPOCH": "1790000000", "PATH": "/usr/bin:/bin"})
        lines = result.stdout.splitlines()
        body = "\n".join([f'<span class="prompt">$ loket validate</span>'] + [colour(line) for line in lines])
        page = root / "validate.html"
        page.write_text(f'<!doctype html><html lang="nl"><meta charset="utf-8"><style>{STYLE}</style>'
                        f"<pre>{body}</pre></html>", encoding="utf-8")
        wrapped = sum(1 + len(line) // 125 for line in lines) + 1
        height = 40 + int(wrapped * 15 * 1.45)
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--window-size=1280,{height}", f"--screenshot={OUT}", page.as_uri()],
                       check=True, capture_output=True)
    print(f"{OUT} ({len(lines)} lines of output)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
