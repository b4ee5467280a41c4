"""Read parties (BG-4, BG-7, BG-10, BG-11), addresses, allowances/charges and lines (BG-25).

>>> from ro_efactura._xml import parse
>>> from ro_efactura.ubl._read_values import Node
>>> xml = (b'<cac:PostalAddress xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:'
...        b'CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:'
...        b'xsd:CommonBasicComponents-2"><cbc:CityName>SECTOR3</cbc:CityName><cac:Country>'
...        b'<cbc:IdentificationCode>RO</cbc:IdentificationCode></cac:Country></cac:PostalAddress>')
>>> address(Node(parse(xml))).city
'SECTOR3'
"""

from __future__ import annotations

from .._xml import element_path
from ..errors import DocumentError
from ..model import (
    Address,
    AllowanceCharge,
    Contact,
    Identifier,
    ItemAttribute,
    Line,
    Party,
    Period,
    VatCategory,
)
from ._read_values import (
    Node,
    all_,
    code,
    date_,
    decimal,
    find,
    identifier,
    missing,
    req_decimal,
    req_text,
    text,
)

__all__ = ["address", "allowance_charge", "line", "party", "payee", "period", "tax_representative"]


def address(node) -> Address | None:
    """An address element (PostalAddress, Address) or None."""
    if node is None:
        return None
    return Address(
        street=text(node, "cbc:StreetName"),
        additional_street=text(node, "cbc:AdditionalStreetName"),
        line3=text(node, "cac:AddressLine/cbc:Line"),
        city=text(node, "cbc:CityName"),
        postal_zone=text(node, "cbc:PostalZone"),
        subdivision=text(node, "cbc:CountrySubentity"),
        country=req_text(node, "cac:Country/cbc:IdentificationCode"),
    )


def _contact(node) -> Contact | None:
    if node is None:
        return None
    return Contact(
        name=text(node, "cbc:Name"),
        telephone=text(node, "cbc:Telephone"),
        email=text(node, "cbc:ElectronicMail"),
    )


def _tax_ids(node) -> tuple[str | None, str | None]:
    vat_id = registration = None
    for scheme in all_(node, "cac:PartyTaxScheme"):
        company_id = text(scheme, "cbc:CompanyID")
        if (text(scheme, "cac:TaxScheme/cbc:ID") or "").upper() == "VAT":
            vat_id = vat_id or company_id
        else:
            registration = registration or company_id
    return vat_id, registration


def _identifiers(node) -> tuple[Identifier, ...]:
    found = (identifier(p, "cbc:ID") for p in all_(node, "cac:PartyIdentification"))
    return tuple(i for i in found if i is not None)


def party(container, role: str) -> Party:
    """The Party of an AccountingSupplierParty or AccountingCustomerParty (required)."""
    node = find(container, f"cac:{role}/cac:Party")
    if node is None:
        raise missing(container, f"cac:{role}/cac:Party")
    trading = text(node, "cac:PartyName/cbc:Name")
    name = text(node, "cac:PartyLegalEntity/cbc:RegistrationName") or trading
    if name is None:
        raise missing(node, "cac:PartyLegalEntity/cbc:RegistrationName")
    vat_id, registration = _tax_ids(node)
    return Party(
        name=name,
        trading_name=trading,
        identifiers=_identifiers(node),
        legal_id=identifier(node, "cac:PartyLegalEntity/cbc:CompanyID"),
        legal_form=text(node, "cac:PartyLegalEntity/cbc:CompanyLegalForm"),
        vat_id=vat_id,
        tax_registration_id=registration,
        electronic_address=identifier(node, "cbc:EndpointID"),
        address=address(find(node, "cac:PostalAddress")),
        contact=_contact(find(node, "cac:Contact")),
    )


def payee(root) -> Party | None:
    """BG-10, from cac:PayeeParty."""
    node = find(root, "cac:PayeeParty")
    if node is None:
        return None
    return Party(
        name=req_text(node, "cac:PartyName/cbc:Name"),
        identifiers=_identifiers(node),
        legal_id=identifier(node, "cac:PartyLegalEntity/cbc:CompanyID"),
    )


def tax_representative(root) -> Party | None:
    """BG-11, from cac:TaxRepresentativeParty."""
    node = find(root, "cac:TaxRepresentativeParty")
    if node is None:
        return None
    return Party(
        name=req_text(node, "cac:PartyName/cbc:Name"),
        vat_id=_tax_ids(node)[0],
        address=address(find(node, "cac:PostalAddress")),
    )


