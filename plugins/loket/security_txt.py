"""/.well-known/security.txt (RFC 9116): where to report a vulnerability, from organisatie.yml `beveiliging`."""

from __future__ import annotations

from .model import Organisation, parse_day

PATH = ".well-known/security.txt"


def security_txt(organisation: Organisation, site_url: str | None) -> list[tuple[str, str]]:
    """[(PATH, text)], or [] when organisatie.yml has no `beveiliging` (or its date does not
    exist: the catalogue check reports that)."""
    security = organisation.beveiliging
    if security is None:
        return []
    try:
        until = parse_day(security.verloopt)
    except ValueError:
        return []
    lines = [
        # split/join: a line break in the name must not start a field of its own.
        f"# Beveiligingscontact van {' '.join(organisation.naam.split())} (RFC 9116), uit catalogue/organisatie.yml.",
        f"Contact: {security.contact}",
        # The last moment the data is valid: the end of the day `verloopt` names.
        f"Expires: {until.isoformat()}T23:59:59Z",
    ]
    if security.beleid:
        lines.append(f"Policy: {security.beleid}")
    lines.append("Preferred-Languages: nl, en")
    if site_url:
        lines.append(f"Canonical: {site_url.rstrip('/')}/{PATH}")
    return [(PATH, "\n".join(lines) + "\n")]
