"""Write the parties of a document: seller (BG-4), buyer (BG-7), payee (BG-10), tax
representative (BG-11), addresses (BG-5, BG-8, BG-12, BG-15) and contacts (BG-6, BG-9).

>>> from lxml import etree
>>> from ro_efactura.model import Address
>>> parent = etree.Element("x")
>>> _ = address(parent, "PostalAddress", Address(city="SECTOR2", subdivision="RO-B"))
>>> [etree.QName(e).localname for e in parent[0]]
['CityName', 'CountrySubentity', 'Country']
"""

from __future__ import annotations

from ..model import Address, Contact, Identifier, Party
from ._build import child, text

__all__ = ["address", "party", "payee", "tax_representative"]


def address(parent, name: str, addr: Address | None):
    """``cac:PostalAddress`` (or ``cac:Address``) in XSD order."""
    if addr is None:
        return None
    element = child(parent, name)
    text(element, "StreetName", addr.street)
    text(element, "AdditionalStreetName", addr.additional_street)
    text(element, "CityName", addr.city)
    text(element, "PostalZone", addr.postal_zone)
    text(element, "CountrySubentity", addr.subdivision)
    if addr.line3 is not None:
        text(child(element, "AddressLine"), "Line", addr.line3)
    text(child(element, "Country"), "IdentificationCode", addr.country)
    return element


def _identifier(parent, name: str, ident: Identifier | None):
    if ident is not None:
        text(parent, name, ident.value, schemeID=ident.scheme)


def _identifications(element, identifiers: tuple[Identifier, ...]) -> None:
    for ident in identifiers:
        _identifier(child(element, "PartyIdentification"), "ID", ident)


def _tax_scheme(element, company_id: str | None, scheme: str) -> None:
    if company_id is None:
        return
    tax = child(element, "PartyTaxScheme")
    text(tax, "CompanyID", company_id)
    text(child(tax, "TaxScheme"), "ID", scheme)


def _contact(element, contact: Contact | None) -> None:
    if contact is None:
        return
    node = child(element, "Contact")
    text(node, "Name", contact.name)
    text(node, "Telephone", contact.telephone)
    text(node, "ElectronicMail", contact.email)


def party(parent, role: str, p: Party) -> None:
    """``cac:AccountingSupplierParty`` or ``cac:AccountingCustomerParty`` with its Party."""
    element = child(child(parent, role), "Party")
    _identifier(element, "EndpointID", p.electronic_address)
    _identifications(element, p.identifiers)
    if p.trading_name is not None:
        text(child(element, "PartyName"), "Name", p.trading_name)
    address(element, "PostalAddress", p.address or Address())
    _tax_scheme(element, p.vat_id, "VAT")
    _tax_scheme(element, p.tax_registration_id, "FC")
    legal = child(element, "PartyLegalEntity")
    text(legal, "RegistrationName", p.name)
    _identifier(legal, "CompanyID", p.legal_id)
    text(legal, "CompanyLegalForm", p.legal_form)
    _contact(element, p.contact)


def payee(parent, p: Party | None) -> None:
    """``cac:PayeeParty`` (BG-10): identifier BT-60, name BT-59, legal id BT-61."""
    if p is None:
        return
    element = child(parent, "PayeeParty")
    _identifications(element, p.identifiers)
    text(child(element, "PartyName"), "Name", p.name)
    if p.legal_id is not None:
        _identifier(child(element, "PartyLegalEntity"), "CompanyID", p.legal_id)


def tax_representative(parent, p: Party | None) -> None:
    """``cac:TaxRepresentativeParty`` (BG-11): name BT-62, address BG-12, VAT id BT-63."""
    if p is None:
        return
    element = child(parent, "TaxRepresentativeParty")
    text(child(element, "PartyName"), "Name", p.name)
    address(element, "PostalAddress", p.address or Address())
    _tax_scheme(element, p.vat_id, "VAT")
