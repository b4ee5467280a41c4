"""EN 16931 rules on the invoice as a whole: header, totals, notes, references, allowances.

Covers BR-01 to BR-08, BR-10, BR-12 to BR-16, BR-31 to BR-33, BR-36 to BR-38, BR-52, BR-53,
BR-55 and BR-CL-08 (which the official artefact checks in this pattern), exactly as the
CIUS-RO 1.0.9 artefact tests them: "present" for BR-01 to BR-07 means a non-empty text, where
a single space counts (EN 16931 1.3.16 normalises it away first).

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
>>> doc = Document(parse(xml))
>>> "BR-02" in {f.rule for f in M12.run(doc)}
True
"""

from __future__ import annotations

from .._codes import NOTE_SUBJECT_CODES, as_text
from .._core import Text, q
from ._contexts import (
    ADDITIONAL_DOCUMENT,
    BILLING_REFERENCE,
    DOCUMENT_ALLOWANCE,
    DOCUMENT_CHARGE,
    M12,
    MONETARY_TOTAL,
    NOTE,
    ROOT,
)
from ._xpath import (
    ID,
    exists,
    has_child,
    has_vat_category,
    kids,
    nonempty,
    path_under,
    steps,
    string_value,
)

__all__: list[str] = []

_NOTE_CODES_TEXT = as_text(NOTE_SUBJECT_CODES)
_SELLER_ADDRESS = steps("cac:AccountingSupplierParty/cac:Party/cac:PostalAddress")
_BUYER_ADDRESS = steps("cac:AccountingCustomerParty/cac:Party/cac:PostalAddress")

_AMOUNT = q("cbc:Amount")
_INVOICE_TYPE_CODE = q("cbc:InvoiceTypeCode")
_CREDIT_NOTE_TYPE_CODE = q("cbc:CreditNoteTypeCode")
_INVOICE_LINE = q("cac:InvoiceLine")
_CREDIT_NOTE_LINE = q("cac:CreditNoteLine")
_TAX_CURRENCY_CODE = q("cbc:TaxCurrencyCode")
_TAX_AMOUNT = q("cbc:TaxAmount")
_TAX_TOTAL = q("cac:TaxTotal")
_INVOICE_DOCUMENT_REFERENCE_ID = q("cac:InvoiceDocumentReference/cbc:ID")
_REASON = q("cbc:AllowanceChargeReason")
_REASON_CODE = q("cbc:AllowanceChargeReasonCode")


def _has_reason(doc, node) -> bool:
    children = kids(doc, node)
    return _REASON in children or _REASON_CODE in children


@M12.rule(
    "BR-52",
    ADDITIONAL_DOCUMENT,
    Text(
        ro=(
            "Un document justificativ (BG-24) nu are referință (BT-122). Completați "
            "identificatorul documentului atașat."
        ),
        en=(
            "A supporting document (BG-24) has no reference (BT-122). Fill in the attached "
            "document's identifier."
        ),
    ),
)
def supporting_document_has_reference(node, doc) -> bool:
    return nonempty(node, ID)


@M12.rule(
    "BR-31",
    DOCUMENT_ALLOWANCE,
    Text(
        ro=(
            "O reducere la nivel de document (BG-20) nu are valoare (BT-92). Completați suma "
            "reducerii."
        ),
        en=(
            "A document level allowance (BG-20) has no amount (BT-92). Fill in the allowance "
            "amount."
        ),
    ),
)
def allowance_has_amount(node, doc) -> bool:
    return exists(node, _AMOUNT)


@M12.rule(
    "BR-32",
    DOCUMENT_ALLOWANCE,
    Text(
        ro=(
            "O reducere la nivel de document (BG-20) nu are categoria de TVA (BT-95). Indicați "
            "categoria de TVA a reducerii."
        ),
        en=(
            "A document level allowance (BG-20) has no VAT category (BT-95). State the allowance's"
            " VAT category."
        ),
    ),
)
def allowance_has_vat_category(node, doc) -> bool:
    return has_vat_category(doc, node)


@M12.rule(
    "BR-33",
    DOCUMENT_ALLOWANCE,
    Text(
        ro=(
            "O reducere la nivel de document (BG-20) nu are motiv. Completați motivul (BT-97) sau "
            "codul motivului (BT-98)."
        ),
        en=(
            "A document level allowance (BG-20) gives no reason. Fill in the reason (BT-97) or the"
            " reason code (BT-98)."
        ),
    ),
)
def allowance_has_reason(node, doc) -> bool:
    return _has_reason(doc, node)


