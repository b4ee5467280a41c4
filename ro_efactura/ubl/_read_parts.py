"""Read parties (BG-4, BG-7, BG-10, BG-11), addresses, periods and allowances/charges.

Each part is collected by a tag table (:mod:`._read_walk`) and then converted; a table that
a :class:`~ro_efactura.ubl._read_walk.Sub` walks into gives the dict these functions take.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.ubl._read_walk import collect
>>> xml = (b'<cac:PostalAddress xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:'
...        b'CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:'
...        b'xsd:CommonBasicComponents-2"><cbc:CityName>SECTOR3</cbc:CityName><cac:Country>'
...        b'<cbc:IdentificationCode>RO</cbc:IdentificationCode></cac:Country></cac:PostalAddress>')
>>> element = parse(xml)
>>> address(collect(element, ADDRESS)).city
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
    amount,
    code,
    date_of,
    identifier,
    missing,
    number,
    optional,
    required,
    text_of,
)
from ._read_walk import AT, Each, First, Sub, collect, table

__all__ = [
    "ADDRESS",
    "AT",
    "PARTY",
    "PAYEE",
    "PERIOD",
    "TAX_REPRESENTATIVE",
    "address",
    "allowance_charge",
    "party",
    "payee",
    "period",
    "tax_representative",
]

_new_address = builder(Address)
_new_allowance_charge = builder(AllowanceCharge)
_new_contact = builder(Contact)
_new_party = builder(Party)
_new_period = builder(Period)

ADDRESS = table(
    {
        "cbc:StreetName": "street",
        "cbc:AdditionalStreetName": "additional_street",
        "cac:AddressLine": {"cbc:Line": "line3"},
        "cbc:CityName": "city",
        "cbc:PostalZone": "postal_zone",
        "cbc:CountrySubentity": "subdivision",
        "cac:Country": {"cbc:IdentificationCode": "country"},
    }
)
_CONTACT = table({"cbc:Name": "name", "cbc:Telephone": "telephone", "cbc:ElectronicMail": "email"})
_TAX_SCHEME = table({"cbc:CompanyID": "company_id", "cac:TaxScheme": {"cbc:ID": "scheme"}})
_IDENTIFICATION = table({"cbc:ID": identifier("id")})
PARTY = table(
    {
        "cbc:EndpointID": identifier("electronic_address"),
        "cac:PartyIdentification": Each("identifiers", _IDENTIFICATION),
        "cac:PartyName": {"cbc:Name": "trading_name"},
        "cac:PostalAddress": Sub("address", ADDRESS),
        "cac:PartyTaxScheme": Each("tax_schemes", _TAX_SCHEME),
        "cac:PartyLegalEntity": {
            "cbc:RegistrationName": "registration_name",
            "cbc:CompanyID": identifier("legal_id"),
            "cbc:CompanyLegalForm": "legal_form",
        },
        "cac:Contact": Sub("contact", _CONTACT),
    }
)
PAYEE = table(
    {
        "cac:PartyIdentification": Each("identifiers", _IDENTIFICATION),
        "cac:PartyName": {"cbc:Name": "name"},
        "cac:PartyLegalEntity": {"cbc:CompanyID": identifier("legal_id")},
    }
)
TAX_REPRESENTATIVE = table(
    {
        "cac:PartyName": {"cbc:Name": "name"},
        "cac:PostalAddress": Sub("address", ADDRESS),
        "cac:PartyTaxScheme": Each("tax_schemes", _TAX_SCHEME),
    }
)
PERIOD = table(
    {
        "cbc:StartDate": First("start"),
        "cbc:EndDate": First("end"),
        "cbc:DescriptionCode": "description_code",
    }
)
_ALLOWANCE_CHARGE = table(
    {
        "cbc:ChargeIndicator": First("charge"),
        "cbc:AllowanceChargeReasonCode": "reason_code",
        "cbc:AllowanceChargeReason": "reason",
        "cbc:MultiplierFactorNumeric": number("percent"),
        "cbc:Amount": amount("amount"),
        "cbc:BaseAmount": amount("base_amount"),
        "cac:TaxCategory": Sub(
            "category", table({"cbc:ID": code("id", VatCategory), "cbc:Percent": number("rate")})
        ),
    }
)


def address(found: dict | None) -> Address | None:
    """An address (PostalAddress, Address) from its :data:`ADDRESS` dict, or None."""
    if found is None:
        return None
    element = found.pop(AT)  # the other fields are named as Address's
    if found.get("country") is None:
        raise missing(element, "cac:Country/cbc:IdentificationCode")
    return _new_address(**found)


def _contact(found: dict | None) -> Contact | None:
    if found is None:
        return None
    del found[AT]  # the other fields are named as Contact's
    return _new_contact(**found)


def _tax_ids(schemes: list) -> tuple[str | None, str | None]:
    vat_id = registration = None
    for scheme in schemes:
        company_id = scheme.get("company_id")
        if (scheme.get("scheme") or "").upper() == "VAT":
            vat_id = vat_id or company_id
        else:
            registration = registration or company_id
    return vat_id, registration


def _identifiers(found: dict) -> tuple[Identifier, ...]:
    parts = found.get("identifiers")
    if parts is None:
        return ()
    return tuple(i for i in (part.get("id") for part in parts) if i is not None)


def party(found: dict | None, container, role: str) -> Party:
    """The Party of an AccountingSupplierParty or AccountingCustomerParty (required), from its
    :data:`PARTY` dict; ``container`` is the document's root, for the error location."""
    if found is None:
        raise missing(container, f"cac:{role}/cac:Party")
    trading = found.get("trading_name")
    name = required(
        found.get("registration_name") or trading,
        found[AT],
        "cac:PartyLegalEntity/cbc:RegistrationName",
    )
    vat_id, registration = _tax_ids(found.get("tax_schemes", ()))
    return _new_party(
        name=name,
        trading_name=trading,
        identifiers=_identifiers(found),
        legal_id=found.get("legal_id"),
        legal_form=found.get("legal_form"),
        vat_id=vat_id,
        tax_registration_id=registration,
        electronic_address=found.get("electronic_address"),
        address=address(found.get("address")),
        contact=_contact(found.get("contact")),
    )


