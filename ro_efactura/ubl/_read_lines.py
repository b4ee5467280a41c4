"""Read invoice lines (BG-25 .. BG-32) with a table from UBL path to model field.

A line is read in one pass over the elements it actually holds: each path found in the
line's index that the table knows is converted and stored; absent optional parts cost
nothing. Required parts are checked afterwards, naming the missing path.

>>> sorted(REQUIRED.values())[:2]
['cac:Item/cac:ClassifiedTaxCategory/cbc:ID', 'cac:Item/cbc:Name']
"""

from __future__ import annotations

from .._xml import element_path
from ..errors import DocumentError
from ..model import ItemAttribute, Line, VatCategory
from ._read_parts import allowance_charge, period
from ._read_values import (
    Node,
    all_,
    code_of,
    find,
    identifier,
    identifier_of,
    missing,
    number_of,
    req_text,
    text_of,
)

__all__ = ["REQUIRED", "line"]


def _category(element) -> VatCategory | None:
    return code_of(element, VatCategory)


_ITEM = "cac:Item/"
_TAX = "cac:Item/cac:ClassifiedTaxCategory/"

#: UBL path (from the line) -> (Line field, converter). Quantities are read apart (two names).
_FIELDS = {
    "cbc:ID": ("id", text_of),
    "cbc:Note": ("note", text_of),
    "cbc:LineExtensionAmount": ("net_amount", number_of),
    "cbc:AccountingCost": ("accounting_ref", text_of),
    "cac:OrderLineReference/cbc:LineID": ("order_line_ref", text_of),
    "cac:DocumentReference/cbc:ID": ("object_id", identifier_of),
    "cac:Price/cbc:PriceAmount": ("net_price", number_of),
    "cac:Price/cbc:BaseQuantity": ("base_quantity", number_of),
    "cac:Price/cac:AllowanceCharge/cbc:Amount": ("price_discount", number_of),
    "cac:Price/cac:AllowanceCharge/cbc:BaseAmount": ("gross_price", number_of),
    _ITEM + "cbc:Name": ("item_name", text_of),
    _ITEM + "cbc:Description": ("description", text_of),
    _ITEM + "cac:SellersItemIdentification/cbc:ID": ("seller_item_id", text_of),
    _ITEM + "cac:BuyersItemIdentification/cbc:ID": ("buyer_item_id", text_of),
    _ITEM + "cac:StandardItemIdentification/cbc:ID": ("standard_item_id", identifier_of),
    _ITEM + "cac:OriginCountry/cbc:IdentificationCode": ("origin_country", text_of),
    _TAX + "cbc:ID": ("vat_category", _category),
    _TAX + "cbc:Percent": ("vat_rate", number_of),
}

#: Line field -> the path reported when it is missing.
REQUIRED = {
    "id": "cbc:ID",
    "net_price": "cac:Price/cbc:PriceAmount",
    "item_name": _ITEM + "cbc:Name",
    "vat_category": _TAX + "cbc:ID",
}


def _quantity(node: Node, index: dict, name: str) -> dict:
    element = index.get(name)
    quantity = None if element is None else number_of(element)
    if quantity is None:
        raise missing(node, name)
    unit = (element.get("unitCode") or "").strip()
    if not unit:
        raise DocumentError("The quantity has no unitCode.", location=element_path(element))
    return {"quantity": quantity, "unit": unit}


def _repeated(node: Node, index: dict) -> dict:
    """Allowances/charges, period, classifications and attributes, only when present."""
    values: dict = {}
    if "cac:AllowanceCharge" in index:
        charges = all_(node, "cac:AllowanceCharge")
        values["allowances_charges"] = tuple(allowance_charge(a) for a in charges)
    if "cac:InvoicePeriod" in index:
        values["period"] = period(find(node, "cac:InvoicePeriod"))
    if _ITEM + "cac:CommodityClassification" in index:
        nodes = all_(node, _ITEM + "cac:CommodityClassification")
        found = (identifier(n, "cbc:ItemClassificationCode") for n in nodes)
        values["classifications"] = tuple(i for i in found if i is not None)
    if _ITEM + "cac:AdditionalItemProperty" in index:
        values["attributes"] = tuple(
            ItemAttribute(name=req_text(p, "cbc:Name"), value=req_text(p, "cbc:Value"))
            for p in all_(node, _ITEM + "cac:AdditionalItemProperty")
        )
    return values


def line(node: Node, credit_note: bool) -> Line:
    """BG-25 from an InvoiceLine or CreditNoteLine."""
    index = node.index()
    name = "cbc:CreditedQuantity" if credit_note else "cbc:InvoicedQuantity"
    values = _quantity(node, index, name)
    for path, element in index.items():
        spec = _FIELDS.get(path)
        if spec is not None:
            value = spec[1](element)
            if value is not None:
                values[spec[0]] = value
    for field, path in REQUIRED.items():
        if field not in values:
            raise missing(node, path)
    base = index.get("cac:Price/cbc:BaseQuantity")
    if base is not None:
        values["base_quantity_unit"] = base.get("unitCode")
    values.update(_repeated(node, index))
    return Line(**values)
