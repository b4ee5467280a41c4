"""Read invoice lines (BG-25 .. BG-32) in one walk driven by tag tables.

Each table maps the Clark tag of a child element to what it holds: a field name (the
element's stripped text), a ``(field, converter)`` pair (for both, the first element wins, as
everywhere in the reader, even when it is empty), a nested table to walk into, or
:class:`_Many` for repeated parts collected in document order. Only the branches a table
names are visited, each element once; absent optional parts cost nothing. Required parts are
checked afterwards, naming the missing path.

>>> sorted(REQUIRED.values())[:2]
['cac:Item/cac:ClassifiedTaxCategory/cbc:ID', 'cac:Item/cbc:Name']
"""

from __future__ import annotations

from .._xml import element_path
from ..errors import DocumentError
from ..model import ItemAttribute, Line, VatCategory
from ._read_build import builder
from ._read_parts import allowance_charge, period
from ._read_values import (
    Node,
    clark,
    code_of,
    identifier,
    identifier_of,
    missing,
    number_of,
    req_text,
)

__all__ = ["REQUIRED", "line"]


class _Many:
    """A repeated child, collected into a list under ``field``."""

    __slots__ = ("field",)

    def __init__(self, field: str) -> None:
        self.field = field


def _category(element) -> VatCategory | None:
    return code_of(element, VatCategory)


def _same(element):
    return element


def _period(element):
    return period(Node(element))


def _ids(field: str, convert=None) -> dict:
    return {clark("cbc:ID"): field if convert is None else (field, convert)}


_ITEM = {
    clark("cbc:Name"): "item_name",
    clark("cbc:Description"): "description",
    clark("cac:SellersItemIdentification"): _ids("seller_item_id"),
    clark("cac:BuyersItemIdentification"): _ids("buyer_item_id"),
    clark("cac:StandardItemIdentification"): _ids("standard_item_id", identifier_of),
    clark("cac:OriginCountry"): {clark("cbc:IdentificationCode"): "origin_country"},
    clark("cac:ClassifiedTaxCategory"): {
        clark("cbc:ID"): ("vat_category", _category),
        clark("cbc:Percent"): ("vat_rate", number_of),
    },
    clark("cac:CommodityClassification"): _Many("classifications"),
    clark("cac:AdditionalItemProperty"): _Many("attributes"),
}

_LINE = {
    clark("cbc:ID"): "id",
    clark("cbc:Note"): "note",
    clark("cbc:LineExtensionAmount"): ("net_amount", number_of),
    clark("cbc:AccountingCost"): "accounting_ref",
    clark("cac:OrderLineReference"): {clark("cbc:LineID"): "order_line_ref"},
    clark("cac:DocumentReference"): _ids("object_id", identifier_of),
    clark("cac:InvoicePeriod"): ("period", _period),
    clark("cac:AllowanceCharge"): _Many("allowances_charges"),
    clark("cac:Item"): _ITEM,
    clark("cac:Price"): {
        clark("cbc:PriceAmount"): ("net_price", number_of),
        clark("cbc:BaseQuantity"): ("base_quantity", _same),
        clark("cac:AllowanceCharge"): {
            clark("cbc:Amount"): ("price_discount", number_of),
            clark("cbc:BaseAmount"): ("gross_price", number_of),
        },
    },
}
_QUANTITY = {False: "cbc:InvoicedQuantity", True: "cbc:CreditedQuantity"}
_TABLES = {
    credit: {**_LINE, clark(name): ("quantity", _same)} for credit, name in _QUANTITY.items()
}

#: Line field -> the path reported when it is missing.
REQUIRED = {
    "id": "cbc:ID",
    "net_price": "cac:Price/cbc:PriceAmount",
    "item_name": "cac:Item/cbc:Name",
    "vat_category": "cac:Item/cac:ClassifiedTaxCategory/cbc:ID",
}

_new_line = builder(Line)


def _walk(element, table: dict, values: dict) -> None:
    get = table.get
    for child in element[:]:  # a slice is cheaper than lxml's child iterator
        spec = get(child.tag)
        if spec is None:
            continue
        kind = type(spec)
        if kind is str:  # a text field, inlined: most leaves are
            if spec not in values:
                raw = child.text
                values[spec] = (raw.strip() or None) if raw else None
        elif kind is tuple:
            field, convert = spec
            if field not in values:
                values[field] = convert(child)
        elif kind is dict:
            _walk(child, spec, values)
        else:
            values.setdefault(spec.field, []).append(child)


def _repeated(values: dict) -> None:
    """Convert the collected repeated parts (and the base quantity) in place."""
    base = values.get("base_quantity")
    if base is not None:
        values["base_quantity"] = number_of(base)
        values["base_quantity_unit"] = base.get("unitCode")
    if "allowances_charges" in values:
        charges = values["allowances_charges"]
        values["allowances_charges"] = tuple(allowance_charge(Node(e)) for e in charges)
    if "classifications" in values:
        found = (
            identifier(Node(e), "cbc:ItemClassificationCode") for e in values["classifications"]
        )
        values["classifications"] = tuple(i for i in found if i is not None)
    if "attributes" in values:
        values["attributes"] = tuple(
            ItemAttribute(name=req_text(p, "cbc:Name"), value=req_text(p, "cbc:Value"))
            for p in map(Node, values["attributes"])
        )


def line(element, credit_note: bool) -> Line:
    """BG-25 from an InvoiceLine or CreditNoteLine element."""
    values: dict = {}
    _walk(element, _TABLES[credit_note], values)
    found = values.get("quantity")
    quantity = None if found is None else number_of(found)
    if quantity is None:
        raise missing(Node(element), _QUANTITY[credit_note])
    unit = found.get("unitCode")
    if not (unit and (unit := unit.strip())):
        raise DocumentError("The quantity has no unitCode.", location=element_path(found))
    values["quantity"] = quantity
    values["unit"] = unit
    if not all(map(values.get, REQUIRED)):  # a zero price is falsy too: look closer
        for field, path in REQUIRED.items():
            if values.get(field) is None:
                raise missing(Node(element), path)
    _repeated(values)
    return _new_line(**values)
