"""Helpers shared by the quality gates: serving a built site, choosing one page
per page type, running the browser scripts, the Nu HTML Checker and the link
checker. Plain functions over a built site directory, so each gate can also be
pointed at a deliberately broken site to show that it fails.
"""

from __future__ import annotations

import contextlib
import functools
import html.parser
import http.server
import json
import os
import posixpath
import re
import shutil
import subprocess
import threading
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BROWSER_SCRIPTS = REPO / "tests" / "browser"
NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Debian's package; other CI images name it differently. LOKET_CHROMIUM overrides.
CHROMIUM = os.environ.get("LOKET_CHROMIUM") or next(
    (p for p in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser"))
     if p and Path(p).exists()), "/usr/bin/chromium")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# --- tools -----------------------------------------------------------------

def require(*tools: str) -> None:
    """Skip when a checker is not installed; in CI (CI set) a missing checker fails instead."""
    missing = []
    for tool in tools:
        if tool == "node" and not (shutil.which("node") and (NODE_MODULES / "playwright-core").is_dir()
                                   and (NODE_MODULES / "axe-core").is_dir()):
            missing.append("node + node_modules (npm ci --ignore-scripts)")
        elif tool == "chromium" and not Path(CHROMIUM).exists():
            missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
        elif tool == "java" and not (shutil.which("java") and VNU_JAR.is_file()):
            missing.append("java + node_modules/vnu-jar (apt-get install default-jre-headless; npm ci --ignore-scripts)")
    if missing:
        message = "quality gate needs " + ", ".join(missing) + " — scripts/test and .ci/run install them"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def run_node(script: str, payload: dict) -> dict:
    """Run tests/browser/<script> with `payload` as JSON on stdin; its JSON output."""
    require("node", "chromium")
    result = subprocess.run(["node", str(BROWSER_SCRIPTS / script)], input=json.dumps(payload),
                            capture_output=True, text=True, cwd=REPO, timeout=600,
                            env={**os.environ, "LOKET_CHROMIUM": CHROMIUM})
    if result.returncode not in (0, 2) or not result.stdout.strip():
        raise AssertionError(f"{script} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    report = json.loads(result.stdout)
    errors = [f"{p['name']} {p['url']}: {p['error']}" for p in report["pages"] if p.get("error")]
    assert not errors, f"{script} could not check every page:\n" + "\n".join(errors)
    return report


# --- serving ---------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".mjs": "text/javascript"}

    def log_message(self, format, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve `directory` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --- pages of a built site -------------------------------------------------

def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def url_path(site: Path, file: Path) -> str:
    """'diensten/x/index.html' -> 'diensten/x/'; the home page is ''."""
    rel = file.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel


@dataclass(frozen=True)
class PageRef:
    kind: str
    path: str  # relative to the site root; may carry a query string
    wait_for: str | None = None  # CSS selector that must be visible before checking


def _service(status: str):
    return lambda path, text: re.fullmatch(r"diensten/[^/]+/", path) and f"loket-aanvragen--{status}" in text


def _english_service(status: str):
    return lambda path, text: re.fullmatch(r"en/diensten/[^/]+/", path) and f"loket-aanvragen--{status}" in text


# Page types named in the issue, matched on the built site. A type that does
# not exist (yet) in a site is reported as missing, not failed.
PAGE_TYPES = [
    ("home", lambda path, text: path == ""),
    ("dienst online", _service("live")),
    ("dienst gepland", _service("gepland")),
    ("dienst niet online", _service("niet")),
    ("thema", lambda path, text: re.fullmatch(r"themas/[^/]+/", path)),
    ("doelgroep", lambda path, text: path in ("inwoners/", "ondernemers/")),
    ("A–Z", lambda path, text: path == "diensten/"),
    ("dashboard", lambda path, text: path == "voortgang/"),
    ("roadmap", lambda path, text: path == "roadmap/"),
    ("roadmap-project", lambda path, text: re.fullmatch(r"roadmap/[^/]+/", path)),
    ("i-visie hoofdstuk", lambda path, text: re.fullmatch(r"i-visie/[^/]+/", path)
     and path not in ("i-visie/doelen/", "i-visie/geheel/", "i-visie/versies/")),
    ("doelen", lambda path, text: re.fullmatch(r"(i-visie/)?doelen/", path)),
    ("hele i-visie", lambda path, text: path == "i-visie/geheel/"),
    ("i-visie versies", lambda path, text: path.startswith("i-visie/versies/")),
    ("dienst verdwenen", lambda path, text: re.fullmatch(r"diensten/[^/]+/", path)
     and "Deze dienst bestaat niet meer" in text),
    ("nieuws", lambda path, text: path.startswith("nieuws/")),
    ("open data", lambda path, text: path.startswith("open-data/")),
    ("404", lambda path, text: path == "404.html"),
    # The form editor (internal site only): checked once Decap has drawn its login screen.
    ("beheer", lambda path, text: path == "beheer/"),
    ("English index", lambda path, text: path == "en/"),
    ("English service online", _english_service("live")),
    ("English service planned", _english_service("gepland")),
    ("English service not online", _english_service("niet")),
]
WAIT_FOR = {"beheer": "button"}
# Present in the example site today; their absence means a broken build, not a missing feature.
REQUIRED_TYPES = {"home", "dienst online", "dienst gepland", "dienst niet online", "thema", "doelgroep",
                  "A–Z", "i-visie hoofdstuk", "zoekresultaten", "404", "English index", "English service online",
                  "English service planned", "English service not online", "English search results"}
SEARCH = PageRef("zoekresultaten", "zoeken/?q=paspoort", wait_for="#zoekresultaten a")
ENGLISH_SEARCH = PageRef("English search results", "en/search/?q=passport", wait_for="#zoekresultaten a")


def _shape(path: str) -> str:
    """The URL pattern of a page: 'roadmap/x/' -> 'roadmap/*/'."""
    parts = path.strip("/").split("/")
    return parts[0] + "/*" * (len(parts) - 1) if path else ""


def pick_pages(site: Path) -> tuple[list[PageRef], list[str]]:
    """One page per named page type, plus one per other URL pattern (so a page type added
    later is covered without editing this list), plus the search results. Returns the
    pages and the names of the page types this site does not have."""
    pages: dict[str, str] = {}
    for file in html_files(site):
        text = file.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:  # redirect stubs for renamed services
            continue
        pages[url_path(site, file)] = text
    picked: list[PageRef] = []
    missing: list[str] = []
    for kind, matches in PAGE_TYPES:
        found = next((path for path, text in pages.items() if matches(path, text)), None)
        if found is None:
            missing.append(kind)
        else:
            picked.append(PageRef(kind, found, wait_for=WAIT_FOR.get(kind)))
    shapes = {_shape(p.path) for p in picked}
    for path in pages:
        if _shape(path) not in shapes:
            shapes.add(_shape(path))
            picked.append(PageRef(f"overig {_shape(path)}", path))
    for search, index in ((SEARCH, "nl"), (ENGLISH_SEARCH, "en")):
        if (site / "zoekindex" / index / "vocabulary.json").is_file():
            results = search.path.split("?")[0]
            picked = [p for p in picked if p.path != results]  # the results page is checked with a query
            picked.append(search)
        else:
            missing.append(search.kind)
    return picked, missing


def browser_payload(base_url: str, pages: list[PageRef]) -> list[dict]:
    return [{"name": p.kind, "url": base_url + p.path, "waitFor": p.wait_for} for p in pages]


def describe_violations(report: dict) -> str:
    lines = []
    for page in report["pages"]:
        for v in page["violations"]:
            lines.append(f"{page['name']} ({page['url']}): {v['id']} [{v['impact']}] {v['help']}")
            for node in v["nodes"][:3]:
                lines.append(f"    {node['target']}: {node['summary']}\n      {node['html']}")
    return "\n".join(lines)


# --- Nu HTML Checker -------------------------------------------------------

def vnu(files: list[Path]) -> dict[Path, list[dict]]:
    """vnu's errors per file, in one JVM for all files. (Warnings are not counted.)"""
    require("java")
    messages = []
    for start in range(0, len(files), 500):  # stay far below the argument-length limit
        # -Xss4m: vnu's schema validation overflows the default thread stack.
        result = subprocess.run(
            ["java", "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--exit-zero-always",
             *map(str, files[start:start + 500])],
            capture_output=True, text=True, timeout=600)
        try:
            messages += json.loads(result.stdout)["messages"]
        except (ValueError, KeyError):
            raise AssertionError(f"vnu did not run ({result.returncode}):\n{result.stderr[-3000:]}") from None
    errors: dict[Path, list[dict]] = {}
    for m in messages:
        if m.get("type") not in ("error", "non-document-error"):
            continue
        url = m.get("url", "")
        path = Path(urllib.parse.unquote(url[len("file:"):])) if url.startswith("file:") else Path(url)
        errors.setdefault(path, []).append(m)
    return errors


# --- links -----------------------------------------------------------------

LINK_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",), "img": ("src", "srcset"),
    "source": ("src", "srcset"), "iframe": ("src",), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "embed": ("src",), "object": ("data",), "form": ("action",),
}
UNCHECKED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "blob:", "about:")
_HOST = "http://site.invalid/"


