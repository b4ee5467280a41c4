"""UBL syntax rules on groups below the root: cardinalities (UBL-SR-*) and data types
(UBL-DT-01, -06, -07).

Each rule is a small check on the node of its official context; the root-level rules are in
:mod:`._root`.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> amount = parse(b'<cbc:PayableAmount xmlns:cbc="urn:oasis:names:specification:ubl:schema:'
...                b'xsd:CommonBasicComponents-2">10.001</cbc:PayableAmount>')
>>> two_decimals(amount, None)
False
"""

from __future__ import annotations

from lxml import etree

from .._core import Document, Text, q
from ._pattern import (
    ALLOWANCE,
    AMOUNT,
    BILLING,
    BINARY,
    CHARGE,
    DELIVERY,
    DOCUMENT_REFERENCE,
    LINE,
    PAYEE,
    PAYMENT_MEANS,
    SUPPLIER_PARTY,
    TAX_REPRESENTATIVE,
    TAX_SUBTOTAL,
)
from ._pattern import BOOK as _BOOK
from ._root import children
from ._xpath import Path, decimals, string_value

__all__ = ["CARDINALITIES", "two_decimals"]

_DOC_TYPE = q("cbc:DocumentTypeCode")
_ID = q("cbc:ID")
_PRECEDING_ID = Path("cac:InvoiceDocumentReference/cbc:ID")
_ITEM_VAT = Path("cac:Item/cac:ClassifiedTaxCategory")


def _once(ro: str, en: str, term: str) -> Text:
    return Text(
        ro=f"{ro} ({term}) apare de mai multe ori; păstrați o singură apariție.",
        en=f"{en} ({term}) occurs more than once; keep a single occurrence.",
    )


def _at_most(rule_id: str, context, path: str, limit: int, message: Text) -> None:
    compiled = Path(path)
    anchors = context.keys()
    if limit == 1:
        bulk = None if anchors is None else lambda nodes, doc: compiled.never_twice(doc, anchors)
        _BOOK.rule(rule_id, context, message, bulk=bulk)(
            lambda node, doc: compiled.at_most_one(doc, node)
        )
    else:
        _BOOK.rule(rule_id, context, message)(lambda node, doc: compiled.count(doc, node) <= limit)


_SR = (
    ("UBL-SR-42", SUPPLIER_PARTY, "cac:PartyTaxScheme", 2, Text(
        ro="Vânzătorul are mai mult de două scheme fiscale (cac:PartyTaxScheme); păstrați cel "
        "mult două: codul de TVA (BT-31) și codul fiscal de înregistrare (BT-32).",
        en="The seller has more than two tax schemes (cac:PartyTaxScheme); keep two at most: "
        "the VAT identifier (BT-31) and the tax registration identifier (BT-32).",
    )),
    ("UBL-SR-33", DOCUMENT_REFERENCE, "cbc:DocumentDescription", 1,
     _once("Descrierea documentului justificativ", "The supporting document description",
           "BT-123")),
    ("UBL-SR-25", DELIVERY, "cac:DeliveryParty/cac:PartyName/cbc:Name", 1,
     _once("Numele părții căreia i se livrează", "The deliver to party name", "BT-70")),
    ("UBL-SR-30", ALLOWANCE, "cbc:AllowanceChargeReason", 1,
     _once("Motivul deducerii la nivelul documentului", "The document level allowance reason",
           "BT-97")),
    ("UBL-SR-31", CHARGE, "cbc:AllowanceChargeReason", 1,
     _once("Motivul taxei suplimentare la nivelul documentului",
           "The document level charge reason", "BT-104")),
    ("UBL-SR-34", LINE, "cbc:Note", 1, _once("Nota liniei", "The line note", "BT-127")),
    ("UBL-SR-35", LINE, "cac:OrderLineReference/cbc:LineID", 1,
     _once("Referința liniei din comandă", "The referenced purchase order line", "BT-132")),
    ("UBL-SR-36", LINE, "cac:InvoicePeriod", 1,
     _once("Perioada de facturare a liniei", "The line invoicing period", "BG-26")),
    ("UBL-SR-37", LINE, "cac:Price/cac:AllowanceCharge/cbc:Amount", 1,
     _once("Reducerea din prețul articolului", "The item price discount", "BT-147")),
    ("UBL-SR-50", LINE, "cac:Item/cbc:Description", 1,
     _once("Descrierea articolului", "The item description", "BT-154")),
    ("UBL-SR-26", PAYMENT_MEANS, "cbc:PaymentID", 1,
     _once("Referința plății", "The remittance information", "BT-83")),
    ("UBL-SR-27", PAYMENT_MEANS, "cbc:PaymentMeansCode", 1,
     _once("Codul instrumentului de plată", "The payment means code", "BT-81")),
    ("UBL-SR-28", PAYMENT_MEANS, "cac:PaymentMandate/cbc:ID", 1,
     _once("Referința mandatului de debitare directă", "The mandate reference", "BT-89")),
    ("UBL-SR-06", BILLING, "cac:InvoiceDocumentReference", 1,
     _once("Referința la factura anterioară dintr-un grup cac:BillingReference",
           "The preceding invoice reference in one cac:BillingReference", "BG-3")),
    ("UBL-SR-22", TAX_REPRESENTATIVE, "cac:Party/cac:PartyName/cbc:Name", 1,
     _once("Numele reprezentantului fiscal", "The tax representative name", "BT-62")),
    ("UBL-SR-23", TAX_REPRESENTATIVE, "cac:Party/cac:PartyTaxScheme/cbc:CompanyID", 1,
     _once("Codul de TVA al reprezentantului fiscal",
           "The tax representative VAT identifier", "BT-63")),
    ("UBL-SR-32", TAX_SUBTOTAL, "cac:TaxCategory/cbc:TaxExemptionReason", 1,
     _once("Motivul scutirii de TVA", "The VAT exemption reason text", "BT-120")),
)  # fmt: skip

