"""i-visie chapters: front matter checks with positions, status banners, and who gets concept chapters."""

from __future__ import annotations

import json

import pytest
from lxml import html

from conftest import REPO
from loket.catalogue import load_catalogue
from loket.ivisie import check_references, parse_chapter, read_chapters, replace_goal_markers

SOURCE = "content/i-visie/09-test.md"
SRC = "i-visie/09-test.md"


def located(problems):
    return [(p.file, p.line, p.col, p.code) for p in problems]


def parse(text: str):
    return parse_chapter(text, SOURCE, SRC)


def text_of(page: str, xpath: str = "//article") -> str:
    return " ".join(html.fromstring(page).xpath(f"string({xpath})").split())


# Reading and checking chapters


def test_adopted_chapter_is_read_with_its_body_position():
    chapter, problems = parse("---\ntitle: Fundament\nstatus: vastgesteld\nvastgesteld_op: 2026-03-12\n"
                              "raadsbesluit: https://raad.example/b/1\n---\n\nTekst.\n\n<!-- loket:doel basis -->\n")
    assert problems == []
    assert chapter.adopted and chapter.public and str(chapter.vastgesteld_op) == "2026-03-12"
    assert chapter.body.startswith("Tekst.") and chapter.body_line == 8
    assert [(m.goal_id, m.line, m.col) for m in chapter.markers()] == [("basis", 10, 1)]


@pytest.mark.parametrize("front, expected", [
    # a status that does not exist, with the valid choices in the hint
    ("title: X\nstatus: vastgestelt\nvastgesteld_op: 2026-03-12\n", [(SOURCE, 3, 9, "schema.enum")]),
    # a date that does not exist, quoted (passes the pattern) and unquoted (YAML refuses it)
    ("title: X\nstatus: vastgesteld\nvastgesteld_op: '2026-02-30'\n", [(SOURCE, 4, 17, "rule.invalid-date")]),
    ("title: X\nstatus: vastgesteld\nvastgesteld_op: 2026-02-30\n", [(SOURCE, 4, 17, "yaml.invalid-date")]),
    # only https links to the council decision
    ("title: X\nstatus: vastgesteld\nvastgesteld_op: 2026-03-12\nraadsbesluit: http://raad.example/1\n",
     [(SOURCE, 5, 15, "schema.url")]),
    ("title: X\nstatus: vastgesteld\nvastgesteld_op: 2026-03-12\nraadsbesluit: javascript:alert(1)\n",
     [(SOURCE, 5, 15, "schema.url")]),
    # adopted without a date; a typo in a key
    ("title: X\nstatus: vastgesteld\n", [(SOURCE, 3, 1, "ivisie.adopted-needs-date")]),
    ("title: X\nstatus: concept\nconsultatei: true\n", [(SOURCE, 4, 1, "schema.unknown-key")]),
    ("title: X\n", [(SOURCE, 2, 1, "schema.required")]),
])
def test_bad_front_matter_gives_located_dutch_problems(front, expected):
    chapter, problems = parse(f"---\n{front}---\n\nTekst.\n")
    assert chapter is None
    assert located(problems) == expected
    assert all(p.hint and p.message for p in problems)


def test_hints_explain_the_fix():
    _, problems = parse("---\ntitle: X\nstatus: vastgestelt\n---\n")
    assert "Bedoelt u 'vastgesteld'?" in problems[0].hint
    _, problems = parse("---\ntitle: X\nstatus: concept\nconsultatei: true\n---\n")
    assert "Bedoelt u 'consultatie'?" in problems[0].hint


def test_a_chapter_without_front_matter_or_with_broken_yaml():
    assert located(parse("# Titel\n\nTekst.\n")[1]) == [(SOURCE, 1, 1, "ivisie.no-front-matter")]
    assert located(parse("---\ntitle: [X\nstatus: concept\n---\n")[1])[0][:2] == (SOURCE, 3)
    assert located(parse("---\ntitle: X\ntitle: Y\nstatus: concept\n---\n")[1]) == [(SOURCE, 3, 1, "yaml.duplicate-key")]
    assert located(parse(b"---\ntitle: \xff\nstatus: concept\n---\n")[1]) == [(SOURCE, 2, 1, "file.encoding")]


def test_a_concept_with_an_adoption_date_is_a_warning_only():
    chapter, problems = parse("---\ntitle: X\nstatus: concept\nvastgesteld_op: 2026-03-12\n---\n")
    assert chapter is not None and not chapter.public
    assert [(p.code, p.severity) for p in problems] == [("ivisie.concept-with-date", "warning")]


def test_goal_references_and_markers_are_checked(repo):
    repo.write("content/i-visie/08-extra.md", """
        ---
        title: Extra
        status: vastgesteld
        vastgesteld_op: 2026-03-12
        ---

        Tekst.

        <!-- loket:doel bestaat-niet -->

        <!-- loket:doel minder-applicaties -->

        <!-- loket:doelen online-dienstverlening -->
        """)
    repo.write("content/i-visie/09-concept.md", """
        ---
        title: Intern concept
        status: concept
        ---

        <!-- loket:doel minder-applicaties -->
        """)
    doelen = (repo.root / "catalogue/doelen.yml").read_text(encoding="utf-8")
    repo.write("catalogue/doelen.yml", doelen.replace("hoofdstuk: 06-samenwerking-in-de-regio", "hoofdstuk: 06-samenwerking"))
    catalogue = load_catalogue(repo.root, "catalogue").catalogue
    chapters, problems = read_chapters(repo.root)
    assert problems == []
    found = check_references(chapters, catalogue, repo.root)
    line = next(n for n, text in enumerate(doelen.splitlines(), 1) if "06-samenwerking-in-de-regio" in text)
    assert located(found) == [
        ("catalogue/doelen.yml", line, 14, "ref.unknown"),
        ("content/i-visie/08-extra.md", 9, 1, "ref.unknown"),
        ("content/i-visie/08-extra.md", 11, 1, "ivisie.internal-goal"),  # public chapter, internal goal
        ("content/i-visie/08-extra.md", 13, 1, "ivisie.unknown-marker"),
    ]  # the internal goal in the internal-only concept is fine
    assert "Bedoelt u '06-samenwerking-in-de-regio'?" in found[0].hint


