"""CI and ownership files for a repository with several organisations.

`repository_files(ids)` gives the GitHub workflow (a `strategy.matrix` over the
organisations), the GitLab pipeline (`parallel:matrix`) and a CODEOWNERS file
that gives each municipality's communications team its own `organisaties/<id>/`.
examples/samenwerking/ holds them for IJsselstein and Montfoort, and a test
keeps that copy equal to this output and lint-clean (actionlint, SchemaStore).

This repository's own workflows stay single-organisation: it is one example
municipality. `loket init --organisatie A --organisatie B` can write these.
"""

from __future__ import annotations

# Actions pinned to a commit, with the release as a comment (the same pins as .github/workflows/).
CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2"
SETUP_PYTHON = "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065  # v5.6.0"
UPLOAD_ARTIFACT = "actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02  # v4.6.2"
DOWNLOAD_ARTIFACT = "actions/download-artifact@fa0a91b85d4f404e444e00e005971372dc801d16  # v4.1.8"
CONFIGURE_PAGES = "actions/configure-pages@983d7736d9b0ae728b81ab479565c72886d7745b  # v5.0.0"
UPLOAD_PAGES = "actions/upload-pages-artifact@56afc609e74202658d3ffba0e8f6dda462b719fa  # v3.0.1"
DEPLOY_PAGES = "actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e  # v4.0.5"

# Runners building organisations at the same time (GitHub's free plan allows 20 concurrent jobs).
MAX_PARALLEL = 20

_SETUP_STEPS = f"""\
      - name: Repository ophalen (met volledige geschiedenis)
        uses: {CHECKOUT}
        with:
          fetch-depth: 0  # dates, the "Wijzigingen" lists, the feed and redirects come from git
          persist-credentials: false

      - name: Python installeren
        uses: {SETUP_PYTHON}
        with:
          python-version: "3.11"
          cache: pip
          cache-dependency-path: |
{{dependency_lines}}

      - name: loket installeren
        run: scripts/setup
"""

GITHUB_WORKFLOW = """\
# Several organisations in one repository (organisaties/<id>/): check every organisation once,
# build each organisation's public and internal site in a matrix (one runner per organisation),
# and after a merge to main publish every public site. GitHub Pages serves one site per
# repository, so each organisation gets its own folder: https://<owner>.github.io/<repo>/<id>/
# (put that address, or the organisation's own domain, in organisatie.yml as site_url). Internal
# sites are kept as artifacts only: never publish them on Pages (README).
name: Organisaties

on:
  pull_request:
    branches: [main]
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: organisaties-${{{{ github.ref }}}}
  cancel-in-progress: false

env:
  NO_MKDOCS_2_WARNING: "1"
  DISABLE_MKDOCS_2_WARNING: "true"

jobs:
  controle:
    name: Alle organisaties controleren
    runs-on: ubuntu-24.04
    timeout-minutes: 20
    outputs:
      organisaties: ${{{{ steps.lijst.outputs.organisaties }}}}
    steps:
{setup}
      - name: Catalogus controleren (alle organisaties)
        run: .venv/bin/loket validate --format github

      - name: Organisaties opsommen
        id: lijst
        # Every folder under organisaties/: a new organisation is built without editing this file.
        run: echo "organisaties=$(find organisaties -mindepth 1 -maxdepth 1 -type d -printf '%f\\n' | sort | jq -R . | jq -cs .)" >> "$GITHUB_OUTPUT"

  bouwen:
    name: Sites bouwen voor ${{{{ matrix.organisatie }}}}
    needs: controle
    runs-on: ubuntu-24.04
    timeout-minutes: 30
    strategy:
      fail-fast: false
      max-parallel: {max_parallel}
      matrix:
        organisatie: ${{{{ fromJSON(needs.controle.outputs.organisaties) }}}}
    env:
      LOKET_ORGANISATIE: ${{{{ matrix.organisatie }}}}
    steps:
{setup}
      - name: Openbare site bouwen
        run: .venv/bin/mkdocs build --strict -f site_config/public.yml -d "$PWD/site/$LOKET_ORGANISATIE/public"

      - name: Interne site bouwen
        run: .venv/bin/mkdocs build --strict -f site_config/internal.yml -d "$PWD/site/$LOKET_ORGANISATIE/internal"

      - name: Openbare site bewaren
        uses: {upload}
        with:
          name: site-${{{{ matrix.organisatie }}}}-openbaar
          path: site/${{{{ matrix.organisatie }}}}/public
          retention-days: 14
          if-no-files-found: error

      - name: Interne site bewaren (niet openbaar publiceren)
        uses: {upload}
        with:
          name: site-${{{{ matrix.organisatie }}}}-intern
          path: site/${{{{ matrix.organisatie }}}}/internal
          retention-days: 90
          if-no-files-found: error

  publiceren:
    name: Openbare sites publiceren
    if: github.event_name != 'pull_request'
    needs: bouwen
    runs-on: ubuntu-24.04
    timeout-minutes: 15
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - name: Openbare sites ophalen
        uses: {download}
        with:
          pattern: site-*-openbaar
          path: openbaar

      - name: Eén map per organisatie
        run: |
          mkdir pages
          for dir in openbaar/site-*-openbaar; do
            id=${{dir#openbaar/site-}}
            mv "$dir" "pages/${{id%-openbaar}}"
          done

      - name: GitHub Pages instellen
        uses: {configure}

      - name: Openbare sites klaarzetten voor GitHub Pages
        uses: {upload_pages}
        with:
          path: pages

      - name: Naar GitHub Pages
        id: deployment
        uses: {deploy}
"""

