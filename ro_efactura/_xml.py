"""Hardened XML parsing and UBL namespaces shared by the reader and the rules.

The parser never resolves entities, never loads a DTD, never touches the network, refuses any
DOCTYPE, insists on UTF-8 and caps the size of what it reads. Every failure is a
:class:`~ro_efactura.errors.DocumentError` subclass.

>>> root = parse(b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>')
>>> root_kind(root)
'Invoice'
>>> parse(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')
Traceback (most recent call last):
...
ro_efactura.errors.UnsafeXMLError: The document declares a DOCTYPE; e-invoices must not (at line 1)
"""

from __future__ import annotations

import re
import threading

from lxml import etree

from .errors import (
    DocumentEncodingError,
    DocumentTooLargeError,
    MalformedXMLError,
    UnsafeXMLError,
    WrongRootError,
)

__all__ = [
    "CAC",
    "CBC",
    "CN",
    "DEFAULT_MAX_SIZE",
    "INV",
    "NS",
    "element_path",
    "parse",
    "root_kind",
]

INV = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CN = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
NS = {"ubl": INV, "cn": CN, "cac": CAC, "cbc": CBC, "ext": EXT}
_PREFIX = {CAC: "cac", CBC: "cbc", EXT: "ext", INV: "", CN: ""}

#: ANAF accepts uploads of at most 10 MB; reading more than that is never useful.
DEFAULT_MAX_SIZE = 10 * 1024 * 1024

_DECLARED_ENCODING = re.compile(
    rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']"""
)
_UTF8_NAMES = {"utf-8", "utf8"}
_INVALID_ENCODING = etree.ErrorTypes.ERR_INVALID_ENCODING  # libxml2 met bytes that are not UTF-8


def _new_parser(blank_text: bool) -> etree.XMLParser:
    return etree.XMLParser(
        remove_blank_text=not blank_text,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


_parsers = threading.local()  # an lxml parser must not be shared between threads


def _parser(blank_text: bool = True) -> etree.XMLParser:
    """This thread's parser for ``blank_text``, built once (building one per call costs more
    than parsing a small invoice's header)."""
    cached = getattr(_parsers, "by_blank_text", None)
    if cached is None:
        cached = _parsers.by_blank_text = {}
    parser = cached.get(blank_text)
    if parser is None:
        parser = cached[blank_text] = _new_parser(blank_text)
    return parser


def _check_encoding(data: bytes) -> None:
    """Refuse a declared non-UTF-8 encoding and UTF-16/32 (by BOM or NUL bytes); libxml2
    reports invalid UTF-8 bytes while parsing, which is cheaper than decoding here."""
    match = _DECLARED_ENCODING.match(data, 0, 200)
    if match and match.group(1).decode("ascii").lower() not in _UTF8_NAMES:
        raise DocumentEncodingError(
            f"The document declares encoding {match.group(1).decode('ascii')}; "
            "e-invoices must be UTF-8."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]:
        raise DocumentEncodingError("The document is UTF-16 or UTF-32; e-invoices must be UTF-8.")


def parse(
    data: bytes, *, max_size: int = DEFAULT_MAX_SIZE, blank_text: bool = True
) -> etree._Element:
    """Parse ``data`` safely and return the root element.

    :param data: the document's bytes (a ``str`` is encoded as UTF-8).
    :param max_size: the largest document accepted, in bytes.
    :param blank_text: False drops the whitespace-only text between elements (indentation),
        which parses faster; text inside an element without children is always kept.
    :raises DocumentError: a subclass saying what is wrong and where.
    """
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError as exc:  # lone surrogates
            raise DocumentEncodingError(
                "The text cannot be encoded as UTF-8.", location=f"character {exc.start}"
            ) from exc
    if len(data) > max_size:
        raise DocumentTooLargeError(size=len(data), limit=max_size)
    _check_encoding(data)
    try:
        root = etree.fromstring(data, _parser(blank_text))
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        if exc.code == _INVALID_ENCODING:
            raise DocumentEncodingError(
                "The document is not valid UTF-8.", location=f"line {line}:{column}"
            ) from exc
        raise MalformedXMLError(
            f"The document is not well-formed XML: {exc.msg}", location=f"line {line}:{column}"
        ) from exc
    doctype = root.getroottree().docinfo.doctype
    if doctype:
        raise UnsafeXMLError(
            "The document declares a DOCTYPE; e-invoices must not", location="line 1"
        )
    return root


def root_kind(root: etree._Element) -> str:
    """Return ``'Invoice'`` or ``'CreditNote'``, or raise :class:`WrongRootError`."""
    kinds = {f"{{{INV}}}Invoice": "Invoice", f"{{{CN}}}CreditNote": "CreditNote"}
    kind = kinds.get(root.tag) if isinstance(root.tag, str) else None
    if kind is None:
        raise WrongRootError(
            f"The root element is {root.tag!r}; expected a UBL 2.1 Invoice or CreditNote.",
            location="/",
        )
    return kind


def element_path(node) -> str:
    """A readable path to ``node`` (an element or an attribute result), e.g.
    ``/Invoice/cac:InvoiceLine[2]/cbc:ID``; positions are shown only where siblings repeat."""
    attribute = ""
    if isinstance(node, etree._ElementUnicodeResult) and node.is_attribute:
        attribute = f"/@{node.attrname}"
        node = node.getparent()
    steps = []
    while node is not None:
        qname = etree.QName(node)
        prefix = _PREFIX.get(qname.namespace)
        name = f"{prefix}:{qname.localname}" if prefix else qname.localname
        parent = node.getparent()
        if parent is not None:
            same = [s for s in parent if s.tag == node.tag]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        steps.append(name)
        node = parent
    return "/" + "/".join(reversed(steps)) + attribute
