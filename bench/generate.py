"""A synthetic but realistic catalogue of N services, for the benchmark in `run.py`.

Deterministic for a given (N, seed): the same bytes every time, so that two
benchmark runs build the same site. Every field of the data contract is used
with realistic lengths (a description of 90–150 words, like the example
municipality's), services sit in themes, point at related services, and
roadmap projects point at services and at the example municipality's goals.

    python bench/generate.py --services 1000 --out /tmp/catalogue-1000

writes a complete repository (the project's configuration, overrides and
hand-written content plus the generated `catalogue/`). Standard library and
PyYAML only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import textwrap
import shutil
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]
# What a municipality's repository holds besides its catalogue.
SKELETON = ("mkdocs.yml", "site_config", "overrides", "content")

THEMES = {
    "burgerzaken": ("Burgerzaken", "Paspoort, ID-kaart, rijbewijs, verhuizen, geboorte, trouwen en overlijden."),
    "belastingen": ("Belastingen", "Gemeentelijke belastingen, de WOZ-waarde, bezwaar en kwijtschelding."),
    "parkeren-en-verkeer": ("Parkeren en verkeer", "Parkeervergunningen, ontheffingen en de gehandicaptenparkeerkaart."),
    "afval": ("Afval", "Grofvuil, containers en de milieustraat."),
    "wonen-en-bouwen": ("Wonen en bouwen", "Omgevingsvergunningen, bouwen, verbouwen, slopen en bomen kappen."),
    "zorg-en-ondersteuning": ("Zorg en ondersteuning", "Hulp bij het huishouden, hulpmiddelen, mantelzorg en jeugdhulp."),
    "werk-en-inkomen": ("Werk en inkomen", "Bijstand, schuldhulp, re-integratie en minimaregelingen."),
    "ondernemen": ("Ondernemen", "Vergunningen, standplaatsen, evenementen en bedrijfsafval voor ondernemers."),
    "openbare-ruimte": ("Openbare ruimte", "Meldingen, groen, speelplekken, straatverlichting en evenementen op straat."),
    "onderwijs-en-jeugd": ("Onderwijs en jeugd", "Leerlingenvervoer, leerplicht, kinderopvang en jongerenwerk."),
    "sport-en-cultuur": ("Sport en cultuur", "Subsidies voor verenigingen, sportaccommodaties en cultuur."),
    "veiligheid": ("Veiligheid", "Cameratoezicht, buurtpreventie, overlast en calamiteiten."),
}

SUBJECTS = (
    "Paspoort", "ID-kaart", "Rijbewijs", "Uittreksel BRP", "Verhuizing", "Parkeervergunning",
    "Omgevingsvergunning", "Kapvergunning", "Grofvuil", "Afvalcontainer", "Bijstandsuitkering",
    "Kwijtschelding", "Huwelijk", "Geregistreerd partnerschap", "Geboorteaangifte", "Overlijdensaangifte",
    "Standplaatsvergunning", "Evenementenvergunning", "Bezoekersvergunning", "Gehandicaptenparkeerkaart",
    "Leerlingenvervoer", "Schuldhulp", "Huishoudelijke hulp", "Rolstoel", "Verenigingssubsidie",
    "Hondenbelasting", "Afvalstoffenheffing", "WOZ-waarde", "Terrasvergunning", "Alcoholvergunning",
    "Uitritvergunning", "Sloopmelding", "Straatnaambord", "Straatverlichting", "Speelplek",
    "Laadpaal", "Ligplaatsvergunning", "Exploitatievergunning", "Mantelzorgwaardering", "Jeugdhulp",
    "Woningaanpassing", "Precariobelasting", "Reclamebelasting", "Toeristenbelasting", "Rioolheffing",
    "Bodeminformatie", "Bouwtekening", "Huisnummer", "Naturalisatie", "Verklaring omtrent het gedrag",
)

ACTIONS = ("aanvragen", "wijzigen", "verlengen", "opzeggen", "melden", "doorgeven", "aanvragen met spoed",
           "bezwaar maken", "terugvragen", "inzien", "stopzetten", "overschrijven")

# Qualifiers that keep names unique in a catalogue of many thousands (a
# regional service centre publishing for several municipalities, or variants).
QUALIFIERS = ("voor inwoners", "voor ondernemers", "voor verenigingen", "voor jongeren", "voor 65-plussers",
              "in het centrum", "in Hazelhorst", "in Oosterbeek", "tijdelijk", "voor een evenement",
              "voor een bedrijfspand", "voor een monument", "voor nieuwbouw", "na een verhuizing")

WORDS = (
    "de het een en van in op te met voor bij aan uit over door naar om als "
    "gemeente inwoner aanvraag formulier afspraak balie digitaal online "
    "burgerservicenummer legitimatie bewijs document kosten betaling "
    "termijn beslissing bezwaar regel vergunning melding aanvrager adres "
    "woning wijk straat buurt college raad wethouder medewerker "
    "informatie gegevens persoonsgegevens verwerking bewaartermijn "
    "u uw wij ons onze kunt moet mag wordt worden heeft hebben is zijn "
    "binnen na voordat nadat wanneer hoe wat welke dit dat deze die "
    "snel eenvoudig direct later altijd soms vaak meestal ook nog al "
    "indienen invullen ondertekenen ophalen afhalen bezorgen "
    "controleren beoordelen besluiten ontvangen versturen betalen "
    "week weken dag dagen werkdagen maand jaar datum tijd uur openingstijden "
    "telefoon e-mail brief post bericht berichtenbox "
    "kind kinderen ouder ouders partner gezin familie bewoner ondernemer "
    "bedrijf organisatie vereniging stichting evenement terrein gebouw pand "
    "belangrijk verplicht nodig mogelijk geldig nieuw oud volledig "
    "duidelijk juist tijdig eigen ander andere extra apart gratis"
).split()

KEYWORDS = ("reisdocument", "identiteitsbewijs", "vakantie", "pasfoto", "verhuizen", "adreswijziging", "inschrijven",
            "uitkering", "minima", "schulden", "vergunning", "ontheffing", "parkeren", "auto", "fiets", "afval",
            "container", "milieustraat", "bouwen", "verbouwen", "dakkapel", "schuur", "boom", "evenement", "feest",
            "markt", "horeca", "terras", "belasting", "aanslag", "bezwaar", "huwelijk", "trouwen", "geboorte",
            "overlijden", "zorg", "mantelzorg", "jeugd", "school", "vervoer", "subsidie", "vereniging", "melding",
            "overlast", "straat", "lantaarnpaal", "speeltuin", "laadpaal", "boot", "ondernemer", "bedrijf")

NEEDS = (
    "Uw DigiD of een machtiging.", "Een geldig identiteitsbewijs.", "Een recente pasfoto.",
    "Uw burgerservicenummer (BSN).", "Een uittreksel van de Kamer van Koophandel.",
    "Een tekening van de situatie op schaal.", "Uw bankrekeningnummer (IBAN).",
    "Het oude document, ook als het verlopen is.", "Een kopie van het huurcontract of de koopakte.",
    "Gegevens over uw inkomen van de afgelopen drie maanden.", "Een verklaring van de huisarts.",
    "Foto's van de situatie.", "De gegevens van de organisator en een plattegrond.",
)

CONDITIONS = (
    "U staat ingeschreven in de gemeente.", "U bent 18 jaar of ouder.", "U woont in het vergunningsgebied.",
    "Uw bedrijf staat ingeschreven bij de Kamer van Koophandel.", "U hebt geen openstaande schulden bij de gemeente.",
    "De aanvraag komt minstens acht weken voor de datum binnen.", "U bent eigenaar of huurder van het pand.",
    "Uw inkomen ligt onder 120 procent van het sociaal minimum.",
)

TERMS = ("5 werkdagen", "2 weken", "8 weken, met één keer verlenging van 6 weken", "Direct", "4 weken",
         "13 weken", "1 werkdag na de afspraak", "Binnen 3 werkdagen na uw melding")

LAWS = (
    ("Paspoortwet", "https://wetten.overheid.nl/BWBR0005212/"),
    ("Wet basisregistratie personen", "https://wetten.overheid.nl/BWBR0033715/"),
    ("Omgevingswet", "https://wetten.overheid.nl/BWBR0037885/"),
    ("Participatiewet", "https://wetten.overheid.nl/BWBR0015703/"),
    ("Wet maatschappelijke ondersteuning 2015", "https://wetten.overheid.nl/BWBR0035362/"),
    ("Gemeentewet", "https://wetten.overheid.nl/BWBR0005416/"),
    ("Algemene plaatselijke verordening", None),
    ("Wegenverkeerswet 1994", "https://wetten.overheid.nl/BWBR0006622/"),
    ("Alcoholwet", "https://wetten.overheid.nl/BWBR0002458/"),
    ("Wet gemeentelijke schuldhulpverlening", "https://wetten.overheid.nl/BWBR0026232/"),
)

TEAMS = ("team Burgerzaken", "team Vergunningen", "team Belastingen", "team Sociaal Domein", "team Openbare Ruimte",
         "team Economie", "team Klantcontact", "team Afval en Reiniging")
SUPPLIERS = ("Centric", "PinkRoccade", "Open Formulieren", "Exxellence", "Visma Roxit", "eigen beheer")
ROADMAP_STATUSES = ("idee", "gepland", "lopend", "afgerond", "gestopt")
# Fixed so that generated catalogues do not depend on the day they were made.
REVIEW_YEAR_MONTHS = [(2026, m) for m in range(1, 11)] + [(2025, 6)]


def slug(text: str) -> str:
    out = "".join(ch if ch.isalnum() else "-" for ch in text.lower())
    return "-".join(part for part in out.split("-") if part)


def sentence(rng: random.Random, low: int = 8, high: int = 16) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng: random.Random, words: int, width: int = 0) -> str:
    """About `words` words of sentences; wrapped at `width` columns the way editors write Markdown."""
    out, count = [], 0
    while count < words:
        out.append(sentence(rng))
        count += len(out[-1].split())
    text = " ".join(out)
    return textwrap.fill(text, width) if width else text


def service_names(n: int) -> list[tuple[str, str]]:
    """N unique (id, naam) pairs that read like real product names."""
    out, seen = [], set()
    base = [(s, a) for s in SUBJECTS for a in ACTIONS]
    for i in range(n):
        subject, action = base[i % len(base)]
        round_ = i // len(base)
        name = f"{subject} {action}"
        if round_:
            qualifier = QUALIFIERS[(round_ - 1) % len(QUALIFIERS)]
            name += f" {qualifier}"
            if round_ > len(QUALIFIERS):
                name += f" ({round_ // len(QUALIFIERS) + 1})"
        sid = slug(name)
        assert sid not in seen, sid
        seen.add(sid)
        out.append((sid, name))
    return out


def upl_uris(project: Path = PROJECT) -> list[str]:
    """Municipal products from the project's copy of the Uniforme Productnamenlijst (a few stand-ins without it)."""
    source = project / "plugins/loket/data/upl.json"
    if not source.is_file():
        return [f"http://standaarden.overheid.nl/owms/terms/{name}" for name in ("paspoort", "rijbewijs", "afvalkalender")]
    products = json.loads(source.read_text(encoding="utf-8"))["producten"]
    return sorted(p["uri"] for p in products if p.get("gemeente"))


