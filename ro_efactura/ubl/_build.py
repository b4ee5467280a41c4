"""Small helpers the writer uses to build UBL elements in schema order.

Each helper appends children to a parent and skips values that are ``None``, so the writer's
functions read as the list of elements the UBL 2.1 XSD puts in sequence.

>>> from lxml import etree
>>> root = etree.Element(cbc("Root"))
>>> _ = text(root, "ID", "F1"); _ = text(root, "Note", None)
>>> [etree.QName(e).localname for e in root]
['ID']
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from lxml import etree

from .._xml import CAC, CBC

__all__ = ["amount", "cac", "cbc", "child", "fmt", "text"]

_SubElement = etree.SubElement


@cache
def cbc(name: str) -> str:
    """The Clark name of a basic component."""
    return f"{{{CBC}}}{name}"


@cache
def cac(name: str) -> str:
    """The Clark name of an aggregate component."""
    return f"{{{CAC}}}{name}"


def fmt(value) -> str:
    """Decimal without exponent, date in ISO form, anything else as ``str``."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def text(parent, name: str, value, /, **attrs):
    """Append ``<cbc:name>value</cbc:name>`` unless ``value`` is None; attrs None are dropped."""
    if value is None:
        return None
    element = _SubElement(parent, cbc(name), {k: v for k, v in attrs.items() if v is not None})
    element.text = fmt(value)
    return element


def amount(parent, name: str, value: Decimal | None, currency: str):
    """Append an amount with its ``currencyID``."""
    if value is None:
        return None
    element = _SubElement(parent, cbc(name), currencyID=currency)
    element.text = format(value, "f")
    return element


def child(parent, name: str):
    """Append an empty aggregate ``<cac:name/>`` and return it."""
    return _SubElement(parent, cac(name))
