"""`loket import sc` on the real municipal feeds: complete, valid, safe, repeatable, and honest about repairs.

The mix: Groningen (the largest feed, full of the UPL placeholder and of '//' in its page
addresses), Hellendoorn (HTML and entities in almost every abstract, whole pages pasted
in), Breda (placeholders), Emmen ('//' and http in application URLs) and Montfoort (the
seed municipality). Sites are built from Hellendoorn and Montfoort only, once per module.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from lxml import etree, html

from conftest import REPO, loket, mkdocs_build
from loket import upl
from loket.importers.mapping import map_record
from loket.importers.sc import parse, read_bytes
from loket.importers.text import decode_entities, normalise_space
from loket.init import create_repository

FEEDS = REPO.parent / "shared" / "data" / "sc-feeds"
SC_XSD = REPO.parent / "shared" / "data" / "sc" / "sc" / "4.0" / "xsd" / "sc.xsd"
MIX = ("Groningen", "Hellendoorn", "Breda", "Emmen", "Montfoort")
BUILT = ("Hellendoorn", "Montfoort")
NS = {"p": "http://standaarden.overheid.nl/product/terms/", "dcterms": "http://purl.org/dc/terms/"}

pytestmark = pytest.mark.skipif(not FEEDS.is_dir(), reason="the real SC feeds (../shared/data/sc-feeds) are not here")


def feed(name: str) -> Path:
    return FEEDS / f"{name}.xml.gz"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(root).parts and "site" not in p.relative_to(root).parts[:1]}


def services(root: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((root / "catalogue/diensten").glob("*.yml"))}


def import_feed(root: Path, source: str, *extra: str, check: bool = True) -> subprocess.CompletedProcess:
    result = loket(["import", "sc", source, "--root", str(root), *extra], cwd=root)
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> dict[str, tuple[Path, dict]]:
    """Each feed of the mix imported with `loket import sc` into a repository made by `loket init`."""
    out = {}
    for name in MIX:
        root = tmp_path_factory.mktemp("import") / name.lower()
        create_repository(root, name, git=False)
        result = import_feed(root, str(feed(name)), "--format", "json")
        out[name] = (root, json.loads(result.stdout))
    return out


@pytest.fixture(scope="module")
def built(imported) -> dict[str, dict[str, Path]]:
    sites = {}
    for name in BUILT:
        root = imported[name][0]
        sites[name] = {}
        for target in ("public", "internal"):
            mkdocs_build(root, target)  # --strict; raises with the log when it fails
            sites[name][target] = root / "site" / target
    return sites


def test_each_feed_imports_at_least_98_percent_and_validates_without_errors(imported):
    for name, (root, report) in imported.items():
        assert report["geimporteerd"] / report["records"] >= 0.98, name
        assert report["geimporteerd"] + len(report["overgeslagen"]) == report["records"], name
        assert len(list((root / "catalogue/diensten").glob("*.yml"))) == report["geimporteerd"], name
        result = loket(["validate"], cwd=root)
        assert result.returncode == 0 and "0 fout(en)" in result.stdout, (name, result.stdout[-2000:])
    # What could not be imported is listed with the reason: Groningen's product called "5G".
    assert imported["Groningen"][1]["overgeslagen"] == [
        {"positie": 64, "titel": "5G", "reden": "geen titel (dcterms:title is leeg of korter dan 3 tekens)"}]


def test_titles_upl_names_and_https_application_urls_are_preserved(imported):
    known = upl.products_by_uri()
    for name, (root, _) in imported.items():
        by_source = {}
        for sid, data in services(root).items():
            by_source.setdefault((data["bron"].get("sc_identifier"), data["bron"].get("product_id")), []).append(data)
        checked_urls = 0
        for record in parse(read_bytes(str(feed(name)))).records:
            if map_record(record).skipped:
                continue
            title = normalise_space(decode_entities(record.title))
            # A title over 120 characters is shortened at a word and kept whole in the description.
            [data] = [d for d in by_source[(record.identifier or None, record.product_id or None)]
                      if d["naam"] == title or (len(title) > 120 and d["naam"].endswith("…")
                                                and title.startswith(d["naam"][:-1])
                                                and d["beschrijving"].startswith(title[:100].replace("*", "\\*")))] or [None]
            assert data is not None, (name, record.title)
            in_list = {u.uri.strip() for u in record.upl} & set(known)
            real = in_list - {upl.PLACEHOLDER}
            expected = real or in_list  # the placeholder is kept only where it is the only name
            assert {data.get("upl"), *data.get("upl_aanvullend", [])} - {None} == expected, (name, record.title)
            url = (record.application_url or "").strip()
            if record.online in ("ja", "digid") and url.startswith("https://"):
                assert data["aanvragen"] == {**data["aanvragen"], "online": "live", "url": url}, (name, record.title)
                checked_urls += 1
        if name in ("Groningen", "Emmen", "Hellendoorn"):
            assert checked_urls > 10, name


def test_urls_with_double_slashes_are_kept_as_the_feed_wrote_them(imported):
    root, _ = imported["Emmen"]
    urls = [d["aanvragen"].get("url", "") for d in services(root).values()]
    assert sum(bool(re.search(r"[^:]//", u)) for u in urls) >= 4
    identifiers = [d["bron"]["sc_identifier"] for d in services(imported["Groningen"][0]).values()]
    assert sum("//" in i.split("://", 1)[1] for i in identifiers) > 600


def test_the_report_counts_every_class_of_repair(imported):
    repairs = {name: report["reparaties"] for name, (_, report) in imported.items()}
    assert repairs["Groningen"]["upl-placeholder"] > 500
    assert repairs["Breda"]["upl-placeholder"] > 150
    assert repairs["Hellendoorn"]["html-omgezet"] > 300 and repairs["Hellendoorn"]["samenvatting-ingekort"] > 50
    assert repairs["Emmen"]["http-link-vervangen"] >= 5
    text = import_feed(imported["Breda"][0], str(feed("Breda"))).stdout
    assert "UPL-naam nog niet beschikbaar (plaatsvervanger bewaard)" in text and "ongewijzigd: 271" in text


def test_summaries_are_plain_text_cut_at_a_sentence_and_the_full_text_kept(imported):
    root, _ = imported["Hellendoorn"]
    cut = [d for d in services(root).values() if "samenvatting-ingekort" in d["bron"].get("meldingen", [])]
    assert len(cut) > 50
    for data in cut:
        summary = data["samenvatting"]
        assert len(summary) <= 300 and (summary.endswith((".", "!", "?", "…")))
        assert "<" not in summary and not re.search(r"&[a-z]+;", summary)
        # The whole abstract is in the description (as Markdown: compare the words it starts with).
        words = lambda text: re.sub(r"[^\w]+", " ", text).split()  # noqa: E731
        text = re.sub(r"\]\([^)]*\)", "]", data["beschrijving"])  # link targets are not text
        assert " ".join(words(text)).startswith(" ".join(words(summary)[:4]))  # list numbers may follow
        assert len(data["beschrijving"]) > len(summary)


def test_no_html_from_the_feed_in_any_file(imported):
    tag = re.compile(r"(?<!\\)<\s*/?\s*[a-zA-Z!]")
    for name, (root, _) in imported.items():
        for path in (root / "catalogue/diensten").glob("*.yml"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for field in ("naam", "samenvatting", "beschrijving"):
                assert not tag.search(data.get(field, "")), (path.name, field)
                assert not re.search(r"&(#\d+|[a-z]+);", data.get(field, "")), (path.name, field)


def test_both_targets_build_strict(built):
    for name, sites in built.items():
        for target, site in sites.items():
            assert (site / "diensten/index.html").is_file(), (name, target)


def test_sc_export_is_xsd_valid_with_one_product_per_service(imported, built):
    schema = etree.XMLSchema(etree.parse(str(SC_XSD)))
    for name in BUILT:
        root = imported[name][0]
        doc = etree.parse(str(built[name]["public"] / "export/samenwerkende-catalogi.xml"))
        assert schema.validate(doc), schema.error_log
        ids = [p.findtext(".//p:productID", namespaces=NS) for p in doc.findall("p:scproduct", NS)]
        assert ids == sorted(services(root)), name
        # Services without a UPL name are exported too (Hellendoorn has them).
        without = [p for p in doc.findall("p:scproduct", NS) if p.find(".//p:uniformeProductnaam", NS) is None]
        assert len(without) == sum(1 for d in services(root).values() if "upl" not in d)


def test_pages_show_feed_text_as_text_never_as_html(built, imported):
    root, _ = imported["Hellendoorn"]
    formatted = 0
    for sid in services(root):
        page = html.parse(str(built["Hellendoorn"]["public"] / "diensten" / sid / "index.html")).getroot()
        [article] = page.xpath("//article")
        assert not article.xpath(".//script | .//iframe | .//object | .//embed | .//form | .//img | .//style"), sid
        assert not [a for el in article.iter() if isinstance(el.tag, str) for a in el.attrib if a.startswith("on")], sid
        text = article.text_content()
        assert not re.search(r"&(#\d+|[a-zA-Z]+);", text), (sid, re.search(r".{30}&(#\d+|[a-zA-Z]+);.{30}", text))
        assert "<p>" not in text and "</" not in text, sid
        formatted += bool(article.xpath(".//li | .//strong | .//h3"))
    # The HTML became Markdown, not flattened text: lists, bold and headings survive.
    assert formatted > 20


def test_provenance_never_reaches_the_public_site(imported, built):
    root, _ = imported["Montfoort"]
    product_ids = [d["bron"]["product_id"] for d in services(root).values()]
    for path in built["Montfoort"]["public"].rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not any(pid in text for pid in product_ids), path
            assert "bron:" not in text and "meldingen" not in text, path


def test_review_notes_are_validate_warnings_at_the_field(imported, tmp_path):
    root = tmp_path / "groningen"
    shutil.copytree(imported["Groningen"][0], root)
    result = loket(["validate", "--format", "json"], cwd=root)
    problems = json.loads(result.stdout)["problems"]
    placeholder = [p for p in problems if p["code"] == "import.upl-placeholder"]
    assert len(placeholder) > 500 and all(p["severity"] == "warning" for p in placeholder)
    first = placeholder[0]
    lines = (root / first["file"]).read_text(encoding="utf-8").splitlines()
    assert lines[first["line"] - 1].startswith("upl: http://standaarden.overheid.nl/owms/terms/UPL-naam_nog_niet_beschikbaar")
    assert "UPL-naam nog niet beschikbaar" in first["message"] and "loket upl zoek" in first["hint"]
    # Dealt with: removing the note from bron.meldingen silences the warning.
    path = root / first["file"]
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"meldingen: \[([^\]]*)\]", lambda m: "meldingen: [" + ", ".join(
        c for c in m[1].split(", ") if c != "upl-placeholder") + "]", text), encoding="utf-8")
    again = json.loads(loket(["validate", "--format", "json"], cwd=root).stdout)["problems"]
    assert not [p for p in again if p["code"] == "import.upl-placeholder" and p["file"] == first["file"]]
    assert len([p for p in again if p["code"] == "import.upl-placeholder"]) == len(placeholder) - 1


def test_digid_is_live_without_an_invented_level(imported):
    digid = [d for root, _ in imported.values() for d in services(root).values()
             if "digid-niveau-onbekend" in d["bron"].get("meldingen", [])]
    assert len(digid) >= 10
    for data in digid:
        assert data["aanvragen"]["online"] == "live" and data["aanvragen"]["url"].startswith("https://")
        assert "inloggen" not in data


def test_a_second_import_changes_no_file(imported):
    root, _ = imported["Groningen"]
    before = snapshot(root)
    report = json.loads(import_feed(root, str(feed("Groningen")), "--format", "json").stdout)
    assert snapshot(root) == before
    assert report["bestanden"] == [] and report["ongewijzigd"] == report["geimporteerd"] and report["bijgewerkt"] == []


def test_ids_are_stable_whatever_the_record_order(imported, tmp_path):
    """Duplicate titles get numbered ids; the numbering depends on the records, not on their order."""
    root, _ = imported["Groningen"]
    raw = gzip.decompress(feed("Groningen").read_bytes())
    tree = etree.fromstring(raw)
    records = tree.find("{http://www.loc.gov/zing/srw/}records")
    items = list(records)
    for item in items:
        records.remove(item)
    for item in reversed(items):
        records.append(item)
    reversed_feed = tmp_path / "reversed.xml"
    reversed_feed.write_bytes(etree.tostring(tree))
    other = tmp_path / "repo"
    create_repository(other, "Groningen", git=False)
    import_feed(other, str(reversed_feed))
    ours = {p: b for p, b in snapshot(root).items() if p.startswith("catalogue/diensten/")}
    theirs = {p: b for p, b in snapshot(other).items() if p.startswith("catalogue/diensten/")}
    assert ours == theirs
    assert sum(bool(re.search(r"-\d+\.yml$", p)) for p in ours) >= 10


def _newer_montfoort(tmp_path: Path) -> Path:
    """Montfoort's feed, a little later: one abstract and one title changed, one product gone, one new."""
    text = gzip.decompress(feed("Montfoort").read_bytes()).decode("utf-8")
    text = text.replace("Om dit officieel bekend te maken", "Om de geboorte officieel bekend te maken")
    text = text.replace("<![CDATA[Nederlandse nationaliteit aanvragen]]>", "<![CDATA[Nederlandse nationaliteit aanvragen of herkrijgen]]>")
    tree = etree.fromstring(text.encode("utf-8"))
    records = tree.find("{http://www.loc.gov/zing/srw/}records")
    gone = next(r for r in records if "Vluchtelingenpaspoort" in etree.tostring(r, encoding="unicode"))
    records.remove(gone)
    new = etree.fromstring(etree.tostring(records[0]))
    new.find(".//{http://purl.org/dc/terms/}title").text = "Nieuwe dienst uit de feed"
    new.find(".//{http://standaarden.overheid.nl/product/terms/}productID").text = "nieuw-0001"
    new.find(".//{http://purl.org/dc/terms/}identifier").text = "https://www.montfoort.nl/nieuwe-dienst"
    records.append(new)
    path = tmp_path / "Montfoort-later.xml"
    path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    return path


