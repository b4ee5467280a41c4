"""The UBL syntax pattern (the official ``UBL-syntax``, XSLT mode M13) and its contexts.

The contexts are listed in the order of the official rule templates (highest priority first);
a node is checked only under the first of them that matches it.

>>> [c.match for c in CONTEXTS][:3]
['cac:AccountingSupplierParty/cac:Party', 'cac:AdditionalDocumentReference', '*[...Amount]']
"""

from __future__ import annotations

from lxml import etree

from .._core import Context, Document, q
from ._registry import RuleBook
from ._root import RootWhenBroken
from ._xpath import indicator_is, present_tags

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
    """Every element whose name ends with ``suffix`` (XPath ``//*[ends-with(name(), ...)]``).

    The candidate tags come from the document's set of tags, so the whole tree is never
    walked in Python.
    """

    def __init__(self, suffix: str, *, unless=None) -> None:
        super().__init__("*")
        self.match = f"*[...{suffix}]"
        self.suffix = suffix
        self.unless = unless

    def nodes(self, doc: Document) -> list:
        found = [
            element
            for tag in present_tags(doc)
            if tag.endswith(self.suffix)
            for element in doc.elements(tag)
        ]
        return [e for e in found if not self.unless(e)] if self.unless else found


def _not_a_plain_amount(element: etree._Element) -> bool:
    """The exclusions of UBL-DT-01's context: ``*PriceAmount`` elements, and anything inside a
    ``cac:Price`` that has an allowance (``ancestor::cac:Price/cac:AllowanceCharge``)."""
    if element.tag.endswith("PriceAmount"):
        return True
    node = element.getparent()
    while node is not None:
        if node.tag == _PRICE and any(child.tag == _ALLOWANCE_CHARGE for child in node):
            return True
        node = node.getparent()
    return False


SUPPLIER_PARTY = Context("cac:AccountingSupplierParty/cac:Party")
DOCUMENT_REFERENCE = Context("cac:AdditionalDocumentReference")
AMOUNT = NameEndsWith("Amount", unless=_not_a_plain_amount)
BINARY = NameEndsWith("BinaryObject")
DELIVERY = Context("cac:Delivery")
ALLOWANCE = Context("cac:AllowanceCharge", where=indicator_is(False))
CHARGE = Context("cac:AllowanceCharge", where=indicator_is(True))
ROOT = RootWhenBroken("/ubl:Invoice | /cn:CreditNote")
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

BOOK = RuleBook("UBL-syntax", CONTEXTS)
