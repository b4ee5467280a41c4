"""The UBL syntax pattern (the official ``UBL-syntax``, XSLT mode M13) and its contexts.

The contexts are listed in the order of the official rule templates (highest priority first);
a node is checked only under the first of them that matches it.

>>> [c.match for c in CONTEXTS][:3]
['cac:AccountingSupplierParty/cac:Party', 'cac:AdditionalDocumentReference', '*[...Amount]']
"""

from __future__ import annotations

from lxml import etree

from .._core import Context, Document, q
from ._root import RootRules, SyntaxPattern
from ._xpath import decimals, indicator_is, present_tags, string_value

__all__ = [
    "ALLOWANCE",
    "AMOUNT",
    "BILLING",
    "BINARY",
    "BOOK",
    "CHARGE",
    "CONTEXTS",
    "DELIVERY",
    "DOCUMENT_REFERENCE",
    "LINE",
    "PAYEE",
    "PAYMENT_MEANS",
    "ROOT",
    "SUPPLIER_PARTY",
    "TAX_REPRESENTATIVE",
    "TAX_SUBTOTAL",
]

_PRICE = q("cac:Price")
_ALLOWANCE_CHARGE = q("cac:AllowanceCharge")


class NameEndsWith(Context):
    """Every element whose name ends with ``suffix`` (XPath ``//*[ends-with(name(), ...)]``),
    less those ``unless(element, doc)`` leaves out.

    The candidate tags come from the document's set of tags, so the whole tree is never
    walked in Python. ``suspect(element)``, when given, offers only the elements that might
    break a rule of the context: the others would pass every rule, and no later context of
    the pattern can match an element of this name, so the findings are the same.
    """

    def __init__(self, suffix: str, *, but_not: str = "", unless=None, suspect=None) -> None:
        super().__init__("*")
        self.match = f"*[...{suffix}]"
        self.suffix = suffix
        self.but_not = but_not
        self.unless = unless
        self.suspect = suspect

    def nodes(self, doc: Document) -> list:
        found = [
            element
            for tag in present_tags(doc)
            if tag.endswith(self.suffix) and not (self.but_not and tag.endswith(self.but_not))
            for element in doc.elements(tag)
        ]
        if self.suspect:
            found = [e for e in found if self.suspect(e)]
        return [e for e in found if not self.unless(e, doc)] if self.unless else found


def _inside_discounted_price(element: etree._Element, doc: Document) -> bool:
    """``ancestor::cac:Price/cac:AllowanceCharge``: inside a price that has an allowance."""
    prices = doc.memo(_PRICES_KEY, lambda: frozenset(_discounted_prices(doc)))
    if not prices:
        return False
    node = element.getparent()
    while node is not None:
        if node in prices:
            return True
        node = node.getparent()
    return False


def _discounted_prices(doc: Document):
    for price in doc.elements(_PRICE):
        if any(child.tag == _ALLOWANCE_CHARGE for child in price):
            yield price


_PRICES_KEY = "syntax.discounted-prices"


SUPPLIER_PARTY = Context("cac:AccountingSupplierParty/cac:Party")
DOCUMENT_REFERENCE = Context("cac:AdditionalDocumentReference")
AMOUNT = NameEndsWith(
    "Amount",
    but_not="PriceAmount",
    unless=_inside_discounted_price,
    suspect=lambda element: decimals(string_value(element)) > 2,  # UBL-DT-01 alone
)
BINARY = NameEndsWith(
    "BinaryObject",
    suspect=lambda e: e.get("mimeCode") is None or e.get("filename") is None,  # UBL-DT-06/07
)
DELIVERY = Context("cac:Delivery")
ALLOWANCE = Context("cac:AllowanceCharge", where=indicator_is(False))
CHARGE = Context("cac:AllowanceCharge", where=indicator_is(True))
ROOT = RootRules("/ubl:Invoice | /cn:CreditNote")
LINE = Context("cac:InvoiceLine | cac:CreditNoteLine")
PAYEE = Context("cac:PayeeParty")
PAYMENT_MEANS = Context("cac:PaymentMeans")
BILLING = Context("cac:BillingReference")
TAX_REPRESENTATIVE = Context("cac:TaxRepresentativeParty")
TAX_SUBTOTAL = Context("cac:TaxSubtotal")

CONTEXTS = (
    SUPPLIER_PARTY,
    DOCUMENT_REFERENCE,
    AMOUNT,
    BINARY,
    DELIVERY,
    ALLOWANCE,
    CHARGE,
    ROOT,
    LINE,
    PAYEE,
    PAYMENT_MEANS,
    BILLING,
    TAX_REPRESENTATIVE,
    TAX_SUBTOTAL,
)

#: The pattern, its contexts declared in the official order; rule modules register on it.
BOOK = SyntaxPattern("UBL-syntax").order(CONTEXTS)
