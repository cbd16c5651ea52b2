"""The `loket` command: validate, render, and the other editor and CI tasks."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

from .catalogue import LoadResult, load_catalogue, without_cyclic_gc
from .history import reference_date
from .init.municipalities import OWMS_LIST
from .ivisie import validate_ivisie
from .organisations import ORGANISATION_ENV, is_multi_organisation, validate_all
from .problems import FORMATTERS, errors


def _repo_root_for(catalogue_dir: Path) -> Path:
    """Problems name files relative to the working directory when the catalogue is under it."""
    cwd = Path.cwd().resolve()
    resolved = catalogue_dir.resolve()
    return cwd if resolved.is_relative_to(cwd) else resolved.parent


# Also the i-visie and the report: with the catalogue loaded, the cyclic collector would scan all of it
# again (tens of milliseconds at 10,000 files) for cycles it does not have.
@without_cyclic_gc
def cmd_validate(args) -> int:
    catalogue_dir = Path(args.path)
    root = _repo_root_for(catalogue_dir)
    if is_multi_organisation(root):  # every organisation of a shared service centre (organisations/)
        found, results = validate_all(root, catalogue_dir.resolve().relative_to(root).as_posix(), today=reference_date(root))
        readable = [r.catalogue for r in results.values() if r.catalogue is not None]
        found += validate_ivisie(root, "content", readable[0] if readable else None)[1]
        result = LoadResult(readable[0] if results and len(readable) == len(results) else None, found)
    else:
        result = load_catalogue(root, catalogue_dir.resolve().relative_to(root), today=reference_date(root))
        # The i-visie chapters' front matter and their goal markers are checked too.
        found = result.problems + validate_ivisie(root, "content", result.catalogue)[1]
    problems = found
    if args.errors_only:
        problems = errors(problems)
    output = FORMATTERS[args.format](problems)
    if args.output:
        Path(args.output).write_text(output, encoding="utf-8")
        if args.format != "text":
            sys.stdout.write(FORMATTERS["text"](problems))
    else:
        sys.stdout.write(output)
    return 1 if errors(found) or result.catalogue is None else 0


def cmd_render(args) -> int:
    from .export.jsonld import with_jsonld
    from .site import SiteOptions, build_site_content

    root = Path(args.root).resolve()
    out = Path(args.out)
    content_dir = root / args.content
    site = build_site_content(SiteOptions(root=root, catalogue_dir=args.catalogue, audience=args.audience,
                                          content_dir=args.content,
                                          organisation=args.organisatie or os.environ.get(ORGANISATION_ENV) or None))
    for problem in site.problems:
        print(problem, file=sys.stderr)
    if site.catalogue is None or errors(site.problems):
        # Like `mkdocs build --strict`: a script never gets a site that silently lacks what had an error.
        print(f"De invoer bevat fouten; er is niets geschreven ({out} is niet veranderd).", file=sys.stderr)
        return 1
    if out.exists():
        shutil.rmtree(out)
    if content_dir.is_dir():
        shutil.copytree(content_dir, out)
    out.mkdir(parents=True, exist_ok=True)
    for src in site.withheld:
        (out / src).unlink(missing_ok=True)
    if site.ivisie:  # banners and goal progress, which the plugin adds as MkDocs reads the chapters
        site.ivisie.write_chapters(out)
    for page in site.pages:
        target = out / page.src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(with_jsonld(page, site.jsonld.get(page.src)).markdown, encoding="utf-8")
    for data in site.files:
        target = out / data.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data.content, bytes):
            target.write_bytes(data.content)
        else:
            target.write_text(data.content, encoding="utf-8")
    print(f"{len(site.pages)} pagina's en {len(site.files)} bestanden geschreven naar {out}.")
    return 0


def cmd_new(args) -> int:
    from .new import create_service
    from .organisations.new import new_service_dir

    root = Path(args.root).resolve()
    services_dir, problem = new_service_dir(root, args.catalogue, args.organisatie, args.gedeeld)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    created, problems = create_service(root, args.naam, reference_date(root), args.catalogue, service_id=args.id,
                                       services_dir=services_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if created is None:
        return 1
    shown = created.path.relative_to(root).as_posix()
    print(f"Nieuw bestand: {shown}\nVul de velden in en controleer uw werk met: loket validate")
    return 0


def cmd_diff(args) -> int:
    from .diff import RevisionError, diff_markdown

    try:
        text = diff_markdown(Path(args.root).resolve(), args.base, args.head, args.catalogue)
    except RevisionError as exc:
        print(f"{exc} Geef een commit, branch of tag, bijvoorbeeld: loket diff origin/main HEAD", file=sys.stderr)
        return 2
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_upl(args) -> int:
    from . import upl

    if args.actie == "import":
        try:
            products = upl.import_upl(args.bron, Path(args.output) if args.output else upl.DATA_FILE)
        except upl.SourceError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"{len(products)} UPL-producten ({sum(p.gemeente for p in products)} gemeentelijk) geschreven naar "
              f"{args.output or upl.DATA_FILE}.")
        return 0
    found = upl.search(args.bron)
    for product in found:
        print(f"{product.naam}\t{product.uri}")
    if not found:
        print(f"Geen UPL-product gevonden voor '{args.bron}'.", file=sys.stderr)
    return 0 if found else 1


def cmd_owms(args) -> int:
    from .init.municipalities import find_municipalities, parse_owms_list, shipped
    from .upl import SourceError, read_source

    try:
        municipalities = parse_owms_list(read_source(args.lijst)) if args.lijst else list(shipped())
        found = find_municipalities(args.zoekterm, municipalities)
    except SourceError as exc:
        print(f"{exc} Geef de lijst mee met --lijst (een bestand of adres).", file=sys.stderr)
        return 2
    if found and not any(args.zoekterm.casefold().strip() in m.label.casefold() for m in found):
        print(f"Geen gemeente met '{args.zoekterm}' in de naam. Lijkt op:", file=sys.stderr)
    for m in found:
        print(f"{m.label}\t{m.uri}" + (f"\t(opgeheven per {m.ended})" if m.ended else ""))
    if not found:
        print(f"Geen gemeente gevonden voor '{args.zoekterm}'.", file=sys.stderr)
        return 1
    print("Zet de URI van uw gemeente in catalogue/organisatie.yml als 'owms_uri: …'.", file=sys.stderr)
    return 0


def cmd_cms_config(args) -> int:
    from .cms import config_yaml, generate
    from .cms.config import site_settings

    root = Path(args.root).resolve()
    repo_url, beheer = site_settings(root)
    generated = generate(root, backend=beheer, repo_url=args.repo_url or repo_url, catalogue_dir=args.catalogue)
    if not args.output:
        sys.stdout.write(config_yaml(generated))
        return 0
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    (out / "config.yml").write_text(config_yaml(generated), encoding="utf-8")
    (out / "loket-formats.json").write_text(json.dumps(generated.formats, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{out}/config.yml en {out}/loket-formats.json geschreven.")
    return 0


def cmd_import(args) -> int:
    from .importers.pipeline import ImportFailed, ImportTarget, import_sc

    root = Path(args.root).resolve()
    target = ImportTarget.catalogue(root, args.catalogue)
    if args.organisatie:  # one organisation of several: its own folder, the shared themes
        from .organisations.setup import import_directory

        services_dir, problem = import_directory(root, args.organisatie)
        if problem:
            print(problem, file=sys.stderr)
            return 2
        target = ImportTarget(root, services_dir, target.themes_file)
    try:
        report = import_sc(args.bron, target, progress=lambda line: print(line, file=sys.stderr))
    except ImportFailed as exc:
        print(f"Import mislukt: {exc}\nEr is niets geschreven.", file=sys.stderr)
        return 1
    sys.stdout.write(report.json_text() if args.format == "json" else report.text())
    return 0


def cmd_init(args) -> int:
    from .init import InitFailed, create_repository

    try:
        created = create_repository(Path(args.map), args.organisatie, git=not args.zonder_git)
    except InitFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    print(created.summary())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="loket", description="Producten- en dienstencatalogus en i-visie van een gemeente.")
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", help="Controleer de catalogus en meld alle problemen.")
    validate.add_argument("path", nargs="?", default="catalogue", help="de map met de catalogus (standaard: catalogue)")
    validate.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="uitvoerformaat")
    validate.add_argument("--output", help="schrijf het rapport naar dit bestand (en een samenvatting naar het scherm)")
    validate.add_argument("--errors-only", action="store_true", help="toon alleen fouten, geen waarschuwingen")
    validate.set_defaults(func=cmd_validate)

    render = sub.add_parser("render", help="Schrijf alle pagina's als Markdown naar een map (voor elke site-generator).")
    render.add_argument("out", help="doelmap (wordt leeggemaakt)")
    render.add_argument("--audience", choices=["public", "internal"], default="public")
    render.add_argument("--root", default=".", help="de repository (standaard: huidige map)")
    render.add_argument("--catalogue", default="catalogue")
    render.add_argument("--content", default="content")
    render.add_argument("--organisatie", help=f"bij meerdere organisaties: voor welke (standaard: ${ORGANISATION_ENV})")
    render.set_defaults(func=cmd_render)

    new = sub.add_parser("new", help="Maak een nieuw bestand met alle velden en uitleg.")
    new.add_argument("soort", choices=["dienst"], help="wat u wilt maken (nu alleen: dienst)")
    new.add_argument("naam", help='de naam, bijvoorbeeld "Paspoort aanvragen"; daaruit volgt de id (bestandsnaam)')
    new.add_argument("--id", help="kies zelf de id in plaats van die uit de naam")
    new.add_argument("--root", default=".", help="de repository (standaard: huidige map)")
    new.add_argument("--catalogue", default="catalogue")
    new.add_argument("--organisatie", help="bij meerdere organisaties: een eigen dienst (of aanvulling) van deze organisatie")
    new.add_argument("--gedeeld", action="store_true", help="bij meerdere organisaties: een gedeelde dienst in catalogue/diensten/")
    new.set_defaults(func=cmd_new)

    diff = sub.add_parser("diff", help="Wat verandert er voor inwoners en ondernemers tussen twee commits (Markdown).")
    diff.add_argument("base", help="de oude versie: commit, branch of tag (bijvoorbeeld origin/main)")
    diff.add_argument("head", nargs="?", default="HEAD", help="de nieuwe versie (standaard: HEAD)")
    diff.add_argument("--root", default=".", help="de repository (standaard: huidige map)")
    diff.add_argument("--catalogue", default="catalogue")
    diff.add_argument("--output", help="schrijf de Markdown naar dit bestand")
    diff.set_defaults(func=cmd_diff)
    upl_parser = sub.add_parser("upl", help="De Uniforme Productnamenlijst: bijwerken (import) of doorzoeken (zoek).")
    upl_parser.add_argument("actie", choices=["import", "zoek"],
                            help="import: lees de officiële UPL-export (CSV); zoek: zoek een productnaam of URI")
    upl_parser.add_argument("bron", help="bij import: bestand of adres van UPL-actueel.csv; bij zoek: een zoekwoord")
    upl_parser.add_argument("--output", help="bij import: schrijf naar dit bestand in plaats van het meegeleverde")
    upl_parser.set_defaults(func=cmd_upl)

    owms = sub.add_parser("owms", help="Zoek de OWMS-URI van een gemeente op (voor 'owms_uri' in organisatie.yml).")
    owms.add_argument("zoekterm", help="(een deel van) de naam van de gemeente")
    owms.add_argument("--lijst", help=f"bestand of adres van de OWMS-lijst Gemeente.xml, bijvoorbeeld {OWMS_LIST} "
                                      "(standaard: de meegeleverde lijst)")
    owms.set_defaults(func=cmd_owms)

    cms = sub.add_parser("cms-config", help="De configuratie van het beheer (/beheer/) uit de JSON Schemas.")
    cms.add_argument("--root", default=".", help="de repository (standaard: huidige map)")
    cms.add_argument("--catalogue", default="catalogue")
    cms.add_argument("--repo-url", help="adres van de repository op GitHub of GitLab (standaard: repo_url uit "
                                         "mkdocs.yml; `beheer:` in site_config/internal.yml gaat voor)")
    cms.add_argument("--output", help="schrijf config.yml en loket-formats.json in deze map (anders: config.yml op het scherm)")
    cms.set_defaults(func=cmd_cms_config)
    importer = sub.add_parser("import", help="Lees een bestaande catalogus in (Samenwerkende Catalogi-feed).")
    importer.add_argument("soort", choices=["sc"], help="het formaat (nu alleen: sc, Samenwerkende Catalogi 4.0)")
    importer.add_argument("bron", help="bestand (.xml of .xml.gz) of https-adres van de feed")
    importer.add_argument("--root", default=".", help="de repository (standaard: huidige map)")
    importer.add_argument("--catalogue", default="catalogue")
    importer.add_argument("--format", choices=["text", "json"], default="text", help="formaat van het rapport")
    importer.add_argument("--organisatie", help="bij meerdere organisaties: importeer in organisaties/ID/diensten/")
    importer.set_defaults(func=cmd_import)

    init = sub.add_parser("init", help="Maak een nieuwe repository voor een gemeente, klaar om te publiceren.")
    init.add_argument("map", help="de nieuwe map (mag niet bestaan of moet leeg zijn)")
    init.add_argument("--organisatie", required=True, action="append",
                      help="de naam van de gemeente, bijvoorbeeld Montfoort; herhaal voor een samenwerking van "
                           "meerdere gemeenten in één repository (organisaties/)")
    init.add_argument("--zonder-git", action="store_true", help="geen git-repository en eerste commit maken")
    init.set_defaults(func=cmd_init)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
