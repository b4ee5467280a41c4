"""CIUS-RO text length limits (BR-RO-L*).

Each rule caps ``string-length(normalize-space(path))`` below its context: blanks at both ends
do not count and inner runs of spaces, tabs and line breaks count as one. A missing element
passes. Where the path finds several elements (Saxon stops with an error there) we check each.

>>> from ro_efactura.rules.syntax._xpath import normalize_space
>>> fits("  a \\n b ", 3), fits("abcd", 3)
(True, False)
"""

from __future__ import annotations

from lxml import etree

from .._core import Document, Text
from ..syntax._xpath import Path, normalize_space, string_value
from ._pattern import (
    ALLOWANCE,
    BILLING,
    BOOK,
    CHARGE,
    DOCUMENT_REFERENCE,
    ITEM_PROPERTY,
    LINE,
    LINE_ALLOWANCE,
    LINE_CHARGE,
    NOTE,
    PAYMENT_MEANS,
    ROOT,
    ROOT_TAX_SUBTOTAL,
)

__all__ = ["LIMITS", "fits"]

_S = "cac:AccountingSupplierParty/cac:Party"
_B = "cac:AccountingCustomerParty/cac:Party"
_T = "cac:TaxRepresentativeParty"
_D = "cac:Delivery/cac:DeliveryLocation/cac:Address"

