"""Read a Samenwerkende Catalogi 4.0 feed into plain records.

Two shapes occur: a municipality's own feed (`overheidproduct:scproducten`, with
`productHTML` bodies) and a response of the national search service
(`searchRetrieveResponse`, one `scproduct` per record, body stripped). Both are
parsed with a hardened parser: no entity expansion, no external entities or DTDs,
no network, no huge trees. Everything that goes wrong is an `ImportFailed` with a
Dutch message; nothing here writes a file.
"""

from __future__ import annotations

import gzip
import io
import re
import socket
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

PRODUCT = "http://standaarden.overheid.nl/product/terms/"
DCTERMS = "http://purl.org/dc/terms/"
OVERHEID = "http://standaarden.overheid.nl/owms/terms/"
SRW = "http://www.loc.gov/zing/srw/"
MAX_BYTES = 200 * 1024 * 1024  # the largest real feed is 5 MB; a download this large is not a catalogue
TIMEOUT_SECONDS = 30

# A DTD comes before the root element; checked before parsing, so that not even libxml2 sees its entities.
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_PROLOG_BYTES = 64 * 1024
FEED = "feed"  # overheidproduct:scproducten
SEARCH = "search"  # searchRetrieveResponse


class ImportFailed(Exception):
    """The feed cannot be imported; the message is Dutch and says what to do."""


@dataclass(frozen=True)
class UplName:
    uri: str
    label: str


@dataclass(frozen=True)
class ScRecord:
    """One scproduct, as text: HTML in `abstract` and `body_html` is still HTML."""

    position: int
    identifier: str = ""
    title: str = ""
    modified: str = ""
    audiences: tuple[str, ...] = ()
    subjects: tuple[tuple[str, str], ...] = ()  # (scheme, text)
    abstract: str = ""
    product_id: str = ""
    online: str = ""
    application_url: str | None = None
    upl: tuple[UplName, ...] = ()
    body_html: str = ""
    authority: str = ""


@dataclass
class Feed:
    shape: str
    records: list[ScRecord] = field(default_factory=list)
    source: str = ""


def _parser() -> etree.XMLParser:
    # resolve_entities=False: an entity bomb stays one unexpanded reference; load_dtd/no_network: no
    # external DTD or entity is ever fetched; huge_tree=False keeps libxml2's depth and size limits.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True, collect_ids=False)


