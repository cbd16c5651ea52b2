"""`loket import sc FILE|URL`: one SC feed into a catalogue, atomically.

It reads a Samenwerkende Catalogi feed (sc.py), maps every
record (mapping.py), merges with what an earlier import wrote and editors changed
since (here, with the hashes kept in `bron:`), writes the files (writer.py) into
a staging directory and moves them into place only when everything succeeded,
and reports what happened (report.py). The target directories are parameters so
that a catalogue can live elsewhere than `catalogue/diensten/`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..load import load_file, load_text
from ..problems import errors
from ..validate import check_schema
from .mapping import Mapped, base_id, map_record
from .report import Conflict, Report, Skipped
from .review import REVIEWS
from .sc import ImportFailed, parse, read_bytes
from .writer import field_order, ordered, service_yaml, value_hash, yaml_scalar

__all__ = ["ImportFailed", "ImportTarget", "Report", "import_sc"]

SCHEMA_FILE = Path("plugins/loket/schema/dienst.schema.json")


@dataclass(frozen=True)
class ImportTarget:
    """Where the import writes: the repository, its service directory and its themes file."""

    root: Path
    services_dir: Path
    themes_file: Path

    @classmethod
    def catalogue(cls, root: Path, catalogue_dir: str | Path = "catalogue") -> "ImportTarget":
        base = Path(root) / catalogue_dir
        return cls(Path(root), base / "diensten", base / "themas.yml")


@dataclass
class _Existing:
    service_id: str
    data: dict
    path: Path


def _existing_services(target: ImportTarget) -> dict[str, _Existing]:
    found = {}
    for path in sorted(target.services_dir.glob("*.yml")):
        doc, problems = load_file(path, target.root, marks=False)
        if doc is not None and isinstance(doc.data, dict) and not errors(problems):
            found[path.stem] = _Existing(path.stem, doc.data, path)
    return found


def _review_field(code: str) -> str:
    return REVIEWS[code].fields[0][0] if code in REVIEWS else ""


def _merge(mapped: Mapped, existing: _Existing | None, report: Report, service_id: str) -> dict:
    """The file's new values: imported values where nobody edited the field since the last import."""
    new_bron = mapped.bron
    if existing is None:
        data = dict(mapped.data)
        hashes = {k: value_hash(v) for k, v in mapped.data.items()}
        meldingen = list(new_bron.get("meldingen", []))
    else:
        current = existing.data
        old_bron = current.get("bron") if isinstance(current.get("bron"), dict) else {}
        old_hashes = old_bron.get("hashes") if isinstance(old_bron.get("hashes"), dict) else {}
        data = {k: v for k, v in current.items() if k != "bron"}
        hashes = {}
        taken = set()  # fields that got the feed's value in this import
        order = field_order()
        for name in sorted(set(mapped.data) | set(old_hashes), key=lambda k: (order.index(k) if k in order else 99, k)):
            now, before, new = current.get(name), old_hashes.get(name), mapped.data.get(name)
            edited = (now is None) != (before is None) or (now is not None and value_hash(now) != before)
            if new is not None and now is not None and value_hash(new) == value_hash(now):
                hashes[name] = value_hash(new)  # feed and file agree, whoever wrote it
                continue
            if not edited:
                if new is None:
                    data.pop(name, None)
                else:
                    data[name] = new
                    hashes[name] = value_hash(new)
                if new != now:
                    taken.add(name)
                continue
            if before is not None:
                hashes[name] = before  # stays marked as edited
            if new is not None and value_hash(new) != before:
                report.conflicts.append(Conflict(service_id, name))
        # A note comes back only with a newly imported value, or if the editor has not dealt with it yet;
        # never on a field the editor changed.
        old_codes = old_bron.get("meldingen") or []
        meldingen = []
        for code in new_bron.get("meldingen", []):
            name = _review_field(code)
            if name in hashes:
                unedited = hashes[name] == value_hash(data.get(name))
            else:  # a note about a value the feed did not give (e.g. an unknown UPL URI and no other)
                unedited = name not in data and name not in old_hashes
            if unedited and (name in taken or code in old_codes):
                meldingen.append(code)
    bron = {k: v for k, v in new_bron.items() if k in ("sc_identifier", "product_id")}
    bron["hashes"] = hashes
    if meldingen:
        bron["meldingen"] = meldingen
    bron |= {k: v for k, v in new_bron.items() if k in ("upl_verwijderd", "aanvraag_url")}
    return ordered(data | {"bron": bron})


def _schema_path(target: ImportTarget) -> str | None:
    schema = target.root / SCHEMA_FILE
    if not schema.is_file():
        return None
    return os.path.relpath(schema, target.services_dir).replace(os.sep, "/")


