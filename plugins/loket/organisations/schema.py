"""The partial service of an override, derived from dienst.schema.json rather than written twice.

An override (`organisaties/<id>/diensten/<sid>.yml` next to a shared
`catalogue/diensten/<sid>.yml`) holds only the fields that differ. It is the
service schema with nothing required: groups of fields (`aanvragen`,
`inloggen`, `intern`, and whatever group is added later) merge key by key, so
their own required keys come from the shared service; lists and plain values
replace the shared value whole, so list items keep their required keys.
Who offers a shared service (`organisaties`) is decided in the shared file only.
"""

from __future__ import annotations

import copy

from .. import validate

PARTIAL_SERVICE = "dienst-deel"
NOT_IN_OVERRIDE = ("organisaties",)


def _drop_required(properties: dict) -> None:
    for prop in properties.values():
        if isinstance(prop, dict) and prop.get("type") == "object":
            prop.pop("required", None)
            _drop_required(prop.get("properties", {}))


def partial_service_schema(full: dict) -> dict:
    partial = copy.deepcopy(full)
    partial["title"] = f"{full.get('title', 'Dienst')} (aanvulling van één organisatie)"
    partial["description"] = ("Alleen de velden die voor deze organisatie anders zijn dan in de gedeelde dienst "
                              "catalogue/diensten/<id>.yml met dezelfde bestandsnaam.")
    partial.pop("required", None)
    for name in NOT_IN_OVERRIDE:
        partial["properties"].pop(name, None)
    _drop_required(partial["properties"])
    partial["minProperties"] = 1
    return partial


validate.DERIVED_SCHEMAS[PARTIAL_SERVICE] = lambda: partial_service_schema(validate.schema("dienst"))


def merge(shared, override):
    """The shared data with the override's values: groups of fields merge key by key, anything else is replaced."""
    if isinstance(shared, dict) and isinstance(override, dict):
        merged = dict(shared)
        for key, value in override.items():
            merged[key] = merge(shared[key], value) if key in shared else value
        return merged
    return override
