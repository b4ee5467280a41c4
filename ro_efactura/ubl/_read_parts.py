"""Read parties (BG-4, BG-7, BG-10, BG-11), addresses, periods and allowances/charges.

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
    Party,
    Period,
    VatCategory,
)
from ._read_build import builder
from ._read_values import (
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

__all__ = ["address", "allowance_charge", "party", "payee", "period", "tax_representative"]

_new_address = builder(Address)
_new_allowance_charge = builder(AllowanceCharge)
_new_contact = builder(Contact)
_new_party = builder(Party)
_new_period = builder(Period)


def address(node) -> Address | None:
    """An address element (PostalAddress, Address) or None."""
    if node is None:
        return None
    return _new_address(
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
    return _new_contact(
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
    return _new_party(
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
    return _new_party(
        name=req_text(node, "cac:PartyName/cbc:Name"),
        identifiers=_identifiers(node),
        legal_id=identifier(node, "cac:PartyLegalEntity/cbc:CompanyID"),
    )


def tax_representative(root) -> Party | None:
    """BG-11, from cac:TaxRepresentativeParty."""
    node = find(root, "cac:TaxRepresentativeParty")
    if node is None:
        return None
    return _new_party(
        name=req_text(node, "cac:PartyName/cbc:Name"),
        vat_id=_tax_ids(node)[0],
        address=address(find(node, "cac:PostalAddress")),
    )


def period(node) -> Period | None:
    """BG-14 or BG-26, from an InvoicePeriod element."""
    if node is None:
        return None
    return _new_period(
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
    return _new_allowance_charge(
        charge=_indicator(node),
        amount=req_decimal(node, "cbc:Amount"),
        base_amount=decimal(node, "cbc:BaseAmount"),
        percent=decimal(node, "cbc:MultiplierFactorNumeric"),
        reason=text(node, "cbc:AllowanceChargeReason"),
        reason_code=text(node, "cbc:AllowanceChargeReasonCode"),
        vat_category=None if category is None else code(category, "cbc:ID", VatCategory),
        vat_rate=None if category is None else decimal(category, "cbc:Percent"),
    )
