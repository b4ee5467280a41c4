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
from ._read_values import amount, code, identifier, missing, number, number_of, required
from ._read_walk import First, Many, Sub, collect, table

__all__ = ["REQUIRED", "lines"]


#: The walker tries the tags in the table's order: the parts every line has come first.
_ITEM = {
    "cbc:Name": "item_name",
    "cac:SellersItemIdentification": {"cbc:ID": "seller_item_id"},
    "cac:ClassifiedTaxCategory": {
        "cbc:ID": code("vat_category", VatCategory),
        "cbc:Percent": number("vat_rate"),
    },
    "cbc:Description": "description",
    "cac:BuyersItemIdentification": {"cbc:ID": "buyer_item_id"},
    "cac:StandardItemIdentification": {"cbc:ID": identifier("standard_item_id")},
    "cac:OriginCountry": {"cbc:IdentificationCode": "origin_country"},
    "cac:CommodityClassification": Many("classifications"),
    "cac:AdditionalItemProperty": Many("attributes"),
}
_LINE = {
    "cbc:LineExtensionAmount": amount("net_amount"),
    "cac:Item": _ITEM,
    "cac:Price": {
        "cbc:PriceAmount": amount("net_price"),
        "cbc:BaseQuantity": First("base_quantity"),
        "cac:AllowanceCharge": {
            "cbc:Amount": amount("price_discount"),
            "cbc:BaseAmount": amount("gross_price"),
        },
    },
    "cbc:Note": "note",
    "cbc:AccountingCost": "accounting_ref",
    "cac:OrderLineReference": {"cbc:LineID": "order_line_ref"},
    "cac:DocumentReference": {"cbc:ID": identifier("object_id")},
    "cac:InvoicePeriod": Sub("period", PERIOD),
    "cac:AllowanceCharge": Many("allowances_charges"),
}
_QUANTITY = {False: "cbc:InvoicedQuantity", True: "cbc:CreditedQuantity"}
_TABLES = {
    credit: table({"cbc:ID": "id", name: First("quantity"), **_LINE})
    for credit, name in _QUANTITY.items()
}
_CLASSIFICATION = table({"cbc:ItemClassificationCode": identifier("code")})
_ATTRIBUTE = table({"cbc:Name": "name", "cbc:Value": "value"})

#: Line field -> the path reported when it is missing.
REQUIRED = {
    "id": "cbc:ID",
    "net_price": "cac:Price/cbc:PriceAmount",
    "item_name": "cac:Item/cbc:Name",
    "vat_category": "cac:Item/cac:ClassifiedTaxCategory/cbc:ID",
}

_new_line = builder(Line)

#: The fields :func:`_repeated` converts; most lines have none of them.
_REPEATED = frozenset(
    ("base_quantity", "period", "allowances_charges", "classifications", "attributes")
)


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


def lines(elements: list, credit_note: bool) -> tuple[Line, ...]:
    """BG-25 from InvoiceLine or CreditNoteLine elements (in one loop: a call per line costs)."""
    walk, quantity_tag = _TABLES[credit_note], _QUANTITY[credit_note]
    made = []
    for element in elements:
        values: dict = {}
        walk(element, values)
        found = values.get("quantity")
        quantity = None if found is None else number_of(found)
        if quantity is None:
            raise missing(element, quantity_tag)
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
        if not values.keys().isdisjoint(_REPEATED):
            _repeated(values)
        made.append(_new_line(**values))
    return tuple(made)
