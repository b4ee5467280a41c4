"""The EN 16931 pattern and its rule contexts, in the official artefact's order.

The official ``UBL-model`` pattern (mode M12 of the CIUS-RO 1.0.9 XSLT) lists its rule contexts
from priority 1066 down to 1000; a node is checked only by the first context matching it. The
contexts below are declared in that order (the priority is noted beside each). Only one pair
overlaps: a line's ``cac:InvoicePeriod`` matches both :data:`LINE_PERIOD` and :data:`PERIOD`,
and the line context wins, so BR-29 and BR-CO-19 never apply to line periods.

>>> CATEGORY_CONTEXTS["S"].line.match.split(" | ")[0]
'cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory'
"""

from __future__ import annotations

from dataclasses import dataclass

from .._core import Context, q
from ..syntax._guarded import GuardedPattern
from ._indexed import is_allowance, is_charge
from ._vat_index import CategoryContext
from ._xpath import is_vat, texts, under

__all__ = [
    "ADDITIONAL_DOCUMENT",
    "BILLING_REFERENCE",
    "BUYER_ADDRESS",
    "BUYER_ENDPOINT",
    "CARD_ACCOUNT",
    "CATEGORY_CONTEXTS",
    "CREDIT_TRANSFER_ACCOUNT",
    "DELIVERY_ADDRESS",
    "DOCUMENT_ALLOWANCE",
    "DOCUMENT_CHARGE",
    "DOCUMENT_TAX_TOTAL",
    "ITEM_CLASSIFICATION",
    "ITEM_PROPERTY",
    "ITEM_STANDARD_ID",
    "LINE",
    "LINE_ALLOWANCE",
    "LINE_CHARGE",
    "LINE_PERIOD",
    "M12",
    "MONETARY_TOTAL",
    "NOTE",
    "PAYABLE_AMOUNT",
    "PAYEE",
    "PAYMENT_MEANS",
    "PERIOD",
    "ROOT",
    "SELLER",
    "SELLER_ADDRESS",
    "SELLER_ENDPOINT",
    "TAX_REPRESENTATIVE",
    "TAX_REPRESENTATIVE_ADDRESS",
    "TAX_SUBTOTAL",
    "VAT_PARTY_SCHEME",
    "CategoryContexts",
]

M12 = GuardedPattern("EN16931 model bound to UBL")

_PAYMENT_MEANS_CODE = q("cbc:PaymentMeansCode")


class _FromRoot(Context):
    """A path anchored at the root (``/ubl:Invoice/cac:TaxTotal | /cn:CreditNote/cac:TaxTotal``),
    read down from the root through the children tables instead of matched from below."""

    def __init__(self, match: str, **filters) -> None:
        super().__init__(match, **filters)
        self._walks = []
        for alternative in match.split("|"):
            root, *steps = (q(step) for step in alternative.strip().strip("/").split("/"))
            self._walks.append((root, tuple(steps)))

    def nodes(self, doc) -> list:
        root = doc.root
        found = []
        for tag, steps in self._walks:
            if tag == root.tag:
                found.extend(under(doc, root, steps))
        if self.where is not None and found:
            found = [node for node in found if self.where(node)]
        if self.where_doc is not None and found:
            found = [node for node in found if self.where_doc(node, doc)]
        return found


class _Path(Context):
    """A path below a party or a delivery (``cac:AccountingCustomerParty/cac:Party/cbc:EndpointID``)
    whose last tag may be a common one: under a single element of its first step (the usual
    case) it is read down through the children tables instead of matched from below."""

    def __init__(self, match: str) -> None:
        super().__init__(match)
        self._steps = tuple(q(step) for step in match.split("/"))

    def nodes(self, doc) -> list:
        tops = doc.elements(self._steps[0])
        if len(tops) == 1:
            return under(doc, tops[0], self._steps[1:])
        return super().nodes(doc)


def _credit_transfer(account) -> bool:
    return any(code in ("30", "58") for code in texts(account.getparent(), _PAYMENT_MEANS_CODE))


