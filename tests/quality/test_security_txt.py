"""/.well-known/security.txt (RFC 9116) from organisatie.yml `beveiliging`."""

from __future__ import annotations

import datetime as dt

from loket.catalogue import load_catalogue
from loket.model import Organisation, SecurityContact
from loket.security_txt import PATH, security_txt


def fields(text: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in text.splitlines() if line and not line.startswith("#"))


def test_example_site_publishes_security_txt(example_sites):
    for site in example_sites.values():
        text = (site / ".well-known" / "security.txt").read_text(encoding="utf-8")
        assert fields(text) == {
            "Contact": "mailto:security@lindewaard.example",
            "Expires": "2027-09-30T23:59:59Z",
            "Policy": "https://www.lindewaard.example/responsible-disclosure/",
            "Preferred-Languages": "nl, en",
            "Canonical": "https://www.lindewaard.example/.well-known/security.txt",
        }


def test_fields_follow_rfc_9116_and_a_name_cannot_add_lines():
    org = Organisation(naam="Gemeente\nContact: https://evil.example/", website="https://x.example/",
                       beveiliging=SecurityContact(contact="https://x.example/melden", verloopt="2027-01-31"))
    [(path, text)] = security_txt(org, None)
    assert path == PATH == ".well-known/security.txt"
    assert fields(text) == {"Contact": "https://x.example/melden", "Expires": "2027-01-31T23:59:59Z",
                            "Preferred-Languages": "nl, en"}
    assert security_txt(Organisation(naam="Gemeente X", website="https://x.example/"), None) == []


def test_expired_or_impossible_dates_are_reported(repo):
    organisation = (repo.root / "catalogue/organisatie.yml").read_text(encoding="utf-8")
    repo.write("catalogue/organisatie.yml", organisation + "beveiliging:\n  contact: mailto:a@b.example\n  verloopt: 2026-01-31\n")
    problems = load_catalogue(repo.root, "catalogue", today=dt.date(2026, 11, 1)).problems
    assert [(p.code, p.line, p.is_error) for p in problems if "security" in p.code] == [
        ("content.security-expired", 9, False)]
    repo.write("catalogue/organisatie.yml", organisation + "beveiliging:\n  contact: mailto:a@b.example\n  verloopt: \"2026-02-30\"\n")
    loaded = load_catalogue(repo.root, "catalogue", today=dt.date(2026, 11, 1))
    assert [(p.code, p.line) for p in loaded.problems if p.is_error] == [("rule.invalid-date", 9)]
    assert security_txt(loaded.catalogue.organisation, None) == []
