"""schema.org JSON-LD on service pages and the home page, read back from the built HTML."""

from __future__ import annotations

import json
from decimal import Decimal

import yaml
from lxml import html as lxml_html

from conftest import REPO, loket


def jsonld_blocks(page_html: str) -> list[dict]:
    tree = lxml_html.fromstring(page_html)
    return [json.loads(s.text) for s in tree.xpath("//script[@type='application/ld+json']")]


def test_every_service_page_describes_a_government_service(example_sites):
    site = example_sites["public"]
    organisation = yaml.safe_load((REPO / "catalogue/organisatie.yml").read_text(encoding="utf-8"))
    for path in sorted((REPO / "catalogue/diensten").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        [ld] = jsonld_blocks((site / "diensten" / path.stem / "index.html").read_text(encoding="utf-8"))
        assert ld["@context"] == "https://schema.org" and ld["@type"] == "GovernmentService"
        assert ld["name"] == data["naam"] and ld["description"] == data["samenvatting"].strip()
        assert ld["url"] == f"https://www.lindewaard.example/diensten/{path.stem}/"
        assert ld["provider"] == {"@type": "GovernmentOrganization", "name": organisation["naam"],
                                  "url": organisation["website"], "sameAs": organisation["owms_uri"]}
        assert ld["areaServed"]["@type"] == "AdministrativeArea" and ld["areaServed"]["name"] == "Lindewaard"
        assert [a["@type"] for a in ld["audience"]] == [
            {"inwoner": "PeopleAudience", "ondernemer": "BusinessAudience"}[d] for d in data["doelgroep"]]
        costs = data.get("kosten") or [{"bedrag": 0}]
        assert [Decimal(o["price"]) for o in ld["offers"]] == [Decimal(str(k["bedrag"])) for k in costs]
        assert {o["priceCurrency"] for o in ld["offers"]} == {"EUR"}
        if data["aanvragen"]["online"] == "live":
            assert ld["availableChannel"]["serviceUrl"] == data["aanvragen"]["url"]
        else:
            assert "availableChannel" not in ld
        assert ld["serviceType"]  # the UPL label


def test_home_page_describes_the_organisation(example_sites):
    [ld] = jsonld_blocks((example_sites["public"] / "index.html").read_text(encoding="utf-8"))
    assert ld["@type"] == "GovernmentOrganization"
    assert ld["name"] == "Gemeente Lindewaard" and ld["url"] == "https://www.lindewaard.example/"
    assert ld["telephone"] == "14 0555" and ld["email"] == "info@lindewaard.example"
    # Other pages carry none.
    assert jsonld_blocks((example_sites["public"] / "privacy/index.html").read_text(encoding="utf-8")) == []


def test_internal_values_stay_out_of_the_jsonld(example_sites):
    for target in ("public", "internal"):
        text = (example_sites[target] / "diensten/paspoort-aanvragen/index.html").read_text(encoding="utf-8")
        [ld] = jsonld_blocks(text)
        dumped = json.dumps(ld, ensure_ascii=False)
        assert "team Burgerzaken" not in dumped and "Piek van maart" not in dumped and "Centric" not in dumped


BREAKOUT = '</script><script>alert("x")</script><!-- & \'quote\' >'


def test_text_from_yaml_cannot_break_out_of_the_script_element(repo):
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", f"""
        naam: {json.dumps("Paspoort " + BREAKOUT)}
        samenvatting: {json.dumps(BREAKOUT)}
        doelgroep: [inwoner]
        themas: [burgerzaken]
        aanvragen:
          online: niet
        kosten:
          - omschrijving: {json.dumps(BREAKOUT)}
            bedrag: 1.5
        gecontroleerd_op: 2026-09-01
        """)
    repo.build()
    page = repo.page("diensten/paspoort-aanvragen")
    start = page.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    payload = page[start:page.index("</script>", start)]
    # The payload holds none of the characters that could end or comment out the element…
    assert not set("<>&'") & set(payload)
    assert "\\u003c/script\\u003e" in payload
    # …and reads back as exactly what the editor wrote.
    ld = json.loads(payload)
    assert ld["name"] == "Paspoort " + BREAKOUT and ld["description"] == BREAKOUT
    assert ld["offers"] == [{"@type": "Offer", "name": BREAKOUT, "price": "1.50", "priceCurrency": "EUR"}]
    # The only scripts in the page are the theme's own and the JSON-LD block.
    tree = lxml_html.fromstring(page)
    assert not [s for s in tree.iter("script") if "alert" in (s.text or "") and s.get("type") != "application/ld+json"]


def test_loket_render_carries_the_jsonld_in_front_matter(tmp_path, example_sites):
    out = tmp_path / "docs"
    loket(["render", str(out), "--root", str(REPO)], cwd=REPO, check=True)
    text = (out / "diensten/paspoort-aanvragen.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    built = (example_sites["public"] / "diensten/paspoort-aanvragen/index.html").read_text(encoding="utf-8")
    assert json.loads(meta["loket_jsonld"]) == jsonld_blocks(built)[0]