def read_bytes(source: str) -> bytes:
    """The bytes of a local file or an https URL; a gzip file is unpacked."""
    if "://" in source:
        raw = _download(source)
    else:
        path = Path(source)
        if not path.is_file():
            raise ImportFailed(f"Het bestand '{source}' bestaat niet. Geef het pad van een SC-feed (XML) of een https-adres.")
        raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        try:
            # Read at most MAX_BYTES + 1: a gzip bomb stops here instead of filling the memory.
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as handle:
                raw = handle.read(MAX_BYTES + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise ImportFailed(f"'{source}' is een beschadigd of onvolledig gzip-bestand ({exc}). "
                               "Download de feed opnieuw.") from exc
        if len(raw) > MAX_BYTES:
            raise ImportFailed(f"'{source}' is uitgepakt groter dan {MAX_BYTES // 2**20} MB; dat is geen catalogus.")
    return raw


def _download(url: str) -> bytes:
    if not url.lower().startswith("https://"):
        raise ImportFailed(f"'{url}' is geen https-adres. Een feed wordt alleen via https opgehaald, "
                           "zodat niemand hem onderweg kan veranderen. Gebruik het https-adres van de feed.")
    request = urllib.request.Request(url, headers={"User-Agent": "loket-import"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (https only)
            raw = response.read(MAX_BYTES + 1)
            if response.geturl() and not response.geturl().lower().startswith("https://"):
                raise ImportFailed(f"'{url}' stuurt door naar '{response.geturl()}', dat geen https-adres is.")
    except urllib.error.HTTPError as exc:
        raise ImportFailed(f"'{url}' gaf foutcode {exc.code} ({exc.reason}). Controleer het adres.") from exc
    except (urllib.error.URLError, socket.timeout, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ImportFailed(f"'{url}' antwoordt niet ({reason}). Controleer het adres en de verbinding, "
                           "of download de feed en geef het bestand op.") from exc
    if len(raw) > MAX_BYTES:
        raise ImportFailed(f"'{url}' is groter dan {MAX_BYTES // 2**20} MB; dat is geen catalogus.")
    return raw


def parse(raw: bytes, source: str = "") -> Feed:
    """Every scproduct of a feed or search response, in document order."""
    if not raw.strip():
        raise ImportFailed(f"'{source}' is leeg. Download de feed opnieuw.")
    if _DECLARATION.search(raw[:_PROLOG_BYTES]):
        _refuse_doctype_message(source)
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None)
        where = f" (regel {line})" if line else ""
        if raw.lstrip()[:1] != b"<":
            raise ImportFailed(f"'{source}' is geen XML{where}. Geef een Samenwerkende Catalogi-feed (XML) op.") from exc
        raise ImportFailed(f"'{source}' is geen volledige, geldige XML{where}: {exc.msg}. "
                           "Is de download afgebroken? Download de feed opnieuw.") from exc
    _refuse_doctype(root, source)
    tag = etree.QName(root)
    if (tag.namespace, tag.localname) == (PRODUCT, "scproducten"):
        shape = FEED
    elif (tag.namespace, tag.localname) == (SRW, "searchRetrieveResponse"):
        shape = SEARCH
    else:
        raise ImportFailed(f"'{source}' is XML, maar geen Samenwerkende Catalogi-feed: het hoofdelement is "
                           f"<{tag.localname}>. Verwacht: <overheidproduct:scproducten> (SC 4.0) of "
                           "<searchRetrieveResponse> van de zoekdienst van overheid.nl.")
    products = root.iter(f"{{{PRODUCT}}}scproduct")
    feed = Feed(shape, [_record(i, p) for i, p in enumerate(products, start=1)], source)
    if shape == FEED and not feed.records:
        raise ImportFailed(f"'{source}' bevat geen enkel scproduct. Controleer of dit de volledige feed is.")
    return feed


def _refuse_doctype_message(source: str) -> None:
    raise ImportFailed(f"'{source}' bevat een DOCTYPE (met entiteiten); een Samenwerkende Catalogi-feed heeft die "
                       "nooit. Om veiligheidsredenen wordt zo'n bestand niet gelezen.")


def _refuse_doctype(root: etree._Element, source: str) -> None:
    """A DTD has no place in an SC feed; entity declarations in it are what bombs and external entities need."""
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        _refuse_doctype_message(source)


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return "".join(element.itertext())


def _first(parent: etree._Element, ns: str, name: str) -> etree._Element | None:
    return next(parent.iter(f"{{{ns}}}{name}"), None)


def _inner_html(element: etree._Element | None) -> str:
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(etree.tostring(child, encoding="unicode", with_tail=True))
    return "".join(parts).strip()


def _record(position: int, product: etree._Element) -> ScRecord:
    url_el = _first(product, PRODUCT, "aanvraagURL")
    application_url = None
    if url_el is not None:
        application_url = (url_el.get("resourceIdentifier") or _text(url_el)).strip() or None
    return ScRecord(
        position=position,
        identifier=_text(_first(product, DCTERMS, "identifier")).strip(),
        title=_text(_first(product, DCTERMS, "title")),
        modified=_text(_first(product, DCTERMS, "modified")).strip(),
        audiences=tuple(_text(a).strip().lower() for a in product.iter(f"{{{DCTERMS}}}audience")),
        subjects=tuple((s.get("scheme") or "", _text(s).strip()) for s in product.iter(f"{{{DCTERMS}}}subject")),
        abstract=_text(_first(product, DCTERMS, "abstract")),
        product_id=_text(_first(product, PRODUCT, "productID")).strip(),
        online=_text(_first(product, PRODUCT, "onlineAanvragen")).strip().lower(),
        application_url=application_url,
        upl=tuple(UplName((u.get("resourceIdentifier") or "").strip(), _text(u).strip())
                  for u in product.iter(f"{{{PRODUCT}}}uniformeProductnaam")),
        body_html=_inner_html(_first(product, PRODUCT, "productHTML")),
        authority=_text(_first(product, OVERHEID, "authority")).strip(),
    )
