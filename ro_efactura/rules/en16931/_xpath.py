"""The XPath 2.0 behaviour the official EN 16931 tests rely on, in plain Python.

The official artefact's tests compare string values (``(cbc:ID) != ''`` is true for ``" "``),
cast untyped text to ``xs:decimal`` or ``xs:double``, round half towards positive infinity
(``round(-2.5) = -2``), count the characters after the first ``.`` of the raw text, and
normalise only XML whitespace. These helpers reproduce that so our verdicts match on edge cases.
A value that is missing or cannot be cast is ``None``: every comparison with it is false, as
with XPath's empty sequence (where XPath would stop with a cast error, the rule fails).

>>> from decimal import Decimal
>>> xround(Decimal("-2.5")), xround(Decimal("2.5")), round2(Decimal("1.005"))
(Decimal('-2'), Decimal('3'), Decimal('1.01'))
>>> xs_decimal(" 12.50 "), xs_decimal("1e3"), digits_after_dot("10.505 ")
(Decimal('12.50'), None, 4)
>>> normalize_space("  a \\t b\\n"), normalize_space("\\xa0a")
('a b', '\\xa0a')
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from decimal import ROUND_FLOOR, Decimal

from lxml import etree

from .._core import q

__all__ = [
    "ALLOWANCE_CHARGE",
    "CHARGE_INDICATOR",
    "CLASSIFIED_TAX_CATEGORY",
    "CREDIT_NOTE_LINE",
    "ID",
    "INVOICE_LINE",
    "TAX_CATEGORY",
    "digits_after_dot",
    "dnum",
    "exists",
    "first_text",
    "has_vat_category",
    "is_vat",
    "kids",
    "kids_number",
    "kids_text",
    "lines",
    "nonempty",
    "normalize_space",
    "normalized_id",
    "round2",
    "steps",
    "string_value",
    "texts",
    "under",
    "xround",
    "xs_date",
    "xs_decimal",
    "xs_double",
]

ID = q("cbc:ID")
CHARGE_INDICATOR = q("cbc:ChargeIndicator")
TAX_CATEGORY = q("cac:TaxCategory")
CLASSIFIED_TAX_CATEGORY = q("cac:ClassifiedTaxCategory")
ALLOWANCE_CHARGE = q("cac:AllowanceCharge")
INVOICE_LINE = q("cac:InvoiceLine")
CREDIT_NOTE_LINE = q("cac:CreditNoteLine")
_TAX_SCHEME = q("cac:TaxScheme")

_XML_SPACE = re.compile(r"[ \t\r\n]+")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_DOUBLE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|-?INF|NaN")
_DATE = re.compile(r"(-?\d{4,})-(\d\d)-(\d\d)(Z|[+-]\d\d:\d\d)?")
_HALF = Decimal("0.5")
_HUNDRED = Decimal(100)


def normalize_space(text: str) -> str:
    """XPath ``normalize-space``: collapse runs of XML whitespace, trim both ends."""
    return _XML_SPACE.sub(" ", text).strip(" ")


def string_value(element) -> str:
    """The string value of an element (all its descendant text), ``''`` for ``None``."""
    if element is None:
        return ""
    if len(element):
        return "".join(element.itertext())
    return element.text or ""


def _matches(node, path: str):
    # a single Clark tag has no "/" (UBL namespaces are URNs): iterate children in C
    return node.iterfind(path) if "/" in path else node.iterchildren(path)


def first_text(node, path: str) -> str | None:
    """The string value of the first ``path`` match under ``node``, ``None`` if there is none."""
    for found in _matches(node, path):
        return string_value(found)
    return None


def texts(node, path: str) -> list[str]:
    """The string values of every ``path`` match under ``node``."""
    return [string_value(found) for found in _matches(node, path)]


def exists(node, path: str) -> bool:
    """XPath ``exists(path)``: at least one match, whatever its content."""
    return next(_matches(node, path), None) is not None


def nonempty(node, path: str) -> bool:
    """XPath ``(path) != ''``: some match has a non-empty string value (spaces count)."""
    return any(string_value(found) != "" for found in _matches(node, path))


def xs_decimal(text: str | None) -> Decimal | None:
    """Cast untyped text to ``xs:decimal`` (no exponent, no ``_``); ``None`` if it fails."""
    if text is None:
        return None
    text = text.strip(" \t\r\n")
    return Decimal(text) if _DECIMAL.fullmatch(text) else None


def xs_double(text: str | None) -> float | None:
    """Cast untyped text to ``xs:double`` (exponents, ``INF``, ``NaN``); ``None`` if it fails."""
    if text is None:
        return None
    text = text.strip(" \t\r\n")
    if not _DOUBLE.fullmatch(text):
        return None
    return float(text.replace("INF", "inf"))


def dnum(node, path: str) -> Decimal | None:
    """``xs:decimal(path)`` of the first match under ``node``."""
    return xs_decimal(first_text(node, path))


def xround(value: Decimal) -> Decimal:
    """XPath ``round``: to the nearest integer, halves towards positive infinity."""
    return (value + _HALF).to_integral_value(rounding=ROUND_FLOOR)


def round2(value: Decimal) -> Decimal:
    """The official ``round(x * 10 * 10) div 100``: two decimals, halves upwards."""
    return xround(value * _HUNDRED) / _HUNDRED


def digits_after_dot(text: str | None) -> int:
    """``string-length(substring-after(text, '.'))`` on the raw text (spaces count)."""
    if not text:
        return 0
    _, dot, after = text.partition(".")
    return len(after) if dot else 0


def xs_date(text: str | None) -> datetime | None:
    """Cast to ``xs:date`` (as the instant it starts; no zone means UTC); ``None`` if invalid."""
    match = _DATE.fullmatch((text or "").strip(" \t\r\n"))
    if not match:
        return None
    year, month, day, zone = match.groups()
    tz = timezone.utc
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        tz = timezone(sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    try:
        return datetime(int(year), int(month), int(day), tzinfo=tz)
    except ValueError:
        return None


def kids(doc, node) -> dict:
    """``{tag: [child, ...]}`` for ``node``, built in one pass and kept for the document.

    Rules on nodes that repeat (lines, VAT groups) look their children up here instead of
    searching the tree once per rule; every pattern shares the table
    (:meth:`~ro_efactura.rules.Document.children`).
    """
    return doc.children(node)


def kids_text(doc, node, tag: str) -> str | None:
    """The string value of ``node``'s first ``tag`` child, ``None`` if there is none."""
    found = kids(doc, node).get(tag)
    return None if found is None else string_value(found[0])