def test_a_newer_feed_updates_unedited_services_and_keeps_an_editors_change(imported, tmp_path):
    root = tmp_path / "montfoort"
    shutil.copytree(imported["Montfoort"][0], root, ignore=shutil.ignore_patterns("site"))
    birth = root / "catalogue/diensten/aangifte-van-geboorte.yml"
    edited = "Door de redactie herschreven: zo doet u aangifte van de geboorte van uw kind."
    birth.write_text(re.sub(r"(?m)^samenvatting: .*$", f"samenvatting: {json.dumps(edited)}", birth.read_text(encoding="utf-8")),
                     encoding="utf-8")
    before = services(root)
    report = json.loads(import_feed(root, str(_newer_montfoort(tmp_path)), "--format", "json").stdout)
    after = services(root)
    # The editor's summary stays, and the import says the feed changed it too.
    assert after["aangifte-van-geboorte"]["samenvatting"] == edited
    assert report["conflicten"] == [{"dienst": "aangifte-van-geboorte", "veld": "samenvatting"}]
    # An unedited service follows the feed and keeps its id (found again by productID).
    assert after["nederlandse-nationaliteit-aanvragen"]["naam"] == "Nederlandse nationaliteit aanvragen of herkrijgen"
    assert report["bijgewerkt"] == ["nederlandse-nationaliteit-aanvragen"]
    assert report["nieuw"] == ["nieuwe-dienst-uit-de-feed"]
    # Gone from the feed: listed, the file kept for an editor to decide.
    assert report["verdwenen"] == ["vluchtelingenpaspoort"] and "vluchtelingenpaspoort" in after
    changed = ("nederlandse-nationaliteit-aanvragen", "nieuwe-dienst-uit-de-feed", "aangifte-van-geboorte")
    assert {k: v for k, v in after.items() if k not in changed} == {k: v for k, v in before.items() if k not in changed}
    assert after["aangifte-van-geboorte"] == before["aangifte-van-geboorte"]  # the feed's change did not overwrite it
    assert loket(["validate"], cwd=root).returncode == 0
    # The same newer feed again: nothing changes, the conflict is still reported.
    again = json.loads(import_feed(root, str(_newer_montfoort(tmp_path)), "--format", "json").stdout)
    assert again["bestanden"] == [] and again["conflicten"] == report["conflicten"]
    text = import_feed(root, str(_newer_montfoort(tmp_path))).stdout
    assert "Conflicten" in text and "aangifte-van-geboorte: samenvatting" in text