for _rule_id, _context, _path, _limit, _message in _SR:
    _at_most(_rule_id, _context, _path, _limit, _message)

#: The "at most n" rules as their guard reads them: id, context, path, n.
CARDINALITIES = tuple(
    (rule_id, context, Path(path), limit) for rule_id, context, path, limit, _ in _SR
)


@_BOOK.rule(
    "UBL-SR-43",
    DOCUMENT_REFERENCE,
    Text(
        ro="Un document justificativ poate avea cod de tip (cbc:DocumentTypeCode) doar dacă "
        "este obiectul facturat (130, BT-18) sau, într-o notă de creditare, 50; eliminați "
        "codul din celelalte documente justificative.",
        en="A supporting document may carry a type code (cbc:DocumentTypeCode) only when it is "
        "the invoiced object (130, BT-18) or, in a credit note, 50; remove the code from the "
        "other supporting documents.",
    ),
)
def type_code_only_for_invoiced_object(node: etree._Element, doc: Document) -> bool:
    codes = [string_value(c) for c in children(node, _DOC_TYPE)]
    if "130" in codes or (doc.kind == "CreditNote" and "50" in codes):
        return True
    # The official test reads ``cbc:ID/@scheme`` (an attribute UBL does not have), so only
    # the absence of a type code lets the rule pass.
    has_scheme = any(i.get("scheme") is not None for i in children(node, _ID))
    return not has_scheme and not codes


_NAME = Path("cac:PartyName/cbc:Name")
_SELLER_NAME = Path(
    "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName"
)


def _payee_differs(node: etree._Element, doc: Document) -> bool:
    """``(cac:PartyName/cbc:Name) != (../cac:AccountingSupplierParty/.../RegistrationName)``:
    true when some payee name differs from some seller name (false when either is missing)."""
    parent = node.getparent()
    if parent is None:
        return False
    payee = [string_value(n) for n in _NAME.nodes(doc, node)]
    seller = [string_value(n) for n in _SELLER_NAME.nodes(doc, parent)]
    return any(p != s for p in payee for s in seller)


def _payee_rule(rule_id: str, path: str, ro: str, en: str) -> None:
    compiled = Path(path)
    schemes = path.endswith("PartyIdentification/cbc:ID")

    def check(node: etree._Element, doc: Document) -> bool:
        found = compiled.nodes(doc, node)
        if schemes:  # UBL-SR-20 counts the identifiers outside the SEPA scheme only
            found = [f for f in found if (f.get("schemeID") or "").upper() != "SEPA"]
        return len(found) <= 1 and _payee_differs(node, doc)

    _BOOK.rule(rule_id, PAYEE, Text(ro=ro, en=en))(check)


