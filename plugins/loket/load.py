"""YAML → plain JSON-like values, with the line and column of every key and value.

PyYAML's own loader loses positions, silently keeps the last of two duplicate
keys and expands aliases without limit. Here the document is only *composed*
(a node tree that keeps marks) and turned into values by our own walk, which
reports those cases as problems instead.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import ERROR, Problem

Path_ = tuple  # a path into the data: keys (str) and list indices (int)

# An alias can point at a subtree that itself holds aliases, so a few lines can
# expand into billions of values ("billion laughs"). No real catalogue file
# comes near these limits.
MAX_VALUES = 50_000
MAX_DEPTH = 40

_ScalarNode, _SequenceNode, _MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
_STR_TAG = "tag:yaml.org,2002:str"
_SEQUENCE_TAG = "tag:yaml.org,2002:seq"
_MAPPING_TAG = "tag:yaml.org,2002:map"
# The tags of short plain scalars seen so far: keys and values such as 'naam' and 'live' repeat in every file.
_PLAIN_TAGS: dict[str, str] = {}

# libyaml's C parser composes the same node tree, with the same marks, about ten
# times faster than PyYAML's pure-Python one (it dominates `loket validate`).
# It recurses in C, so input that could nest deeper than C_MAX_NESTING goes to the
# Python composer, which stops with a RecursionError instead of a crash.
_C_LOADER = getattr(yaml, "CSafeLoader", None)
if _C_LOADER is not None:

    class _CLoader(_C_LOADER):
        """The safe loader with a quicker `resolve`: the C parser asks it for the tag of every node.

        Same answers as PyYAML's Resolver for the safe loader, which registers no path
        resolvers and no wildcard implicit resolvers, so only the first-character table matters.
        """

        def descend_resolver(self, current_node, current_index):
            pass

        def ascend_resolver(self):
            pass

        def resolve(self, kind, value, implicit, _resolvers=_C_LOADER.yaml_implicit_resolvers.get, _known=_PLAIN_TAGS):
            # Called some seventy times per service file, so the lookups are bound as defaults.
            if kind is _ScalarNode:
                if not implicit[0]:
                    return _STR_TAG
                tag = _known.get(value)
                if tag is None:
                    tag = _STR_TAG
                    for candidate, regexp in _resolvers(value[:1], ()):
                        if regexp.match(value):
                            tag = candidate
                            break
                    if len(value) <= 40:
                        if len(_known) >= 100_000:
                            _known.clear()
                        _known[value] = tag
                return tag
            return _SEQUENCE_TAG if kind is _SequenceNode else _MAPPING_TAG

    _C_LOADER = _CLoader
C_MAX_NESTING = 5_000
_CONSTRUCTOR = yaml.SafeLoader("")  # only its scalar constructors are used; they keep no state


@dataclass
class Document:
    """One parsed YAML file: its data and where each part of it was written."""

    file: str
    data: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # Set by load_text(..., marks=False): the marks are found from this text when first asked for.
    source_text: str | None = field(default=None, repr=False, compare=False)
    _top: tuple | bool | None = field(default=None, repr=False, compare=False)

    def _top_level(self, path: Path_, key: bool) -> tuple[int, int] | None:
        """The mark of the root or of a top-level key or value, from the kept text, if that tells it for sure."""
        if self.source_text is None or len(path) > 1:
            return None
        if self._top is None:
            self._top = top_level_marks(self.source_text) or False
        if not self._top:
            return None
        root, keys = self._top
        if not path:
            return root
        marks = keys.get(path[0])
        if marks is None:
            return root  # the key is not there: its nearest ancestor is the document
        return marks[0] if key else marks[1]

    def _find_marks(self) -> None:
        if self.source_text is not None:
            text, self.source_text = self.source_text, None
            walker = _Walker(self.file)
            walker.walk(yaml.compose(text, Loader=_loader_for(text)), ())
            self.value_marks.update(walker.value_marks)
            self.key_marks.update(walker.key_marks)

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest ancestor that exists."""
        path = tuple(path)
        if (found := self._top_level(path, key=False)) is not None:
            return found
        self._find_marks()
        while path not in self.value_marks and path:
            path = path[:-1]
        return self.value_marks.get(path, (1, 1))

    def where_key(self, path: Path_) -> tuple[int, int]:
        """Line and column of the key that holds `path` (falls back to the value)."""
        path = tuple(path)
        if path and (found := self._top_level(path, key=True)) is not None:
            return found
        self._find_marks()
        return self.key_marks.get(path) or self.where(path)

    def get(self, path: Path_, default: Any = None) -> Any:
        value = self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return default
        return value