def test_a_municipal_feed_with_product_html_bodies(tmp_path):
    """The municipality's own feed shape: scproducten with productHTML (Montfoort's records, with a body added)."""
    raw = gzip.decompress(feed("Montfoort").read_bytes())
    search = etree.fromstring(raw)
    root_el = etree.Element("{http://standaarden.overheid.nl/product/terms/}scproducten", nsmap={
        "overheidproduct": "http://standaarden.overheid.nl/product/terms/", "dcterms": "http://purl.org/dc/terms/",
        "overheid": "http://standaarden.overheid.nl/owms/terms/"})
    products = list(search.iter("{http://standaarden.overheid.nl/product/terms/}scproduct"))
    for product in products:
        root_el.append(product)
    body = products[0].find(".//{http://standaarden.overheid.nl/product/terms/}productHTML")
    body.append(etree.fromstring(
        '<div xmlns="http://www.w3.org/1999/xhtml"><h2>Voorwaarden</h2><ul><li>U woont in Montfoort&#160;&amp; omgeving</li>'
        '<li><strong>Meenemen</strong>: uw paspoort</li></ul><script>alert(1)</script>'
        '<p onclick="x()">Lees <a href="http://www.montfoort.nl/info">meer</a>.</p></div>'))
    path = tmp_path / "feed.xml"
    path.write_bytes(etree.tostring(root_el, xml_declaration=True, encoding="UTF-8"))
    repo = tmp_path / "repo"
    create_repository(repo, "Montfoort", git=False)
    report = json.loads(import_feed(repo, str(path), "--format", "json").stdout)
    assert report["soort"] == "feed" and report["geimporteerd"] == 35
    data = services(repo)["nederlandse-nationaliteit-aanvragen"]
    assert data["beschrijving"] == ("## Voorwaarden\n\n- U woont in Montfoort & omgeving\n- **Meenemen**: uw paspoort\n\n"
                                    "Lees [meer](https://www.montfoort.nl/info).")
    assert {"http-link-vervangen", "html-verwijderd"} <= set(data["bron"]["meldingen"])
    assert loket(["validate"], cwd=repo).returncode == 0


