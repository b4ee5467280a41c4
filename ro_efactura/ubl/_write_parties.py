"""Write the parties of a document: seller (BG-4), buyer (BG-7), payee (BG-10), tax
representative (BG-11), addresses (BG-5, BG-8, BG-12, BG-15) and contacts (BG-6, BG-9).

>>> from ro_efactura.model import Address
>>> out = XmlOut()
>>> address(out, "PostalAddress", Address(city="SECTOR2", subdivision="RO-B"))
>>> [p.strip() for p in out.parts][1:3]
['<cbc:CityName>SECTOR2</cbc:CityName>', '<cbc:CountrySubentity>RO-B</cbc:CountrySubentity>']
"""

from __future__ import annotations

from ..model import Address, Contact, Identifier, Party
from ._build import XmlOut, attr

__all__ = ["XmlOut", "address", "party", "payee", "tax_representative"]


def address(out: XmlOut, name: str, addr: Address | None) -> None:
    """``cac:PostalAddress`` (or ``cac:Address``) in XSD order."""
    if addr is None:
        return
    out.open(name)
    out.text("StreetName", addr.street)
    out.text("AdditionalStreetName", addr.additional_street)
    out.text("CityName", addr.city)
    out.text("PostalZone", addr.postal_zone)
    out.text("CountrySubentity", addr.subdivision)
    out.leaf(("AddressLine", "Line"), addr.line3)
    out.leaf(("Country", "IdentificationCode"), addr.country)
    out.close(name)


def identifier(out: XmlOut, names: tuple[str, ...], ident: Identifier | None) -> None:
    """An identifier with its ``schemeID``, under ``names``."""
    if ident is not None:
        out.leaf(names, ident.value, attr("schemeID", ident.scheme))


def _identifications(out: XmlOut, identifiers: tuple[Identifier, ...]) -> None:
    for ident in identifiers:
        identifier(out, ("PartyIdentification", "ID"), ident)


def _tax_scheme(out: XmlOut, company_id: str | None, scheme: str) -> None:
    if company_id is None:
        return
    out.open("PartyTaxScheme")
    out.text("CompanyID", company_id)
    out.leaf(("TaxScheme", "ID"), scheme)
    out.close("PartyTaxScheme")


def _contact(out: XmlOut, contact: Contact | None) -> None:
    if contact is None:
        return
    out.open("Contact")
    out.text("Name", contact.name)
    out.text("Telephone", contact.telephone)
    out.text("ElectronicMail", contact.email)
    out.close("Contact")


def party(out: XmlOut, role: str, p: Party) -> None:
    """``cac:AccountingSupplierParty`` or ``cac:AccountingCustomerParty`` with its Party."""
    out.open(role)
    out.open("Party")
    identifier(out, ("EndpointID",), p.electronic_address)
    _identifications(out, p.identifiers)
    out.leaf(("PartyName", "Name"), p.trading_name)
    address(out, "PostalAddress", p.address)
    _tax_scheme(out, p.vat_id, "VAT")
    _tax_scheme(out, p.tax_registration_id, "FC")
    out.open("PartyLegalEntity")
    out.text("RegistrationName", p.name)
    identifier(out, ("CompanyID",), p.legal_id)
    out.text("CompanyLegalForm", p.legal_form)
    out.close("PartyLegalEntity")
    _contact(out, p.contact)
    out.close("Party")
    out.close(role)


def payee(out: XmlOut, p: Party | None) -> None:
    """``cac:PayeeParty`` (BG-10): identifier BT-60, name BT-59, legal id BT-61."""
    if p is None:
        return
    out.open("PayeeParty")
    _identifications(out, p.identifiers)
    out.leaf(("PartyName", "Name"), p.name)
    identifier(out, ("PartyLegalEntity", "CompanyID"), p.legal_id)
    out.close("PayeeParty")


def tax_representative(out: XmlOut, p: Party | None) -> None:
    """``cac:TaxRepresentativeParty`` (BG-11): name BT-62, address BG-12, VAT id BT-63."""
    if p is None:
        return
    out.open("TaxRepresentativeParty")
    out.leaf(("PartyName", "Name"), p.name)
    address(out, "PostalAddress", p.address)
    _tax_scheme(out, p.vat_id, "VAT")
    out.close("TaxRepresentativeParty")