def test_goal_markers_are_replaced_by_an_html_block():
    markdown = "Tekst.\n<!-- loket:doel a -->\nMeer.\n<!-- loket:doel onbekend -->\n"
    out = replace_goal_markers(markdown, lambda goal: '<div class="doel">A</div>' if goal == "a" else "")
    assert out == 'Tekst.\n\n\n<div class="doel">A</div>\n\n\nMeer.\n\n'


def test_the_example_chapters_are_valid_and_reference_existing_goals():
    catalogue = load_catalogue(REPO, "catalogue").catalogue
    chapters, problems = read_chapters(REPO)
    assert problems == [] and len([c for c in chapters if not c.is_index]) >= 6
    assert check_references(chapters, catalogue, REPO) == []
    assert len(catalogue.goals) >= 6 and sum(g.indicator is not None for g in catalogue.goals.values()) >= 3


def test_loket_validate_reports_chapter_problems(repo):
    repo.write("content/i-visie/08-extra.md", "---\ntitle: Extra\nstatus: vastgesteld\n---\n\n<!-- loket:doel x -->\n")
    result = repo.validate()
    assert result.returncode == 1
    assert "content/i-visie/08-extra.md:3:1: fout: Het hoofdstuk staat op 'status: vastgesteld'" in result.stdout


# Built sites


def test_banners_and_who_gets_concepts(repo):
    repo.build("public")
    repo.build("internal")

    adopted = repo.page("i-visie/01-digitaal-fundament")
    banner = html.fromstring(adopted).xpath('//div[contains(@class, "loket-hoofdstukstatus")]')[0]
    assert " ".join(banner.text_content().split()) == (
        "Vastgesteld Vastgesteld door de gemeenteraad op 12 maart 2026. Lees het raadsbesluit.")
    assert banner.xpath(".//time/@datetime") == ["2026-03-12"]
    assert banner.xpath(".//a/@href") == ["https://lindewaard.raadsinformatie.example/besluit/2026-031"]

    consultation = text_of(repo.page("i-visie/07-dienstverlening-online"), '//div[contains(@class, "loket-hoofdstukstatus")]')
    assert consultation.startswith("Concept — nog niet vastgesteld Dit hoofdstuk ligt ter consultatie.")
    assert "Reageer via ivisie@lindewaard.example, tot en met 31 januari 2027." in consultation

    # The internal-only concept: absent from the public build, its nav, sitemap and search index.
    public = repo.site("public")
    assert not (public / "i-visie/05-ai-kader").exists()
    everything = "".join(p.read_text(encoding="utf-8", errors="replace") for p in public.rglob("*")
                         if p.is_file() and p.suffix in {".html", ".xml", ".json", ".txt"})
    assert "05-ai-kader" not in everything and "Kader voor AI en algoritmes" not in everything
    assert "Lessen uit de chatbotpilot" not in json.dumps(repo.search_index("public"))

    internal = repo.page("i-visie/05-ai-kader", "internal")
    assert "Concept — nog niet vastgesteld" in text_of(internal) and "alleen op de interne site" in text_of(internal)
    nav = html.fromstring(repo.page("i-visie/01-digitaal-fundament", "internal")).xpath('string(//nav[contains(@class, "md-nav--primary")])')
    assert "Kader voor AI en algoritmes" in nav


def test_a_marker_for_an_unknown_goal_fails_the_strict_build(repo):
    path = repo.root / "content/i-visie/03-common-ground.md"
    path.write_text(path.read_text(encoding="utf-8").replace("loket:doel uniforme-productnamen", "loket:doel uniforme-namen"),
                    encoding="utf-8")
    result = repo.build(check=False)
    assert result.returncode != 0
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "uniforme-namen" in text)
    assert f"content/i-visie/03-common-ground.md:{line}:1: Het doel 'uniforme-namen' bestaat niet." in result.stderr
    assert "Traceback" not in result.stderr


def test_the_whole_ivisie_on_one_page(repo):
    repo.build("public")
    page = html.fromstring(repo.page("i-visie/geheel"))
    headings = [" ".join(h.text_content().replace("¶", "").split()) for h in page.xpath('//h2[contains(@class, "loket-hoofdstuk")]')]
    assert headings == ["Inleiding", "Digitaal fundament", "Datagedreven werken", "Common Ground", "Informatieveiligheid en privacy",
                        "Samenwerking in de regio", "Dienstverlening online", "Doelen en voortgang"]
    # Links between chapters point into the page; goals are embedded; no concept text.
    assert page.xpath('//a[@href="#hoofdstuk-01-digitaal-fundament"]')
    assert len(page.xpath('//div[@class="loket-doel"]')) >= 6
    assert "Kader voor AI" not in page.text_content()
    # The chapters' own sections sit one level below their chapter.
    assert page.xpath('//h3[@id="waarom-we-eerst-de-basis-versterken"]')