#: rule id, context, path from the context node, limit, business term, Romanian and English
#: names of the field.
LIMITS = (
    ("BR-RO-L0201", ROOT, f"{_S}/cac:PostalAddress/cbc:PostalZone", 20, "BT-38",
     "Codul poștal al vânzătorului", "The seller post code"),
    ("BR-RO-L0202", ROOT, f"{_B}/cac:PostalAddress/cbc:PostalZone", 20, "BT-53",
     "Codul poștal al cumpărătorului", "The buyer post code"),
    ("BR-RO-L0203", ROOT, f"{_T}/cac:PostalAddress/cbc:PostalZone", 20, "BT-67",
     "Codul poștal al reprezentantului fiscal", "The tax representative post code"),
    ("BR-RO-L0204", ROOT, f"{_D}/cbc:PostalZone", 20, "BT-78",
     "Codul poștal al locului de livrare", "The deliver to post code"),
    ("BR-RO-L155", ROOT, "cbc:ID", 200, "BT-1", "Numărul facturii", "The invoice number"),
    ("BR-RO-L0302", ROOT, "cac:ContractDocumentReference/cbc:ID", 200, "BT-12",
     "Referința contractului", "The contract reference"),
    ("BR-RO-L0303", ROOT, "cac:OrderReference/cbc:ID", 200, "BT-13",
     "Referința comenzii", "The purchase order reference"),
    ("BR-RO-L0304", ROOT, "cac:OrderReference/cbc:SalesOrderID", 200, "BT-14",
     "Referința dispoziției de vânzare", "The sales order reference"),
    ("BR-RO-L0305", ROOT, "cac:ReceiptDocumentReference/cbc:ID", 200, "BT-15",
     "Referința avizului de recepție", "The receiving advice reference"),
    ("BR-RO-L0306", ROOT, "cac:DespatchDocumentReference/cbc:ID", 200, "BT-16",
     "Referința avizului de expediție", "The despatch advice reference"),
    ("BR-RO-L0307", ROOT, "cac:OriginatorDocumentReference/cbc:ID", 200, "BT-17",
     "Referința licitației sau a lotului", "The tender or lot reference"),
    ("BR-RO-L0501", ROOT, f"{_S}/cac:PostalAddress/cbc:CityName", 50, "BT-37",
     "Localitatea vânzătorului", "The seller city"),
    ("BR-RO-L0502", ROOT, f"{_B}/cac:PostalAddress/cbc:CityName", 50, "BT-52",
     "Localitatea cumpărătorului", "The buyer city"),
    ("BR-RO-L0503", ROOT, f"{_T}/cac:PostalAddress/cbc:CityName", 50, "BT-66",
     "Localitatea reprezentantului fiscal", "The tax representative city"),
    ("BR-RO-L0504", ROOT, f"{_D}/cbc:CityName", 50, "BT-77",
     "Localitatea de livrare", "The deliver to city"),
    ("BR-RO-L1001", ROOT, "cbc:AccountingCost", 100, "BT-19",
     "Referința contabilă a cumpărătorului", "The buyer accounting reference"),
    ("BR-RO-L1002", ROOT, f"{_S}/cac:PostalAddress/cbc:AdditionalStreetName", 100, "BT-36",
     "A doua linie din adresa vânzătorului", "The seller address line 2"),
    ("BR-RO-L1003", ROOT, f"{_S}/cac:PostalAddress/cac:AddressLine/cbc:Line", 100, "BT-162",
     "A treia linie din adresa vânzătorului", "The seller address line 3"),
    ("BR-RO-L1004", ROOT, f"{_S}/cac:Contact/cbc:Name", 100, "BT-41",
     "Persoana de contact a vânzătorului", "The seller contact point"),
    ("BR-RO-L1005", ROOT, f"{_S}/cac:Contact/cbc:Telephone", 100, "BT-42",
     "Telefonul de contact al vânzătorului", "The seller contact telephone number"),
    ("BR-RO-L1006", ROOT, f"{_S}/cac:Contact/cbc:ElectronicMail", 100, "BT-43",
     "Adresa de e-mail a vânzătorului", "The seller contact email address"),
    ("BR-RO-L1007", ROOT, f"{_B}/cac:PostalAddress/cbc:AdditionalStreetName", 100, "BT-51",
     "A doua linie din adresa cumpărătorului", "The buyer address line 2"),
    ("BR-RO-L1008", ROOT, f"{_B}/cac:PostalAddress/cac:AddressLine/cbc:Line", 100, "BT-163",
     "A treia linie din adresa cumpărătorului", "The buyer address line 3"),
    ("BR-RO-L1009", ROOT, f"{_B}/cac:Contact/cbc:Name", 100, "BT-56",
     "Persoana de contact a cumpărătorului", "The buyer contact point"),
    ("BR-RO-L1010", ROOT, f"{_B}/cac:Contact/cbc:Telephone", 100, "BT-57",
     "Telefonul de contact al cumpărătorului", "The buyer contact telephone number"),
    ("BR-RO-L1011", ROOT, f"{_B}/cac:Contact/cbc:ElectronicMail", 100, "BT-58",
     "Adresa de e-mail a cumpărătorului", "The buyer contact email address"),
    ("BR-RO-L1012", ROOT, f"{_T}/cac:PostalAddress/cbc:AdditionalStreetName", 100, "BT-65",
     "A doua linie din adresa reprezentantului fiscal", "The tax representative address line 2"),
    ("BR-RO-L1013", ROOT, f"{_T}/cac:PostalAddress/cac:AddressLine/cbc:Line", 100, "BT-164",
     "A treia linie din adresa reprezentantului fiscal", "The tax representative address line 3"),
    ("BR-RO-L1014", ROOT, f"{_D}/cbc:AdditionalStreetName", 100, "BT-76",
     "A doua linie din adresa de livrare", "The deliver to address line 2"),
    ("BR-RO-L1015", ROOT, f"{_D}/cac:AddressLine/cbc:Line", 100, "BT-165",
     "A treia linie din adresa de livrare", "The deliver to address line 3"),
    ("BR-RO-L151", ROOT, f"{_S}/cac:PostalAddress/cbc:StreetName", 150, "BT-35",
     "Prima linie din adresa vânzătorului", "The seller address line 1"),
    ("BR-RO-L152", ROOT, f"{_B}/cac:PostalAddress/cbc:StreetName", 150, "BT-50",
     "Prima linie din adresa cumpărătorului", "The buyer address line 1"),
    ("BR-RO-L153", ROOT, f"{_T}/cac:PostalAddress/cbc:StreetName", 150, "BT-64",
     "Prima linie din adresa reprezentantului fiscal", "The tax representative address line 1"),
    ("BR-RO-L154", ROOT, f"{_D}/cbc:StreetName", 150, "BT-75",
     "Prima linie din adresa de livrare", "The deliver to address line 1"),
    ("BR-RO-L201", ROOT, f"{_S}/cac:PartyLegalEntity/cbc:RegistrationName", 200, "BT-27",
     "Numele vânzătorului", "The seller name"),
    ("BR-RO-L202", ROOT, f"{_S}/cac:PartyName/cbc:Name", 200, "BT-28",
     "Denumirea comercială a vânzătorului", "The seller trading name"),
    ("BR-RO-L203", ROOT, f"{_B}/cac:PartyLegalEntity/cbc:RegistrationName", 200, "BT-44",
     "Numele cumpărătorului", "The buyer name"),
    ("BR-RO-L204", ROOT, f"{_B}/cac:PartyName/cbc:Name", 200, "BT-45",
     "Denumirea comercială a cumpărătorului", "The buyer trading name"),
    ("BR-RO-L205", ROOT, "cac:PayeeParty/cac:PartyName/cbc:Name", 200, "BT-59",
     "Numele beneficiarului plății", "The payee name"),
    ("BR-RO-L206", ROOT, f"{_T}/cac:PartyName/cbc:Name", 200, "BT-62",
     "Numele reprezentantului fiscal", "The tax representative name"),
    ("BR-RO-L207", ROOT, "cac:Delivery/cac:DeliveryParty/cac:PartyName/cbc:Name", 200, "BT-70",
     "Numele părții căreia i se livrează", "The deliver to party name"),
    ("BR-RO-L301", ROOT, "cac:PaymentTerms/cbc:Note", 300, "BT-20",
     "Termenii de plată", "The payment terms"),
    ("BR-RO-L1000", ROOT, f"{_S}/cac:PartyLegalEntity/cbc:CompanyLegalForm", 1000, "BT-33",
     "Informațiile juridice suplimentare ale vânzătorului",
     "The seller additional legal information"),
    ("BR-RO-L208", PAYMENT_MEANS, "cac:PayeeFinancialAccount/cbc:Name", 200, "BT-85",
     "Numele contului de plată", "The payment account name"),
    ("BR-RO-L209", PAYMENT_MEANS, "cac:CardAccount/cbc:HolderName", 200, "BT-88",
     "Numele titularului cardului", "The payment card holder name"),
    ("BR-RO-L1016", PAYMENT_MEANS, "cbc:PaymentMeansCode/@name", 100, "BT-82",
     "Textul instrumentului de plată", "The payment means text"),
    ("BR-RO-L140", PAYMENT_MEANS, "cbc:PaymentID", 140, "BT-83",
     "Referința plății", "The remittance information"),
    ("BR-RO-L1024", LINE, "cac:Item/cbc:Name", 100, "BT-153",
     "Numele articolului", "The item name"),
    ("BR-RO-L1021", LINE, "cbc:AccountingCost", 100, "BT-133",
     "Referința contabilă a cumpărătorului pe linie", "The line buyer accounting reference"),
    ("BR-RO-L212", LINE, "cac:Item/cbc:Description", 200, "BT-154",
     "Descrierea articolului", "The item description"),
    ("BR-RO-L303", LINE, "cbc:Note", 300, "BT-127", "Nota liniei", "The line note"),
    ("BR-RO-L0505", ITEM_PROPERTY, "cbc:Name", 50, "BT-160",
     "Numele atributului articolului", "The item attribute name"),
    ("BR-RO-L1025", ITEM_PROPERTY, "cbc:Value", 100, "BT-161",
     "Valoarea atributului articolului", "The item attribute value"),
    ("BR-RO-L1017", ALLOWANCE, "cbc:AllowanceChargeReasonCode", 100, "BT-98",
     "Codul motivului deducerii la nivelul documentului",
     "The document level allowance reason code"),
    ("BR-RO-L1018", CHARGE, "cbc:AllowanceChargeReasonCode", 100, "BT-105",
     "Codul motivului taxei suplimentare la nivelul documentului",
     "The document level charge reason code"),
    ("BR-RO-L1022", LINE_ALLOWANCE, "cbc:AllowanceChargeReason", 100, "BT-139",
     "Motivul deducerii pe linie", "The line allowance reason"),
    ("BR-RO-L1023", LINE_CHARGE, "cbc:AllowanceChargeReason", 100, "BT-144",
     "Motivul taxei suplimentare pe linie", "The line charge reason"),
    ("BR-RO-L302", NOTE, "", 300, "BT-22", "Comentariul (cbc:Note)", "The note (cbc:Note)"),
    ("BR-RO-L0308", DOCUMENT_REFERENCE, "cbc:ID", 200, "BT-122",
     "Referința documentului justificativ", "The supporting document reference"),
    ("BR-RO-L1020", DOCUMENT_REFERENCE, "cbc:DocumentDescription", 100, "BT-123",
     "Descrierea documentului justificativ", "The supporting document description"),
    ("BR-RO-L210", DOCUMENT_REFERENCE, "cac:Attachment/cac:ExternalReference/cbc:URI", 200,
     "BT-124", "Adresa documentului extern", "The external document location"),
    ("BR-RO-L211", DOCUMENT_REFERENCE,
     "cac:Attachment/cbc:EmbeddedDocumentBinaryObject/@filename", 200, "BT-125-2",
     "Numele fișierului atașat", "The attached document file name"),
    ("BR-RO-L156", BILLING, "cac:InvoiceDocumentReference/cbc:ID", 200, "BT-25",
     "Numărul facturii anterioare", "The preceding invoice reference"),
    # Never fires (see _pattern); its path also misses cac:TaxCategory, as in the official.
    ("BR-RO-L1019", ROOT_TAX_SUBTOTAL, "cbc:TaxExemptionReason", 100, "BT-120",
     "Motivul scutirii de TVA", "The VAT exemption reason text"),
)  # fmt: skip