@M12.rule(
    "BR-36",
    DOCUMENT_CHARGE,
    Text(
        ro=(
            "O taxă suplimentară la nivel de document (BG-21) nu are valoare (BT-99). Completați "
            "suma taxei."
        ),
        en="A document level charge (BG-21) has no amount (BT-99). Fill in the charge amount.",
    ),
)
def charge_has_amount(node, doc) -> bool:
    return exists(node, _AMOUNT)


@M12.rule(
    "BR-37",
    DOCUMENT_CHARGE,
    Text(
        ro=(
            "O taxă suplimentară la nivel de document (BG-21) nu are categoria de TVA (BT-102). "
            "Indicați categoria de TVA a taxei."
        ),
        en=(
            "A document level charge (BG-21) has no VAT category (BT-102). State the charge's VAT "
            "category."
        ),
    ),
)
def charge_has_vat_category(node, doc) -> bool:
    return has_vat_category(doc, node)


@M12.rule(
    "BR-38",
    DOCUMENT_CHARGE,
    Text(
        ro=(
            "O taxă suplimentară la nivel de document (BG-21) nu are motiv. Completați motivul "
            "(BT-104) sau codul motivului (BT-105)."
        ),
        en=(
            "A document level charge (BG-21) gives no reason. Fill in the reason (BT-104) or the "
            "reason code (BT-105)."
        ),
    ),
)
def charge_has_reason(node, doc) -> bool:
    return _has_reason(doc, node)


def _total_present(rule_id: str, name: str, bt: str, ro_name: str) -> None:
    path = q(f"cbc:{name}")

    @M12.rule(
        rule_id,
        MONETARY_TOTAL,
        Text(
            ro=f"Totalurile documentului nu conțin {ro_name} ({bt}). Completați această valoare.",
            en=f"The document totals lack the {name.lower()} ({bt}). Fill in this amount.",
        ),
    )
    def total_present(node, doc) -> bool:
        return path in kids(doc, node)


_total_present("BR-12", "LineExtensionAmount", "BT-106", "suma valorilor nete ale liniilor")
_total_present("BR-13", "TaxExclusiveAmount", "BT-109", "totalul fără TVA")
_total_present("BR-14", "TaxInclusiveAmount", "BT-112", "totalul cu TVA")
_total_present("BR-15", "PayableAmount", "BT-115", "suma de plată")


def _header_text(rule_id: str, tag: str, bt: str, ro: str, en: str) -> None:
    path = steps(tag)

    @M12.rule(rule_id, ROOT, Text(ro=ro, en=en))
    def header_text(node, doc) -> bool:
        if len(path) == 1:  # the root's own child is usually among the first found
            return any(
                found.getparent() is node and string_value(found) != ""
                for found in doc.elements(path[0])
            )
        return any(string_value(found) != "" for found in path_under(doc, node, path))


_header_text(
    "BR-01",
    "cbc:CustomizationID",
    "BT-24",
    ro="Factura nu indică specificația aplicată (BT-24). Completați identificatorul CIUS-RO.",
    en=(
        "The invoice does not name the specification it follows (BT-24). Fill in the CIUS-RO "
        "identifier."
    ),
)
_header_text(
    "BR-02",
    "cbc:ID",
    "BT-1",
    ro="Factura nu are număr (BT-1). Completați numărul facturii.",
    en="The invoice has no number (BT-1). Fill in the invoice number.",
)
_header_text(
    "BR-03",
    "cbc:IssueDate",
    "BT-2",
    ro="Factura nu are data emiterii (BT-2). Completați data emiterii.",
    en="The invoice has no issue date (BT-2). Fill in the issue date.",
)
_header_text(
    "BR-05",
    "cbc:DocumentCurrencyCode",
    "BT-5",
    ro="Factura nu are moneda documentului (BT-5). Indicați codul monedei, de exemplu RON.",
    en="The invoice has no currency (BT-5). State the currency code, for example RON.",
)
_header_text(
    "BR-06",
    "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
    "BT-27",
    ro="Lipsește denumirea vânzătorului (BT-27). Completați numele legal al vânzătorului.",
    en="The seller's name (BT-27) is missing. Fill in the seller's legal name.",
)
_header_text(
    "BR-07",
    "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
    "BT-44",
    ro="Lipsește denumirea cumpărătorului (BT-44). Completați numele legal al cumpărătorului.",
    en="The buyer's name (BT-44) is missing. Fill in the buyer's legal name.",
)