class _LinkParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, int, bool]] = []  # url, line, whether site_url counts as this site

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        for attribute in LINK_ATTRIBUTES.get(tag, ()):
            value = (values.get(attribute) or "").strip()
            if not value:
                continue
            urls = [part.split()[0] for part in value.split(",") if part.strip()] if attribute == "srcset" else [value]
            # Page text may link to the organisation's main website, which can share the host
            # with site_url; only <link> (canonical, alternate) names this site's own URLs.
            self.links += [(url, self.getpos()[0], tag == "link") for url in urls]

    handle_startendtag = handle_starttag


def link_problems(site: Path, site_url: str | None = None) -> list[str]:
    """Every internal link of a built site that does not resolve: href/src/srcset in the HTML
    (a missing file, or a #fragment with no such id on the target page), the locations in
    the site search index and the sitemap. Absolute URLs under `site_url` in <link> elements
    and the sitemap count as internal; other hosts and schemes such as mailto: are not checked
    (no network)."""
    parsed: dict[Path, _LinkParser] = {}
    for file in html_files(site):
        parser = _LinkParser()
        parser.feed(file.read_text(encoding="utf-8"))
        parsed[file] = parser

    def resolve(page: str, raw: str, own_urls: bool) -> tuple[str, str] | None:
        if raw.lower().startswith(UNCHECKED_SCHEMES):
            return None
        if own_urls and site_url and raw.startswith(site_url):
            raw = "/" + raw[len(site_url):]
        url = urllib.parse.urlsplit(urllib.parse.urljoin(_HOST + page, raw))
        if f"{url.scheme}://{url.netloc}/" != _HOST:
            return None
        path = posixpath.normpath(urllib.parse.unquote(url.path)).lstrip("/")
        return path + ("/" if url.path.endswith("/") and path not in ("", ".") else ""), urllib.parse.unquote(url.fragment)

    def target(path: str) -> Path | None:
        file = site / path if path not in (".", "") else site
        if file.is_dir():
            file = file / "index.html"
        elif path.endswith("/"):
            return None
        return file if file.is_file() else None

    problems = []

    def check(page: str, raw: str, where: str, own_urls: bool = False) -> None:
        resolved = resolve(page, raw, own_urls)
        if resolved is None:
            return
        path, fragment = resolved
        file = target(path)
        if file is None:
            problems.append(f"{where}: {raw} -> /{path} bestaat niet")
        elif fragment and file.suffix == ".html" and fragment != "top" and fragment not in parsed[file].ids:
            problems.append(f"{where}: {raw} -> anker #{fragment} staat niet op /{path}")

    for file, parser in parsed.items():
        page = url_path(site, file)
        for raw, line, own_urls in parser.links:
            check(page, raw, f"{file.relative_to(site)}:{line}", own_urls)
    for shard in sorted(site.glob("zoekindex/*/d*.json")):
        for url, title, *_ in json.loads(shard.read_text(encoding="utf-8")):
            check("", url or "./", f"{shard.relative_to(site)} ({title[:40]})")
    sitemap = site / "sitemap.xml"
    if sitemap.is_file() and site_url:
        for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8")):
            check("", loc, "sitemap.xml", own_urls=True)
    return problems