# Files whose top level can be read line by line: YAML's other line breaks, directives and document
# markers, and a byte-order mark go to the parser.
_UNUSUAL_CHARACTERS = ("\r", "\x85", "\u2028", "\u2029", "\ufeff")
_UNUSUAL_LINES = ("---", "...", "%")


def _unusual(text: str) -> bool:
    return (any(ch in text for ch in _UNUSUAL_CHARACTERS) or text.startswith(_UNUSUAL_LINES)
            or any("\n" + start in text for start in _UNUSUAL_LINES))


_TOP_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ ]*:(?:[ ]+|$)")


def top_level_marks(text: str) -> tuple[tuple[int, int], dict[str, tuple[tuple[int, int], tuple[int, int]]]] | None:
    """Where the document starts, and for each top-level key the mark of the key and of its value, as
    (line, column) the way the YAML parser reports them; None when the file is not laid out plainly
    enough to be sure, and the parser has to tell.

    Most warnings (an SDG service without English text, a text not reviewed for a year, no UPL name)
    point at a top-level field. Finding it in the text saves parsing the file a second time, which
    was an eighth of `loket validate` at 10,000 files. Plain means: a block mapping at column 1, simple
    keys, and each value starting on the key's line (a scalar, a block scalar indicator, a flow
    collection closed on that line) or on the next content line (a nested block).
    """
    if _unusual(text):
        return None
    lines = text.split("\n")  # one list instead of a regex search per line: a third of the time
    keys: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {}
    root: tuple[int, int] | None = None
    for index, line in enumerate(lines):
        if not line or line[0] == " " or line[0] == "#":
            if root is None and _content(line) is not None:
                return None  # the document does not start with a mapping at column 1
            continue
        number = index + 1
        if line == "-" or line.startswith("- "):
            if root is None:
                return None  # a list, not a mapping
            continue  # an item of the previous key's list, written without indentation
        match = _TOP_KEY.match(line)
        if match is None:
            return None  # a quoted or complex key, a flow mapping, a stray line
        name = match.group(1)
        if name in keys or name == "<<":
            return None  # a duplicate or merge key: the parser reports it
        if root is None:
            root = (number, 1)
        rest = line[match.end():]
        if not rest or rest.startswith("#"):
            # The value starts on the next line with content (a nested mapping or list).
            for later in range(index + 1, len(lines)):
                if (after := _content(lines[later])) is not None:
                    break
            else:
                return None  # an empty value at the end: the parser places it
            indent, first = after
            if not (indent or first == "-"):
                return None  # an empty value: the parser places it
            keys[name] = ((number, 1), (later + 1, indent + 1))
            continue
        lead = rest[0]
        if lead in "&!*?%@`" or (lead in "\"'" and rest.count(lead) < 2) or (
                lead in "[{" and rest.count("[") + rest.count("{") != rest.count("]") + rest.count("}")):
            return None  # anchors, tags, aliases, reserved characters, quotes or brackets over several lines
        keys[name] = ((number, 1), (number, match.end() + 1))
    if root is None:
        return None
    return root, keys


def _content(line: str) -> tuple[int, str] | None:
    """The indentation and first character of a line with content; None for a blank line or a comment."""
    stripped = line.lstrip(" ")
    if not stripped or stripped[0] == "#":
        return None
    return len(line) - len(stripped), stripped[0]


class _TooLarge(Exception):
    def __init__(self, mark: yaml.Mark | None):
        self.mark = mark


