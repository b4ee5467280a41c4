"""Write invoice lines (BG-25 .. BG-32) and allowances/charges (BG-20, BG-21, BG-27, BG-28).

>>> from decimal import Decimal
>>> from ro_efactura.model import AllowanceCharge
>>> out = XmlOut()
>>> discount = AllowanceCharge(charge=False, amount=Decimal("5"))
>>> allowance_charge(out, discount, attr("currencyID", "RON"))
>>> print("".join(out.parts), end="")
<cac:AllowanceCharge>
  <cbc:ChargeIndicator>false</cbc:ChargeIndicator>
  <cbc:Amount currencyID="RON">5</cbc:Amount>
</cac:AllowanceCharge>
"""

from __future__ import annotations

from functools import lru_cache

from ..model import AllowanceCharge, Line, VatCategory, line_net_amount
from ._build import XmlOut, attr

__all__ = ["XmlOut", "allowance_charge", "attr", "line", "tax_category"]


def tax_category(out: XmlOut, name: str, category: VatCategory, rate, reason=None, code=None):
    """``cac:TaxCategory`` / ``cac:ClassifiedTaxCategory``: ID, Percent, exemption, scheme."""
    percent = f"{rate:f}" if rate is not None and category.has_rate else None
    out.parts.append(_tax_category(out.pad, name, category, percent, reason, code))


@lru_cache(maxsize=256)
def _tax_category(pad: str, name: str, category: VatCategory, percent, reason, code) -> str:
    # Lines repeat the same few categories: render each once (the rate as text, since
    # Decimal("19") == Decimal("19.00") but they are written differently).
    out = XmlOut(pad)
    out.open(name)
    out.text("ID", category.value)
    out.text("Percent", percent)
    out.text("TaxExemptionReasonCode", code)
    out.text("TaxExemptionReason", reason)
    out.leaf(("TaxScheme", "ID"), "VAT")
    out.close(name)
    return "".join(out.parts)


def allowance_charge(out: XmlOut, ac: AllowanceCharge, currency_attr: str) -> None:
    """``cac:AllowanceCharge``; the tax category is written at document level only."""
    out.open("AllowanceCharge")
    out.text("ChargeIndicator", "true" if ac.charge else "false")
    out.text("AllowanceChargeReasonCode", ac.reason_code)
    out.text("AllowanceChargeReason", ac.reason)
    out.text("MultiplierFactorNumeric", ac.percent)
    out.amount("Amount", ac.amount, currency_attr)
    out.amount("BaseAmount", ac.base_amount, currency_attr)
    if ac.vat_category is not None:
        tax_category(out, "TaxCategory", ac.vat_category, ac.vat_rate)
    out.close("AllowanceCharge")


def _item(out: XmlOut, ln: Line) -> None:
    out.open("Item")
    out.text("Description", ln.description)
    out.text("Name", ln.item_name)
    out.leaf(("BuyersItemIdentification", "ID"), ln.buyer_item_id)
    out.leaf(("SellersItemIdentification", "ID"), ln.seller_item_id)
    if ln.standard_item_id is not None:
        ident = ln.standard_item_id
        out.leaf(("StandardItemIdentification", "ID"), ident.value, attr("schemeID", ident.scheme))
    out.leaf(("OriginCountry", "IdentificationCode"), ln.origin_country)
    for cls in ln.classifications:
        names = ("CommodityClassification", "ItemClassificationCode")
        out.leaf(names, cls.value, attr("listID", cls.scheme))
    tax_category(out, "ClassifiedTaxCategory", ln.vat_category, ln.vat_rate)
    for item_attr in ln.attributes:
        out.open("AdditionalItemProperty")
        out.text("Name", item_attr.name)
        out.text("Value", item_attr.value)
        out.close("AdditionalItemProperty")
    out.close("Item")


def _price(out: XmlOut, ln: Line, currency_attr: str) -> None:
    out.open("Price")
    out.amount("PriceAmount", ln.net_price, currency_attr)
    out.text("BaseQuantity", ln.base_quantity, attr("unitCode", ln.base_quantity_unit))
    if ln.gross_price is not None:
        discount = ln.price_discount
        if discount is None:
            discount = ln.gross_price - ln.net_price
        out.open("AllowanceCharge")
        out.text("ChargeIndicator", "false")
        out.amount("Amount", discount, currency_attr)
        out.amount("BaseAmount", ln.gross_price, currency_attr)
        out.close("AllowanceCharge")
    out.close("Price")


def line(out: XmlOut, ln: Line, currency_attr: str, credit_note: bool) -> None:
    """``cac:InvoiceLine`` or ``cac:CreditNoteLine`` in XSD order.

    ``currency_attr`` is the ready ``currencyID`` attribute text (see :func:`attr`).
    """
    name = "CreditNoteLine" if credit_note else "InvoiceLine"
    out.open(name)
    out.text("ID", ln.id)
    out.text("Note", ln.note)
    quantity_name = "CreditedQuantity" if credit_note else "InvoicedQuantity"
    out.text(quantity_name, ln.quantity, attr("unitCode", ln.unit))
    net = ln.net_amount if ln.net_amount is not None else line_net_amount(ln)
    out.amount("LineExtensionAmount", net, currency_attr)
    out.text("AccountingCost", ln.accounting_ref)
    if ln.period is not None:
        out.open("InvoicePeriod")
        out.text("StartDate", ln.period.start)
        out.text("EndDate", ln.period.end)
        out.close("InvoicePeriod")
    out.leaf(("OrderLineReference", "LineID"), ln.order_line_ref)
    if ln.object_id is not None:
        out.open("DocumentReference")
        out.text("ID", ln.object_id.value, attr("schemeID", ln.object_id.scheme))
        out.text("DocumentTypeCode", "130")
        out.close("DocumentReference")
    for ac in ln.allowances_charges:
        allowance_charge(out, ac, currency_attr)
    _item(out, ln)
    _price(out, ln, currency_attr)
    out.close(name)