ADDITIONAL_DOCUMENT = Context("cac:AdditionalDocumentReference")  # 1066
PAYABLE_AMOUNT = _FromRoot("/ubl:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount")  # 1065
BUYER_ENDPOINT = _Path("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID")  # 1064
BUYER_ADDRESS = _Path("cac:AccountingCustomerParty/cac:Party/cac:PostalAddress")  # 1063
CARD_ACCOUNT = Context("cac:PaymentMeans/cac:CardAccount")  # 1062
DELIVERY_ADDRESS = _Path("cac:Delivery/cac:DeliveryLocation/cac:Address")  # 1061
DOCUMENT_ALLOWANCE = _FromRoot(  # 1060
    "/ubl:Invoice/cac:AllowanceCharge | /cn:CreditNote/cac:AllowanceCharge", where_doc=is_allowance
)
DOCUMENT_CHARGE = _FromRoot(  # 1059
    "/ubl:Invoice/cac:AllowanceCharge | /cn:CreditNote/cac:AllowanceCharge", where_doc=is_charge
)
MONETARY_TOTAL = Context("cac:LegalMonetaryTotal")  # 1058
ROOT = _FromRoot("/ubl:Invoice | /cn:CreditNote")  # 1057
LINE = Context("cac:InvoiceLine | cac:CreditNoteLine")  # 1056
LINE_ALLOWANCE = Context(  # 1055
    "cac:InvoiceLine/cac:AllowanceCharge | cac:CreditNoteLine/cac:AllowanceCharge",
    where_doc=is_allowance,
)
LINE_CHARGE = Context(  # 1054
    "cac:InvoiceLine/cac:AllowanceCharge | cac:CreditNoteLine/cac:AllowanceCharge",
    where_doc=is_charge,
)
LINE_PERIOD = Context(  # 1053
    "cac:InvoiceLine/cac:InvoicePeriod | cac:CreditNoteLine/cac:InvoicePeriod"
)
PERIOD = Context("cac:InvoicePeriod")  # 1052
ITEM_PROPERTY = Context("cac:AdditionalItemProperty")  # 1051
ITEM_CLASSIFICATION = Context(  # 1050
    "cac:InvoiceLine/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode"
    " | cac:CreditNoteLine/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode"
)
ITEM_STANDARD_ID = Context(  # 1049
    "cac:InvoiceLine/cac:Item/cac:StandardItemIdentification/cbc:ID"
    " | cac:CreditNoteLine/cac:Item/cac:StandardItemIdentification/cbc:ID"
)
NOTE = _FromRoot("/ubl:Invoice/cbc:Note | /cn:CreditNote/cbc:Note")  # 1048
PAYEE = Context("cac:PayeeParty")  # 1047
CREDIT_TRANSFER_ACCOUNT = Context(  # 1046
    "cac:PaymentMeans/cac:PayeeFinancialAccount", where=_credit_transfer
)
PAYMENT_MEANS = Context("cac:PaymentMeans")  # 1045
BILLING_REFERENCE = Context("cac:BillingReference")  # 1044
SELLER = Context("cac:AccountingSupplierParty")  # 1043
SELLER_ENDPOINT = _Path("cac:AccountingSupplierParty/cac:Party/cbc:EndpointID")  # 1042
SELLER_ADDRESS = _Path("cac:AccountingSupplierParty/cac:Party/cac:PostalAddress")  # 1041
TAX_REPRESENTATIVE = Context("cac:TaxRepresentativeParty")  # 1040
TAX_REPRESENTATIVE_ADDRESS = Context("cac:TaxRepresentativeParty/cac:PostalAddress")  # 1039
DOCUMENT_TAX_TOTAL = _FromRoot("/ubl:Invoice/cac:TaxTotal | /cn:CreditNote/cac:TaxTotal")  # 1038
TAX_SUBTOTAL = Context("cac:TaxTotal/cac:TaxSubtotal")  # 1037
VAT_PARTY_SCHEME = Context("cac:PartyTaxScheme", where=is_vat)  # 1036


@dataclass(frozen=True, slots=True, kw_only=True)
class CategoryContexts:
    """The four contexts of one VAT category: breakdown, allowance, charge and line."""

    breakdown: Context
    allowance: Context
    charge: Context
    line: Context


def _category(code: str) -> CategoryContexts:
    # Each matches the official context's nodes whose normalised cbc:ID is ``code`` and whose
    # tax scheme is VAT (the allowance and charge ones also by cbc:ChargeIndicator).
    return CategoryContexts(
        breakdown=CategoryContext(
            "/*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory", code=code, slot="sub"
        ),
        allowance=CategoryContext("cac:AllowanceCharge/cac:TaxCategory", code=code, slot="acF"),
        charge=CategoryContext("cac:AllowanceCharge/cac:TaxCategory", code=code, slot="acT"),
        line=CategoryContext(
            "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory"
            " | cac:CreditNoteLine/cac:Item/cac:ClassifiedTaxCategory",
            code=code,
            slot="lineitem",
        ),
    )


#: Priorities 1035 (AE breakdown) down to 1000 (Z line), four contexts per category.
CATEGORY_CONTEXTS = {
    code: _category(code) for code in ("AE", "E", "G", "K", "L", "M", "O", "S", "Z")
}
