"""The XPath 2.0 value semantics the official CIUS-RO 1.0.9 artefact relies on, in Python.

Shared by every rule pattern (the EN 16931 and UBL syntax helpers build their path lookups on
top of it). The official rules are XPath expressions run by Saxon; to give the same verdict
on edge cases these helpers follow the XPath 2.0 / XSD 1.1 definitions rather than Python's
habits:

* :func:`normalize_space` collapses only the four XML whitespace characters (a no-break space
  is kept, unlike ``str.split``); :func:`string_value` joins all descendant text;
* :func:`xs_decimal`, :func:`xs_double`, :func:`xs_date` and :func:`boolean_value` cast
  untyped text as Saxon does (ASCII digits only, ``+INF``, ``.5``, year ``0000``) and return
  ``None`` where the cast fails: every comparison with ``None`` is then false, like XPath's
  empty sequence (and where XPath would stop with a cast error, the rule fails);
* :func:`xround` rounds halves towards positive infinity (``round(-2.5) = -2``);
* :func:`decimals` is ``string-length(substring-after(., '.'))``: trailing blanks count.

>>> from decimal import Decimal
>>> normalize_space("  a \\u00a0 b\\n"), normalize_space(None)
('a \\xa0 b', '')
>>> castable_as_date("2024-02-29"), castable_as_date("2023-02-29"), castable_as_date(" 0000-01-01")
(True, False, True)
>>> xs_double("+INF"), xs_double("1,5"), xs_decimal(" 12.50 "), xs_decimal("1e3")
(inf, None, Decimal('12.50'), None)
>>> xs_decimal("\\u0661\\u0662"), decimals("10.005 "), decimals(None)
(None, 4, 0)
>>> xround(Decimal("-2.5")), xround(Decimal("2.5")), round2(Decimal("1.005"))
(Decimal('-2'), Decimal('3'), Decimal('1.01'))
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from decimal import ROUND_FLOOR, Decimal

from lxml import etree

__all__ = [
    "XML_BLANKS",
    "boolean_value",
    "castable_as_date",
    "decimals",
    "normalize_space",
    "round2",
    "string_value",
    "text_nodes",
    "xround",
    "xs_date",
    "xs_decimal",
    "xs_double",
]

#: The characters XPath's ``normalize-space`` and the casts trim (no other Unicode space).
XML_BLANKS = " \t\r\n"
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_DOUBLE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN")
_DATE = re.compile(
    r"(-?(?:[1-9][0-9]{4,}|[0-9]{4}))-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?"
)
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
_HALF = Decimal("0.5")
_HUNDRED = Decimal(100)


def normalize_space(text: str | None) -> str:
    """XPath ``normalize-space``: trim and collapse spaces, tabs, CR and LF only."""
    return _XML_SPACE.sub(" ", text).strip(" ") if text else ""


def string_value(node) -> str:
    """XPath ``string(.)`` of an element (all descendant text), a string, or ``None`` (``''``)."""
    if node is None:
        return ""
    if isinstance(node, str):
        return node
    if not len(node):
        return node.text or ""
    return "".join(node.itertext())


def text_nodes(element: etree._Element) -> list[str]:
    """The element's own text nodes (XPath ``text()``): its text and its children's tails."""
    texts = [element.text] if element.text else []
    texts.extend(child.tail for child in element if child.tail)
    return texts


def xs_decimal(text: str | None) -> Decimal | None:
    """Cast untyped text to ``xs:decimal`` (no exponent, ASCII digits); ``None`` if it fails."""
    if text is None:
        return None
    text = text.strip(XML_BLANKS)
    return Decimal(text) if _DECIMAL.fullmatch(text) else None


def xs_double(text: str | None) -> float | None:
    """Cast untyped text to ``xs:double`` (exponents, ``±INF``, ``NaN``); ``None`` if it fails."""
    if text is None:
        return None
    text = text.strip(XML_BLANKS)
    if not _DOUBLE.fullmatch(text):
        return None
    return float(text.replace("INF", "inf"))


def _date_parts(text: str | None):
    match = _DATE.fullmatch((text or "").strip(XML_BLANKS))
    if not match:
        return None
    year, month, day = (int(match.group(i)) for i in (1, 2, 3))
    if not 1 <= month <= 12 or day < 1:
        return None
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if day > (_DAYS[month - 1] if month != 2 or leap else 28):
        return None
    return year, month, day, match.group(4)


def castable_as_date(text: str | None) -> bool:
    """XPath ``castable as xs:date`` (XSD 1.1 calendar: year 0000 exists and is a leap year)."""
    return _date_parts(text) is not None


def xs_date(text: str | None) -> datetime | None:
    """Cast to ``xs:date`` as the instant it starts (no zone means UTC), for comparisons;
    ``None`` if invalid or outside the years 1 to 9999 that Python can compare."""
    parts = _date_parts(text)
    if parts is None or not 1 <= parts[0] <= 9999:
        return None
    year, month, day, zone = parts
    tz = timezone.utc
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        tz = timezone(sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    return datetime(year, month, day, tzinfo=tz)


def boolean_value(text: str) -> bool | None:
    """The ``xs:boolean`` in ``text``, or ``None`` where Saxon's cast would fail."""
    return _BOOLEANS.get(text.strip(XML_BLANKS))


def decimals(text: str | None) -> int:
    """``string-length(substring-after(text, '.'))``: characters after the first full stop."""
    return len(text.partition(".")[2]) if text else 0


def xround(value: Decimal) -> Decimal:
    """XPath ``round``: to the nearest integer, halves towards positive infinity."""
    return (value + _HALF).to_integral_value(rounding=ROUND_FLOOR)


def round2(value: Decimal) -> Decimal:
    """The official ``round(x * 10 * 10) div 100``: two decimals, halves upwards."""
    return xround(value * _HUNDRED) / _HUNDRED
