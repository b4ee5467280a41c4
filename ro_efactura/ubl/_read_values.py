"""Typed value extraction for the reader: text, decimals, dates, codes, identifiers.

Every failure raises a :class:`~ro_efactura.errors.DocumentError` subclass naming the element
(as ``/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount``): a required part that is absent
raises :class:`~ro_efactura.errors.MissingPartError`, a value that cannot be read raises
:class:`~ro_efactura.errors.DocumentError`.

>>> from lxml import etree
>>> root = etree.Element("Invoice")
>>> etree.SubElement(root, clark("cbc:IssueDate")).text = "2026-02-30"
>>> try:
...     date_(root, "cbc:IssueDate")
... except DocumentError as exc:
...     print(exc.location)
/Invoice/cbc:IssueDate
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import cache

from .._xml import NS, element_path
from ..errors import DocumentError, MissingPartError
from ..model import Identifier

__all__ = [
    "all_",
    "clark",
    "code",
    "date_",
    "decimal",
    "find",
    "identifier",
    "missing",
    "req_decimal",
    "req_text",
    "text",
]

_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@cache
def clark(path: str) -> str:
    """``cac:Party/cbc:Name`` in lxml's ``{namespace}name`` form."""
    steps = []
    for step in path.split("/"):
        prefix, _, local = step.partition(":")
        steps.append(f"{{{NS[prefix]}}}{local}")
    return "/".join(steps)


def find(node, path: str):
    """The first element at ``path`` below ``node``, or None."""
    return node.find(clark(path))


def all_(node, path: str) -> list:
    """Every element at ``path`` below ``node``."""
    return node.findall(clark(path))


def text(node, path: str) -> str | None:
    """The stripped text at ``path``; None when absent or empty."""
    element = node.find(clark(path))
    if element is None or element.text is None:
        return None
    value = element.text.strip()
    return value or None


def missing(node, path: str) -> MissingPartError:
    """The error for a required ``path`` absent below ``node``."""
    return MissingPartError(
        f"The required element {path} is missing or empty.",
        location=f"{element_path(node)}/{path}",
    )


def req_text(node, path: str) -> str:
    """The text at ``path``, or MissingPartError."""
    value = text(node, path)
    if value is None:
        raise missing(node, path)
    return value


def _parse_decimal(element) -> Decimal:
    raw = (element.text or "").strip()
    if not _DECIMAL.fullmatch(raw):
        raise DocumentError(f"{raw!r} is not a valid number.", location=element_path(element))
    return Decimal(raw)


def decimal(node, path: str) -> Decimal | None:
    """The number at ``path``, or None when absent; DocumentError when not a number."""
    element = node.find(clark(path))
    if element is None or not (element.text or "").strip():
        return None
    return _parse_decimal(element)


def req_decimal(node, path: str) -> Decimal:
    """The number at ``path``, or MissingPartError."""
    value = decimal(node, path)
    if value is None:
        raise missing(node, path)
    return value


def date_(node, path: str) -> date | None:
    """The ISO date at ``path``, or None when absent."""
    element = node.find(clark(path))
    if element is None or not (element.text or "").strip():
        return None
    raw = element.text.strip()
    try:
        if _DATE.fullmatch(raw):
            return date.fromisoformat(raw)
    except ValueError:
        pass
    raise DocumentError(
        f"{raw!r} is not a valid date (YYYY-MM-DD).", location=element_path(element)
    )


def identifier(node, path: str) -> Identifier | None:
    """The text at ``path`` with its ``schemeID`` (or ``listID``), or None."""
    element = node.find(clark(path))
    value = text(node, path)
    if value is None:
        return None
    scheme = element.get("schemeID") or element.get("listID")
    return Identifier(value=value, scheme=scheme.strip() or None if scheme else None)


def code(node, path: str, enum, default=None):
    """The enum member for the code at ``path``; DocumentError for an unknown code."""
    raw = text(node, path)
    if raw is None:
        if default is None:
            raise missing(node, path)
        return default
    try:
        return enum(raw)
    except ValueError:
        element = node.find(clark(path))
        raise DocumentError(
            f"{raw!r} is not an accepted code here.", location=element_path(element)
        ) from None