def payee(found: dict | None) -> Party | None:
    """BG-10, from the :data:`PAYEE` dict of cac:PayeeParty."""
    if found is None:
        return None
    return _new_party(
        name=required(found.get("name"), found[AT], "cac:PartyName/cbc:Name"),
        identifiers=_identifiers(found),
        legal_id=found.get("legal_id"),
    )


def tax_representative(found: dict | None) -> Party | None:
    """BG-11, from the :data:`TAX_REPRESENTATIVE` dict of cac:TaxRepresentativeParty."""
    if found is None:
        return None
    return _new_party(
        name=required(found.get("name"), found[AT], "cac:PartyName/cbc:Name"),
        vat_id=_tax_ids(found.get("tax_schemes", ()))[0],
        address=address(found.get("address")),
    )


def period(found: dict | None) -> Period | None:
    """BG-14 or BG-26, from the :data:`PERIOD` dict of an InvoicePeriod element."""
    if found is None:
        return None
    return _new_period(
        start=optional(found, "start", date_of),
        end=optional(found, "end", date_of),
        description_code=found.get("description_code"),
    )


def _indicator(node, element) -> bool:
    text = None if element is None else text_of(element)
    raw = required(text, node, "cbc:ChargeIndicator").lower()
    if raw not in ("true", "false"):
        raise DocumentError(f"{raw!r} is not true or false.", location=element_path(element))
    return raw == "true"


def allowance_charge(element) -> AllowanceCharge:
    """BG-20 / BG-21 / BG-27 / BG-28, from a cac:AllowanceCharge element."""
    found = collect(element, _ALLOWANCE_CHARGE)
    category = found.get("category")
    if category is not None:
        vat_category = required(category.get("id"), category[AT], "cbc:ID")
        vat_rate = category.get("rate")
    else:
        vat_category = vat_rate = None
    return _new_allowance_charge(
        charge=_indicator(element, found.get("charge")),
        amount=required(found.get("amount"), element, "cbc:Amount"),
        base_amount=found.get("base_amount"),
        percent=found.get("percent"),
        reason=found.get("reason"),
        reason_code=found.get("reason_code"),
        vat_category=vat_category,
        vat_rate=vat_rate,
    )
