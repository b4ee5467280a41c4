"""Path lookups the EN 16931 rules share: children by tag, first texts, VAT schemes.

The XPath value semantics (string values, ``normalize-space``, the ``xs:decimal``,
``xs:double`` and ``xs:date`` casts, XPath rounding) live in :mod:`ro_efactura.rules._xpath`,
shared with the other patterns, and are re-exported here for the EN 16931 rule modules.
Children are read through :meth:`~ro_efactura.rules.Document.children`, so every pattern
shares the same per-element table.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'''<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
...   xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
...   xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
...   <cac:Item><cbc:Name>A</cbc:Name><cbc:Name> </cbc:Name></cac:Item></Invoice>'''
>>> doc = Document(parse(xml))
>>> [n.text for n in under(doc, doc.root, steps("cac:Item/cbc:Name"))]
['A', ' ']
>>> nonempty(doc.root[0], q("cbc:Name")), first_text(doc.root[0], q("cbc:ID"))
(True, None)
"""

from __future__ import annotations

import re
from decimal import Decimal
from operator import attrgetter

from lxml import etree

from .._core import q
from .._xpath import (
    decimals,
    normalize_space,
    round2,
    string_value,
    xround,
    xs_date,
    xs_decimal,
    xs_double,
)

__all__ = [
    "ALLOWANCE_CHARGE",
    "CHARGE_INDICATOR",
    "CLASSIFIED_TAX_CATEGORY",
    "CREDIT_NOTE_LINE",
    "ID",
    "INVOICE_LINE",
    "LINE_TAGS",
    "PLAIN_DECIMALS",
    "TAX_CATEGORY",
    "decimal",
    "decimals",
    "exists",
    "first_numbers",
    "first_text",
    "has_child",
    "has_vat_category",
    "is_vat",
    "kids",
    "kids_number",
    "kids_text",
    "lines",
    "matches",
    "nonempty",
    "normalize_space",
    "path_under",
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
LINE_TAGS = (INVOICE_LINE, CREDIT_NOTE_LINE)
_TEXT = attrgetter("text")
_PARENT = etree._Element.getparent
#: From this many elements on, casting their texts in bulk pays.
_BULK = 16
#: Texts that ``Decimal`` casts exactly as ``xs:decimal`` does, one a line.
PLAIN_DECIMALS = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:\n-?[0-9]+(?:\.[0-9]+)?)*")


def matches(node, path: str) -> list:
    """The elements at the child path ``path`` (Clark tags joined by ``/``) under ``node``."""
    # a Clark tag has no "/" (UBL namespaces are URNs): steps are filtered child by child,
    # much cheaper than lxml's ElementPath (whose small cache other patterns keep clearing)
    if "/" not in path:
        return _children(node, path)
    found = [node]
    for tag in _split(path):
        found = [child for parent in found for child in _children(parent, tag)]
    return found


def _children(node, tag: str) -> list:
    # a few children are cheaper to test in Python than through an lxml tag iterator
    if len(node) < 8:
        return [child for child in node if child.tag == tag]
    return list(node.iterchildren(tag))


_STEPS: dict[str, tuple[str, ...]] = {}


def _split(path: str) -> tuple[str, ...]:
    tags = _STEPS.get(path)
    if tags is None:
        tags = _STEPS[path] = tuple(path.split("/"))
    return tags


def first_text(node, path: str) -> str | None:
    """The string value of the first ``path`` match under ``node``, ``None`` if there is none."""
    found = matches(node, path)
    return string_value(found[0]) if found else None


def texts(node, path: str) -> list[str]:
    """The string values of every ``path`` match under ``node``."""
    return [string_value(found) for found in matches(node, path)]


def exists(node, path: str) -> bool:
    """XPath ``exists(path)``: at least one match, whatever its content."""
    return bool(matches(node, path))


def nonempty(node, path: str) -> bool:
    """XPath ``(path) != ''``: some match has a non-empty string value (spaces count)."""
    return any(string_value(found) != "" for found in matches(node, path))


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
    found, children = [node], doc.children
    for tag in tags:
        found = [child for parent in found for child in children(parent).get(tag, ())]
    return found


#: Above this many candidates :func:`path_under` walks down from the node instead.
_CLIMB_LIMIT = 16


def path_under(doc, node, tags: tuple[str, ...]) -> list:
    """:func:`under`, found by climbing from the tag index when the path's last tag is rare
    (a long invoice has thousands of ``cbc:ID`` but one ``cbc:IssueDate``), so that no
    children table is built for ``node`` and the elements on the way."""
    candidates = doc.elements(tags[-1])
    if len(candidates) > _CLIMB_LIMIT:
        return under(doc, node, tags)
    found = []
    for element in candidates:
        up = element
        for tag in reversed(tags[:-1]):
            up = up.getparent()
            if up is None or up.tag != tag:
                break
        else:
            if up.getparent() is node:
                found.append(element)
    return found


def has_child(doc, node, tag: str) -> bool:
    """``exists(tag)`` on ``node``, from the tag index (usually its first candidate)."""
    return any(element.getparent() is node for element in doc.elements(tag))


def decimal(text: str | None) -> Decimal | None:
    """:func:`xs_decimal`, with a shortcut for the usual unsigned ``123.45``."""
    if text is not None and text.isascii() and text.replace(".", "", 1).isdigit():
        return Decimal(text)
    return xs_decimal(text)


def first_numbers(doc, tag: str, parent_tags: tuple[str, ...]) -> dict:
    """``{parent: xs:decimal of its first tag child}`` (``None`` if not a number) for the
    parents with one of ``parent_tags`` (e.g. each line's net amount), read once per
    document; each distinct text is cast once. Plain decimals are cast in C, and then
    parents of other tags may be keys too (callers look up their own parents)."""

    def read() -> dict:
        elements = doc.elements(tag)
        if len(elements) >= _BULK and not any(map(len, elements)):
            texts = list(map(_TEXT, elements))
            if None not in texts and PLAIN_DECIMALS.fullmatch("\n".join(texts)):
                # the first child wins: later pairs are written first, then overwritten
                parents = list(map(_PARENT, reversed(elements)))
                return dict(zip(parents, map(Decimal, reversed(texts)), strict=True))
        numbers: dict = {}
        found: dict = {}
        for element in elements:
            parent = element.getparent()
            if parent is None or parent in found or parent.tag not in parent_tags:
                continue
            text = (element.text or "") if not len(element) else string_value(element)
            number = numbers.get(text, numbers)
            if number is numbers:
                number = numbers[text] = decimal(text)
            found[parent] = number
        return found

    return doc.memo(("en16931:first-numbers", tag, parent_tags), read)


def kids_number(doc, node, tag: str) -> Decimal | None:
    """``xs:decimal`` of ``node``'s first ``tag`` child (``None`` if missing or not a number)."""
    return decimal(kids_text(doc, node, tag))


def is_vat(category) -> bool:
    """``[cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT']`` on a tax category."""
    for scheme in category:
        if scheme.tag == _TAX_SCHEME:
            for scheme_id in scheme:
                if scheme_id.tag == ID:
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


def lines(doc) -> list[etree._Element]:
    """Every ``cac:InvoiceLine`` and ``cac:CreditNoteLine`` of the document."""
    return doc.elements(INVOICE_LINE) + doc.elements(CREDIT_NOTE_LINE)
