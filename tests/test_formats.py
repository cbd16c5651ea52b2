"""`loket validate --format github|gitlab|json`: each report parsed back as its consumer reads it."""

from __future__ import annotations

import json
import re

import pytest

from loket.problems import ERROR, WARNING, Problem, format_github, format_gitlab, format_json

# GitHub workflow commands (actions/toolkit, command.ts): "::name key=value,key=value::message";
# the message escapes % CR LF, property values additionally : and ,
COMMAND = re.compile(r"^::(?P<name>[a-z]+)(?: (?P<props>[^:]*))?::(?P<data>.*)$")
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def _unescape(value: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def parse_github(output: str) -> list[dict]:
    commands = []
    for line in output.splitlines():
        match = COMMAND.match(line)
        assert match, f"not a workflow command: {line!r}"
        props = {}
        for pair in (match["props"] or "").split(","):
            key, _, value = pair.partition("=")
            props[key] = _unescape(value)
        commands.append({"level": match["name"], **props, "message": _unescape(match["data"])})
    return commands


TRICKY = [
    Problem("catalogue/diensten/a,b:c.yml", 3, 7, ERROR, "schema.unknown-key",
            "Onbekend veld 'tijd: 50%, ongeveer'.", "Regel 1\nregel 2\r — 100%"),
    Problem("catalogue/diensten/x.yml", 1, 1, WARNING, "content.missing-upl", "Geen UPL::nog niet", ""),
]


def test_github_escaping_round_trips():
    parsed = parse_github(format_github(TRICKY))
    assert [c["level"] for c in parsed] == ["error", "warning"]
    first = parsed[0]
    assert first["file"] == "catalogue/diensten/a,b:c.yml" and first["line"] == "3" and first["col"] == "7"
    assert first["title"] == "schema.unknown-key"
    assert first["message"] == "Onbekend veld 'tijd: 50%, ongeveer'. — Regel 1\nregel 2\r — 100%"
    assert parsed[1]["message"] == "Geen UPL::nog niet"
    # Nothing unescaped can end the command early or start a new one.
    assert all("\n" not in line for line in format_github(TRICKY).splitlines())


def test_gitlab_code_quality_fields():
    report = json.loads(format_gitlab(TRICKY + [TRICKY[0]]))
    assert isinstance(report, list) and len(report) == 3
    for issue, problem in zip(report, TRICKY + [TRICKY[0]]):
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in GITLAB_SEVERITIES
        assert issue["location"]["path"] == problem.file and not issue["location"]["path"].startswith("/")
        assert issue["location"]["positions"]["begin"]["line"] == problem.line
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert [i["severity"] for i in report] == ["major", "minor", "major"]  # warnings never block a merge
    assert len({i["fingerprint"] for i in report}) == 3  # identical problems stay apart


def test_gitlab_fingerprint_survives_a_line_shift():
    moved = Problem(TRICKY[1].file, 9, 1, WARNING, TRICKY[1].code, TRICKY[1].message)
    assert json.loads(format_gitlab([TRICKY[1]]))[0]["fingerprint"] == json.loads(format_gitlab([moved]))[0]["fingerprint"]


def test_json_format_round_trips():
    payload = json.loads(format_json(TRICKY))
    assert payload["errors"] == 1 and payload["warnings"] == 1
    assert [Problem(**p) for p in payload["problems"]] == TRICKY


@pytest.fixture
def broken(repo):
    """One error (unknown key) and one warning (no UPL) in the example repository."""
    repo.write("catalogue/diensten/paspoort-aanvragen.yml", """
        naam: Paspoort aanvragen
        samenvatting: Vraag een paspoort aan bij de gemeente.
        doelgroep: [inwoner]
        themas: [burgerzaken]
        trefwoorde: [reisdocument]
        aanvragen:
          online: niet
        gecontroleerd_op: 2026-09-01
        """)
    repo.write("catalogue/diensten/id-kaart-aanvragen.yml", """
        naam: ID-kaart aanvragen
        samenvatting: Vraag een identiteitskaart aan.
        doelgroep: [inwoner]
        themas: [burgerzaken]
        aanvragen: {online: niet}
        gecontroleerd_op: 2026-09-01
        """)
    return repo


def test_cli_formats_agree_and_fail_only_on_errors(broken):
    as_json = broken.validate("--format", "json")
    as_github = broken.validate("--format", "github")
    as_gitlab = broken.validate("--format", "gitlab")
    assert as_json.returncode == as_github.returncode == as_gitlab.returncode == 1
    problems = json.loads(as_json.stdout)["problems"]
    assert {p["code"] for p in problems} >= {"schema.unknown-key", "content.missing-upl"}

    commands = parse_github(as_github.stdout)
    assert [(c["level"], c["file"], int(c["line"]), int(c["col"])) for c in commands] == [
        ("error" if p["severity"] == "error" else "warning", p["file"], p["line"], p["col"]) for p in problems]
    unknown = next(c for c in commands if c["title"] == "schema.unknown-key")
    assert unknown["file"] == "catalogue/diensten/paspoort-aanvragen.yml" and unknown["line"] == "5"
    assert "trefwoorden" in unknown["message"]  # the did-you-mean hint travels with it

    issues = json.loads(as_gitlab.stdout)
    assert [(i["location"]["path"], i["location"]["positions"]["begin"]["line"]) for i in issues] == [
        (p["file"], p["line"]) for p in problems]


def test_warnings_alone_pass_the_check(broken):
    broken.write("catalogue/diensten/paspoort-aanvragen.yml",
                 (broken.root / "catalogue/diensten/paspoort-aanvragen.yml").read_text().replace("trefwoorde:", "trefwoorden:"))
    result = broken.validate("--format", "github")
    assert result.returncode == 0
    commands = parse_github(result.stdout)
    assert commands and {c["level"] for c in commands} == {"warning"}
    report = broken.root / "gl-code-quality-report.json"
    gitlab = broken.validate("--format", "gitlab", "--output", str(report))
    assert gitlab.returncode == 0
    assert {i["severity"] for i in json.loads(report.read_text(encoding="utf-8"))} == {"minor"}
    assert "waarschuwing" in gitlab.stdout  # a readable summary in the job log
