"""What the search needs to know about one language: its stemmer, its stop words and the
interface text of the results page. Dutch is defined here; another language is one more
`Language` value (English: `Language("en", "english", ...)`) passed to the same builder,
page and script."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True)
class Language:
    code: str  # the page's lang attribute and the index folder name
    stemmer: str  # a snowballstemmer algorithm name
    stop_words: frozenset[str]
    # Interface text for the results page and its script (results_page.py, static/zoeken.js).
    # "{n}" and "{q}" are filled in by the script.
    strings: Mapping[str, str] = field(default_factory=dict)
    results_src: str = "zoeken.md"  # where the results page is generated
    index_dir: str = "zoekindex/nl"  # where the index files are written, relative to the site root


# Snowball's Dutch stop word list, minus words residents search for ("geen", "werk", "wil").
_DUTCH_STOP = """
aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er
ge geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen
maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te
tegen toch toen tot u uit uw van veel voor want waren was wat we wel werd wezen wie worden wordt zal ze
zelf zich zij zijn zo zonder zou
"""

DUTCH = Language(
    code="nl",
    stemmer="dutch",
    stop_words=frozenset(_DUTCH_STOP.split()),
    strings=MappingProxyType({
        "title": "Zoeken",
        "label": "Waar bent u naar op zoek?",
        "placeholder": "Bijvoorbeeld: paspoort, verhuizen, parkeren",
        "button": "Zoeken",
        "intro": "Zoek in alle producten en diensten en de andere pagina's van deze site.",
        "noscript": "Zoeken werkt met JavaScript. Zonder JavaScript vindt u alles in de lijst",
        "az": "alle producten en diensten van A tot Z",
        "loading": "Bezig met zoeken…",
        "empty": "Typ een of meer woorden en kies Zoeken.",
        "count_one": "1 resultaat voor “{q}”",
        "count_many": "{n} resultaten voor “{q}”",
        "count_none": "Geen resultaten voor “{q}”",
        "did_you_mean": "Bedoelde u",
        "no_results_hint": "Probeer een ander woord, of bekijk",
        "error": "Het zoeken lukt nu niet. Bekijk",
        "online_live": "Online te regelen",
        "online_gepland": "Binnenkort online",
        "online_niet": "Niet online",
        "kind_page": "Pagina",
        "kind_list": "Overzicht",
    }),
)

LANGUAGES = {DUTCH.code: DUTCH}