class _Walker:
    def __init__(self, file: str, marks: bool = True):
        self.file = file
        self.marks = marks
        self.problems: list[Problem] = []
        self.value_marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}
        self.count = 0
        self.constructor = _CONSTRUCTOR

    def problem(self, mark: yaml.Mark, code: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, ERROR, code, message, hint))

    def walk(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_VALUES or len(path) > MAX_DEPTH:
            raise _TooLarge(node.start_mark)
        if self.marks:
            self.value_marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, _MappingNode):
            return self._mapping(node, path)
        if isinstance(node, _SequenceNode):
            return [self._text(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _text(self, node: yaml.Node, path: Path_) -> Any:
        """`walk`, with plain text (most values) handled inline: a catalogue has a million of them."""
        if node.tag != _STR_TAG or type(node) is not _ScalarNode or self.count >= MAX_VALUES or len(path) > MAX_DEPTH:
            return self.walk(node, path)
        self.count += 1
        if self.marks:
            mark = node.start_mark
            self.value_marks[path] = (mark.line + 1, mark.column + 1)
        return node.value

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict[str, Any] = {}
        key_nodes: dict[str, yaml.ScalarNode] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, _ScalarNode):
                self.problem(
                    key_node.start_mark,
                    "yaml.complex-key",
                    "Een sleutel moet gewone tekst zijn, geen lijst of blok.",
                    "Schrijf de sleutel als `naam:` aan het begin van de regel.",
                )
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(
                    key_node.start_mark,
                    "yaml.merge-key",
                    "Samenvoegen met `<<` wordt niet ondersteund.",
                    "Schrijf de velden voluit in dit bestand.",
                )
                continue
            # Keys stay text as written: YAML 1.1 would turn `no:` or `on:` into booleans.
            key = key_node.value
            if key in key_nodes:
                self.problem(
                    key_node.start_mark,
                    "yaml.duplicate-key",
                    f"De sleutel '{key}' staat hier voor de tweede keer (eerder op regel {key_nodes[key].start_mark.line + 1}).",
                    "Verwijder een van de twee of voeg ze samen; anders gaat een van beide waarden verloren.",
                )
                continue
            key_nodes[key] = key_node
            if self.marks:
                self.key_marks[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self._text(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _STR_TAG:  # most values; what SafeConstructor would return
            return node.value
        construct = self.constructor.yaml_constructors.get(node.tag)
        if construct is None:
            self.problem(
                node.start_mark,
                "yaml.unknown-tag",
                f"Onbekende YAML-markering '{node.tag}'.",
                "Laat het !-teken weg en schrijf de waarde als gewone tekst.",
            )
            return node.value
        try:
            value = construct(self.constructor, node)
        except (ValueError, yaml.constructor.ConstructorError):
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.problem(
                    node.start_mark,
                    "yaml.invalid-date",
                    f"De datum '{node.value}' bestaat niet.",
                    "Schrijf een bestaande datum als JJJJ-MM-DD, bijvoorbeeld 2026-09-01.",
                )
            else:
                self.problem(
                    node.start_mark,
                    "yaml.invalid-value",
                    f"De waarde '{node.value}' kan niet worden gelezen.",
                    "Zet de waarde tussen aanhalingstekens als het tekst is.",
                )
            return None
        if isinstance(value, (dt.date, dt.datetime)):
            # Dates stay ISO text so that the data remains plain JSON for the schema.
            return value.isoformat()
        if isinstance(value, bytes):
            return value.decode("utf-8", "replace")
        return value


def _position_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def _syntax_problem(file: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    hint = "Controleer de inspringing (twee spaties per niveau) en zet tekst met ':' of '#' tussen aanhalingstekens."
    if "expected a single document" in str(exc):
        return Problem(file, line, col, ERROR, "yaml.multiple-documents",
                       "Dit bestand bevat meer dan één YAML-document (een tweede '---').",
                       "Houd één document per bestand; verwijder de extra '---'.")
    if "found undefined alias" in str(exc) or "found duplicate anchor" in str(exc):
        hint = "Gebruik geen YAML-ankers (&) en aliassen (*); schrijf de waarde voluit."
    message = f"Het bestand is geen geldige YAML: {what}" + (f" ({context})" if context else "")
    return Problem(file, line, col, ERROR, "yaml.syntax", message + ".", hint)


def _loader_for(text: str):
    # Every level of nesting needs one of these characters, so their count (or the length) bounds the depth.
    if _C_LOADER is None:
        return yaml.SafeLoader
    if len(text) < C_MAX_NESTING or sum(text.count(ch) for ch in "[{-:?") < C_MAX_NESTING:
        return _C_LOADER
    return yaml.SafeLoader


def load_text(raw: bytes | str, file: str, *, marks: bool = True) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file. Returns the document (None when it cannot be read) and all problems.

    marks=False keeps the text instead of the position of every value, and finds them only when
    a problem asks where something is: a catalogue of 10,000 files then needs less time and memory.
    """
    problems: list[Problem] = []
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, col = _position_of_offset(raw, exc.start)
            return None, [Problem(file, line, col, ERROR, "yaml.encoding",
                                  f"Het bestand is geen UTF-8: onleesbaar teken (byte 0x{raw[exc.start]:02x}).",
                                  "Sla het bestand op als UTF-8 (in VS Code: rechtsonder op de codering klikken).")]
    else:
        text = raw
    if text.startswith("\ufeff"):
        problems.append(Problem(file, 1, 1, ERROR, "yaml.bom",
                                "Het bestand begint met een onzichtbaar BOM-teken.",
                                "Sla het bestand op als 'UTF-8' zonder BOM."))
        text = text[1:]
    tab_lines = False
    for number, line in enumerate(text.splitlines() if "\t" in text else (), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            tab_lines = True
            problems.append(Problem(file, number, indent.index("\t") + 1, ERROR, "yaml.tab",
                                    "Deze regel springt in met een tab.",
                                    "Gebruik spaties om in te springen (twee per niveau), geen tabs."))
    if tab_lines:
        return None, problems
    try:
        node = yaml.compose(text, Loader=_loader_for(text))
    except yaml.YAMLError as exc:
        return None, problems + [_syntax_problem(file, exc)]
    except RecursionError:
        return None, problems + [Problem(file, 1, 1, ERROR, "yaml.too-deep",
                                         "Het bestand is te diep genest om te lezen.",
                                         "Houd de structuur plat, zoals in de voorbeelden.")]
    if node is None:
        return None, problems + [Problem(file, 1, 1, ERROR, "yaml.empty", "Het bestand is leeg.",
                                         "Vul de verplichte velden in of verwijder het bestand.")]
    walker = _Walker(file, marks)
    try:
        data = walker.walk(node, ())
    except _TooLarge as exc:
        mark = exc.mark or node.start_mark
        return None, problems + [Problem(file, mark.line + 1, mark.column + 1, ERROR, "yaml.too-large",
                                         "Het bestand groeit via aliassen (*) uit tot te veel waarden.",
                                         "Gebruik geen YAML-ankers (&) en aliassen (*); schrijf de waarde voluit.")]
    problems.extend(walker.problems)
    return Document(file, data, walker.value_marks, walker.key_marks, None if marks else text), problems


def display_path(path: Path, root: Path) -> str:
    """How problems name a file: relative to `root` (the repository) when it lies inside it."""
    text, base = os.fspath(path), os.fspath(root)
    if os.sep == "/" and text.startswith(base + "/") and "/../" not in text[len(base):] + "/":
        # The common case in plain string operations (pathlib's relative_to costs more than reading the file).
        return text[len(base) + 1:]
    if not path.is_absolute() or root.is_absolute():
        try:  # the common case, without resolving symlinks (an lstat per path component)
            relative = path.relative_to(root)
            if ".." not in relative.parts:
                return relative.as_posix()
        except ValueError:
            pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_file(path: Path, root: Path, *, marks: bool = True) -> tuple[Document | None, list[Problem]]:
    """Read and parse `path`; problems name it relative to `root` (the repository)."""
    display = display_path(path, root)
    try:
        with open(path, "rb", buffering=0) as file:  # unbuffered: one read of the whole file, half the cost of read_bytes
            raw = file.readall()
    except OSError as exc:
        return None, [Problem(display, 1, 1, ERROR, "file.unreadable", f"Het bestand kan niet worden gelezen ({exc.strerror}).",
                              "Controleer of het bestand bestaat en leesbaar is.")]
    return load_text(raw, display, marks=marks)
