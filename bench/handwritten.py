"""The catalogue as a municipality would write it by hand in plain Markdown, for the benchmark.

The same facts as loket's service pages (name, summary, description, conditions,
what to bring, a fee table, term), written the way an editor writes a Markdown
page: a heading, paragraphs, bullet lists and a pipe table. Around them the
pages such a site needs: a home page, an A–Z list, theme pages listing their
services, and the hand-written `content/` pages (i-visie, about, privacy).
Built with plain MkDocs + Material and the project's theme and extensions,
with Material's search plugin (on by default in plain MkDocs; loket's own
search needs loket), without the loket plugin.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from loket.catalogue import load_catalogue
from loket.model import Service
from loket.render import format as fmt

CONFIG = """\
# The hand-written twin of public.yml: the catalogue written as Markdown pages, no loket plugin,
# and Material's search (what plain MkDocs + Material gives by default).
INHERIT: public.yml
docs_dir: ../hand-docs
plugins:
  search:
    lang: nl
  loket:
    enabled: false
nav:
  - Home: index.md
  - Producten en diensten:
      - diensten/index.md
      - Thema's: themas/index.md
  - i-visie:
      - i-visie/index.md
{chapters}  - Open data: open-data.md
  - Over deze site:
      - over/index.md
      - Toegankelijkheid: toegankelijkheid.md
      - Privacy: privacy.md
"""


def config(docs: Path) -> str:
    """The hand-written site's configuration; its nav lists the i-visie chapters, as loket's does."""
    chapters = sorted(p.relative_to(docs).as_posix() for p in (docs / "i-visie").glob("[0-9]*.md"))
    return CONFIG.replace("{chapters}", "".join(f"      - {c}\n" for c in chapters))


def _front(title: str, description: str) -> str:
    return "---\n" + yaml.safe_dump({"title": title, "description": description}, allow_unicode=True,
                                     width=10_000, sort_keys=False) + "---\n\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def service_page(service: Service, theme_names: dict[str, str]) -> str:
    lines = [_front(service.naam, service.samenvatting), f"# {service.naam}", "", service.samenvatting, ""]
    themes = ", ".join(f"[{theme_names[t]}](../themas/{t}.md)" for t in service.themas if t in theme_names)
    if themes:
        lines += [f"Thema: {themes}", ""]
    if service.online == "live" and service.url:
        lines += [f"[Direct regelen]({service.url}){{ .md-button .md-button--primary }}", ""]
    if service.beschrijving:
        lines += ["## Zo werkt het", "", service.beschrijving.strip(), ""]
    if service.voorwaarden:
        lines += ["## Voorwaarden", "", *(f"- {v}" for v in service.voorwaarden), ""]
    if service.nodig:
        lines += ["## Wat heeft u nodig?", "", *(f"- {n}" for n in service.nodig), ""]
    lines += ["## Kosten", ""]
    if service.kosten:
        lines += ["| Omschrijving | Bedrag |", "|---|---:|",
                  *(f"| {_cell(k.omschrijving)} | {fmt.euro(k.bedrag)} |" for k in service.kosten), ""]
    else:
        lines += ["Hieraan zijn geen kosten verbonden.", ""]
    if service.termijn:
        lines += ["## Hoe lang duurt het?", "", service.termijn, ""]
    return "\n".join(lines)


def write_docs(root: Path, out: Path, catalogue_dir: str = "catalogue") -> int:
    """Write the hand-written docs directory for the catalogue in `root` to `out`; returns the number of pages."""
    catalogue = load_catalogue(root, catalogue_dir).catalogue
    if catalogue is None:
        raise SystemExit("the generated catalogue does not load")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(root / "content", out)
    (out / "diensten").mkdir()
    (out / "themas").mkdir()
    theme_names = {t.id: t.naam for t in catalogue.themes.values()}
    services = catalogue.services_sorted()
    for service in services:
        (out / "diensten" / f"{service.id}.md").write_text(service_page(service, theme_names), encoding="utf-8")
    a_to_z = [_front("Producten en diensten A–Z", "Alle producten en diensten op alfabet."),
              "# Producten en diensten A–Z", ""]
    a_to_z += [f"- [{s.naam}]({s.id}.md): {s.samenvatting}" for s in services]
    (out / "diensten" / "index.md").write_text("\n".join(a_to_z) + "\n", encoding="utf-8")
    themes = [_front("Thema's", "Alle producten en diensten per thema."), "# Thema's", ""]
    for theme in catalogue.themes.values():
        themes.append(f"- [{theme.naam}]({theme.id}.md)")
        page = [_front(theme.naam, theme.beschrijving or theme.naam), f"# {theme.naam}", ""]
        if theme.beschrijving:
            page += [theme.beschrijving, ""]
        page += [f"- [{s.naam}](../diensten/{s.id}.md): {s.samenvatting}" for s in catalogue.services_in_theme(theme.id)]
        (out / "themas" / f"{theme.id}.md").write_text("\n".join(page) + "\n", encoding="utf-8")
    (out / "themas" / "index.md").write_text("\n".join(themes) + "\n", encoding="utf-8")
    org = catalogue.organisation
    home = [_front(org.naam, f"Producten en diensten van {org.naam}."), f"# {org.naam}", "",
            "## Direct regelen", ""]
    home += [f"- [{catalogue.services[t].naam}](diensten/{t}.md)" for t in org.toptaken if t in catalogue.services]
    home += ["", "## Thema's", "", *(f"- [{t.naam}](themas/{t.id}.md)" for t in catalogue.themes.values()), ""]
    (out / "index.md").write_text("\n".join(home), encoding="utf-8")
    return len(services) + len(catalogue.themes) + 3
