"""The partial service of an override, derived from dienst.schema.json rather than written twice.

An override (`organisaties/<id>/diensten/<sid>.yml` next to a shared
`catalogue/diensten/<sid>.yml`) holds only the fields that differ. It is the
service schema with no top-level field required, so every field added to the
contract later can be overridden too. A field in the override replaces the
shared field whole, groups included: `aanvragen` describes one state (live
with a link, or planned for a quarter), and mixing the shared `gepland` with
an override's `online: live` would describe neither. So inside a field the
schema stays as it is (an overridden `aanvragen` needs its `online`).
Who offers a shared service (`organisaties`) is decided in the shared file only.
"""

from __future__ import annotations

import copy

from .. import validate

PARTIAL_SERVICE = "dienst-deel"
NOT_IN_OVERRIDE = ("organisaties",)


def partial_service_schema(full: dict) -> dict:
    partial = copy.deepcopy(full)
    partial["title"] = f"{full.get('title', 'Dienst')} (aanvulling van één organisatie)"
    partial["description"] = ("Alleen de velden die voor deze organisatie anders zijn dan in de gedeelde dienst "
                              "catalogue/diensten/<id>.yml met dezelfde bestandsnaam.")
    partial.pop("required", None)
    for name in NOT_IN_OVERRIDE:
        partial["properties"].pop(name, None)
    partial["minProperties"] = 1
    return partial


validate.DERIVED_SCHEMAS[PARTIAL_SERVICE] = lambda: partial_service_schema(validate.schema("dienst"))


def merge(shared: dict, override: dict) -> dict:
    """The shared service with each field the override names replaced by the override's value."""
    return {**shared, **override}
