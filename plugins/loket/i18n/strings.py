"""Interface text per language, and how values read in English (money, dates, login means).

The Dutch pages keep their text in their templates (render/templates/); what
both languages need, such as the language switch, is here, keyed by language.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

NL, EN = "nl", "en"
# hreflang="x-default": the page for visitors whose language has no version of its own.
DEFAULT_LANGUAGE = NL

# The visible language switch: the name of the *other* language, written in that language.
SWITCH = {
    NL: {"label": "Nederlands", "title": "Informatie in het Nederlands"},
    EN: {"label": "English", "title": "Information in English"},
}

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

ONLINE_LABELS = {"live": "Available online", "gepland": "Coming online", "niet": "Not online"}
AUDIENCE_LABELS = {"inwoner": "residents", "ondernemer": "businesses"}
LEVELS = {"basis": "Basic", "midden": "Medium", "substantieel": "Substantial", "hoog": "High", "laag": "Low"}


def euro(amount: Decimal | int | float) -> str:
    """€84.95 and €1,250.00 — English separators, always two decimals."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"€{value:,.2f}"


def day(value: dt.date | str) -> str:
    """12 March 2026."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def period(value: str) -> str:
    """'2027-Q2' → 'April to June 2027'; a date → '1 April 2027'."""
    if "-Q" in value:
        year, quarter = value.split("-Q")
        first = (int(quarter) - 1) * 3
        return f"{MONTHS[first]} to {MONTHS[first + 2]} {year}"
    return day(value)


def login_labels(login) -> list[str]:
    """'Log in with DigiD (level Substantial)', … in the order DigiD, eHerkenning, eIDAS."""
    labels = []
    if login.digid != "geen":
        labels.append(f"Log in with DigiD (level {LEVELS[login.digid]}), the Dutch government login for residents")
    if login.eherkenning != "geen":
        labels.append(f"Log in with eHerkenning (level {login.eherkenning}), the Dutch business login")
    if login.eidas != "geen":
        labels.append(f"Log in with an eID from another EU country (eIDAS, level {LEVELS[login.eidas]})")
    return labels
