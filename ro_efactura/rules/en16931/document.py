"""EN 16931 rules on the invoice as a whole: header, notes, payment, allowances, VAT breakdown.

Covers BR-01 to BR-08, BR-10, BR-12 to BR-16, BR-31 to BR-33, BR-36 to BR-38, BR-45 to BR-53,
BR-55, BR-61, BR-66, BR-67 and BR-CL-08 (which the official artefact checks in this pattern),
exactly as the CIUS-RO 1.0.9 artefact tests them: "present" for BR-01 to BR-07 means a
non-empty text, where a single space counts (EN 16931 1.3.16 normalises it away first).

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
>>> doc = Document(parse(xml))
>>> "BR-02" in {f.rule for f in M12.run(doc)}
True
"""

from __future__ import annotations

from .._codes import NOTE_SUBJECT_CODES, as_text
from .._core import Severity, Text, q
from ._contexts import (
    ADDITIONAL_DOCUMENT,
    BILLING_REFERENCE,
    CARD_ACCOUNT,
    CREDIT_TRANSFER_ACCOUNT,
    DOCUMENT_ALLOWANCE,
    DOCUMENT_CHARGE,
    M12,
    MONETARY_TOTAL,
    NOTE,
    PAYMENT_MEANS,
    ROOT,
    TAX_SUBTOTAL,
)
from ._xpath import (
    ID,
    TAX_CATEGORY,
    exists,
    first_text,
    is_vat,
    kids,
    nonempty,
    normalize_space,
    normalized_id,
    steps,
    string_value,
    texts,
    under,
)

__all__: list[str] = []

_NOTE_CODES_TEXT = as_text(NOTE_SUBJECT_CODES)
_SELLER_ADDRESS = steps("cac:AccountingSupplierParty/cac:Party/cac:PostalAddress")
_BUYER_ADDRESS = steps("cac:AccountingCustomerParty/cac:Party/cac:PostalAddress")

_PRIMARY_ACCOUNT_NUMBER_ID = q("cbc:PrimaryAccountNumberID")
_AMOUNT = q("cbc:Amount")
_INVOICE_TYPE_CODE = q("cbc:InvoiceTypeCode")
_CREDIT_NOTE_TYPE_CODE = q("cbc:CreditNoteTypeCode")
_INVOICE_LINE = q("cac:InvoiceLine")
_CREDIT_NOTE_LINE = q("cac:CreditNoteLine")
_TAX_CURRENCY_CODE = q("cbc:TaxCurrencyCode")
_TAX_AMOUNT = q("cbc:TaxAmount")
_TAX_TOTAL = q("cac:TaxTotal")
_PAYMENT_MEANS_CARD_ACCOUNT = q("cac:PaymentMeans/cac:CardAccount")
_PAYMENT_MEANS_PAYMENT_MANDATE = q("cac:PaymentMeans/cac:PaymentMandate")
_PAYEE_FINANCIAL_ACCOUNT_ID = q("cac:PayeeFinancialAccount/cbc:ID")
_INVOICE_DOCUMENT_REFERENCE_ID = q("cac:InvoiceDocumentReference/cbc:ID")
_TAXABLE_AMOUNT = q("cbc:TaxableAmount")
_PERCENT = q("cbc:Percent")
_PAYMENT_MEANS_CODE = q("cbc:PaymentMeansCode")
_REASON = q("cbc:AllowanceChargeReason")
_REASON_CODE = q("cbc:AllowanceChargeReasonCode")


def _has_reason(doc, node) -> bool:
    children = kids(doc, node)
    return _REASON in children or _REASON_CODE in children


def _vat_category_id(doc, node) -> bool:
    return any(
        ID in kids(doc, category) and is_vat(category)
        for category in kids(doc, node).get(TAX_CATEGORY, ())
    )


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
    "BR-51",
    CARD_ACCOUNT,
    Text(
        ro=(
            "Numărul cardului (BT-87) pare complet. Din motive de securitate, afișați cel mult "
            "primele 6 și ultimele 4 cifre."
        ),
        en=(
            "The card number (BT-87) looks complete. For card security, show at most the first 6 "
            "and the last 4 digits."
        ),
    ),
    Severity.WARNING,
)
def card_number_is_masked(node, doc) -> bool:
    return len(first_text(node, _PRIMARY_ACCOUNT_NUMBER_ID) or "") <= 10


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
    return _vat_category_id(doc, node)


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
    return _vat_category_id(doc, node)


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
        return any(string_value(found) != "" for found in under(doc, node, path))


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
    found = under(doc, node, (_INVOICE_TYPE_CODE,)) + under(doc, node, (_CREDIT_NOTE_TYPE_CODE,))
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
    return bool(under(doc, node, _SELLER_ADDRESS))


@M12.rule(
    "BR-10",
    ROOT,
    Text(
        ro="Lipsește adresa poștală a cumpărătorului (BG-8). Completați adresa cumpărătorului.",
        en="The buyer's postal address (BG-8) is missing. Fill in the buyer's address.",
    ),
)
def buyer_has_address(node, doc) -> bool:
    return bool(under(doc, node, _BUYER_ADDRESS))


