"""Versions from git: "Laatst gewijzigd" per page, adopted versions from `i-visie/YYYY-MM-DD` tags, and diffs."""

from __future__ import annotations

import pytest
from lxml import html

from conftest import Repo, mkdocs_build, run
from gitrepo import commit, git

CH01 = "content/i-visie/01-digitaal-fundament.md"
CH02 = "content/i-visie/02-datagedreven-werken.md"
CH06 = "content/i-visie/06-samenwerking-in-de-regio.md"
CH06_NEW = "content/i-visie/06-regionale-samenwerking.md"


def edit(repo: Repo, path: str, old: str, new: str) -> None:
    file = repo.root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new), encoding="utf-8")


def words(element) -> str:
    return " ".join(element.text_content().replace("¶", "").split())


def changed_on(page: str) -> str | None:
    found = html.fromstring(page).xpath('//aside[contains(@class, "loket-gewijzigd")]')
    return f"{words(found[0])} [{found[0].xpath('string(.//time/@datetime)')}]" if found else None


@pytest.fixture
def versioned(repo):
    """Adopted on 12 March 2026 (tagged); chapter 1 edited, chapter 6 renamed, chapter 2 reopened as a concept in May."""
    commit(repo.root, "i-visie zoals vastgesteld", "2026-03-12")
    git(repo.root, "tag", "-a", "i-visie/2026-03-12", "-m", "Vastgesteld door de gemeenteraad", date="2026-03-12")

    edit(repo, CH01, "Een storing raakt snel meerdere teams", "Een storing raakt meteen meerdere teams")
    edit(repo, CH01, "## Wat dit van ons vraagt", "Nieuw: R&D <b>samen</b> met de regio.\n\n## Wat dit van ons vraagt")
    edit(repo, CH02, "status: vastgesteld\nvastgesteld_op: 2026-03-12\n", "status: concept\n")
    edit(repo, CH02, "## Uitgangspunten", "CONCEPTCANARY wordt herschreven.\n\n## Uitgangspunten")
    edit(repo, "content/i-visie/index.md", "- [Datagedreven werken](02-datagedreven-werken.md)\n", "")
    git(repo.root, "mv", CH06, CH06_NEW)
    edit(repo, "mkdocs.yml", "06-samenwerking-in-de-regio.md", "06-regionale-samenwerking.md")
    edit(repo, "content/i-visie/index.md", "06-samenwerking-in-de-regio.md", "06-regionale-samenwerking.md")
    edit(repo, "catalogue/doelen.yml", "hoofdstuk: 06-samenwerking-in-de-regio", "hoofdstuk: 06-regionale-samenwerking")
    commit(repo.root, "Hoofdstuk 1 bijgewerkt, hoofdstuk 2 in herziening, hoofdstuk 6 hernoemd", "2026-05-04")

    edit(repo, "catalogue/diensten/paspoort-aanvragen.yml", "trefwoorden: [reisdocument]", "trefwoorden: [reisdocument, pas]")
    commit(repo.root, "Paspoort: trefwoord", "2026-06-01")
    return repo


def test_laatst_gewijzigd_comes_from_the_git_history_of_each_source(versioned):
    versioned.build("public")
    assert changed_on(versioned.page("i-visie/01-digitaal-fundament")) == "Laatst gewijzigd op 4 mei 2026 [2026-05-04]"
    assert changed_on(versioned.page("i-visie/03-common-ground")) == "Laatst gewijzigd op 12 maart 2026 [2026-03-12]"
    # a renamed chapter: its last change is the rename
    assert changed_on(versioned.page("i-visie/06-regionale-samenwerking")) == "Laatst gewijzigd op 4 mei 2026 [2026-05-04]"
    # generated pages: the YAML they are made from
    assert changed_on(versioned.page("diensten/paspoort-aanvragen")) == "Laatst gewijzigd op 1 juni 2026 [2026-06-01]"
    assert changed_on(versioned.page("themas")) == "Laatst gewijzigd op 12 maart 2026 [2026-03-12]"
    # the goals page combines doelen.yml (May) and the services it counts (June): the newest counts
    assert changed_on(versioned.page("i-visie/doelen")) == "Laatst gewijzigd op 1 juni 2026 [2026-06-01]"
    # an archived version changed when it was tagged
    assert changed_on(versioned.page("i-visie/versies/2026-03-12")) == "Laatst gewijzigd op 12 maart 2026 [2026-03-12]"


def test_versions_list_and_the_text_as_adopted(versioned):
    versioned.build("public")
    page = html.fromstring(versioned.page("i-visie/versies"))
    rows = page.xpath('//table[@class="loket-versies"]/tbody/tr')
    assert [[words(td) for td in row.xpath("td")] for row in rows] == [
        ["12 maart 2026 (meest recent)", "6", "Raadsbesluit van 12 maart 2026", "Vergelijk met nu (versie van 12 maart 2026)"]]
    assert rows[0].xpath(".//time/@datetime") == ["2026-03-12"]
    assert rows[0].xpath(".//a/@href") == ["2026-03-12/", "https://lindewaard.raadsinformatie.example/besluit/2026-031",
                                           "2026-03-12/vergelijking/"]
    assert not page.xpath('//div[contains(@class, "admonition warning")]')  # full history: no warning

    version = html.fromstring(versioned.page("i-visie/versies/2026-03-12"))
    assert [words(h) for h in version.xpath("//h2")] == [
        "i-visie 2026–2030: Slim in de basis, samen vooruit", "Digitaal fundament", "Datagedreven werken",
        "Common Ground", "Informatieveiligheid en privacy", "Samenwerking in de regio"]  # adopted then; no concepts
    text = " ".join(words(div) for div in version.xpath('//div[@class="loket-archief"]'))
    assert "Een storing raakt snel meerdere teams" in text and "meteen" not in text
    assert "Lessen uit de chatbotpilot" not in text and "Onze ambitie" not in text  # sections of the concepts 05 and 07
    # links between chapters of the version stay inside the version
    assert version.xpath('//div[@class="loket-archief"]//a[@href="#hoofdstuk-01-digitaal-fundament"]')