def _assign_ids(mapped: list[Mapped], existing: dict[str, _Existing]) -> dict[int, tuple[str, _Existing | None]]:
    """record position → (service id, the file an earlier import wrote for it, if any)."""
    # Feeds repeat productIDs (and page addresses): both together find a file first, then each alone.
    indexes: list[dict] = [{}, {}, {}]
    for item in existing.values():
        bron = item.data.get("bron")
        if isinstance(bron, dict):
            pid, ident = str(bron.get("product_id") or ""), str(bron.get("sc_identifier") or "")
            indexes[0].setdefault((pid, ident), []).append(item)
            if pid:
                indexes[1].setdefault(pid, []).append(item)
            if ident:
                indexes[2].setdefault(ident, []).append(item)
    assigned: dict[int, tuple[str, _Existing | None]] = {}
    claimed: set[str] = set()
    keys = (lambda r: (r.product_id, r.identifier), lambda r: r.product_id or None, lambda r: r.identifier or None)
    ordered_records = sorted(mapped, key=lambda m: (base_id(m.data["naam"]), m.record.product_id, m.record.identifier,
                                                    value_hash(m.data), m.record.position))
    for index, key in zip(indexes, keys):
        for m in ordered_records:
            if m.record.position in assigned or key(m.record) is None:
                continue
            match = next((item for item in index.get(key(m.record), []) if item.service_id not in claimed), None)
            if match is not None:
                claimed.add(match.service_id)
                assigned[m.record.position] = (match.service_id, match)
    used = set(existing)
    # New services in a fixed order, so the same feed always gives the same ids whatever its record order.
    new = [m for m in ordered_records if m.record.position not in assigned]
    for m in new:
        base = base_id(m.data["naam"])
        candidate, n = base, 1
        while candidate in used:
            n += 1
            suffix = f"-{n}"
            candidate = base[: 80 - len(suffix)].rstrip("-") + suffix
        used.add(candidate)
        assigned[m.record.position] = (candidate, None)
    return assigned


def _themes_text(target: ImportTarget, themes: dict[str, str], report: Report) -> str | None:
    """themas.yml with the themes the import needs appended, or None when it already has them all."""
    path = target.themes_file
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    known: set[str] = set()
    if text:
        doc, problems = load_file(path, target.root, marks=False)
        if doc is None or errors(problems) or not isinstance(doc.data, dict):
            raise ImportFailed(f"{path.relative_to(target.root).as_posix()} bevat fouten; los die eerst op "
                               "(loket validate) en importeer dan opnieuw.")
        known = set(doc.data)
    missing = [(tid, name) for tid, name in sorted(themes.items(), key=lambda t: t[1].casefold()) if tid not in known]
    if not missing:
        return None
    report.new_themes = [tid for tid, _ in missing]
    if not text:
        schema = target.root / "plugins/loket/schema/themas.schema.json"
        if schema.is_file():
            text = f"# yaml-language-server: $schema={os.path.relpath(schema, path.parent)}\n"
    if text and not text.endswith("\n"):
        text += "\n"
    for tid, name in missing:
        text += f"{tid}:\n  naam: {yaml_scalar(name)}\n"
    return text


def import_sc(source: str, target: ImportTarget, *, progress: Callable[[str], None] | None = None) -> Report:
    """Import one SC feed into `target`; raises ImportFailed (and writes nothing) when the feed cannot be used."""
    feed = parse(read_bytes(source), source)
    report = Report(source, feed.shape, records=len(feed.records))
    mapped: list[Mapped] = []
    for i, record in enumerate(feed.records, start=1):
        if progress and i % 100 == 0:
            progress(f"{i}/{len(feed.records)} records gelezen")
        m = map_record(record)
        if m.skipped:
            report.skipped.append(Skipped(record.position, " ".join(record.title.split())[:80], m.skipped))
        else:
            mapped.append(m)
    names = Counter(base_id(m.data["naam"]) for m in mapped)
    for m in mapped:
        if names[base_id(m.data["naam"])] > 1:
            m.flag("dubbele-naam")

    existing = _existing_services(target)
    ids = _assign_ids(mapped, existing)
    schema_path = _schema_path(target)
    outputs: dict[Path, str] = {}
    themes: dict[str, str] = {}
    seen_existing: set[str] = set()
    for m in mapped:
        service_id, old = ids[m.record.position]
        conflicts_before = len(report.conflicts)
        data = _merge(m, old, report, service_id)
        text = service_yaml(data, schema_path)
        relative = (target.services_dir / f"{service_id}.yml").relative_to(target.root).as_posix()
        doc, problems = load_text(text, relative, marks=False)
        problems += check_schema(doc, "dienst") if doc is not None and not errors(problems) else []
        if errors(problems):
            del report.conflicts[conflicts_before:]
            first = errors(problems)[0]
            report.skipped.append(Skipped(m.record.position, m.data["naam"][:80],
                                          f"geen geldige dienst na de import: {first.message}"))
            continue
        report.repairs.update(m.repairs)
        for tid in data["themas"]:
            if tid in m.themes:
                themes.setdefault(tid, m.themes[tid])
        if old is not None:
            seen_existing.add(service_id)
            if data == ordered(old.data):
                report.unchanged.append(service_id)
                continue
            report.updated.append(service_id)
        else:
            report.created.append(service_id)
        outputs[target.services_dir / f"{service_id}.yml"] = text
    report.disappeared = sorted(sid for sid, item in existing.items()
                                if isinstance(item.data.get("bron"), dict) and sid not in seen_existing)
    themes_text = _themes_text(target, themes, report)
    if themes_text is not None:
        outputs[target.themes_file] = themes_text
    _write_atomically(target.root, outputs)
    report.files_written = [p.relative_to(target.root).as_posix() for p in outputs]
    if progress and len(feed.records) >= 100:
        progress(f"{len(feed.records)}/{len(feed.records)} records verwerkt")
    return report


def _write_atomically(root: Path, outputs: dict[Path, str]) -> None:
    """Write every file beside its target first; move them into place only when all were written."""
    if not outputs:
        return
    staging = Path(tempfile.mkdtemp(prefix=".loket-import-", dir=root))
    try:
        staged = []
        for i, (final, text) in enumerate(sorted(outputs.items())):
            temp = staging / f"{i}.yml"
            with temp.open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            staged.append((temp, final))
        for temp, final in staged:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temp, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