@M12.rule(
    "BR-16",
    ROOT,
    Text(
        ro="Factura nu are nicio linie (BG-25). Adăugați cel puțin o linie de factură.",
        en="The invoice has no lines (BG-25). Add at least one invoice line.",
    ),
)
def has_lines(node, doc) -> bool:
    children = kids(doc, node)
    return _INVOICE_LINE in children or _CREDIT_NOTE_LINE in children


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
    wanted = texts(node, _TAX_CURRENCY_CODE)
    if not wanted:
        return True
    have = {
        amount.get("currencyID")
        for amount in doc.elements(_TAX_AMOUNT)
        if amount.getparent().tag == _TAX_TOTAL
    }
    return all(currency in have for currency in wanted)


@M12.rule(
    "BR-66",
    ROOT,
    Text(
        ro="Factura conține mai multe carduri de plată (BG-18). Păstrați cel mult un card.",
        en="The invoice holds more than one payment card (BG-18). Keep at most one card.",
    ),
)
def at_most_one_card(node, doc) -> bool:
    return len(node.findall(_PAYMENT_MEANS_CARD_ACCOUNT)) <= 1


@M12.rule(
    "BR-67",
    ROOT,
    Text(
        ro=(
            "Factura conține mai multe mandate de debitare directă (BG-19). Păstrați cel mult un "
            "mandat."
        ),
        en=(
            "The invoice holds more than one direct debit mandate (BG-19). Keep at most one "
            "mandate."
        ),
    ),
)
def at_most_one_mandate(node, doc) -> bool:
    return len(node.findall(_PAYMENT_MEANS_PAYMENT_MANDATE)) <= 1


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
    "BR-50",
    CREDIT_TRANSFER_ACCOUNT,
    Text(
        ro=(
            "Contul pentru transferul bancar nu are identificator (BT-84). Completați IBAN-ul sau "
            "numărul contului."
        ),
        en=(
            "The credit transfer account has no identifier (BT-84). Fill in the IBAN or account "
            "number."
        ),
    ),
)
def account_has_id(node, doc) -> bool:
    return nonempty(node, ID)


@M12.rule(
    "BR-49",
    PAYMENT_MEANS,
    Text(
        ro=(
            "Instrucțiunile de plată (BG-16) nu au codul modalității de plată (BT-81). Indicați "
            "codul, de exemplu 30 sau 42."
        ),
        en=(
            "The payment instructions (BG-16) have no payment means code (BT-81). State the code, "
            "for example 30 or 42."
        ),
    ),
)
def payment_means_has_code(node, doc) -> bool:
    return exists(node, _PAYMENT_MEANS_CODE)


@M12.rule(
    "BR-61",
    PAYMENT_MEANS,
    Text(
        ro=(
            "Plata prin transfer (cod 30 sau 58) nu indică contul beneficiarului (BT-84). "
            "Completați IBAN-ul sau numărul contului."
        ),
        en=(
            "A credit transfer payment (code 30 or 58) does not give the payee account (BT-84). "
            "Fill in the IBAN or account number."
        ),
    ),
)
def credit_transfer_has_account(node, doc) -> bool:
    code = normalize_space(first_text(node, _PAYMENT_MEANS_CODE) or "")
    return code not in ("30", "58") or exists(node, _PAYEE_FINANCIAL_ACCOUNT_ID)


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


@M12.rule(
    "BR-45",
    TAX_SUBTOTAL,
    Text(
        ro=(
            "O grupă din defalcarea TVA (BG-23) nu are baza de impozitare (BT-116). Completați "
            "baza pentru această categorie."
        ),
        en=(
            "A VAT breakdown group (BG-23) has no taxable amount (BT-116). Fill in the base for "
            "this category."
        ),
    ),
)
def subtotal_has_taxable_amount(node, doc) -> bool:
    return _TAXABLE_AMOUNT in kids(doc, node)


@M12.rule(
    "BR-46",
    TAX_SUBTOTAL,
    Text(
        ro=(
            "O grupă din defalcarea TVA (BG-23) nu are valoarea TVA (BT-117). Completați TVA-ul "
            "pentru această categorie."
        ),
        en=(
            "A VAT breakdown group (BG-23) has no VAT amount (BT-117). Fill in the VAT for this "
            "category."
        ),
    ),
)
def subtotal_has_tax_amount(node, doc) -> bool:
    return _TAX_AMOUNT in kids(doc, node)


@M12.rule(
    "BR-47",
    TAX_SUBTOTAL,
    Text(
        ro=(
            "O grupă din defalcarea TVA (BG-23) nu are codul categoriei de TVA (BT-118). Indicați "
            "categoria, de exemplu S."
        ),
        en=(
            "A VAT breakdown group (BG-23) has no VAT category code (BT-118). State the category, "
            "for example S."
        ),
    ),
)
def subtotal_has_category(node, doc) -> bool:
    return _vat_category_id(doc, node)


@M12.rule(
    "BR-48",
    TAX_SUBTOTAL,
    Text(
        ro=(
            "O grupă din defalcarea TVA (BG-23) nu are cota de TVA (BT-119). Completați cota; doar"
            " categoria O nu are cotă."
        ),
        en=(
            "A VAT breakdown group (BG-23) has no VAT rate (BT-119). Fill in the rate; only "
            "category O has none."
        ),
    ),
)
def subtotal_has_rate(node, doc) -> bool:
    categories = [c for c in kids(doc, node).get(TAX_CATEGORY, ()) if is_vat(c)]
    return any(_PERCENT in kids(doc, c) for c in categories) or any(
        normalized_id(c) == "O" for c in categories
    )