GITLAB_PIPELINE = """\
# GitLab CI/CD for several organisations in one repository (organisaties/<id>/): check every
# organisation once, build each organisation's sites in a parallel:matrix job, and on the default
# branch publish every public site on GitLab Pages, one folder per organisation
# (https://<group>.gitlab.io/<project>/<id>/). Internal sites stay artifacts of the build jobs:
# host them behind a login only (README). A new organisation: add its id to the matrix below.
stages: [check, build, deploy]

workflow:
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH

variables:
  GIT_DEPTH: "0"  # full history: dates, the "Wijzigingen" lists and the feed come from git
  PIP_CACHE_DIR: "$CI_PROJECT_DIR/.cache/pip"
  NO_MKDOCS_2_WARNING: "1"
  DISABLE_MKDOCS_2_WARNING: "true"

default:
  image: python:3.11-bookworm
  before_script:
    - scripts/setup
  cache:
    key:
      files: [{dependency_list}]
    paths: [.cache/pip]

validate:
  stage: check
  script:
    - .venv/bin/loket validate --format gitlab --output gl-code-quality-report.json
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json

build:
  stage: build
  needs: []
  parallel:
    matrix:
      - LOKET_ORGANISATIE: [{ids}]
  script:
    - .venv/bin/mkdocs build --strict -f site_config/public.yml -d "$CI_PROJECT_DIR/site/$LOKET_ORGANISATIE/public"
    - .venv/bin/mkdocs build --strict -f site_config/internal.yml -d "$CI_PROJECT_DIR/site/$LOKET_ORGANISATIE/internal"
  artifacts:
    name: "site-$LOKET_ORGANISATIE"
    expose_as: Voorbeeld van de sites
    paths: ["site/"]
    expire_in: 2 weeks

pages:
  stage: deploy
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  needs: [validate, build]
  before_script: []
  cache: []
  script:
    - rm -rf public && mkdir public
    - for dir in site/*/public; do cp -r "$dir" "public/$(basename "$(dirname "$dir")")"; done
  artifacts:
    paths: [public]
"""

CODEOWNERS = """\
# Who must approve a change, per folder (GitHub reads .github/CODEOWNERS; GitLab reads the same
# file there). The last matching line wins. Turn on "Require review from Code Owners" (GitHub
# branch protection) or "Code owner approval" (GitLab protected branch) to make it binding.

# Everything else (the tool, configuration, CI): the shared ICT department.
*                         {owner}/ict

# Shared texts: offered by every organisation, so every communications team reviews them.
/catalogue/               {all_teams}
# The roadmap and the i-visie goals are the shared ICT agenda.
/catalogue/roadmap/       {owner}/ict
/catalogue/doelen.yml     {owner}/ict {all_teams}

# Each municipality's own services, overrides (fees, links, login means) and details.
{own_lines}
"""


def team(owner: str, organisation: str) -> str:
    return f"{owner}/communicatie-{organisation}"


# The files whose change means new packages: this repository's pins; a `loket init` repository has requirements.txt.
DEPENDENCY_FILES = ("constraints.txt", "pyproject.toml")


def repository_files(ids: list[str], owner: str = "@uw-samenwerking",
                     dependency_files: tuple[str, ...] = DEPENDENCY_FILES) -> dict[str, str]:
    """Path → text of the CI and ownership files for a repository with these organisations."""
    ids = sorted(ids)
    setup = _SETUP_STEPS.rstrip("\n").replace("{dependency_lines}", "\n".join(f"            {f}" for f in dependency_files))
    actions = dict(upload=UPLOAD_ARTIFACT, download=DOWNLOAD_ARTIFACT, configure=CONFIGURE_PAGES,
                   upload_pages=UPLOAD_PAGES, deploy=DEPLOY_PAGES)
    width = max(len(f"/organisaties/{oid}/") for oid in ids) + 1 if ids else 0
    return {
        ".github/workflows/organisaties.yml": GITHUB_WORKFLOW.format(setup=setup,
                                                                     max_parallel=MAX_PARALLEL, **actions),
        ".gitlab-ci.yml": GITLAB_PIPELINE.format(ids=", ".join(ids), dependency_list=", ".join(dependency_files)),
        ".github/CODEOWNERS": CODEOWNERS.format(
            owner=owner,
            all_teams=" ".join(team(owner, oid) for oid in ids),
            own_lines="\n".join(f"{f'/organisaties/{oid}/':<{width}}{team(owner, oid)}" for oid in ids),
        ),
    }
