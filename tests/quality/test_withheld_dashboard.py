"""The internal dashboard's section "Niet gepubliceerd door fouten" only renders when the input has
errors, so the example sites never show it: it gets its own HTML check here."""

from __future__ import annotations

from .qualitygates import vnu
from .test_html_valid import report, theme_finding


def test_the_withheld_section_is_valid_html(repo):
    repo.write("catalogue/diensten/kapot.yml", """
        naam: Kapot
        doelgroep: [inwoner]
        themas: [burgerzakken]
        aanvragen:
          online: live
        gecontroleerd_op: 2026-09-01
        """)
    chapter = repo.root / "content/i-visie/01-digitaal-fundament.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    repo.build("internal", strict=False)
    page = repo.site("internal") / "voortgang" / "index.html"
    assert "Niet gepubliceerd door fouten (2)" in page.read_text(encoding="utf-8")
    errors = {path: kept for path, messages in vnu([page]).items()
              if (kept := [m for m in messages if not theme_finding(m)])}
    assert not errors, report(errors)