def _service(rng: random.Random, sid: str, naam: str, ids: list[str], theme_ids: list[str], upls: list[str]) -> dict:
    subject = naam.split(" ")[0]
    online = rng.choices(("live", "gepland", "niet"), weights=(6, 2, 2))[0]
    doelgroep = rng.choice((["inwoner"], ["inwoner"], ["ondernemer"], ["inwoner", "ondernemer"]))
    apply: dict = {"online": online}
    if online == "live":
        apply["url"] = f"https://formulieren.lindewaard.example/{sid}"
    elif online == "gepland":
        apply["gepland"] = f"{rng.choice((2027, 2028))}-Q{rng.randint(1, 4)}"
    if rng.random() < 0.5:
        apply["toelichting"] = sentence(rng, 10, 20)
    business = "ondernemer" in doelgroep
    login = {
        "digid": "geen" if online == "niet" else rng.choice(("basis", "midden", "substantieel", "substantieel")),
        "eherkenning": rng.choice(("EH2", "EH2+", "EH3")) if business and online != "niet" else "geen",
        "eidas": rng.choice(("geen", "substantieel")),
        "machtigen": rng.random() < 0.6,
    }
    body = [paragraph(rng, rng.randint(35, 60), 100)]
    body.append("**Hoe werkt het?**")
    body.append("\n".join(f"{i}. {sentence(rng, 6, 12)}" for i in range(1, rng.randint(3, 4) + 1)))
    body.append(paragraph(rng, rng.randint(25, 50), 100))
    if rng.random() < 0.3:
        body.append(f"Meer uitleg staat op [de website van de Rijksoverheid](https://www.rijksoverheid.nl/onderwerpen/{slug(subject)}).")
    others = rng.sample(ids, k=min(len(ids) - 1, rng.randint(2, 4)) + 1)
    related = [o for o in others if o != sid][: rng.randint(2, 4)]
    year, month = rng.choice(REVIEW_YEAR_MONTHS)
    data = {
        "naam": naam,
        "samenvatting": paragraph(rng, rng.randint(18, 30))[:290].rsplit(" ", 1)[0] + ".",
        "beschrijving": "\n\n".join(body) + "\n",
        "upl": rng.choice(upls),
        "doelgroep": doelgroep,
        "themas": sorted(set(rng.sample(theme_ids, k=rng.choice((1, 1, 2))))),
        "trefwoorden": sorted(set(rng.sample(KEYWORDS, k=rng.randint(2, 5)))),
        "aanvragen": apply,
        "inloggen": login,
        "kosten": [{"omschrijving": f"{subject} {label}", "bedrag": round(rng.uniform(5, 400), 2)}
                   for label in rng.sample(("standaard", "met spoed", "jonger dan 18 jaar", "per jaar", "per dag"),
                                           k=rng.randint(0, 3))],
        "voorwaarden": rng.sample(CONDITIONS, k=rng.randint(1, 4)),
        "nodig": rng.sample(NEEDS, k=rng.randint(2, 5)),
        "termijn": rng.choice(TERMS),
        "wetgeving": [{"titel": t, **({"url": u} if u else {})} for t, u in rng.sample(LAWS, k=rng.randint(1, 2))],
        "gerelateerd": related,
        "gecontroleerd_op": dt.date(year, month, rng.randint(1, 28)),
        "intern": {
            "eigenaar": rng.choice(TEAMS),
            "gebruik_per_jaar": rng.randint(10, 20_000),
            "leverancier": rng.choice(SUPPLIERS),
            "notities": sentence(rng, 12, 24),
        },
    }
    if rng.random() < 0.03:
        data["vorige_ids"] = [f"{sid}-oud"]
    return data


