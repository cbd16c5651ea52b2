"""Git history per organisation: a build reads the shared log and its own, and its own services' deletions count."""

from __future__ import annotations

import re

from gitrepo import commit
from lxml import html
from multi_org import IJSSELSTEIN_OWN, MONTFOORT_OWN, build, make_multi_repo


def _git_logs(trace: str) -> list[str]:
    """The `git log` commands in a GIT_TRACE file that list changed files (the history reads)."""
    # split("\n"): the log's --format holds \x1e and \x1f, which str.splitlines() would split on.
    return [line.split("trace: built-in: ", 1)[1].replace("'", "") for line in trace.split("\n")
            if "trace: built-in: git log" in line and "--name-status" in line]


def test_a_build_reads_the_shared_history_and_its_own_and_no_other_organisations(tmp_path):
    repo = make_multi_repo(tmp_path / "repo")
    commit(repo.root, "Catalogus van IJsselstein en Montfoort", "2026-01-05")
    (repo.root / "organisaties/montfoort/diensten/kanaalvergunning.yml").unlink()
    org = repo.root / "organisaties/montfoort/organisatie.yml"
    org.write_text(org.read_text(encoding="utf-8").replace(", kanaalvergunning", ""), encoding="utf-8")
    commit(repo.root, "Montfoort: de kanaalvergunning vervalt", "2026-02-02")
    own = repo.root / "organisaties/ijsselstein/diensten/kasteeltuin-huren.yml"
    own.write_text(own.read_text(encoding="utf-8").replace("Huur de kasteeltuin", "Huur de kasteeltuin of de vijver"),
                   encoding="utf-8")
    commit(repo.root, "IJsselstein: ook de vijver", "2026-03-03")

    trace = tmp_path / "git-trace.txt"
    site = tmp_path / "montfoort"
    build(repo.root, "montfoort", "public", site, env={"GIT_TRACE": str(trace)})

    logs = _git_logs(trace.read_text(encoding="utf-8"))
    scopes = sorted(log.split(" -- ", 1)[1] for log in logs)
    assert scopes == [". :(exclude)organisaties", "organisaties/montfoort"], logs
    assert not any("ijsselstein" in log for log in logs)

    # Montfoort's own deleted service counts as gone on Montfoort's site, as a shared one would.
    news = html.fromstring((site / "nieuws/wijzigingen/index.html").read_bytes())
    items = [(li.xpath("span[contains(@class, 'loket-nieuws__soort')]")[0].text, li.xpath("a")[0].text)
             for li in news.xpath('//li[contains(@class, "loket-nieuws__item")]')]
    assert ("Verdwenen", MONTFOORT_OWN) in items
    gone = (site / "diensten/kanaalvergunning/index.html").read_text(encoding="utf-8")
    assert "bestaat niet meer" in gone
    # IJsselstein's change is on no page of Montfoort's site.
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert IJSSELSTEIN_OWN not in text and "IJsselstein: ook de vijver" not in text, page
    assert not re.search(r"kasteeltuin", (site / "feed.xml").read_text(encoding="utf-8"))
