"""The local editor: /beheer/ with a backend that writes straight into the working tree.

Implements the protocol of Decap's proxy backend (the one `decap-server` speaks: POST /api/v1
with {"action", "params"}), so Decap needs no forge and no login. What is written is what
/beheer/loket-cms.js produced: the old text with only the edited fields changed. Only files in
the catalogue and content folders can be read or written. Listens on 127.0.0.1 only: anyone who
can reach it can change the working tree. Started by scripts/editor.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import mimetypes
import shutil
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import ADMIN_DIR, admin_files, config_yaml
from .config import generate

API = "/api/v1"


class RefusedPath(Exception):
    pass


class Workspace:
    """The working tree the editor reads and writes, limited to the folders the CMS edits."""

    def __init__(self, root: Path, catalogue_dir: str = "catalogue", content_dir: str = "content"):
        self.root = Path(root).resolve()
        self.catalogue_dir, self.content_dir = catalogue_dir, content_dir
        self.allowed = [(self.root / d).resolve() for d in (catalogue_dir, content_dir)]
        self.lock = threading.Lock()
        self.saved: list[str] = []

    def path(self, relative: str) -> Path:
        target = (self.root / relative).resolve()
        if not any(target == a or target.is_relative_to(a) for a in self.allowed):
            raise RefusedPath(f"{relative} ligt buiten {self.catalogue_dir}/ en {self.content_dir}/")
        return target

    def entry(self, relative: str, label: str | None = None) -> dict:
        try:
            data = self.path(relative).read_bytes()
        except OSError:
            return {"data": None, "file": {"path": relative, "label": label, "id": None}}
        return {"data": data.decode("utf-8"),
                "file": {"path": relative, "label": label, "id": hashlib.sha256(data).hexdigest()}}

    def folder_entries(self, folder: str, extension: str, depth: int) -> list[dict]:
        base = self.path(folder)
        if not base.is_dir():
            return []
        found = [p for p in sorted(base.rglob(f"*{extension}"))
                 if p.is_file() and len(p.relative_to(base).parts) <= max(depth, 1)]
        return [self.entry(p.relative_to(self.root).as_posix()) for p in found]

    def write(self, relative: str, text: str) -> None:
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        self.saved.append(relative)

    def handle(self, action: str, params: dict):
        if action == "info":
            return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "entriesByFolder":
            return self.folder_entries(params["folder"], params.get("extension", ""), int(params.get("depth", 1)))
        if action == "entriesByFiles":
            return [self.entry(f["path"], f.get("label")) for f in params["files"]]
        if action == "getEntry":
            return self.entry(params["path"])
        if action == "persistEntry":
            with self.lock:
                files = params.get("dataFiles") or [params["entry"]]
                for data_file in files:
                    self.write(data_file["path"], data_file["raw"])
                    if data_file.get("newPath"):
                        self.path(data_file["newPath"]).parent.mkdir(parents=True, exist_ok=True)
                        shutil.move(self.path(data_file["path"]), self.path(data_file["newPath"]))
                for asset in params.get("assets", []):
                    target = self.path(asset["path"])
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(base64.b64decode(asset["content"]))
            return {"message": "entry persisted"}
        if action == "getMedia":
            folder = self.path(params["mediaFolder"])
            return [self.media(p.relative_to(self.root).as_posix()) for p in sorted(folder.glob("*")) if p.is_file()] \
                if folder.is_dir() else []
        if action == "getMediaFile":
            return self.media(params["path"])
        if action == "persistMedia":
            asset = params["asset"]
            target = self.path(asset["path"])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(asset["content"]))
            return self.media(asset["path"])
        if action in ("deleteFile", "deleteFiles"):
            for relative in params.get("paths") or [params["path"]]:
                self.path(relative).unlink(missing_ok=True)
            return {"message": "deleted"}
        if action == "getDeployPreview":
            return None
        raise KeyError(action)

    def media(self, relative: str) -> dict:
        data = self.path(relative).read_bytes()
        return {"id": hashlib.sha256(data).hexdigest(), "content": base64.b64encode(data).decode(), "encoding": "base64",
                "path": relative, "name": Path(relative).name}


class EditorApp:
    """/beheer/ as generated for the local backend, plus (optionally) a built site to look at."""

    def __init__(self, workspace: Workspace, site_dir: Path | None = None):
        self.workspace = workspace
        self.site_dir = Path(site_dir).resolve() if site_dir else None
        generated = self.generated()
        self.files = dict(admin_files(generated))

    def generated(self):
        w = self.workspace
        return generate(w.root, local_url=API, catalogue_dir=w.catalogue_dir, content_dir=w.content_dir)

    def get(self, url_path: str) -> tuple[bytes, str] | None:
        relative = url_path.split("?", 1)[0].lstrip("/")
        if relative in ("", ADMIN_DIR):
            relative = f"{ADMIN_DIR}/index.html" if relative == ADMIN_DIR or self.site_dir is None else "index.html"
        elif relative.endswith("/"):
            relative += "index.html"
        if relative == f"{ADMIN_DIR}/config.yml":
            # Generated again on every load: a folder added meanwhile (an organisation) is in the next form.
            return config_yaml(self.generated()).encode("utf-8"), "text/yaml; charset=utf-8"
        if relative in self.files:
            content = self.files[relative]
        elif self.site_dir is not None and (self.site_dir / relative).resolve().is_relative_to(self.site_dir) \
                and (self.site_dir / relative).is_file():
            content = (self.site_dir / relative).read_bytes()
        else:
            return None
        data = content.encode("utf-8") if isinstance(content, str) else content
        kind = "text/javascript" if relative.endswith(".js") else (mimetypes.guess_type(relative)[0] or "application/octet-stream")
        if kind.startswith("text/") or kind.endswith(("json", "javascript")):
            kind += "; charset=utf-8"
        return data, kind


def make_handler(app: EditorApp, log=None):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # only saves are worth telling the editor about
            pass

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            found = app.get(self.path)
            if found is None:
                self._send(HTTPStatus.NOT_FOUND, "Niet gevonden".encode(), "text/plain; charset=utf-8")
            else:
                self._send(HTTPStatus.OK, *found)

        def do_POST(self):
            if self.path != API:
                return self._send(HTTPStatus.NOT_FOUND, b"{}", "application/json")
            try:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                result = app.workspace.handle(body.get("action", ""), body.get("params") or {})
            except RefusedPath as exc:
                return self._send(HTTPStatus.FORBIDDEN, json.dumps({"error": str(exc)}).encode(), "application/json")
            except KeyError as exc:
                return self._send(HTTPStatus.UNPROCESSABLE_ENTITY, json.dumps({"error": f"Onbekend: {exc}"}).encode(),
                                  "application/json")
            if body.get("action") == "persistEntry" and log:
                log(f"Opgeslagen: {', '.join(f.get('path', '') for f in (body['params'].get('dataFiles') or [body['params']['entry']]))}")
            self._send(HTTPStatus.OK, json.dumps(result, ensure_ascii=False).encode("utf-8"), "application/json")

    return Handler


def make_server(root: Path, *, port: int = 0, site_dir: Path | None = None, catalogue_dir: str = "catalogue",
                content_dir: str = "content", log=None) -> ThreadingHTTPServer:
    app = EditorApp(Workspace(root, catalogue_dir, content_dir), site_dir)
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(app, log))
    server.daemon_threads = True
    server.app = app
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loket.cms.server",
                                     description="Het beheer (/beheer/) dat direct in deze map opslaat.")
    parser.add_argument("--root", default=".", help="de repository (standaard: huidige map)")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--site", help="een gebouwde site om naast het beheer te tonen")
    parser.add_argument("--catalogue", default="catalogue")
    parser.add_argument("--content", default="content")
    args = parser.parse_args(argv)
    try:
        server = make_server(Path(args.root), port=args.port, site_dir=Path(args.site) if args.site else None,
                             catalogue_dir=args.catalogue, content_dir=args.content,
                             log=lambda text: print(text, file=sys.stderr, flush=True))
    except Exception as exc:  # the bundle missing, the port in use: one line, no traceback
        print(f"Het beheer kan niet starten: {exc}", file=sys.stderr)
        return 1
    print(f"Beheer: http://127.0.0.1:{server.server_address[1]}/{ADMIN_DIR}/ (stoppen: Ctrl+C)", file=sys.stderr,
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
