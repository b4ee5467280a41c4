"""The VAT breakdown as the rules read it: each ``cac:TaxSubtotal`` and its categories, once.

The breakdown rules (BR-45 to BR-48, BR-CO-14, BR-CO-17 and the VAT category families' -08 to
-10) all read the same few children of a group; :func:`group` reads them once per document
and :func:`category` hands out the :class:`~._vat_index.Category` the VAT index read.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'''<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
...   xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
...   xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
...   <cac:TaxTotal><cac:TaxSubtotal><cbc:TaxableAmount>100</cbc:TaxableAmount>
...   <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent></cac:TaxCategory>
...   </cac:TaxSubtotal></cac:TaxTotal></Invoice>'''
>>> doc = Document(parse(xml))
>>> facts = group(doc, doc.elements(_TAX_SUBTOTAL)[0])
>>> facts.taxable, facts.tax, category(doc, facts.categories[0]).percents
(('100',), (), ('19',))
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from .._core import q
from ._vat_index import Category, vat_index
from ._xpath import TAX_CATEGORY, decimal, string_value

__all__ = ["Group", "category", "group", "number"]

_TAX_SUBTOTAL = q("cac:TaxSubtotal")
_TAXABLE = q("cbc:TaxableAmount")
_TAX_AMOUNT = q("cbc:TaxAmount")


class Group(NamedTuple):
    """One ``cac:TaxSubtotal``: the string values of its ``cbc:TaxableAmount`` and
    ``cbc:TaxAmount`` children and its ``cac:TaxCategory`` children."""

    taxable: tuple[str, ...]
    tax: tuple[str, ...]
    categories: tuple


def group(doc, subtotal) -> Group:
    """The :class:`Group` of a ``cac:TaxSubtotal`` element."""
    return doc.memo("en16931:groups", lambda: _read_groups(doc))[subtotal]


def category(doc, element) -> Category:
    """The :class:`~._vat_index.Category` of a ``cac:TaxCategory`` element."""
    return vat_index(doc).categories[element]


def number(doc, text: str | None) -> Decimal | None:
    """``xs:decimal(text)``, each distinct text of the document cast once."""
    cache = doc.memo("en16931:numbers", dict)
    try:
        return cache[text]
    except KeyError:
        value = cache[text] = decimal(text)
        return value


def _read_groups(doc) -> dict:
    groups = {}
    for subtotal in doc.elements(_TAX_SUBTOTAL):
        taxable, tax, categories = [], [], []
        for child in subtotal:
            tag = child.tag
            if tag == _TAXABLE:
                taxable.append(string_value(child))
            elif tag == _TAX_AMOUNT:
                tax.append(string_value(child))
            elif tag == TAX_CATEGORY:
                categories.append(child)
        groups[subtotal] = Group(tuple(taxable), tuple(tax), tuple(categories))
    return groups
