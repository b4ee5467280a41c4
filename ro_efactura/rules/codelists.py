"""EN 16931 code-list rules (BR-CL-01 to BR-CL-26) as the CIUS-RO 1.0.9 artefact applies them.

One :class:`~ro_efactura.rules.Pattern` mirrors the official ``Codesmodel`` pattern (mode M14):
contexts in the official order, each code compared after XPath ``normalize-space`` against the
lists in :mod:`ro_efactura.rules._codes` (BR-CL-22 also upper-cases; BR-CL-24 compares the MIME
type exactly). ``currencyID`` and ``unitCode`` are checked on every element that carries them.
BR-CL-08 (the note subject code) sits in the EN 16931 model pattern, as in the artefact.
Findings are returned, never raised.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'''<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
...   xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
...   <cbc:DocumentCurrencyCode> RON </cbc:DocumentCurrencyCode>
...   <cbc:InvoiceTypeCode>999</cbc:InvoiceTypeCode></Invoice>'''
>>> [f.rule for f in CODES.run(Document(parse(xml)))]
['BR-CL-01']
"""

from __future__ import annotations

from dataclasses import dataclass

from ._codes import (
    ALLOWANCE_REASON_CODES,
    CHARGE_REASON_CODES,
    COUNTRIES,
    CREDIT_NOTE_TYPE_CODES,
    CURRENCIES,
    EAS_SCHEMES,
    ICD_SCHEMES,
    INVOICE_TYPE_CODES,
    ITEM_CLASSIFICATION_LISTS,
    MIME_CODES,
    OBJECT_ID_SCHEMES,
    PAYMENT_MEANS_CODES,
    PERIOD_DESCRIPTION_CODES,
    UNIT_CODES,
    VAT_CATEGORIES,
    VATEX_CODES,
)
from ._core import Attr, Context, Pattern, Text, q
from .en16931._indexed import is_allowance, is_charge
from .en16931._xpath import normalize_space, string_value, texts

__all__ = ["CODES", "PATTERNS"]

CODES = Pattern("Codesmodel")

_INVOICE_TYPE = q("cbc:InvoiceTypeCode")
_DOCUMENT_TYPE_CODE = q("cbc:DocumentTypeCode")
_SELLER_OR_PAYEE = (q("cac:AccountingSupplierParty"), q("cac:PayeeParty"))


def _value(node) -> str:
    return node.value if isinstance(node, Attr) else string_value(node)


def _code(text: str) -> str:
    return text if text.isalnum() else normalize_space(text)


def _has(name: str):
    def has_attribute(node) -> bool:
        return node.get(name) is not None

    return has_attribute


def _document_type_130(node) -> bool:
    return node.get("schemeID") is not None and "130" in texts(
        node.getparent(), _DOCUMENT_TYPE_CODE
    )


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: the engine keys on it
class _Listed:
    """The node's normalised value (its text, or one of its attributes) is one of ``codes``."""

    codes: frozenset[str]
    attribute: str = ""

    def __call__(self, node, doc) -> bool:
        text = node.get(self.attribute) if self.attribute else _value(node)
        return _code(text or "") in self.codes

    def bulk(self, nodes: list, doc) -> bool:
        """Every node passes: each distinct value of the family is looked up once."""
        if self.attribute:
            values = {node.get(self.attribute) for node in nodes}
        elif isinstance(nodes[0], Attr):
            values = {node.value for node in nodes}
        else:  # a code element has no children: its text is its string value
            values = {string_value(node) if len(node) else node.text for node in nodes}
        codes = self.codes
        # a listed code has no blanks, so a value found as it is needs no normalising
        return all(value in codes or _code(value or "") in codes for value in values)


def _in(codes: frozenset[str], attribute: str = "") -> _Listed:
    return _Listed(codes, attribute)


def _register(rule_id: str, context: Context, check, ro: str, en: str) -> None:
    bulk = check.bulk if isinstance(check, _Listed) else None
    CODES.rule(rule_id, context, Text(ro=ro, en=en), bulk=bulk)(check)