def period(node) -> Period | None:
    """BG-14 or BG-26, from an InvoicePeriod element."""
    if node is None:
        return None
    return Period(
        start=date_(node, "cbc:StartDate"),
        end=date_(node, "cbc:EndDate"),
        description_code=text(node, "cbc:DescriptionCode"),
    )


def _indicator(node) -> bool:
    raw = req_text(node, "cbc:ChargeIndicator").lower()
    if raw not in ("true", "false"):
        element = find(node, "cbc:ChargeIndicator")
        raise DocumentError(f"{raw!r} is not true or false.", location=element_path(element.el))
    return raw == "true"


def allowance_charge(node) -> AllowanceCharge:
    """BG-20 / BG-21 / BG-27 / BG-28."""
    category = find(node, "cac:TaxCategory")
    return AllowanceCharge(
        charge=_indicator(node),
        amount=req_decimal(node, "cbc:Amount"),
        base_amount=decimal(node, "cbc:BaseAmount"),
        percent=decimal(node, "cbc:MultiplierFactorNumeric"),
        reason=text(node, "cbc:AllowanceChargeReason"),
        reason_code=text(node, "cbc:AllowanceChargeReasonCode"),
        vat_category=None if category is None else code(category, "cbc:ID", VatCategory),
        vat_rate=None if category is None else decimal(category, "cbc:Percent"),
    )


def _quantity(node, name: str):
    element = find(node, name)
    if element is None:
        raise missing(node, name)
    unit = (element.get("unitCode") or "").strip()
    if not unit:
        raise DocumentError("The quantity has no unitCode.", location=element_path(element.el))
    return req_decimal(node, name), unit


def _require(node: Node, path: str) -> None:
    if node.element(path) is None:
        raise missing(node, path)


def line(node: Node, credit_note: bool) -> Line:
    """BG-25 from an InvoiceLine or CreditNoteLine (paths from the line: one index walk)."""
    quantity, unit = _quantity(
        node, "cbc:CreditedQuantity" if credit_note else "cbc:InvoicedQuantity"
    )
    for path in ("cac:Item", "cac:Price", "cac:Item/cac:ClassifiedTaxCategory"):
        _require(node, path)
    base = node.element("cac:Price/cbc:BaseQuantity")
    has_discount = node.element("cac:Price/cac:AllowanceCharge") is not None
    item = Node(node.element("cac:Item"))
    return Line(
        id=req_text(node, "cbc:ID"),
        quantity=quantity,
        unit=unit,
        net_price=req_decimal(node, "cac:Price/cbc:PriceAmount"),
        item_name=req_text(node, "cac:Item/cbc:Name"),
        vat_category=code(node, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID", VatCategory),
        vat_rate=decimal(node, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent"),
        net_amount=decimal(node, "cbc:LineExtensionAmount"),
        note=text(node, "cbc:Note"),
        object_id=identifier(node, "cac:DocumentReference/cbc:ID"),
        order_line_ref=text(node, "cac:OrderLineReference/cbc:LineID"),
        accounting_ref=text(node, "cbc:AccountingCost"),
        period=period(find(node, "cac:InvoicePeriod")),
        allowances_charges=tuple(allowance_charge(a) for a in all_(node, "cac:AllowanceCharge")),
        gross_price=decimal(node, "cac:Price/cac:AllowanceCharge/cbc:BaseAmount")
        if has_discount
        else None,
        price_discount=decimal(node, "cac:Price/cac:AllowanceCharge/cbc:Amount")
        if has_discount
        else None,
        base_quantity=decimal(node, "cac:Price/cbc:BaseQuantity"),
        base_quantity_unit=None if base is None else base.get("unitCode"),
        description=text(node, "cac:Item/cbc:Description"),
        seller_item_id=text(node, "cac:Item/cac:SellersItemIdentification/cbc:ID"),
        buyer_item_id=text(node, "cac:Item/cac:BuyersItemIdentification/cbc:ID"),
        standard_item_id=identifier(node, "cac:Item/cac:StandardItemIdentification/cbc:ID"),
        classifications=_classifications(item),
        origin_country=text(node, "cac:Item/cac:OriginCountry/cbc:IdentificationCode"),
        attributes=tuple(
            ItemAttribute(name=req_text(p, "cbc:Name"), value=req_text(p, "cbc:Value"))
            for p in all_(item, "cac:AdditionalItemProperty")
        ),
    )


def _classifications(item) -> tuple[Identifier, ...]:
    nodes = all_(item, "cac:CommodityClassification")
    found = (identifier(n, "cbc:ItemClassificationCode") for n in nodes)
    return tuple(i for i in found if i is not None)
