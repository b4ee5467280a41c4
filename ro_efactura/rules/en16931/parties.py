"""EN 16931 rules on the parties: seller, buyer, payee, tax representative, deliver-to address.

Covers BR-09, BR-11, BR-17 to BR-20, BR-56, BR-57, BR-62 and BR-63 as the CIUS-RO 1.0.9
artefact tests them. BR-17 there is stricter than its title: the payee must also differ from
the seller by name and by identifier, or the rule fails.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'''<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
...   xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
...   <cac:PayeeParty/></Invoice>'''
>>> "BR-17" in {f.rule for f in M12.run(Document(parse(xml)))}
True
"""

from __future__ import annotations

from .._core import Text, q
from ._contexts import (
    BUYER_ADDRESS,
    BUYER_ENDPOINT,
    DELIVERY_ADDRESS,
    M12,
    PAYEE,
    SELLER_ADDRESS,
    SELLER_ENDPOINT,
    TAX_REPRESENTATIVE,
    TAX_REPRESENTATIVE_ADDRESS,
)
from ._xpath import exists, is_vat, nonempty, path_under, steps, string_value, texts

__all__: list[str] = []

_COUNTRY_CODE = q("cac:Country/cbc:IdentificationCode")

_POSTAL_ADDRESS = q("cac:PostalAddress")
_COMPANY_ID = q("cbc:CompanyID")
_PARTY_TAX_SCHEME = q("cac:PartyTaxScheme")
_PARTY_NAME = q("cac:PartyName/cbc:Name")
_PARTY_ID = q("cac:PartyIdentification/cbc:ID")
_SELLER_NAME = steps("cac:AccountingSupplierParty/cac:Party/cac:PartyName/cbc:Name")
_SELLER_ID = steps("cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID")


def _country(rule_id: str, context, group: str, ro_whose: str, en_whose: str) -> None:
    @M12.rule(
        rule_id,
        context,
        Text(
            ro=(
                f"Adresa {ro_whose} ({group}) nu are codul țării. Completați codul ISO al țării, "
                f"de exemplu RO."
            ),
            en=(
                f"The {en_whose} address ({group}) has no country code. Fill in the ISO country "
                f"code, for example RO."
            ),
        ),
    )
    def address_has_country(node, doc) -> bool:
        return nonempty(node, _COUNTRY_CODE)


_country("BR-09", SELLER_ADDRESS, "BG-5, BT-40", "vânzătorului", "seller's")
_country("BR-11", BUYER_ADDRESS, "BG-8, BT-55", "cumpărătorului", "buyer's")
_country(
    "BR-20",
    TAX_REPRESENTATIVE_ADDRESS,
    "BG-12, BT-69",
    "reprezentantului fiscal",
    "tax representative's",
)


@M12.rule(
    "BR-57",
    DELIVERY_ADDRESS,
    Text(
        ro=(
            "Adresa de livrare (BG-15) nu are codul țării (BT-80). Completați codul ISO al țării "
            "de livrare."
        ),
        en=(
            "The deliver-to address (BG-15) has no country code (BT-80). Fill in the ISO code of "
            "the delivery country."
        ),
    ),
)
def delivery_address_has_country(node, doc) -> bool:
    return exists(node, _COUNTRY_CODE)


def _endpoint_scheme(rule_id: str, context, bt: str, ro_whose: str, en_whose: str) -> None:
    @M12.rule(
        rule_id,
        context,
        Text(
            ro=(
                f"Adresa electronică a {ro_whose} ({bt}) nu are schema de identificare. Completați"
                f" atributul schemeID."
            ),
            en=(
                f"The {en_whose} electronic address ({bt}) has no scheme identifier. Fill in the "
                f"schemeID attribute."
            ),
        ),
    )
    def endpoint_has_scheme(node, doc) -> bool:
        return node.get("schemeID") is not None


_endpoint_scheme("BR-62", SELLER_ENDPOINT, "BT-34", "vânzătorului", "seller's")
_endpoint_scheme("BR-63", BUYER_ENDPOINT, "BT-49", "cumpărătorului", "buyer's")


@M12.rule(
    "BR-17",
    PAYEE,
    Text(
        ro=(
            "Beneficiarul plății (BG-10) trebuie să aibă nume (BT-59) și să fie altcineva decât "
            "vânzătorul (alt nume și alt identificator). Completați numele sau eliminați "
            "beneficiarul dacă este chiar vânzătorul."
        ),
        en=(
            "The payee (BG-10) needs a name (BT-59) and must differ from the seller (another name "
            "and identifier). Fill in the name, or drop the payee if it is the seller."
        ),
    ),
)
def payee_named_and_distinct(node, doc) -> bool:
    names = texts(node, _PARTY_NAME)
    if not names:
        return False
    seller = node.getparent()
    seller_names = {string_value(e) for e in path_under(doc, seller, _SELLER_NAME)}
    seller_ids = {string_value(e) for e in path_under(doc, seller, _SELLER_ID)}
    return seller_names.isdisjoint(names) and seller_ids.isdisjoint(texts(node, _PARTY_ID))


@M12.rule(
    "BR-18",
    TAX_REPRESENTATIVE,
    Text(
        ro=(
            "Reprezentantul fiscal al vânzătorului (BG-11) nu are nume (BT-62). Completați numele "
            "reprezentantului."
        ),
        en=(
            "The seller's tax representative (BG-11) has no name (BT-62). Fill in the "
            "representative's name."
        ),
    ),
)
def tax_representative_named(node, doc) -> bool:
    return nonempty(node, _PARTY_NAME)


@M12.rule(
    "BR-19",
    TAX_REPRESENTATIVE,
    Text(
        ro=(
            "Reprezentantul fiscal al vânzătorului (BG-11) nu are adresă poștală (BG-12). "
            "Completați adresa reprezentantului."
        ),
        en=(
            "The seller's tax representative (BG-11) has no postal address (BG-12). Fill in the "
            "representative's address."
        ),
    ),
)
def tax_representative_has_address(node, doc) -> bool:
    return exists(node, _POSTAL_ADDRESS)


@M12.rule(
    "BR-56",
    TAX_REPRESENTATIVE,
    Text(
        ro=(
            "Reprezentantul fiscal al vânzătorului (BG-11) nu are cod de TVA (BT-63). Completați "
            "codul de TVA al reprezentantului."
        ),
        en=(
            "The seller's tax representative (BG-11) has no VAT identifier (BT-63). Fill in the "
            "representative's VAT identifier."
        ),
    ),
)
def tax_representative_has_vat_id(node, doc) -> bool:
    return any(
        is_vat(scheme) and exists(scheme, _COMPANY_ID)
        for scheme in node.iterchildren(_PARTY_TAX_SCHEME)
    )