def fits(text: str, limit: int) -> bool:
    """Whether ``normalize-space(text)`` has at most ``limit`` characters."""
    return len(normalize_space(text)) <= limit


def _message(limit: int, term: str, ro: str, en: str) -> Text:
    return Text(
        ro=f"{ro} ({term}) are mai mult de {limit} de caractere; scurtați textul la cel mult "
        f"{limit} de caractere.",
        en=f"{en} ({term}) is longer than {limit} characters; shorten it to {limit} characters "
        "at most.",
    )


def _check(path: str, limit: int):
    if not path:  # the context node itself
        return lambda node, doc: fits(string_value(node), limit)
    compiled = Path(path)
    if compiled.attribute:
        return lambda node, doc: all(fits(v, limit) for v in compiled.values(doc, node))
    tag = compiled.steps[-1]

    def check(node: etree._Element, doc: Document) -> bool:
        if _longest(doc).get(tag, 0) <= limit:  # no text with this tag is that long
            return True
        return all(fits(v, limit) for v in compiled.values(doc, node))

    return check


_TAGS = frozenset(Path(rule[2]).steps[-1] for rule in LIMITS if rule[2] and "/@" not in rule[2])
_KEY = "cius_ro.longest-texts"
_NESTED = 10**9


def _longest(doc: Document) -> dict[str, int]:
    """Per tag of a length rule, the longest raw text of its elements (huge when an element
    has children, whose text counts too); a rule can only fail above its limit."""
    return doc.memo(_KEY, lambda: {tag: _longest_of(doc.elements(tag)) for tag in _TAGS})


def _longest_of(elements: list[etree._Element]) -> int:
    longest = 0
    for element in elements:
        if len(element):
            return _NESTED
        text = element.text
        if text and len(text) > longest:
            longest = len(text)
    return longest


def _bulk(path: str, limit: int):
    """The whole family at once: no element with the path's last tag holds a text longer
    than ``limit`` anywhere in the document (normalising spaces never lengthens a text)."""
    if not path or "/@" in path:
        return None
    tag = Path(path).steps[-1]
    return lambda nodes, doc: _longest(doc).get(tag, 0) <= limit


for _rule_id, _context, _path, _limit, _term, _ro, _en in LIMITS:
    BOOK.rule(
        _rule_id,
        _context,
        _message(_limit, _term, _ro, _en),
        bulk=_bulk(_path, _limit),
    )(_check(_path, _limit))