def _roadmap_item(rng: random.Random, number: int, ids: list[str], goal_ids: list[str]) -> dict:
    start_year = rng.choice((2025, 2026, 2027))
    item = {
        "titel": f"{rng.choice(SUBJECTS)} digitaal {rng.choice(ACTIONS)} (project {number})",
        "beschrijving": paragraph(rng, rng.randint(40, 80)),
        "status": rng.choice(ROADMAP_STATUSES),
        "start": f"{start_year}-Q{rng.randint(1, 4)}",
        "eind": f"{start_year + rng.randint(1, 2)}-Q{rng.randint(1, 4)}",
        "eigenaar": rng.choice(TEAMS),
        "diensten": sorted(rng.sample(ids, k=min(len(ids), rng.randint(1, 6)))),
        "budget": rng.randrange(10_000, 500_000, 5_000),
        "leverancier": rng.choice(SUPPLIERS),
        "risicos": [sentence(rng, 8, 14) for _ in range(rng.randint(1, 3))],
    }
    if goal_ids:
        item["doelen"] = sorted(rng.sample(goal_ids, k=min(len(goal_ids), rng.randint(1, 2))))
    return item


class _Dumper(yaml.SafeDumper):
    """Block scalars for multi-line text, the way editors write `beschrijving`."""


