"""The one record for everything that can be wrong with the input, and its formatters.

Every check in loket (YAML syntax, schema, references, content rules) reports a
`Problem`; the CLI, the MkDocs plugin and CI annotations only format them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    severity: str
    code: str
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.col}: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.col, p.code, p.message))


def summary(problems: list[Problem]) -> str:
    n_err = len(errors(problems))
    n_warn = len(problems) - n_err
    if not problems:
        return "Geen problemen gevonden."
    return f"{n_err} fout(en), {n_warn} waarschuwing(en)."


def format_text(problems: list[Problem]) -> str:
    lines = []
    for p in problems:
        label = "fout" if p.is_error else "waarschuwing"
        lines.append(f"{p.file}:{p.line}:{p.col}: {label}: {p.message}" + (f" — {p.hint}" if p.hint else ""))
    lines.append(summary(problems))
    return "\n".join(lines) + "\n"


def _github_escape(value: str, *, property_value: bool = False) -> str:
    # Workflow commands treat %, CR and LF specially; properties also : and ,
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(problems: list[Problem]) -> str:
    lines = []
    for p in problems:
        level = "error" if p.is_error else "warning"
        props = ",".join(
            f"{k}={_github_escape(str(v), property_value=True)}"
            for k, v in (("file", p.file), ("line", p.line), ("col", p.col), ("title", p.code))
        )
        text = p.message + (f" — {p.hint}" if p.hint else "")
        lines.append(f"::{level} {props}::{_github_escape(text)}")
    return "\n".join(lines) + ("\n" if lines else "")


def format_gitlab(problems: list[Problem]) -> str:
    """GitLab Code Quality report (a JSON array of CodeClimate issues)."""
    report = []
    seen: dict[str, int] = {}
    for p in problems:
        # Without the line number, so that an edit above a problem does not make GitLab report it as new
        # (and the old one as fixed); the occurrence count keeps identical problems in one file apart.
        key = f"{p.file}\0{p.code}\0{p.message}"
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
        report.append(
            {
                "description": p.message + (f" — {p.hint}" if p.hint else ""),
                "check_name": p.code,
                "fingerprint": fingerprint,
                "severity": "major" if p.is_error else "minor",
                "location": {"path": p.file, "positions": {"begin": {"line": p.line, "column": p.col}}},
            }
        )
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def format_json(problems: list[Problem]) -> str:
    payload = {
        "errors": len(errors(problems)),
        "warnings": len(problems) - len(errors(problems)),
        "problems": [asdict(p) for p in problems],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"text": format_text, "github": format_github, "gitlab": format_gitlab, "json": format_json}
