"""Fetch the pinned browser bundles of /beheer/ (Decap CMS, yaml) into cms/vendor/.

`npm ci` would install Decap's whole source dependency tree (hundreds of packages) only to use
its prebuilt bundle. Instead, for each dependency in cms/package.json this fetches exactly the
version locked in cms/package-lock.json with `npm pack`, checks the tarball against the lock's
sha512 integrity, and copies the browser build. Run by scripts/setup; python -m loket.cms.vendor.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENDOR_DIR = HERE / "vendor"
STAMP = VENDOR_DIR / ".versions.json"
# What /beheer/ needs from each package: tarball paths (prefix "package/") → vendor subfolder.
WANTED = {
    "decap-cms": ("package/dist/", "decap-cms", lambda name: name.endswith("decap-cms.js")),
    "yaml": ("package/browser/", "yaml", lambda name: name.endswith(".js")),
}


class VendorError(Exception):
    pass


def locked_versions() -> dict[str, tuple[str, str]]:
    """name → (version, integrity) for the packages /beheer/ serves, from package-lock.json."""
    lock = json.loads((HERE / "package-lock.json").read_text(encoding="utf-8"))
    found = {}
    for name in WANTED:
        entry = lock["packages"].get(f"node_modules/{name}")
        if not entry:
            raise VendorError(f"{name} staat niet in plugins/loket/cms/package-lock.json")
        found[name] = (entry["version"], entry["integrity"])
    return found


def is_current() -> bool:
    try:
        return json.loads(STAMP.read_text(encoding="utf-8")) == {k: v[0] for k, v in locked_versions().items()}
    except (OSError, ValueError):
        return False


def _check_integrity(tarball: Path, integrity: str) -> None:
    algorithm, _, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        raise VendorError(f"{tarball.name}: de controlesom klopt niet met package-lock.json ({integrity})")


def fetch(npm: str = "npm") -> None:
    versions = locked_versions()
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp) / "vendor"
        for name, (version, integrity) in versions.items():
            result = subprocess.run([npm, "pack", f"{name}@{version}", "--pack-destination", tmp, "--json",
                                     "--ignore-scripts", "--loglevel=error"], capture_output=True, text=True)
            if result.returncode != 0:
                raise VendorError(f"npm pack {name}@{version} mislukt: {result.stderr.strip()}")
            tarball = Path(tmp) / json.loads(result.stdout)[0]["filename"]
            _check_integrity(tarball, integrity)
            prefix, folder, keep = WANTED[name]
            with tarfile.open(tarball) as archive:
                for member in archive.getmembers():
                    wanted = member.name.startswith(prefix) and keep(member.name)
                    licence = member.name in ("package/LICENSE", "package/LICENSE.md")
                    if not member.isfile() or not (wanted or licence):
                        continue
                    relative = member.name[len(prefix):] if wanted else Path(member.name).name
                    target = staging / folder / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(archive.extractfile(member).read())
        (staging / ".versions.json").write_text(json.dumps({k: v[0] for k, v in versions.items()}), encoding="utf-8")
        if VENDOR_DIR.exists():
            shutil.rmtree(VENDOR_DIR)
        shutil.copytree(staging, VENDOR_DIR)


def main() -> int:
    if is_current():
        return 0
    try:
        fetch()
    except (VendorError, OSError) as exc:
        print(f"loket.cms.vendor: {exc}", file=sys.stderr)
        return 1
    print(f"/beheer/: {', '.join(f'{k} {v[0]}' for k, v in locked_versions().items())} in {VENDOR_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
