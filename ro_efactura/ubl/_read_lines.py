"""Read invoice lines (BG-25 .. BG-32) in one walk driven by tag tables (:mod:`._read_walk`).

Only the branches the tables name are visited, each element once; absent optional parts cost
nothing. Required parts are checked afterwards, naming the missing path.

>>> sorted(REQUIRED.values())[:2]
['cac:Item/cac:ClassifiedTaxCategory/cbc:ID', 'cac:Item/cbc:Name']
"""

from __future__ import annotations

from .._xml import element_path
from ..errors import DocumentError
from ..model import ItemAttribute, Line, VatCategory
from ._read_build import builder
from ._read_parts import PERIOD, allowance_charge, period
from ._read_values import code, converted, identifier_of, missing, number, number_of, required
from ._read_walk import First, Many, Sub, collect, table

__all__ = ["REQUIRED", "line"]


def _ids(field: str, convert=None) -> dict:
    return {"cbc:ID": field if convert is None else converted(field, convert)}


#: The walker tries the tags in the table's order: the parts every line has come first.
_ITEM = {
    "cbc:Name": "item_name",
    "cac:SellersItemIdentification": _ids("seller_item_id"),
    "cac:ClassifiedTaxCategory": {
        "cbc:ID": code("vat_category", VatCategory),
        "cbc:Percent": number("vat_rate"),
    },
    "cbc:Description": "description",
    "cac:BuyersItemIdentification": _ids("buyer_item_id"),
    "cac:StandardItemIdentification": _ids("standard_item_id", identifier_of),
    "cac:OriginCountry": {"cbc:IdentificationCode": "origin_country"},
    "cac:CommodityClassification": Many("classifications"),
    "cac:AdditionalItemProperty": Many("attributes"),
}
_LINE = {
    "cbc:LineExtensionAmount": number("net_amount"),
    "cac:Item": _ITEM,
    "cac:Price": {
        "cbc:PriceAmount": number("net_price"),
        "cbc:BaseQuantity": First("base_quantity"),
        "cac:AllowanceCharge": {
            "cbc:Amount": number("price_discount"),
            "cbc:BaseAmount": number("gross_price"),
        },
    },
    "cbc:Note": "note",
    "cbc:AccountingCost": "accounting_ref",
    "cac:OrderLineReference": {"cbc:LineID": "order_line_ref"},
    "cac:DocumentReference": _ids("object_id", identifier_of),
    "cac:InvoicePeriod": Sub("period", PERIOD),
    "cac:AllowanceCharge": Many("allowances_charges"),
}
_QUANTITY = {False: "cbc:InvoicedQuantity", True: "cbc:CreditedQuantity"}
_TABLES = {
    credit: table({"cbc:ID": "id", name: First("quantity"), **_LINE})
    for credit, name in _QUANTITY.items()
}
_CLASSIFICATION = table({"cbc:ItemClassificationCode": converted("code", identifier_of)})
_ATTRIBUTE = table({"cbc:Name": "name", "cbc:Value": "value"})

#: Line field -> the path reported when it is missing.
REQUIRED = {
    "id": "cbc:ID",
    "net_price": "cac:Price/cbc:PriceAmount",
    "item_name": "cac:Item/cbc:Name",
    "vat_category": "cac:Item/cac:ClassifiedTaxCategory/cbc:ID",
}

_new_line = builder(Line)


def _repeated(values: dict) -> None:
    """Convert the collected repeated parts (and the base quantity) in place."""
    base = values.get("base_quantity")
    if base is not None:
        values["base_quantity"] = number_of(base)
        values["base_quantity_unit"] = base.get("unitCode")
    if "period" in values:
        values["period"] = period(values["period"])
    if "allowances_charges" in values:
        values["allowances_charges"] = tuple(map(allowance_charge, values["allowances_charges"]))
    if "classifications" in values:
        found = (collect(e, _CLASSIFICATION).get("code") for e in values["classifications"])
        values["classifications"] = tuple(i for i in found if i is not None)
    if "attributes" in values:
        values["attributes"] = tuple(map(_attribute, values["attributes"]))


def _attribute(element) -> ItemAttribute:
    found = collect(element, _ATTRIBUTE)
    return ItemAttribute(
        name=required(found.get("name"), element, "cbc:Name"),
        value=required(found.get("value"), element, "cbc:Value"),
    )


def line(element, credit_note: bool) -> Line:
    """BG-25 from an InvoiceLine or CreditNoteLine element."""
    values: dict = {}
    _TABLES[credit_note](element, values)
    found = values.get("quantity")
    quantity = None if found is None else number_of(found)
    if quantity is None:
        raise missing(element, _QUANTITY[credit_note])
    unit = found.get("unitCode")
    if not (unit and (unit := unit.strip())):
        raise DocumentError("The quantity has no unitCode.", location=element_path(found))
    values["quantity"] = quantity
    values["unit"] = unit
    get = values.get
    if (  # the fields of REQUIRED, spelled out: cheaper than a loop over them
        get("id") is None
        or get("net_price") is None
        or get("item_name") is None
        or get("vat_category") is None
    ):
        field = next(f for f in REQUIRED if get(f) is None)
        raise missing(element, REQUIRED[field])
    _repeated(values)
    return _new_line(**values)