def test_a_sample_of_all_feeds_imports_at_least_98_percent():
    """Every tenth of the 339 feeds, mapped record by record (bench/import_feeds.py does all of them, and validates)."""
    feeds = sorted(FEEDS.glob("*.xml.gz"))
    assert len(feeds) == 339
    for path in feeds[::10]:
        records = parse(read_bytes(str(path))).records
        mapped = [map_record(r) for r in records]
        assert sum(m.skipped is None for m in mapped) >= 0.98 * len(records), path.name


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<overheidproduct:scproducten xmlns:overheidproduct="http://standaarden.overheid.nl/product/terms/"
  xmlns:dcterms="http://purl.org/dc/terms/"><overheidproduct:scproduct owms-version="4.0"><overheidproduct:meta>
<overheidproduct:owmskern><dcterms:title>&lol9;</dcterms:title></overheidproduct:owmskern></overheidproduct:meta>
</overheidproduct:scproduct></overheidproduct:scproducten>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>
<overheidproduct:scproducten xmlns:overheidproduct="http://standaarden.overheid.nl/product/terms/"
  xmlns:dcterms="http://purl.org/dc/terms/"><overheidproduct:scproduct owms-version="4.0"><overheidproduct:meta>
<overheidproduct:owmskern><dcterms:title>Paspoort &geheim;</dcterms:title></overheidproduct:owmskern></overheidproduct:meta>
</overheidproduct:scproduct></overheidproduct:scproducten>
"""


@pytest.fixture(scope="module")
def fresh_repo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bad") / "montfoort"
    create_repository(root, "Montfoort", git=False)
    return root


def _unused_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("case, content, message", [
    ("not-xml", b"Dit is een webpagina, geen feed.\n", "is geen XML"),
    ("html", b"<html><body><p>Pagina niet gevonden</p></body></html>", "geen Samenwerkende Catalogi-feed: het hoofdelement is <html>"),
    ("rss", b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "geen Samenwerkende Catalogi-feed"),
    ("truncated-xml", None, "geen volledige, geldige XML"),
    ("truncated-gzip", None, "beschadigd of onvolledig gzip-bestand"),
    ("bomb", BOMB.encode(), "DOCTYPE"),
    ("external-entity", EXTERNAL.encode(), "DOCTYPE"),
    ("empty", b"", "is leeg"),
])
def test_bad_files_give_a_dutch_error_and_write_nothing(fresh_repo, tmp_path, case, content, message):
    if case == "truncated-xml":
        content = gzip.decompress(feed("Montfoort").read_bytes())[:60_000]
    elif case == "truncated-gzip":
        content = feed("Montfoort").read_bytes()[: feed("Montfoort").stat().st_size // 2]
    path = tmp_path / f"{case}.xml{'.gz' if case == 'truncated-gzip' else ''}"
    path.write_bytes(content)
    before = snapshot(fresh_repo)
    result = import_feed(fresh_repo, str(path), check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert message in result.stderr and "Import mislukt" in result.stderr and "Er is niets geschreven." in result.stderr
    assert "Traceback" not in result.stderr and "root:" not in result.stderr + result.stdout
    assert snapshot(fresh_repo) == before
    assert not list(fresh_repo.glob(".loket-import-*"))


def test_urls_must_be_https_and_answer(fresh_repo):
    before = snapshot(fresh_repo)
    port = _unused_port()
    plain = import_feed(fresh_repo, f"http://127.0.0.1:{port}/feed.xml", check=False)
    assert plain.returncode == 1 and "is geen https-adres" in plain.stderr
    silent = import_feed(fresh_repo, f"https://127.0.0.1:{port}/feed.xml", check=False)
    assert silent.returncode == 1 and "antwoordt niet" in silent.stderr and "Traceback" not in silent.stderr
    missing = import_feed(fresh_repo, str(fresh_repo / "bestaat-niet.xml"), check=False)
    assert missing.returncode == 1 and "bestaat niet" in missing.stderr
    assert snapshot(fresh_repo) == before