def site_url_of(site: Path) -> str | None:
    """The site_url MkDocs wrote into the home page's canonical link."""
    match = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    return match[1] if match else None


# --- privacy: references to other hosts --------------------------------------

# Elements and attributes with which a browser fetches something while showing a page.
LOADING_ATTRIBUTES = {
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "iframe": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "embed": ("src",), "object": ("data",),
    "input": ("src",), "frame": ("src",),
}
LOADING_LINK_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "icon",
                     "shortcut", "apple-touch-icon", "manifest", "prerender"}
_OTHER_HOST = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)
_JS_URL = re.compile(r"https://([a-z0-9.-]+)", re.IGNORECASE)


class _LoadParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int]] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        names = LOADING_ATTRIBUTES.get(tag, ())
        if tag == "link" and LOADING_LINK_RELS & set((values.get("rel") or "").lower().split()):
            names = ("href",)
        for name in names:
            for url in (values.get(name) or "").split(","):
                if _OTHER_HOST.match(url):
                    self.found.append((url.strip().split()[0], self.getpos()[0]))
        for url in _CSS_URL.findall(values.get("style") or ""):
            self.found.append((url, self.getpos()[0]))
        self._in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._in_style:
            self.found += [(url, self.getpos()[0]) for url in _CSS_URL.findall(data)]

    def handle_endtag(self, tag):
        self._in_style = False


def external_references(site: Path, js_hosts_allowed: dict[str, str] | None = None) -> list[str]:
    """What in a built site would make a browser contact another host: loading elements in the
    HTML, url()/@import in CSS, and https:// hosts named in JavaScript (except `js_hosts_allowed`,
    host -> why that script never contacts it)."""
    found = []
    for file in html_files(site):
        parser = _LoadParser()
        parser.feed(file.read_text(encoding="utf-8"))
        found += [f"{file.relative_to(site)}:{line}: {url}" for url, line in parser.found]
    for file in sorted(site.rglob("*.css")):
        found += [f"{file.relative_to(site)}: {url}" for url in _CSS_URL.findall(file.read_text(encoding="utf-8"))]
    for file in sorted(site.rglob("*.js")):
        hosts = set(_JS_URL.findall(file.read_text(encoding="utf-8"))) - set(js_hosts_allowed or {})
        found += [f"{file.relative_to(site)}: https://{host}" for host in sorted(hosts)]
    return found
