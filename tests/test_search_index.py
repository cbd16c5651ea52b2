"""The search index builder (plugins/loket/search/): ranking, stemming, synonyms, sharding,
the synonym file's validation, and the results page and header form in the built site.
The browser side is tested in Chromium in tests/quality/test_search.py."""

from __future__ import annotations

import html.parser
import json
import re
from dataclasses import replace

import pytest
import snowballstemmer

from loket.catalogue import load_catalogue
from loket.search import DUTCH, Document, IndexBuilder, Language, Synonyms, build_index, read_index, words
from loket.search.index import DOCS_PER_SHARD, front_code, front_decode


def vocabulary_of(text: str) -> dict:
    """vocabulary.json with its words and stems decoded as static/zoeken.js decodes them."""
    vocabulary = json.loads(text)
    stems, total = [], 0
    for delta in vocabulary["stems"]:
        total += delta
        stems.append(total)
    return {**vocabulary, "words": front_decode(vocabulary["words"]), "stems": stems}
from loket.search.results_page import results_page
from loket.search.site_search import SiteSearch, text_of


def scores_for(files: dict[str, str], word: str) -> dict[str, int]:
    """url → score of one written word, decoded the way static/zoeken.js does."""
    vocabulary = vocabulary_of(files["vocabulary.json"])
    stem = vocabulary["stems"][vocabulary["words"].index(word)]
    postings = json.loads(files[f"p{stem % vocabulary['postingShards']}.json"])[str(stem)]
    documents = [d for k in range(vocabulary["documents"] // DOCS_PER_SHARD + 1)
                 for d in json.loads(files.get(f"d{k}.json", "[]"))]
    out, doc = {}, 0
    for i in range(0, len(postings), 2):
        doc += postings[i]
        out[documents[doc][0]] = postings[i + 1]
    return out


def index(*documents, synonyms=None, language=DUTCH):
    builder = IndexBuilder(language, synonyms)
    builder.extend(documents)
    return builder.files()


FILLER = [Document(f"p{i}/", f"Pagina {i}", body="Direct regelen via de website. Bouwen en wonen.") for i in range(20)]


def test_a_match_in_the_name_or_trefwoorden_outranks_body_text():
    files = index(
        Document("a/", "Dakkapel plaatsen", kind="service"),
        Document("b/", "Omgevingsvergunning", keywords=("dakkapel",), kind="service"),
        Document("c/", "Verbouwen", body="Een dakkapel mag soms zonder vergunning.", kind="service"),
        *FILLER)
    s = scores_for(files, "dakkapel")
    assert s["a/"] > s["c/"] and s["b/"] > s["c/"]


def test_words_on_most_pages_weigh_little():
    files = index(Document("graf/", "Begrafenis", body="Direct regelen.", kind="service"), *FILLER)
    assert scores_for(files, "begrafenis")["graf/"] > 3 * scores_for(files, "regelen")["graf/"]


def test_a_service_outranks_the_list_that_links_to_it():
    files = index(Document("diensten/paspoort/", "Paspoort aanvragen", kind="service"),
                  Document("themas/burgerzaken/", "Burgerzaken", summary="Paspoort en meer", kind="list"), *FILLER)
    s = scores_for(files, "paspoort")
    assert s["diensten/paspoort/"] > s["themas/burgerzaken/"]


def test_inflections_share_one_posting_list_and_the_browser_needs_no_stemmer():
    files = index(Document("a/", "Vergunning aanvragen", body="Vergunningen vraagt u aan; de aanvraag duurt kort."),
                  *FILLER)
    vocabulary = vocabulary_of(files["vocabulary.json"])
    stem_of = dict(zip(vocabulary["words"], vocabulary["stems"]))
    assert stem_of["vergunning"] == stem_of["vergunningen"]
    assert stem_of["aanvragen"] == stem_of["aanvraag"]
    # Every written word points at the stem Snowball gives it: one stemmer, at build time only.
    stemmer = snowballstemmer.stemmer("dutch")
    stems = sorted({stemmer.stemWord(w) for w in vocabulary["words"]})
    assert all(stems[stem_of[w]] == stemmer.stemWord(w) for w in vocabulary["words"])


def test_the_vocabulary_is_front_coded():
    words_ = sorted(["paspoort", "paspoorten", "pas", "a1", "b", "x" * 40, "x" * 30 + "y"])
    assert front_decode(front_code(words_)) == words_
    assert front_code(["pas", "paspoort", "paspoorten"]) == "ApasDpoortIen"


def test_hyphenated_words_are_indexed_whole_and_in_parts():
    assert words("ID-kaart aanvragen") == ["id", "kaart", "idkaart", "aanvragen"]
    assert words("Café Ĳssel") == ["cafe", "ijssel"]


def test_synonyms_find_what_their_target_finds_just_below_it():
    synonyms = Synonyms.from_data({"groepen": [["trouwen", "huwelijk"]], "verwijzingen": {"bankstel": ["grofvuil"]}})
    files = index(Document("grof/", "Grofvuil laten ophalen", kind="service"),
                  Document("trouw/", "Huwelijk melden", kind="service"), *FILLER, synonyms=synonyms)
    assert set(scores_for(files, "bankstel")) == {"grof/"}
    assert set(scores_for(files, "trouwen")) == {"trouw/"}
    assert 0 < scores_for(files, "trouwen")["trouw/"] < scores_for(files, "huwelijk")["trouw/"]
    assert "grofvuil" not in scores_for(files, "bankstel")  # one way only: no 'bankstel' text appears


def test_shards_hold_every_document_and_posting_once():
    documents = [Document(f"d{i}/", f"Dienst {i} nummer{i}", kind="service") for i in range(3 * DOCS_PER_SHARD + 5)]
    files = build_index(documents, DUTCH)
    folder = DUTCH.index_dir
    vocabulary = json.loads(files[f"{folder}/vocabulary.json"])
    assert vocabulary["documents"] == len(documents)
    shards = [json.loads(files[f"{folder}/d{k}.json"]) for k in range(4)]
    assert sum(len(s) for s in shards) == len(documents)
    postings = {}
    for k in range(vocabulary["postingShards"]):
        for stem, plist in json.loads(files[f"{folder}/p{k}.json"]).items():
            assert int(stem) % vocabulary["postingShards"] == k and stem not in postings
            postings[stem] = plist
    assert len(postings) == len(vocabulary["df"])


def test_the_index_is_deterministic():
    documents = [Document("b/", "Paspoort"), Document("a/", "Rijbewijs", body="rijbewijs verlengen")]
    assert build_index(documents, DUTCH) == build_index(list(reversed(documents)), DUTCH)


def test_another_language_is_a_parameter():
    english = Language("en", "english", frozenset({"the", "a"}), {**DUTCH.strings, "title": "Search"},
                       results_src="en/search.md", index_dir="searchindex/en")
    files = build_index([Document("en/passport/", "Applying for a passport", body="passports")], english)
    vocabulary = vocabulary_of(files["searchindex/en/vocabulary.json"])
    stem_of = dict(zip(vocabulary["words"], vocabulary["stems"]))
    assert vocabulary["language"] == "en" and stem_of["passport"] == stem_of["passports"]
    page = results_page(english)
    assert 'lang="en"' in page and 'data-index="../../searchindex/en/"' in page and "<h1>Search</h1>" in page


def test_text_of_html_leaves_out_what_material_search_would():
    html = ('<h2 id="x">Kosten<a class="headerlink" href="#x">¶</a></h2><p>Leesbaar</p>'
            '<div data-search-exclude><p>Weg <br> hiermee</p></div><script>nee()</script><p>ook dit</p>')
    assert text_of(html) == "Kosten Leesbaar ook dit"


def test_unknown_document_kind_is_refused():
    with pytest.raises(ValueError, match="service"):
        IndexBuilder(DUTCH).add(Document("x/", "X", kind="dienst"))


# --- synoniemen.yml: validated like every catalogue file -------------------------------

def test_a_bad_synonym_file_is_reported_with_file_line_and_column(repo):
    repo.write("catalogue/synoniemen.yml", """
        groepen:
          - [trouwen, huwelijk]
          - [alleen]
        verwijzingen:
          bankstel: grofvuil
        """)
    result = load_catalogue(repo.root, "catalogue")
    found = [(p.file, p.line, p.col) for p in result.problems if p.file.endswith("synoniemen.yml")]
    assert ("catalogue/synoniemen.yml", 3, 5) in found and ("catalogue/synoniemen.yml", 5, 13) in found
    assert result.catalogue.synonyms == Synonyms()  # fail closed: none of an invalid file is used
    cli = repo.validate()
    assert cli.returncode != 0 and "catalogue/synoniemen.yml:3:5" in cli.stdout + cli.stderr


def test_the_shipped_synonyms_are_valid_and_public(example_sites):
    from tests.conftest import REPO

    result = load_catalogue(REPO, "catalogue")
    assert not [p for p in result.problems if p.file.endswith("synoniemen.yml")]
    rules = dict(result.catalogue.synonyms.rules())
    assert "huwelijk" in rules["trouwen"] and rules["bankstel"] == ("grofvuil",) and "identiteitskaart" in rules["id"]
    assert "bankstel" in read_index(example_sites["public"] / DUTCH.index_dir)["vocabulary"]["words"]


# --- the built example site ---------------------------------------------------------------

def test_every_page_has_a_search_form_that_opens_the_results_page(example_sites):
    site = example_sites["public"]
    for page in ("index.html", "privacy/index.html", "diensten/paspoort-aanvragen/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(r'<form class="loket-kopzoeken" role="search" action="[./]*zoeken/" method="get">', html)
    assert not (site / "search").exists()  # Material's whole-site index is gone
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="loket-zoeken" role="search" action="zoeken/"' in home


def test_the_results_page_without_javascript_leads_to_the_a_z_list(example_sites):
    html = (example_sites["public"] / "zoeken/index.html").read_text(encoding="utf-8")
    noscript = re.search(r"<noscript>(.*?)</noscript>", html, re.S)[1]
    assert 'href="../diensten/"' in noscript
    assert 'id="zoekresultaten"' in html and 'role="status"' in html and '<meta name="robots" content="noindex">' in html


def test_hand_written_pages_are_found_and_internal_ones_only_internally(example_sites):
    public = {d["url"]: d for d in read_index(example_sites["public"] / DUTCH.index_dir)["documents"]}
    internal = {d["url"] for d in read_index(example_sites["internal"] / DUTCH.index_dir)["documents"]}
    assert {"privacy/", "toegankelijkheid/", "i-visie/03-common-ground/"} <= set(public)
    assert public["diensten/"]["kind"] == "list" and public["diensten/paspoort-aanvragen/"]["kind"] == "service"
    assert public["diensten/paspoort-aanvragen/"]["online"] in ("live", "gepland", "niet")
    assert "zoeken/" not in public and "i-visie/geheel/" not in public
    assert "roadmap/" in internal and not any(u.startswith("roadmap/") for u in public)


def test_site_search_reads_services_from_the_model_not_their_html():
    from tests.conftest import REPO

    catalogue = load_catalogue(REPO, "catalogue").catalogue
    search = SiteSearch(DUTCH, catalogue)
    assert not search.wants("diensten/paspoort-aanvragen.md") and search.wants("diensten/index.md")
    paspoort = next(d for d in search.services if d.url == "diensten/paspoort-aanvragen/")
    assert paspoort.kind == "service" and paspoort.keywords == catalogue.services["paspoort-aanvragen"].trefwoorden
    assert replace(paspoort, body="") != paspoort


class _TextOfOracle(html.parser.HTMLParser):
    """The extraction as Python's html.parser does it: text_of (lxml) must give the same words."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        values = dict(attrs)
        if self.skipping or tag in {"script", "style", "template", "svg"} or "data-search-exclude" in values \
                or "headerlink" in (values.get("class") or "").split():
            self.skipping.append(tag)

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        elif tag in ("p", "li", "h1", "h2", "h3", "h4", "td", "th", "div"):
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def test_text_of_reads_every_page_of_the_example_as_html_parser_does(example_sites):
    article = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
    pages = 0
    for site in example_sites.values():
        for page in site.rglob("*.html"):
            found = article.search(page.read_text(encoding="utf-8"))
            if found is None:
                continue
            oracle = _TextOfOracle()
            oracle.feed(found.group(1))
            oracle.close()
            assert text_of(found.group(1)) == " ".join("".join(oracle.parts).split()), page
            pages += 1
    assert pages > 150
