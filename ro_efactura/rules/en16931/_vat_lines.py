"""The line items' VAT categories and net amounts read in bulk, for the usual long invoice.

Most invoices give every line (a child of the root) one ``cac:Item`` with one
``cac:ClassifiedTaxCategory`` holding exactly ``cbc:ID``, ``cbc:Percent`` and
``cac:TaxScheme/cbc:ID`` = ``VAT`` as plain texts, and one ``cbc:LineExtensionAmount`` with
at most two decimals. :func:`regular_lines` proves that with C-level passes over the tag
index (``map`` of lxml getters) and returns what :mod:`._vat_index` would have read line by
line; any other shape returns ``None`` and the index reads the lines one by one.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'''<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
...   xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
...   xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
...   <cac:InvoiceLine><cbc:LineExtensionAmount>2.50</cbc:LineExtensionAmount><cac:Item>
...   <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent>
...   <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>
...   </cac:Item></cac:InvoiceLine></Invoice>'''
>>> found = regular_lines(Document(parse(xml)))
>>> found.codes, found.rates, list(found.totals.values())
(['S'], ['19'], [Decimal('2.50')])
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import compress
from operator import attrgetter, itemgetter, not_
from typing import NamedTuple

from lxml import etree

from .._core import q
from ._xpath import CLASSIFIED_TAX_CATEGORY, ID, LINE_TAGS, lines

__all__ = ["RegularLines", "regular_lines"]

_ITEM = q("cac:Item")
_PERCENT = q("cbc:Percent")
_TAX_SCHEME = q("cac:TaxScheme")
_LINE_AMOUNT = q("cbc:LineExtensionAmount")
_LINE_TAG_SET = frozenset(LINE_TAGS)
_CHILDREN = (itemgetter(0), itemgetter(1), itemgetter(2))
_FIRST = itemgetter(0)
_LAST = itemgetter(-1)
_TEXT = attrgetter("text")
_TAG = attrgetter("tag")
_PARENT = etree._Element.getparent
#: Amounts summed exactly in any order (15 digits and 2 decimals stay far below the 28
#: digits of the decimal context), cast by ``Decimal`` exactly as by ``xs:decimal``.
_PLAIN_AMOUNTS = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,2})?(?:\n-?[0-9]{1,15}(?:\.[0-9]{1,2})?)*")
_ZERO = Decimal(0)


class RegularLines(NamedTuple):
    """The categories in document order with their normalised codes and rate texts, the
    line owning each, the sum of the lines' net amounts (each with at most two decimals)
    per (line tag, code, rate), and the net amounts elsewhere (the document totals')."""

    categories: list
    codes: list[str]
    rates: list[str]
    owners: list
    totals: dict
    other_amounts: list


def regular_lines(doc) -> RegularLines | None:
    """The line items' categories and amounts when every line has the usual shape, else
    ``None``."""
    found = lines(doc)
    categories = doc.elements(CLASSIFIED_TAX_CATEGORY)
    if len(categories) != len(found):
        return None
    if not found:
        return RegularLines([], [], [], [], {}, doc.elements(_LINE_AMOUNT))
    items = list(map(_PARENT, categories))
    owners = list(map(_PARENT, items))
    if set(map(_TAG, items)) != {_ITEM} or not _LINE_TAG_SET.issuperset(map(_TAG, owners)):
        return None
    if len(set(owners)) != len(found):  # one category per line: the owners are the lines
        return None
    if set(map(_PARENT, owners)) != {doc.root}:
        return None
    read = _read_categories(categories)
    if read is None:
        return None
    codes, rates = read
    amounts = _line_totals(doc, owners, codes, rates)
    if amounts is None:
        return None
    return RegularLines(categories, codes, rates, owners, *amounts)


def _read_categories(categories: list):
    """The codes and rate texts of categories of exactly ``ID, Percent, TaxScheme/ID=VAT``."""
    try:
        ids, percents, schemes = (list(map(child, categories)) for child in _CHILDREN)
        scheme_ids = list(map(_FIRST, schemes))
    except IndexError:
        return None
    # the third child is the last one (lxml finds the last child without counting them all)
    if (
        list(map(_LAST, categories)) != schemes
        or list(map(_LAST, schemes)) != scheme_ids
        or set(map(_TAG, ids)) != {ID}
        or set(map(_TAG, percents)) != {_PERCENT}
        or set(map(_TAG, schemes)) != {_TAX_SCHEME}
        or set(map(_TAG, scheme_ids)) != {ID}
        or any(map(len, ids))
        or any(map(len, percents))
        or any(map(len, scheme_ids))
        or set(map(_TEXT, scheme_ids)) != {"VAT"}
    ):
        return None
    codes, rates = list(map(_TEXT, ids)), list(map(_TEXT, percents))
    if None in rates or not all(code and code.isalnum() for code in set(codes)):
        return None
    return codes, rates


def _line_totals(doc, owners: list, codes: list[str], rates: list[str]) -> tuple | None:
    """``{(line tag, code, rate text): sum of net amounts}`` when each line has one plain
    ``cbc:LineExtensionAmount`` (``owners`` in document order), and the other such
    elements."""
    amounts = doc.elements(_LINE_AMOUNT)
    parents = list(map(_PARENT, amounts))
    on_line = list(map(_LINE_TAG_SET.__contains__, map(_TAG, parents)))
    if list(compress(parents, on_line)) != owners:
        return None
    elements = list(compress(amounts, on_line))
    others = list(compress(amounts, map(not_, on_line)))
    if any(map(len, elements)):
        return None
    texts = list(map(_TEXT, elements))
    if None in texts or not _PLAIN_AMOUNTS.fullmatch("\n".join(texts)):
        return None
    keys = list(zip(map(_TAG, owners), codes, rates, strict=True))
    kinds = set(keys)
    if len(kinds) == 1:
        return {kinds.pop(): sum(map(Decimal, texts), _ZERO)}, others
    totals = dict.fromkeys(kinds, _ZERO)
    for key, text in zip(keys, texts, strict=True):
        totals[key] += Decimal(text)
    return totals, others
