"""What a resident sees on a service page, built from YAML in a temporary repository."""

from __future__ import annotations

import re

SERVICE = "catalogue/diensten/paspoort-aanvragen.yml"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_live_service_with_login_costs_and_related(repo):
    repo.write("catalogue/diensten/id-kaart-aanvragen.yml", """
        naam: ID-kaart aanvragen
        samenvatting: Vraag een identiteitskaart aan.
        doelgroep: [inwoner]
        themas: [burgerzaken]
        aanvragen: {online: niet}
        gecontroleerd_op: 2026-09-01
        """)
    repo.write(SERVICE, """
        naam: Paspoort aanvragen
        samenvatting: Vraag een paspoort aan bij de gemeente.
        beschrijving: |
          U vraagt een paspoort **persoonlijk** aan.

          | Leeftijd | Geldig |
          |---|---|
          | 18+ | 10 jaar |
        doelgroep: [inwoner, ondernemer]
        themas: [burgerzaken]
        trefwoorden: [reisdocument]
        aanvragen:
          online: live
          url: https://mijn.proefdorp.example/paspoort
        inloggen:
          digid: substantieel
          eherkenning: EH3
          eidas: substantieel
          machtigen: true
        kosten:
          - omschrijving: Paspoort 18 jaar en ouder
            bedrag: 84.95
          - omschrijving: Spoedtoeslag
            bedrag: 1250
        voorwaarden: [U staat ingeschreven in de gemeente.]
        nodig: [Een pasfoto]
        termijn: 5 werkdagen
        wetgeving:
          - titel: Paspoortwet
            url: https://wetten.overheid.nl/BWBR0005212/
        gerelateerd: [id-kaart-aanvragen]
        gecontroleerd_op: 2026-09-01
        """)
    repo.build()
    page = repo.page("diensten/paspoort-aanvragen")
    text = text_of(page)
    assert 'href="https://mijn.proefdorp.example/paspoort"' in page and "Direct regelen" in text
    assert "Inloggen met DigiD (niveau Substantieel)" in text
    assert "Inloggen met eHerkenning niveau EH3" in text
    assert "eIDAS, niveau Substantieel" in text
    assert "machtigt" in text
    assert "€ 84,95" in text and "€ 1.250,00" in text
    assert "<strong>persoonlijk</strong>" in page and "<table>" in page
    assert "U staat ingeschreven in de gemeente." in text and "Een pasfoto" in text
    assert "5 werkdagen" in text and 'href="https://wetten.overheid.nl/BWBR0005212/"' in page
    assert 'href="../id-kaart-aanvragen/"' in page
    assert "gecontroleerd op 1 september 2026" in text


def test_planned_and_offline_services(repo):
    repo.write(SERVICE, """
        naam: Paspoort aanvragen
        samenvatting: Vraag een paspoort aan bij de gemeente.
        doelgroep: [inwoner]
        themas: [burgerzaken]
        aanvragen:
          online: gepland
          gepland: 2027-Q2
        gecontroleerd_op: 2026-09-01
        """)
    repo.write("catalogue/diensten/rijbewijs.yml", """
        naam: Rijbewijs verlengen
        samenvatting: Verleng uw rijbewijs aan de balie.
        doelgroep: [inwoner]
        themas: [burgerzaken]
        aanvragen: {online: niet, toelichting: Maak eerst een afspraak.}
        gecontroleerd_op: 2026-09-01
        """)
    repo.build()
    planned = text_of(repo.page("diensten/paspoort-aanvragen"))
    assert "Binnenkort online (2027-Q2)" in planned and "Direct regelen" not in planned
    offline = text_of(repo.page("diensten/rijbewijs"))
    assert "Niet online te regelen" in offline and "Maak eerst een afspraak." in offline
    assert "14 0999" in offline and "Hieraan zijn geen kosten verbonden." in offline