def _document_type(node, doc) -> bool:
    codes = INVOICE_TYPE_CODES if node.tag == _INVOICE_TYPE else CREDIT_NOTE_TYPE_CODES
    return _code(string_value(node)) in codes


def _party_scheme(node, doc) -> bool:
    scheme = _code(node.get("schemeID") or "")
    if scheme in ICD_SCHEMES:
        return True
    return scheme == "SEPA" and any(a.tag in _SELLER_OR_PAYEE for a in node.iterancestors())


def _exemption_code(node, doc) -> bool:
    return _code(string_value(node).upper()) in VATEX_CODES


def _mime_code(node, doc) -> bool:
    return node.get("mimeCode") in MIME_CODES


_COUNTRY = "Folosiți codul ISO 3166 din două litere, de exemplu RO."
_COUNTRY_EN = "Use the two-letter ISO 3166 code, for example RO."
_ICD_RO = "nu este un cod ISO 6523 cunoscut. Folosiți un cod ICD valid, de exemplu 0088 pentru GLN."
_ICD_EN = "is not a known ISO 6523 code. Use a valid ICD code, for example 0088 for GLN."

_register(
    "BR-CL-01",
    Context("cbc:InvoiceTypeCode | cbc:CreditNoteTypeCode"),  # 1021
    _document_type,
    ro=(
        "Codul tipului de document (BT-3) nu este permis (UNCL 1001). Folosiți de exemplu 380 "
        "pentru factură sau 381 pentru notă de creditare."
    ),
    en=(
        "The document type code (BT-3) is not allowed (UNCL 1001). Use for example 380 for an "
        "invoice or 381 for a credit note."
    ),
)
_register(
    "BR-CL-03",
    Context("@currencyID"),  # 1020
    _in(CURRENCIES),
    ro=(
        "Moneda unei sume (atributul currencyID) nu este un cod ISO 4217. Folosiți un cod de "
        "monedă valid, de exemplu RON."
    ),
    en=(
        "An amount's currency (the currencyID attribute) is not an ISO 4217 code. Use a valid "
        "currency code, for example RON."
    ),
)
_register(
    "BR-CL-04",
    Context("cbc:DocumentCurrencyCode"),  # 1019
    _in(CURRENCIES),
    ro=(
        "Moneda facturii (BT-5) nu este un cod ISO 4217. Folosiți un cod de monedă valid, de "
        "exemplu RON."
    ),
    en=(
        "The invoice currency (BT-5) is not an ISO 4217 code. Use a valid currency code, for "
        "example RON."
    ),
)
_register(
    "BR-CL-05",
    Context("cbc:TaxCurrencyCode"),  # 1018
    _in(CURRENCIES),
    ro=(
        "Moneda de contabilizare a TVA (BT-6) nu este un cod ISO 4217. Folosiți un cod de monedă "
        "valid, de exemplu RON."
    ),
    en=(
        "The VAT accounting currency (BT-6) is not an ISO 4217 code. Use a valid currency code, "
        "for example RON."
    ),
)
_register(
    "BR-CL-06",
    Context("cac:InvoicePeriod/cbc:DescriptionCode"),  # 1017
    _in(PERIOD_DESCRIPTION_CODES),
    ro=(
        "Codul datei de exigibilitate a TVA (BT-8) nu este permis. Folosiți 3 (data emiterii), 35 "
        "(data livrării) sau 432 (data plății)."
    ),
    en=(
        "The VAT point date code (BT-8) is not allowed. Use 3 (issue date), 35 (delivery date) or "
        "432 (payment date)."
    ),
)
_register(
    "BR-CL-07",
    Context(  # 1016
        "cac:AdditionalDocumentReference/cbc:ID | cac:DocumentReference/cbc:ID",
        where=_document_type_130,
    ),
    _in(OBJECT_ID_SCHEMES, "schemeID"),
    ro=(
        "Schema identificatorului obiectului facturat (BT-18) nu este un cod UNCL 1153. Folosiți "
        "un calificator valid, de exemplu AAB."
    ),
    en=(
        "The scheme of the invoiced object identifier (BT-18) is not a UNCL 1153 code. Use a valid"
        " qualifier, for example AAB."
    ),
)
_register(
    "BR-CL-10",
    Context("cac:PartyIdentification/cbc:ID", where=_has("schemeID")),  # 1015
    _party_scheme,
    ro=(
        f"Schema identificatorului unei părți (BT-29, BT-46, BT-60) {_ICD_RO} SEPA e permis doar "
        f"pentru vânzător sau beneficiar."
    ),
    en=(
        f"The scheme of a party identifier (BT-29, BT-46, BT-60) {_ICD_EN} SEPA is allowed only "
        f"for the seller or payee."
    ),
)
_register(
    "BR-CL-11",
    Context("cac:PartyLegalEntity/cbc:CompanyID", where=_has("schemeID")),  # 1014
    _in(ICD_SCHEMES, "schemeID"),
    ro=f"Schema codului de înregistrare (BT-30, BT-47, BT-61) {_ICD_RO}",
    en=f"The scheme of the legal registration identifier (BT-30, BT-47, BT-61) {_ICD_EN}",
)
_register(
    "BR-CL-13",
    Context(  # 1013
        "cac:CommodityClassification/cbc:ItemClassificationCode", where=_has("listID")
    ),
    _in(ITEM_CLASSIFICATION_LISTS, "listID"),
    ro=(
        "Lista codului de clasificare al articolului (BT-158) nu este un cod UNCL 7143. Folosiți "
        "de exemplu STI pentru CPV sau HS."
    ),
    en=(
        "The item classification list (BT-158) is not a UNCL 7143 code. Use for example STI for "
        "CPV, or HS."
    ),
)
_register(
    "BR-CL-14",
    Context("cac:Country/cbc:IdentificationCode"),  # 1012
    _in(COUNTRIES),
    ro=f"Codul țării dintr-o adresă (BT-40, BT-55, BT-69, BT-80) nu este valid. {_COUNTRY}",
    en=f"A country code in an address (BT-40, BT-55, BT-69, BT-80) is not valid. {_COUNTRY_EN}",
)
_register(
    "BR-CL-15",
    Context("cac:OriginCountry/cbc:IdentificationCode"),  # 1011
    _in(COUNTRIES),
    ro=f"Țara de origine a articolului (BT-159) nu este un cod valid. {_COUNTRY}",
    en=f"The item's country of origin (BT-159) is not a valid code. {_COUNTRY_EN}",
)
_register(
    "BR-CL-16",
    Context("cac:PaymentMeans/cbc:PaymentMeansCode"),  # 1010
    _in(PAYMENT_MEANS_CODES),
    ro=(
        "Codul modalității de plată (BT-81) nu este un cod UNCL 4461. Folosiți de exemplu 30 "
        "(transfer), 42 (cont bancar) sau 10 (numerar)."
    ),
    en=(
        "The payment means code (BT-81) is not a UNCL 4461 code. Use for example 30 (credit "
        "transfer), 42 (bank account) or 10 (cash)."
    ),
)
_register(
    "BR-CL-17",
    Context("cac:TaxCategory/cbc:ID"),  # 1009
    _in(VAT_CATEGORIES),
    ro=(
        "Codul categoriei de TVA (BT-95, BT-102, BT-118) nu este permis. Folosiți S, Z, E, AE, K, "
        "G, O, L, M sau B."
    ),
    en=(
        "The VAT category code (BT-95, BT-102, BT-118) is not allowed. Use S, Z, E, AE, K, G, O, "
        "L, M or B."
    ),
)
_register(
    "BR-CL-18",
    Context("cac:ClassifiedTaxCategory/cbc:ID"),  # 1008
    _in(VAT_CATEGORIES),
    ro=(
        "Codul categoriei de TVA a articolului (BT-151) nu este permis. Folosiți S, Z, E, AE, K, "
        "G, O, L, M sau B."
    ),
    en="The item VAT category code (BT-151) is not allowed. Use S, Z, E, AE, K, G, O, L, M or B.",
)
_register(
    "BR-CL-19",
    Context("cac:AllowanceCharge/cbc:AllowanceChargeReasonCode", where_doc=is_allowance),  # 1007
    _in(ALLOWANCE_REASON_CODES),
    ro=(
        "Codul motivului reducerii (BT-98, BT-140) nu este un cod UNCL 5189. Folosiți de exemplu "
        "95 (reducere) sau 41 (bonus)."
    ),
    en=(
        "The allowance reason code (BT-98, BT-140) is not a UNCL 5189 code. Use for example 95 "
        "(discount) or 41 (bonus)."
    ),
)
_register(
    "BR-CL-20",
    Context("cac:AllowanceCharge/cbc:AllowanceChargeReasonCode", where_doc=is_charge),  # 1006
    _in(CHARGE_REASON_CODES),
    ro=(
        "Codul motivului taxei suplimentare (BT-105, BT-145) nu este un cod UNCL 7161. Folosiți de"
        " exemplu FC (transport) sau ABL (ambalare)."
    ),
    en=(
        "The charge reason code (BT-105, BT-145) is not a UNCL 7161 code. Use for example FC "
        "(freight) or ABL (packaging)."
    ),
)
_register(
    "BR-CL-21",
    Context("cac:StandardItemIdentification/cbc:ID", where=_has("schemeID")),  # 1005
    _in(ICD_SCHEMES, "schemeID"),
    ro=f"Schema identificatorului standard al articolului (BT-157) {_ICD_RO}",
    en=f"The scheme of the item standard identifier (BT-157) {_ICD_EN}",
)
_register(
    "BR-CL-22",
    Context("cbc:TaxExemptionReasonCode"),  # 1004
    _exemption_code,
    ro=(
        "Codul motivului scutirii de TVA (BT-121) nu este un cod VATEX. Folosiți de exemplu "
        "VATEX-EU-O sau VATEX-EU-AE."
    ),
    en=(
        "The VAT exemption reason code (BT-121) is not a VATEX code. Use for example VATEX-EU-O or"
        " VATEX-EU-AE."
    ),
)
_register(
    "BR-CL-23",
    Context("@unitCode"),  # 1003
    _in(UNIT_CODES),
    ro=(
        "Unitatea de măsură (atributul unitCode, BT-130, BT-150) nu este în Recomandările UN/ECE "
        "20 și 21. Folosiți de exemplu H87 (bucată) sau KGM (kilogram)."
    ),
    en=(
        "The unit of measure (the unitCode attribute, BT-130, BT-150) is not in UN/ECE "
        "Recommendations 20 and 21. Use for example H87 (piece) or KGM (kilogram)."
    ),
)
_register(
    "BR-CL-24",
    Context("cbc:EmbeddedDocumentBinaryObject", where=_has("mimeCode")),  # 1002
    _mime_code,
    ro=(
        "Tipul fișierului atașat (BT-125, mimeCode) nu este permis. Atașați PDF, PNG, JPEG, CSV, "
        "XLSX sau ODS."
    ),
    en=(
        "The attachment's type (BT-125, mimeCode) is not allowed. Attach PDF, PNG, JPEG, CSV, XLSX"
        " or ODS."
    ),
)
_register(
    "BR-CL-25",
    Context("cbc:EndpointID", where=_has("schemeID")),  # 1001
    _in(EAS_SCHEMES, "schemeID"),
    ro=(
        "Schema adresei electronice (BT-34, BT-49) nu este un cod EAS. Folosiți un cod valid, de "
        "exemplu EM pentru e-mail sau 0088 pentru GLN."
    ),
    en=(
        "The electronic address scheme (BT-34, BT-49) is not an EAS code. Use a valid code, for "
        "example EM for e-mail or 0088 for a GLN."
    ),
)
_register(
    "BR-CL-26",
    Context("cac:DeliveryLocation/cbc:ID", where=_has("schemeID")),  # 1000
    _in(ICD_SCHEMES, "schemeID"),
    ro=f"Schema identificatorului locului de livrare (BT-71) {_ICD_RO}",
    en=f"The scheme of the delivery location identifier (BT-71) {_ICD_EN}",
)

PATTERNS = (CODES,)