def steps(path: str) -> tuple[str, ...]:
    """``"cac:Item/cbc:Name"`` as a tuple of Clark tags for :func:`under`."""
    return tuple(q(step) for step in path.split("/"))


def under(doc, node, tags: tuple[str, ...]) -> list:
    """The elements at the child path ``tags`` under ``node`` (``cac:Item/cbc:Name``)."""
    found = [node]
    for tag in tags:
        found = [child for parent in found for child in kids(doc, parent).get(tag, ())]
    return found


def kids_number(doc, node, tag: str) -> Decimal | None:
    """``xs:decimal`` of ``node``'s first ``tag`` child (``None`` if missing or not a number)."""
    return xs_decimal(kids_text(doc, node, tag))


def is_vat(category) -> bool:
    """``[cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT']`` on a tax category."""
    for scheme in category.iterchildren(_TAX_SCHEME):
        for scheme_id in scheme.iterchildren(ID):
            value = string_value(scheme_id)
            if value == "VAT" or normalize_space(value.upper()) == "VAT":
                return True
            break
    return False


def has_vat_category(doc, node) -> bool:
    """``exists(cac:TaxCategory[VAT scheme]/cbc:ID)`` under ``node``."""
    return any(
        ID in kids(doc, category) and is_vat(category)
        for category in kids(doc, node).get(TAX_CATEGORY, ())
    )


def normalized_id(element) -> str:
    """``normalize-space(cbc:ID)`` of the first ``cbc:ID`` child (``''`` if none)."""
    value = first_text(element, ID)
    if not value:
        return ""
    return value if value.isalnum() else normalize_space(value)


def lines(doc) -> list[etree._Element]:
    """Every ``cac:InvoiceLine`` and ``cac:CreditNoteLine`` of the document."""
    return doc.elements(INVOICE_LINE) + doc.elements(CREDIT_NOTE_LINE)
