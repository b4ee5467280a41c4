"""Typed value extraction for the reader: text, numbers, dates, codes, identifiers.

Each converter takes one element (found by :mod:`._read_walk`; a table entry's converter
also takes the element's text, already read) and raises a
:class:`~ro_efactura.errors.DocumentError` naming it (as
``/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount``) when its value cannot be read; the
path is only worked out on failure. A required part that is absent raises
:class:`~ro_efactura.errors.MissingPartError` (:func:`missing`).

>>> from lxml import etree
>>> from ro_efactura.ubl._read_walk import clark
>>> root = etree.Element("Invoice")
>>> issued = etree.SubElement(root, clark("cbc:IssueDate"))
>>> issued.text = "2026-02-30"
>>> try:
...     date_of(issued)
... except DocumentError as exc:
...     print(exc.location)
/Invoice/cbc:IssueDate
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import cache, partial

from .._xml import element_path
from ..errors import DocumentError, MissingPartError
from ..model import Identifier
from ._read_build import builder
from ._read_walk import Cached, Converted

__all__ = [
    "amount",
    "code",
    "code_of",
    "date_of",
    "forget_known_values",
    "identifier",
    "identifier_of",
    "missing",
    "number",
    "number_of",
    "optional",
    "required",
    "text_of",
]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_new_identifier = builder(Identifier)


def missing(parent, path: str) -> MissingPartError:
    """The error for a required ``path`` absent below the element ``parent``."""
    return MissingPartError(
        f"The required element {path} is missing or empty.",
        location=f"{element_path(parent)}/{path}",
    )


def required(value, parent, path: str):
    """``value``, or MissingPartError for ``path`` below ``parent`` when it is None."""
    if value is None:
        raise missing(parent, path)
    return value


def optional(found: dict, field: str, convert):
    """``convert`` of the element under ``field`` in ``found``; None when there is none."""
    element = found.get(field)
    return None if element is None else convert(element)


#: Decimals and dates are immutable, and quantities, rates and dates repeat from line to line:
#: each is converted once per document (:func:`forget_known_values` starts afresh). Amounts
#: seldom repeat and are not kept (:func:`amount`).
_NUMBERS: dict[str, Decimal] = {}
_DATES: dict[str, date] = {}
_CACHE_LIMIT = 4096


def forget_known_values() -> None:
    """Start a document with no converted values, so that nothing read from one document
    lingers after it (nor flatters a benchmark that reads the same document again)."""
    _NUMBERS.clear()
    _DATES.clear()


def number_of(element) -> Decimal | None:
    """The number in ``element``; None when empty; DocumentError when not a number."""
    raw = element.text
    value = _NUMBERS.get(raw)
    return _number(raw, element) if value is None else value


def number(field: str) -> Cached:
    """A table entry for the number (a quantity, a rate) in an element, read into ``field``."""
    return Cached(field, _NUMBERS, _number)


def amount(field: str) -> Converted:
    """A table entry for the amount in an element, read into ``field``; amounts seldom repeat,
    so they are not kept for the rest of the document (which costs more than it saves)."""
    return Converted(field, _decimal)


def _number(raw: str | None, element) -> Decimal | None:
    """The number in ``raw``, the text of ``element`` as written, converted and kept for the
    rest of the document; None when empty."""
    value = _decimal(raw, element)
    if value is not None and len(_NUMBERS) < _CACHE_LIMIT:
        _NUMBERS[raw] = value
    return value


def _decimal(raw: str | None, element) -> Decimal | None:
    """The number in ``raw``, the text of ``element`` as written; None when empty."""
    if not raw:
        return None
    try:
        value = Decimal(raw)  # which takes the surrounding whitespace too
    except ArithmeticError:
        value = None
    # Decimal also takes exponents, "_" separators, NaN and Infinity, which UBL does not.
    if value is None or not value.is_finite() or "e" in raw or "E" in raw or "_" in raw:
        if raw.isspace():
            return None
        raise DocumentError(
            f"{raw.strip()!r} is not a valid number.", location=element_path(element)
        )
    return value


def text_of(element) -> str | None:
    """The stripped text of ``element``; None when empty."""
    raw = element.text
    return (raw.strip() or None) if raw else None


def identifier_of(element) -> Identifier | None:
    """The text of ``element`` with its ``schemeID`` (or ``listID``); None when empty."""
    return _identifier(element.text, element)


def identifier(field: str) -> Converted:
    """A table entry for the identifier in an element, read into ``field``."""
    return Converted(field, _identifier)


def _identifier(raw: str | None, element) -> Identifier | None:
    """:func:`identifier_of` ``element``, whose text as written is ``raw``."""
    if not raw or not (value := raw.strip()):
        return None
    scheme = (element.get("schemeID") or element.get("listID") or "").strip()
    return _new_identifier(value=value, scheme=scheme or None)


@cache
def _members(enum) -> dict:
    return {member.value: member for member in enum}


def code(field: str, enum) -> Cached:
    """A table entry for the ``enum`` member coded in an element, read into ``field``."""
    return Cached(field, _members(enum), partial(_code, enum=enum))


def code_of(element, enum):
    """The ``enum`` member for the code in ``element``; None when empty."""
    return _code(element.text, element, enum)


def _code(raw: str | None, element, enum):
    if raw is None or not (raw := raw.strip()):
        return None
    member = _members(enum).get(raw)
    if member is None:
        location = element_path(element)
        raise DocumentError(f"{raw!r} is not an accepted code here.", location=location)
    return member


def date_of(element) -> date | None:
    """The ISO date in ``element``; None when empty; DocumentError when not a date."""
    raw = element.text
    if raw is None or not (raw := raw.strip()):
        return None
    value = _DATES.get(raw)
    if value is None:
        value = _date(raw, element)
        if len(_DATES) < _CACHE_LIMIT:
            _DATES[raw] = value
    return value


def _date(raw: str, element) -> date:
    try:
        if _DATE.fullmatch(raw):
            return date.fromisoformat(raw)
    except ValueError:
        pass
    raise DocumentError(
        f"{raw!r} is not a valid date (YYYY-MM-DD).", location=element_path(element)
    )
