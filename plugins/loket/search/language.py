"""What the search needs to know about one language: its stemmer, its stop words and the
interface text of the results page. Dutch and English are defined here; another language is
one more `Language` value passed to the same builder, page and script."""

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
    # The folder of this language's pages ("en/"); empty for Dutch, the site's own language.
    pages_prefix: str = ""
    # Where the results page's no-JavaScript and no-results links go: the list of everything in this language.
    az_src: str = "diensten/index.md"


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

# Snowball's English stop word list, minus words residents search for ("no", "not": "no income").
_ENGLISH_STOP = """
a about above after again against all am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just me more most my myself nor of off on once only or
other our ours ourselves out over own same she should so some such than that the their theirs them themselves
then there these they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves
"""

ENGLISH = Language(
    code="en",
    stemmer="english",
    stop_words=frozenset(_ENGLISH_STOP.split()),
    strings=MappingProxyType({
        "title": "Search",
        "label": "What are you looking for?",
        "placeholder": "For example: passport, moving house, parking",
        "button": "Search",
        "intro": "Search the services that are explained in English.",
        "noscript": "Search needs JavaScript. Without JavaScript, you can find everything in the list",
        "az": "all services in English",
        "loading": "Searching…",
        "empty": "Type one or more words and choose Search.",
        "count_one": "1 result for “{q}”",
        "count_many": "{n} results for “{q}”",
        "count_none": "No results for “{q}”",
        "did_you_mean": "Did you mean",
        "no_results_hint": "Try another word, or see",
        "error": "Search is not working right now. See",
        "online_live": "Available online",
        "online_gepland": "Coming online",
        "online_niet": "Not online",
        "kind_page": "Page",
        "kind_list": "Overview",
    }),
    results_src="en/search.md",
    index_dir="zoekindex/en",
    pages_prefix="en/",
    az_src="en/index.md",
)

LANGUAGES = {DUTCH.code: DUTCH, ENGLISH.code: ENGLISH}