def _str(dumper: yaml.SafeDumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)


def dump(data: dict, schema: str) -> str:
    header = f"# yaml-language-server: $schema=../../plugins/loket/schema/{schema}.schema.json\n"
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def write_catalogue(base: Path, n: int, *, seed: int = 1, project: Path = PROJECT) -> None:
    """Write organisatie.yml, themas.yml, doelen.yml, diensten/ (n files) and roadmap/ under `base`."""
    rng = random.Random(seed)
    names = service_names(n)
    ids = [sid for sid, _ in names]
    theme_ids = list(THEMES)
    (base / "diensten").mkdir(parents=True, exist_ok=True)
    (base / "roadmap").mkdir(parents=True, exist_ok=True)

    # The example municipality's organisation and goals, so that the generated
    # catalogue follows the schema as the project evolves it.
    organisation = yaml.safe_load((project / "catalogue/organisatie.yml").read_text(encoding="utf-8"))
    organisation["toptaken"] = ids[:6]
    (base / "organisatie.yml").write_text(dump(organisation, "organisatie").replace("../../", "../"), encoding="utf-8")
    goals_source = project / "catalogue/doelen.yml"
    goal_ids = []
    if goals_source.is_file():
        shutil.copy2(goals_source, base / "doelen.yml")
        goal_ids = sorted(yaml.safe_load(goals_source.read_text(encoding="utf-8")) or {})
    themes = {tid: {"naam": naam, "beschrijving": text} for tid, (naam, text) in THEMES.items()}
    (base / "themas.yml").write_text(dump(themes, "themas").replace("../../", "../"), encoding="utf-8")

    upls = upl_uris(project)
    for sid, naam in names:
        data = _service(rng, sid, naam, ids, theme_ids, upls)
        (base / "diensten" / f"{sid}.yml").write_text(dump(data, "dienst"), encoding="utf-8")
    for number in range(1, max(1, n // 20) + 1):
        item = _roadmap_item(rng, number, ids, goal_ids)
        (base / "roadmap" / f"project-{number:05d}.yml").write_text(dump(item, "roadmap"), encoding="utf-8")


def make_repository(dest: Path, n: int, *, seed: int = 1, project: Path = PROJECT) -> Path:
    """A complete municipality repository at `dest`: the project's configuration and content plus a catalogue of n services."""
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for item in SKELETON:
        source = project / item
        if source.is_dir():
            shutil.copytree(source, dest / item)
        elif source.exists():
            shutil.copy2(source, dest / item)
    write_catalogue(dest / "catalogue", n, seed=seed, project=project)
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    make_repository(Path(args.out), args.services, seed=args.seed)
    print(f"{args.services} diensten geschreven naar {args.out}")


if __name__ == "__main__":
    main()
