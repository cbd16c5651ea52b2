"""/beheer/: a form editor (Decap CMS) for the catalogue and i-visie, on the internal site only.

Entry point: `generate()` (config.py) — the Decap configuration from the JSON Schemas, also
behind `loket cms-config`.
"""

from __future__ import annotations

from .config import Generated, generate

__all__ = ["Generated", "generate"]