def test_comparison_with_the_current_text(versioned):
    versioned.build("public")
    versioned.build("internal")
    page = html.fromstring(versioned.page("i-visie/versies/2026-03-12/vergelijking"))
    overview = [words(li) for li in page.xpath('//ul[@class="loket-diff__overzicht"]/li')]
    assert overview == [
        "i-visie 2026–2030: Slim in de basis, samen vooruit: gewijzigd",
        "Digitaal fundament: gewijzigd",
        "Datagedreven werken: wordt herzien",
        "Common Ground: ongewijzigd",
        "Informatieveiligheid en privacy: ongewijzigd",
        "Samenwerking in de regio: ongewijzigd",  # renamed in git, same text
        "Dienstverlening online: nieuw hoofdstuk",
    ]
    chapter1 = page.xpath('//h2[@id="hoofdstuk-01-digitaal-fundament"]/following-sibling::div[@class="loket-diff"][1]')[0]
    changed = chapter1.xpath('.//p[@class="loket-diff__gewijzigd"]')[0]
    assert changed.xpath(".//del/text()") == ["snel"] and changed.xpath(".//ins/text()") == ["meteen"]
    assert chapter1.xpath('.//p[@class="loket-diff__nieuw"]/ins/text()') == ["Nieuw: R&D <b>samen</b> met de regio."]
    raw = versioned.page("i-visie/versies/2026-03-12/vergelijking")
    assert "R&amp;D &lt;b&gt;samen&lt;/b&gt;" in raw  # escaped, never markup
    # The chapter being revised is not shown publicly, anywhere.
    for path in versioned.site("public").rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml"}:
            assert "CONCEPTCANARY" not in path.read_text(encoding="utf-8"), path
    # Internally, the revision shows as a diff.
    internal = html.fromstring(versioned.page("i-visie/versies/2026-03-12/vergelijking", "internal"))
    assert internal.xpath('//div[@class="loket-diff"]//ins[contains(., "CONCEPTCANARY")]')


def test_tags_newest_first_and_a_badly_named_tag_is_a_warning(versioned):
    git(versioned.root, "tag", "i-visie/oud")
    edit(versioned, CH01, "status: vastgesteld\nvastgesteld_op: 2026-03-12", "status: vastgesteld\nvastgesteld_op: 2026-10-08")
    commit(versioned.root, "Hoofdstuk 1 opnieuw vastgesteld", "2026-10-08")
    git(versioned.root, "tag", "i-visie/2026-10-08")
    result = versioned.build("public")  # strict: the bad tag does not fail the build
    assert "refs/tags/i-visie/oud:1:1: De git-tag 'i-visie/oud' heeft geen geldige datum" in result.stderr
    rows = html.fromstring(versioned.page("i-visie/versies")).xpath('//table[@class="loket-versies"]/tbody/tr')
    assert [r.xpath("string(.//time/@datetime)") for r in rows] == ["2026-10-08", "2026-03-12"]
    assert "Datagedreven werken" not in words(html.fromstring(versioned.page("i-visie/versies/2026-10-08")))
    assert "Vastgesteld door de gemeenteraad op 8 oktober 2026" in words(
        html.fromstring(versioned.page("i-visie/01-digitaal-fundament")))


def test_a_shallow_clone_degrades_with_a_warning(versioned, tmp_path):
    clone = tmp_path / "ondiep"
    run(["git", "clone", "-q", "--depth", "1", f"file://{versioned.root}", str(clone)], cwd=tmp_path)
    result = mkdocs_build(clone, "public")  # strict, and it passes
    assert "INFO    -  loket: .git:1:1: De git-geschiedenis is onvolledig (shallow clone)" in result.stderr
    shallow = Repo(clone)
    note = html.fromstring(shallow.page("i-visie/versies")).xpath('//div[contains(@class, "admonition warning")]')
    assert "onvolledige git-geschiedenis" in words(note[0])
    # Every file seems added by the one commit the clone has: that date would be wrong, so none is shown.
    assert changed_on(shallow.page("i-visie/03-common-ground")) is None


def test_without_git_the_build_passes_and_says_so(repo):
    result = repo.build("public")
    assert "Geen git-geschiedenis gevonden" in result.stderr and "WARNING" not in result.stderr
    page = html.fromstring(repo.page("i-visie/versies"))
    assert "zonder git-geschiedenis" in words(page.xpath('//div[contains(@class, "admonition warning")]')[0])
    assert "Er is nog geen vastgestelde versie vastgelegd." in words(page)
    assert changed_on(repo.page("i-visie/01-digitaal-fundament")) is None
