"""The CIUS-RO pattern (the official ``ROmodel``, XSLT mode M15) and its rule contexts.

The contexts follow the order of the official templates; a node is checked only under the
first that matches it. Several official contexts can never fire, and we keep them so that the
verdicts stay the same:

* the ``ubl`` prefix is bound to the Invoice namespace, so the ``/ubl:CreditNote/...``
  alternatives never match a credit note: the tax representative and delivery address rules,
  the document-level allowance and charge rules and BR-RO-L1019 apply to invoices only;
* ``/ubl:Invoice | cac:CreditNote`` (BR-DEC-RO-13, -15) comes after ``/ubl:Invoice |
  /cn:CreditNote``, which always takes the root first, so it only matches an element named
  ``cac:CreditNote`` (no UBL document has one);
* the second ``cac:InvoiceLine | cac:CreditNoteLine`` context (BR-DEC-RO-23) comes after the
  first, which takes every line;
* ``/ubl:Invoice/cac:TaxTotal/cac:TaxSubtotal`` (BR-RO-L1019) comes after
  ``cac:TaxTotal/cac:TaxSubtotal``, which takes every subtotal.

>>> len(CONTEXTS), ROOT.match
(29, '/ubl:Invoice | /cn:CreditNote')
"""

from __future__ import annotations

from .._core import Context
from ..syntax._guarded import GuardedPattern
from ..syntax._xpath import indicator_is

__all__ = [
    "ALLOWANCE",
    "BILLING",
    "BOOK",
    "CHARGE",
    "CONTEXTS",
    "CREDIT_NOTE_TYPE",
    "DATES",
    "DELIVERY_ADDRESS",
    "DOCUMENT_REFERENCE",
    "INVOICE_TYPE",
    "ITEM_PROPERTY",
    "LINE",
    "LINE_AGAIN",
    "LINE_ALLOWANCE",
    "LINE_CHARGE",
    "MONETARY_TOTAL",
    "NOTE",
    "PAYMENT_MEANS",
    "PERIOD_CODE",
    "PRICE_AMOUNT",
    "ROOT",
    "ROOT_AGAIN",
    "ROOT_TAX_SUBTOTAL",
    "TAX_REPRESENTATIVE_ADDRESS",
    "TAX_SUBTOTAL",
]

#: The date contexts, one per element (BR-RO-DT001..DT006).
DATES = {
    tag: Context(tag)
    for tag in (
        "cbc:IssueDate",
        "cbc:TaxPointDate",
        "cbc:DueDate",
        "cbc:PaymentDueDate",
        "cbc:ActualDeliveryDate",
        "cbc:StartDate",
        "cbc:EndDate",
    )
}
PRICE_AMOUNT = Context("cbc:PriceAmount")
INVOICE_TYPE = Context("cbc:InvoiceTypeCode")
CREDIT_NOTE_TYPE = Context("cbc:CreditNoteTypeCode")
ROOT = Context("/ubl:Invoice | /cn:CreditNote")
TAX_REPRESENTATIVE_ADDRESS = Context(
    "/ubl:Invoice/cac:TaxRepresentativeParty/cac:PostalAddress"
    " | /ubl:CreditNote/cac:TaxRepresentativeParty/cac:PostalAddress"
)
PAYMENT_MEANS = Context("cac:PaymentMeans")
DELIVERY_ADDRESS = Context(
    "/ubl:Invoice/cac:Delivery/cac:DeliveryLocation/cac:Address"
    " | /ubl:CreditNote/cac:Delivery/cac:DeliveryLocation/cac:Address"
)
PERIOD_CODE = Context("cac:InvoicePeriod/cbc:DescriptionCode")
LINE = Context("cac:InvoiceLine | cac:CreditNoteLine")
ITEM_PROPERTY = Context("cac:Item/cac:AdditionalItemProperty")
ALLOWANCE = Context(
    "/ubl:Invoice/cac:AllowanceCharge | /ubl:CreditNote/cac:AllowanceCharge",
    where=indicator_is(False),
)
CHARGE = Context(
    "/ubl:Invoice/cac:AllowanceCharge | /ubl:CreditNote/cac:AllowanceCharge",
    where=indicator_is(True),
)
MONETARY_TOTAL = Context("cac:LegalMonetaryTotal")
ROOT_AGAIN = Context("/ubl:Invoice | cac:CreditNote")
TAX_SUBTOTAL = Context("cac:TaxTotal/cac:TaxSubtotal")
LINE_AGAIN = Context("cac:InvoiceLine | cac:CreditNoteLine")
LINE_ALLOWANCE = Context(
    "cac:InvoiceLine/cac:AllowanceCharge | cac:CreditNoteLine/cac:AllowanceCharge",
    where=indicator_is(False),
)
LINE_CHARGE = Context(
    "cac:InvoiceLine/cac:AllowanceCharge | cac:CreditNoteLine/cac:AllowanceCharge",
    where=indicator_is(True),
)
NOTE = Context("cbc:Note")
DOCUMENT_REFERENCE = Context("cac:AdditionalDocumentReference")
BILLING = Context("cac:BillingReference")
ROOT_TAX_SUBTOTAL = Context(
    "/ubl:Invoice/cac:TaxTotal/cac:TaxSubtotal | /ubl:CreditNote/cac:TaxTotal/cac:TaxSubtotal"
)

CONTEXTS = (
    *DATES.values(),
    PRICE_AMOUNT,
    INVOICE_TYPE,
    CREDIT_NOTE_TYPE,
    ROOT,
    TAX_REPRESENTATIVE_ADDRESS,
    PAYMENT_MEANS,
    DELIVERY_ADDRESS,
    PERIOD_CODE,
    LINE,
    ITEM_PROPERTY,
    ALLOWANCE,
    CHARGE,
    MONETARY_TOTAL,
    ROOT_AGAIN,
    TAX_SUBTOTAL,
    LINE_AGAIN,
    LINE_ALLOWANCE,
    LINE_CHARGE,
    NOTE,
    DOCUMENT_REFERENCE,
    BILLING,
    ROOT_TAX_SUBTOTAL,
)

#: The pattern, its contexts declared in the official order; rule modules register on it.
BOOK = GuardedPattern("ROmodel").order(CONTEXTS)
