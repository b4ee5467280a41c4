"""Which UBL syntax rules below the root could fail on a document, from document-wide facts.

:func:`suspects` is the guard of the ``UBL-syntax`` pattern (see :mod:`._guarded`); the root
rules are computed apart, in :mod:`._root`. Cardinalities are cleared when the counted element
occurs no more often in the whole document than allowed, or when no step of its path repeats
under a parent of the previous step's kind; amounts, attachments and supporting document
codes as families; the payee and preceding invoice rules are checked outright on their rare
nodes. A rule this module does not clear is suspected.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = (b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
...        b'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">'
...        b'<cac:InvoiceLine/></Invoice>')
>>> sorted(suspects(Document(parse(xml))))
['UBL-SR-48']
"""

from __future__ import annotations

from functools import lru_cache

from .._core import Document, q
from ._elements import CARDINALITIES
from ._guarded import PARENT, TEXT, binary_tags, nested, odd_amount_tags
from ._pattern import BILLING, BOOK, LINE, PAYEE, ROOT

__all__ = ["suspects"]

_DOC_TYPE = q("cbc:DocumentTypeCode")
_ITEM = q("cac:Item")
_ITEM_VAT = q("cac:ClassifiedTaxCategory")
_PAYEE = q("cac:PayeeParty")
_BILLING = q("cac:BillingReference")
_CLEARED = frozenset(
    {rule_id for rule_id, *_ in CARDINALITIES}
    | {"UBL-SR-43", "UBL-DT-01", "UBL-DT-06", "UBL-DT-07", "UBL-SR-07", "UBL-SR-48"}
)


def suspects(doc: Document) -> frozenset[str]:
    """The ids of the syntax rules below the root that may fail on ``doc``."""
    found = set(_unguarded())
    present = doc.tags()
    for rule_id, context, path, limit in CARDINALITIES:
        if len(doc.elements(path.steps[-1])) <= limit or not present >= path.tag_set:
            continue
        if limit > 1:  # the seller's tax schemes (UBL-SR-42): one node, checked outright
            found.update(BOOK.failing(context, doc, frozenset({rule_id})))
        elif not path.never_twice(doc, context.keys()):
            found.add(rule_id)
    if not _type_codes_ok(doc):
        found.add("UBL-SR-43")
    if odd_amount_tags(doc):
        found.add("UBL-DT-01")
    for tag in binary_tags(doc):
        for element in doc.elements(tag):
            if element.get("mimeCode") is None:
                found.add("UBL-DT-06")
            if element.get("filename") is None:
                found.add("UBL-DT-07")
    if _PAYEE in present:
        found.update(BOOK.failing(PAYEE, doc))
    if _BILLING in present:
        found.update(BOOK.failing(BILLING, doc, frozenset({"UBL-SR-07"})))
    if not _one_vat_category_per_line(doc):
        found.add("UBL-SR-48")
    return frozenset(found)


@lru_cache(maxsize=1)
def _unguarded() -> frozenset[str]:
    """Rules that no family here clears and that are not checked outright (the root rules
    are reported apart)."""
    checked = BOOK.rule_ids(PAYEE) | BOOK.rule_ids(ROOT)
    return frozenset(rule.id for rule in BOOK.rules) - _CLEARED - checked


def _type_codes_ok(doc: Document) -> bool:
    """UBL-SR-43 holds on every supporting document when no element has a ``scheme``
    attribute and every DocumentTypeCode is 130 (or 50 in a credit note), as it stands."""
    if doc.attributes("scheme"):
        return False
    codes = doc.elements(_DOC_TYPE)
    allowed = {"130", "50"} if doc.kind == "CreditNote" else {"130"}
    return not nested(codes) and allowed.issuperset(map(TEXT, codes))


def _one_vat_category_per_line(doc: Document) -> bool:
    """UBL-SR-48 on every line: the ClassifiedTaxCategory elements are as many as the lines,
    each under an Item right under a different line. Usually every line has one Item with
    one category, and the lists compare equal in document order (in C)."""
    lines = LINE.nodes(doc)
    categories = doc.elements(_ITEM_VAT)
    if len(categories) != len(lines):
        return False
    if not lines:
        return True
    items = list(map(PARENT, categories))
    if items == doc.elements(_ITEM) and list(map(PARENT, items)) == lines:
        return True
    if not set(doc.elements(_ITEM)).issuperset(items):
        return False
    holders = set(map(PARENT, items))
    return len(holders) == len(lines) and holders.issuperset(lines)