_PAYEE_TAIL_RO = (
    ", iar numele lui (BT-59) trebuie să difere de numele vânzătorului (BT-27); dacă "
    "beneficiarul este chiar vânzătorul, eliminați grupul cac:PayeeParty."
)
_PAYEE_TAIL_EN = (
    ", and its name (BT-59) must differ from the seller name (BT-27); when the payee is the "
    "seller, remove the cac:PayeeParty group."
)
_payee_rule(
    "UBL-SR-19",
    "cac:PartyName/cbc:Name",
    "Beneficiarul plății (BG-10) trebuie să aibă exact un nume" + _PAYEE_TAIL_RO,
    "The payee (BG-10) must have exactly one name" + _PAYEE_TAIL_EN,
)
_payee_rule(
    "UBL-SR-20",
    "cac:PartyIdentification/cbc:ID",
    "Beneficiarul plății (BG-10) poate avea cel mult un identificator (BT-60) în afara celui "
    "SEPA" + _PAYEE_TAIL_RO,
    "The payee (BG-10) may have at most one identifier (BT-60) besides the SEPA one"
    + _PAYEE_TAIL_EN,
)
_payee_rule(
    "UBL-SR-21",
    "cac:PartyLegalEntity/cbc:CompanyID",
    "Beneficiarul plății (BG-10) poate avea cel mult un identificator de înregistrare legală "
    "(BT-61)" + _PAYEE_TAIL_RO,
    "The payee (BG-10) may have at most one legal registration identifier (BT-61)" + _PAYEE_TAIL_EN,
)


@_BOOK.rule(
    "UBL-DT-01",
    AMOUNT,
    Text(
        ro="Suma are mai mult de două zecimale; rotunjiți-o la cel mult două (de exemplu "
        "1234.56), fără spații.",
        en="The amount has more than two decimals; round it to two at most (for example "
        "1234.56), without spaces.",
    ),
)
def two_decimals(node: etree._Element, doc: Document | None) -> bool:
    return decimals(string_value(node)) <= 2


@_BOOK.rule(
    "UBL-DT-06",
    BINARY,
    Text(
        ro="Atașamentul încorporat (BT-125) nu are atributul mimeCode; indicați tipul "
        "fișierului, de exemplu application/pdf.",
        en="The embedded attachment (BT-125) has no mimeCode attribute; give the file type, "
        "for example application/pdf.",
    ),
)
def has_mime_code(node: etree._Element, doc: Document) -> bool:
    return node.get("mimeCode") is not None


@_BOOK.rule(
    "UBL-DT-07",
    BINARY,
    Text(
        ro="Atașamentul încorporat (BT-125) nu are atributul filename; indicați numele "
        "fișierului (BT-125-2).",
        en="The embedded attachment (BT-125) has no filename attribute; give the file name "
        "(BT-125-2).",
    ),
)
def has_file_name(node: etree._Element, doc: Document) -> bool:
    return node.get("filename") is not None


@_BOOK.rule(
    "UBL-SR-07",
    BILLING,
    Text(
        ro="Referința la o factură anterioară (BG-3) nu are numărul facturii (BT-25); "
        "completați cac:InvoiceDocumentReference/cbc:ID.",
        en="The preceding invoice reference (BG-3) has no invoice number (BT-25); fill in "
        "cac:InvoiceDocumentReference/cbc:ID.",
    ),
)
def preceding_invoice_has_number(node: etree._Element, doc: Document) -> bool:
    return bool(_PRECEDING_ID.nodes(doc, node))


@_BOOK.rule(
    "UBL-SR-48",
    LINE,
    Text(
        ro="Fiecare linie trebuie să aibă exact o categorie de TVA a articolului "
        "(cac:Item/cac:ClassifiedTaxCategory, BG-30); adăugați-o sau eliminați duplicatele.",
        en="Every line must have exactly one item VAT category "
        "(cac:Item/cac:ClassifiedTaxCategory, BG-30); add it or remove the duplicates.",
    ),
    bulk=lambda lines, doc: _ITEM_VAT.exactly_one_each(doc, lines),
)
def one_item_vat_category(node: etree._Element, doc: Document) -> bool:
    return len(_ITEM_VAT.nodes(doc, node)) == 1
