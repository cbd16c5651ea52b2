"""Search synonyms from `catalogue/synoniemen.yml`, as rules the index builder applies.

Two kinds, both editable by communications staff:

- `groepen`: words that mean the same; each finds what the others find (trouwen ↔ huwelijk).
- `verwijzingen`: a word residents type → words the catalogue uses (bankstel → grofvuil).

The file is read and schema-checked with the rest of the catalogue (catalogue.py), so
`loket validate` reports its problems with file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass

FILE_NAME = "synoniemen.yml"


@dataclass(frozen=True)
class Synonyms:
    groups: tuple[tuple[str, ...], ...] = ()
    redirects: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def from_data(cls, data: dict | None) -> "Synonyms":
        data = data or {}
        return cls(
            groups=tuple(tuple(group) for group in data.get("groepen", ())),
            redirects=tuple((word, tuple(targets)) for word, targets in (data.get("verwijzingen") or {}).items()),
        )

    def rules(self) -> list[tuple[str, tuple[str, ...]]]:
        """(word, the words whose documents it should also find), one per word of each group and redirect."""
        rules = []
        for group in self.groups:
            for word in group:
                rules.append((word, tuple(other for other in group if other != word)))
        rules.extend(self.redirects)
        return rules
