"""Typed value extraction for the reader: text, numbers, dates, codes, identifiers.

Each converter takes one element (found by :mod:`._read_walk`) and raises a
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
from ._read_walk import Cached

__all__ = [
    "code",
    "code_of",
    "converted",
    "date_of",
    "forget_known_values",
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


#: Decimals and dates are immutable, and quantities, rates, prices and dates repeat from line
#: to line: each is converted once per document (:func:`forget_known_values` starts afresh).
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
    if raw is None or not (raw := raw.strip()):
        return None
    value = _NUMBERS.get(raw)
    if value is None:
        value = _number(raw, element)
        if len(_NUMBERS) < _CACHE_LIMIT:
            _NUMBERS[raw] = value
    return value


def converted(field: str, convert) -> Cached:
    """A table entry for ``convert`` of an element (nothing known beforehand), read into
    ``field``."""
    return Cached(field, {}, convert)


def number(field: str) -> Cached:
    """A table entry for the number in an element, read into ``field``."""
    return Cached(field, _NUMBERS, number_of)


def _number(raw: str, element) -> Decimal:
    try:
        # Decimal also takes exponents, "_" separators, NaN and Infinity, which UBL does not.
        value = Decimal(raw)
        if value.is_finite() and "e" not in raw and "E" not in raw and "_" not in raw:
            return value
    except ArithmeticError:
        pass
    raise DocumentError(f"{raw!r} is not a valid number.", location=element_path(element))


def text_of(element) -> str | None:
    """The stripped text of ``element``; None when empty."""
    raw = element.text
    return (raw.strip() or None) if raw else None


def identifier_of(element) -> Identifier | None:
    """The text of ``element`` with its ``schemeID`` (or ``listID``); None when empty."""
    value = text_of(element)
    if value is None:
        return None
    scheme = (element.get("schemeID") or element.get("listID") or "").strip()
    return _new_identifier(value=value, scheme=scheme or None)


@cache
def _members(enum) -> dict:
    return {member.value: member for member in enum}


def code(field: str, enum) -> Cached:
    """A table entry for the ``enum`` member coded in an element, read into ``field``."""
    return Cached(field, _members(enum), partial(code_of, enum=enum))


def code_of(element, enum):
    """The ``enum`` member for the code in ``element``; None when empty."""
    raw = element.text
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