@M12.rule(
    "BR-04",
    ROOT,
    Text(
        ro=(
            "Factura nu are codul tipului de document (BT-3). Indicați tipul, de exemplu 380 "
            "pentru factură."
        ),
        en="The invoice has no type code (BT-3). State the type, for example 380 for an invoice.",
    ),
)
def has_type_code(node, doc) -> bool:
    found = path_under(doc, node, (_INVOICE_TYPE_CODE,)) + path_under(
        doc, node, (_CREDIT_NOTE_TYPE_CODE,)
    )
    return any(string_value(code) != "" for code in found)


@M12.rule(
    "BR-08",
    ROOT,
    Text(
        ro="Lipsește adresa poștală a vânzătorului (BG-5). Completați adresa vânzătorului.",
        en="The seller's postal address (BG-5) is missing. Fill in the seller's address.",
    ),
)
def seller_has_address(node, doc) -> bool:
    return bool(path_under(doc, node, _SELLER_ADDRESS))


@M12.rule(
    "BR-10",
    ROOT,
    Text(
        ro="Lipsește adresa poștală a cumpărătorului (BG-8). Completați adresa cumpărătorului.",
        en="The buyer's postal address (BG-8) is missing. Fill in the buyer's address.",
    ),
)
def buyer_has_address(node, doc) -> bool:
    return bool(path_under(doc, node, _BUYER_ADDRESS))


@M12.rule(
    "BR-16",
    ROOT,
    Text(
        ro="Factura nu are nicio linie (BG-25). Adăugați cel puțin o linie de factură.",
        en="The invoice has no lines (BG-25). Add at least one invoice line.",
    ),
)
def has_lines(node, doc) -> bool:
    return has_child(doc, node, _INVOICE_LINE) or has_child(doc, node, _CREDIT_NOTE_LINE)


@M12.rule(
    "BR-53",
    ROOT,
    Text(
        ro=(
            "Este indicată o monedă de contabilizare a TVA (BT-6), dar lipsește totalul TVA în "
            "acea monedă (BT-111). Adăugați totalul TVA în moneda respectivă."
        ),
        en=(
            "A VAT accounting currency (BT-6) is given but the VAT total in that currency (BT-111)"
            " is missing. Add the VAT total in that currency."
        ),
    ),
)
def vat_total_in_tax_currency(node, doc) -> bool:
    wanted = [string_value(code) for code in path_under(doc, node, (_TAX_CURRENCY_CODE,))]
    if not wanted:
        return True
    have = {
        amount.get("currencyID")
        for amount in doc.elements(_TAX_AMOUNT)
        if amount.getparent().tag == _TAX_TOTAL
    }
    return all(currency in have for currency in wanted)


@M12.rule(
    "BR-CL-08",
    NOTE,
    Text(
        ro=(
            "Nota facturii (BT-22) începe cu un cod de subiect (BT-21) între # care nu există în "
            "lista UNCL 4451. Folosiți un cod valid sau scoateți prefixul."
        ),
        en=(
            "The invoice note (BT-22) starts with a subject code (BT-21) between # marks that is "
            "not in UNCL 4451. Use a valid code or drop the prefix."
        ),
    ),
)
def note_subject_code(node, doc) -> bool:
    text = string_value(node)
    if "#" not in text:
        return True
    code = text.partition("#")[2]
    code = code.partition("#")[0] if "#" in code else ""
    return len(code) != 3 or code in _NOTE_CODES_TEXT


@M12.rule(
    "BR-55",
    BILLING_REFERENCE,
    Text(
        ro=(
            "Referința la o factură anterioară (BG-3) nu are numărul facturii (BT-25). Completați "
            "numărul facturii anterioare."
        ),
        en=(
            "The preceding invoice reference (BG-3) has no invoice number (BT-25). Fill in the "
            "preceding invoice's number."
        ),
    ),
)
def billing_reference_has_id(node, doc) -> bool:
    return exists(node, _INVOICE_DOCUMENT_REFERENCE_ID)
