"""Text from YAML reaches the page as text: escaped, never as live markup."""

from __future__ import annotations

import json
import re

from lxml import html as lxml_html

SERVICE = "catalogue/diensten/vreemde-tekens.yml"

NASTY = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def service_yaml(text: str) -> str:
    return f"""
        naam: {text}
        samenvatting: {text}
        beschrijving: |
          {text}

          [klik](javascript:alert(1)) en [data](data:text/html,evil) en <b onclick="x()">vet</b>

          {{{{ config }}}} {{% raw %}}
        doelgroep: [inwoner, ondernemer]
        themas: [burgerzaken]
        trefwoorden: [{text}]
        aanvragen:
          online: niet
          toelichting: {text}
        kosten:
          - omschrijving: {text}
            bedrag: 1
        voorwaarden: [{text}]
        nodig: [{text}]
        termijn: {text}
        wetgeving: [{{titel: {text}, url: "https://wetten.overheid.nl/x"}}]
        gecontroleerd_op: 2026-09-01
        """


def quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def test_html_and_script_in_every_field_stay_inert(repo):
    repo.write(SERVICE, service_yaml(quoted(NASTY)))
    repo.build()
    page = repo.page("diensten/vreemde-tekens")
    tree = lxml_html.fromstring(page)
    # No element the YAML tried to inject exists in the document (the JSON-LD block holds the text as
    # escaped JSON data, never as markup: tests/test_jsonld.py).
    assert not [s for s in tree.iter("script") if "alert" in (s.text or "") and s.get("type") != "application/ld+json"]
    assert not tree.xpath("//img[@onerror]") and not tree.xpath("//*[@onclick]")
    assert not tree.xpath("//a[starts-with(@href, 'javascript:')]")
    assert not tree.xpath("//a[starts-with(@href, 'data:')]")
    # …while the text is visible as typed, in the title, heading and body.
    assert tree.findtext(".//title").startswith(NASTY)
    assert tree.xpath("string(//h1)") == NASTY
    body = tree.xpath("string(//article)")
    assert body.count(NASTY) >= 6
    assert "{{ config }}" in body and "{% raw %}" in body
    # The description meta tag holds the escaped text too.
    assert tree.xpath("//meta[@name='description']/@content") == [NASTY]
    # The search index keeps the name as typed; the results page shows it with textContent, never as HTML.
    assert NASTY in [d["title"] for d in repo.search_index()["docs"]]


def test_unusual_but_valid_content_renders_correctly(repo):
    name = 'Café “De Ĳzeren Man” & Zoon <Horeca> 🎉 — ç, ü, 100% \'t Gooi'
    long_name = "Ontheffing " + "zeer lange naam " * 6
    repo.write(SERVICE, f"""
        naam: {quoted(name)}
        samenvatting: {quoted(long_name.strip())}
        beschrijving: |
          Een tabel:

          | Soort | Tarief |
          |---|---|
          | Terras & luifel | € 12,50 |

          *Let op*: zie [de regels](https://www.proefdorp.example/regels).
        doelgroep: [ondernemer]
        themas: [burgerzaken]
        aanvragen: {{online: niet}}
        gecontroleerd_op: 2026-09-01
        """)
    repo.build()
    page = repo.page("diensten/vreemde-tekens")
    tree = lxml_html.fromstring(page)
    assert tree.xpath("string(//h1)") == name
    table = tree.xpath("//article//table")[0]
    assert [c.text_content() for c in table.iter("td")] == ["Terras & luifel", "€ 12,50"]
    assert tree.xpath("//article//em/text()") == ["Let op"]
    assert tree.xpath("//article//a[@href='https://www.proefdorp.example/regels']/text()") == ["de regels"]
    a_to_z = lxml_html.fromstring(repo.page("diensten"))
    assert name in [a.text_content() for a in a_to_z.xpath("//a[@class='loket-lijst__link']")]
