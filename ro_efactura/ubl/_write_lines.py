"""Write invoice lines (BG-25 .. BG-32) and allowances/charges (BG-20, BG-21, BG-27, BG-28).

>>> from decimal import Decimal
>>> from lxml import etree
>>> from ro_efactura.model import AllowanceCharge
>>> parent = etree.Element("x")
>>> allowance_charge(parent, AllowanceCharge(charge=False, amount=Decimal("5")), "RON")
>>> [etree.QName(e).localname for e in parent[0]]
['ChargeIndicator', 'Amount']
"""

from __future__ import annotations

from ..model import AllowanceCharge, Line, VatCategory, line_net_amount
from ._build import amount, child, text

__all__ = ["allowance_charge", "line", "tax_category"]


def tax_category(parent, name: str, category: VatCategory, rate, reason=None, code=None) -> None:
    """``cac:TaxCategory`` / ``cac:ClassifiedTaxCategory``: ID, Percent, exemption, scheme."""
    element = child(parent, name)
    text(element, "ID", category.value)
    text(element, "Percent", rate if category.has_rate else None)
    text(element, "TaxExemptionReasonCode", code)
    text(element, "TaxExemptionReason", reason)
    text(child(element, "TaxScheme"), "ID", "VAT")


def allowance_charge(parent, ac: AllowanceCharge, currency: str) -> None:
    """``cac:AllowanceCharge``; the tax category is written at document level only."""
    element = child(parent, "AllowanceCharge")
    text(element, "ChargeIndicator", "true" if ac.charge else "false")
    text(element, "AllowanceChargeReasonCode", ac.reason_code)
    text(element, "AllowanceChargeReason", ac.reason)
    text(element, "MultiplierFactorNumeric", ac.percent)
    amount(element, "Amount", ac.amount, currency)
    amount(element, "BaseAmount", ac.base_amount, currency)
    if ac.vat_category is not None:
        tax_category(element, "TaxCategory", ac.vat_category, ac.vat_rate)


def _item(parent, ln: Line) -> None:
    item = child(parent, "Item")
    text(item, "Description", ln.description)
    text(item, "Name", ln.item_name)
    if ln.buyer_item_id is not None:
        text(child(item, "BuyersItemIdentification"), "ID", ln.buyer_item_id)
    if ln.seller_item_id is not None:
        text(child(item, "SellersItemIdentification"), "ID", ln.seller_item_id)
    if ln.standard_item_id is not None:
        ident = ln.standard_item_id
        text(child(item, "StandardItemIdentification"), "ID", ident.value, schemeID=ident.scheme)
    if ln.origin_country is not None:
        text(child(item, "OriginCountry"), "IdentificationCode", ln.origin_country)
    for cls in ln.classifications:
        text(
            child(item, "CommodityClassification"),
            "ItemClassificationCode",
            cls.value,
            listID=cls.scheme,
        )
    tax_category(item, "ClassifiedTaxCategory", ln.vat_category, ln.vat_rate)
    for attr in ln.attributes:
        prop = child(item, "AdditionalItemProperty")
        text(prop, "Name", attr.name)
        text(prop, "Value", attr.value)


def _price(parent, ln: Line, currency: str) -> None:
    price = child(parent, "Price")
    amount(price, "PriceAmount", ln.net_price, currency)
    text(price, "BaseQuantity", ln.base_quantity, unitCode=ln.base_quantity_unit)
    if ln.gross_price is not None:
        discount = ln.price_discount
        if discount is None:
            discount = ln.gross_price - ln.net_price
        ac = child(price, "AllowanceCharge")
        text(ac, "ChargeIndicator", "false")
        amount(ac, "Amount", discount, currency)
        amount(ac, "BaseAmount", ln.gross_price, currency)


def line(parent, ln: Line, currency: str, credit_note: bool) -> None:
    """``cac:InvoiceLine`` or ``cac:CreditNoteLine`` in XSD order."""
    element = child(parent, "CreditNoteLine" if credit_note else "InvoiceLine")
    text(element, "ID", ln.id)
    text(element, "Note", ln.note)
    quantity_name = "CreditedQuantity" if credit_note else "InvoicedQuantity"
    text(element, quantity_name, ln.quantity, unitCode=ln.unit)
    net = ln.net_amount if ln.net_amount is not None else line_net_amount(ln)
    amount(element, "LineExtensionAmount", net, currency)
    text(element, "AccountingCost", ln.accounting_ref)
    if ln.period is not None:
        period = child(element, "InvoicePeriod")
        text(period, "StartDate", ln.period.start)
        text(period, "EndDate", ln.period.end)
    if ln.order_line_ref is not None:
        text(child(element, "OrderLineReference"), "LineID", ln.order_line_ref)
    if ln.object_id is not None:
        ref = child(element, "DocumentReference")
        text(ref, "ID", ln.object_id.value, schemeID=ln.object_id.scheme)
        text(ref, "DocumentTypeCode", "130")
    for ac in ln.allowances_charges:
        allowance_charge(element, ac, currency)
    _item(element, ln)
    _price(element, ln, currency)
