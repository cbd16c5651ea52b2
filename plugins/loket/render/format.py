"""How values read in Dutch: money, dates, quarters, login means, statuses."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")

DIGID_LABELS = {"basis": "Basis", "midden": "Midden", "substantieel": "Substantieel", "hoog": "Hoog"}
EIDAS_LABELS = {"laag": "Laag", "substantieel": "Substantieel", "hoog": "Hoog"}

ONLINE_LABELS = {"live": "Online te regelen", "gepland": "Binnenkort online", "niet": "Niet online"}
AUDIENCE_LABELS = {"inwoner": "Inwoners", "ondernemer": "Ondernemers"}


def euro(amount: Decimal | int | float) -> str:
    """€ 84,95 and € 1.250,00 — Dutch separators, always two decimals."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, cents = f"{value:,.2f}".split(".")
    return f"€ {whole.replace(',', '.')},{cents}"


def number(value: Decimal | int | float, decimals: int = 0) -> str:
    text = f"{Decimal(str(value)):,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def day(value: dt.date | str) -> str:
    """12 maart 2026."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def period(value: str) -> str:
    """A quarter stays as written ('2027-Q2'); a date becomes '1 april 2027'."""
    return value if "-Q" in value else day(value)


def digid_label(level: str) -> str:
    return f"DigiD (niveau {DIGID_LABELS[level]})"


def eherkenning_label(level: str) -> str:
    return f"eHerkenning niveau {level}"


def eidas_label(level: str) -> str:
    return f"Europees erkend inlogmiddel (eIDAS, niveau {EIDAS_LABELS[level]})"


def login_means(login) -> list[str]:
    """The accepted means, to follow 'met': 'DigiD (niveau Midden)', …, 'een Europees erkend inlogmiddel (…)'."""
    means = []
    if login.digid != "geen":
        means.append(digid_label(login.digid))
    if login.eherkenning != "geen":
        means.append(eherkenning_label(login.eherkenning))
    if login.eidas != "geen":
        means.append("een " + eidas_label(login.eidas))
    return means


def login_labels(login) -> list[str]:
    return ["Inloggen met " + means for means in login_means(login)]
