"""EN 16931 conditions on totals and on combinations of terms (BR-CO-03 to BR-CO-26).

Sums are exact decimals rounded as the official artefact does (``round(x * 100) div 100``,
halves upwards). BR-CO-05 to BR-CO-08 are ``true()`` in the CIUS-RO 1.0.9 artefact (the reason
code and reason are never compared), so they never fail here either. BR-CO-25 applies to
invoices only: the artefact's context is ``/ubl:Invoice/.../cbc:PayableAmount``.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'''<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
...   xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
...   xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
...   <cac:LegalMonetaryTotal><cbc:LineExtensionAmount>10</cbc:LineExtensionAmount>
...   </cac:LegalMonetaryTotal></Invoice>'''
>>> "BR-CO-10" in {f.rule for f in M12.run(Document(parse(xml)))}
True
"""

from __future__ import annotations

from decimal import Decimal

from .._codes import VAT_ID_PREFIXES, as_text
from .._core import Text, q
from ._contexts import (
    DOCUMENT_ALLOWANCE,
    DOCUMENT_CHARGE,
    DOCUMENT_TAX_TOTAL,
    LINE,
    LINE_ALLOWANCE,
    LINE_CHARGE,
    LINE_PERIOD,
    M12,
    MONETARY_TOTAL,
    PAYABLE_AMOUNT,
    PERIOD,
    ROOT,
    SELLER,
    TAX_SUBTOTAL,
    VAT_PARTY_SCHEME,
)
from ._indexed import charge_flags
from ._vat_index import vat_index
from ._xpath import (
    ALLOWANCE_CHARGE,
    TAX_CATEGORY,
    exists,
    first_text,
    is_vat,
    kids,
    kids_number,
    lines,
    round2,
    string_value,
    xround,
    xs_decimal,
    xs_double,
)

__all__: list[str] = []

_AMOUNT = q("cbc:Amount")

_DUE_DATE = q("cbc:DueDate")
_NOTE = q("cbc:Note")
_PAYMENT_TERMS = q("cac:PaymentTerms")
_ALLOWANCE_CHARGE_REASON = q("cbc:AllowanceChargeReason")
_ALLOWANCE_CHARGE_REASON_CODE = q("cbc:AllowanceChargeReasonCode")
_TAX_EXCLUSIVE_AMOUNT = q("cbc:TaxExclusiveAmount")
_PAYABLE_AMOUNT = q("cbc:PayableAmount")
_TAX_INCLUSIVE_AMOUNT = q("cbc:TaxInclusiveAmount")
_PREPAID_AMOUNT = q("cbc:PrepaidAmount")
_PAYABLE_ROUNDING_AMOUNT = q("cbc:PayableRoundingAmount")
_TAX_POINT_DATE = q("cbc:TaxPointDate")
_INVOICE_PERIOD_DESCRIPTION_CODE = q("cac:InvoicePeriod/cbc:DescriptionCode")
_LEGAL_MONETARY_TOTAL = q("cac:LegalMonetaryTotal")
_DOCUMENT_CURRENCY_CODE = q("cbc:DocumentCurrencyCode")
_TAX_TOTAL = q("cac:TaxTotal")
_TAX_TOTAL_TAX_SUBTOTAL = q("cac:TaxTotal/cac:TaxSubtotal")
_ITEM = q("cac:Item")
_START_DATE = q("cbc:StartDate")
_END_DATE = q("cbc:EndDate")
_COMPANY_ID = q("cbc:CompanyID")
_PARTY_PARTY_TAX_SCHEME = q("cac:Party/cac:PartyTaxScheme")
_PARTY_IDENTIFICATION_ID = q("cac:Party/cac:PartyIdentification/cbc:ID")
_PARTY_LEGAL_ENTITY_COMPANY_ID = q("cac:Party/cac:PartyLegalEntity/cbc:CompanyID")
_TAX_SUBTOTAL = q("cac:TaxSubtotal")
_LINE_AMOUNT = q("cbc:LineExtensionAmount")
_TAX_AMOUNT = q("cbc:TaxAmount")
_TAXABLE = q("cbc:TaxableAmount")
_PERCENT = q("cbc:Percent")
_ALLOWANCE_TOTAL = q("cbc:AllowanceTotalAmount")
_CHARGE_TOTAL = q("cbc:ChargeTotalAmount")
_VAT_PREFIXES_TEXT = as_text(VAT_ID_PREFIXES)
_ZERO = Decimal(0)


def _sum(values) -> Decimal:
    return sum((v for v in values if v is not None), _ZERO)


def _eq(left: Decimal | None, right: Decimal | None) -> bool:
    return left is not None and right is not None and left == right


@M12.rule(
    "BR-CO-25",
    PAYABLE_AMOUNT,
    Text(
        ro=(
            "Suma de plată (BT-115) este pozitivă, dar lipsesc atât data scadenței (BT-9), cât și "
            "termenii de plată (BT-20). Completați unul dintre ele."
        ),
        en=(
            "The amount due (BT-115) is positive but neither the due date (BT-9) nor the payment "
            "terms (BT-20) are given. Fill in one of them."
        ),
    ),
)
def due_date_or_terms(node, doc) -> bool:
    amount = xs_double(string_value(node))
    if amount is None or amount != amount:  # not a number: neither > 0 nor <= 0
        return False
    return amount <= 0 or bool(
        doc.elements(_DUE_DATE)
        or any(exists(terms, _NOTE) for terms in doc.elements(_PAYMENT_TERMS))
    )


def _always(node, doc) -> bool:
    """The official test is ``true()``: nothing to check."""
    return True


def _reason(node, doc) -> bool:
    return exists(node, _ALLOWANCE_CHARGE_REASON) or exists(node, _ALLOWANCE_CHARGE_REASON_CODE)


for _rule_id, _context, _ro, _en, _bt in (
    ("BR-CO-05", DOCUMENT_ALLOWANCE, "reducerii", "allowance", "BT-97, BT-98"),
    ("BR-CO-06", DOCUMENT_CHARGE, "taxei suplimentare", "charge", "BT-104, BT-105"),
    ("BR-CO-07", LINE_ALLOWANCE, "reducerii pe linie", "line allowance", "BT-139, BT-140"),
    ("BR-CO-08", LINE_CHARGE, "taxei pe linie", "line charge", "BT-144, BT-145"),
):
    M12.rule(
        _rule_id,
        _context,
        Text(
            ro=(
                f"Codul motivului {_ro} nu corespunde textului motivului ({_bt}). Folosiți același"
                f" motiv în ambele."
            ),
            en=(
                f"The {_en} reason code does not match the reason text ({_bt}). Use the same "
                f"reason in both."
            ),
        ),
    )(_always)

for _rule_id, _context, _ro, _en, _bt in (
    (
        "BR-CO-21",
        DOCUMENT_ALLOWANCE,
        "O reducere la nivel de document",
        "A document level allowance",
        "BT-97, BT-98",
    ),
    (
        "BR-CO-22",
        DOCUMENT_CHARGE,
        "O taxă suplimentară la nivel de document",
        "A document level charge",
        "BT-104, BT-105",
    ),
    ("BR-CO-23", LINE_ALLOWANCE, "O reducere pe linie", "A line allowance", "BT-139, BT-140"),
    ("BR-CO-24", LINE_CHARGE, "O taxă suplimentară pe linie", "A line charge", "BT-144, BT-145"),
):
    M12.rule(
        _rule_id,
        _context,
        Text(
            ro=f"{_ro} nu are nici motiv, nici cod de motiv ({_bt}). Completați cel puțin unul.",
            en=f"{_en} has neither a reason nor a reason code ({_bt}). Fill in at least one.",
        ),
    )(_reason)


def _lines_total(doc) -> Decimal:
    return doc.memo(
        "co-lines", lambda: _sum(kids_number(doc, line, _LINE_AMOUNT) for line in lines(doc))
    )


@M12.rule(
    "BR-CO-10",
    MONETARY_TOTAL,
    Text(
        ro=(
            "Suma valorilor nete ale liniilor (BT-106) nu este egală cu totalul valorilor nete ale"
            " liniilor (BT-131). Recalculați suma."
        ),
        en=(
            "The sum of line net amounts (BT-106) does not equal the total of the lines' net "
            "amounts (BT-131). Recalculate it."
        ),
    ),
)
def lines_total_matches(node, doc) -> bool:
    return _eq(kids_number(doc, node, _LINE_AMOUNT), round2(_lines_total(doc)))


def _adjustments(doc, node, flag: bool) -> list:
    index = 1 if flag else 0
    return [
        ac
        for ac in kids(doc, node.getparent()).get(ALLOWANCE_CHARGE, ())
        if charge_flags(doc, ac)[index]
    ]


def _adjustment_total(rule_id: str, path: str, flag: bool, ro: str, en: str) -> None:
    @M12.rule(rule_id, MONETARY_TOTAL, Text(ro=ro, en=en))
    def adjustment_total(node, doc) -> bool:
        items = _adjustments(doc, node, flag)
        if not items and path not in kids(doc, node):
            return True
        amounts = (kids_number(doc, ac, _AMOUNT) for ac in items)
        return _eq(kids_number(doc, node, path), round2(_sum(amounts)))


_adjustment_total(
    "BR-CO-11",
    _ALLOWANCE_TOTAL,
    False,
    ro=(
        "Totalul reducerilor (BT-107) nu este egal cu suma reducerilor la nivel de document "
        "(BT-92). Recalculați totalul."
    ),
    en=(
        "The allowances total (BT-107) does not equal the sum of document level allowances "
        "(BT-92). Recalculate it."
    ),
)
_adjustment_total(
    "BR-CO-12",
    _CHARGE_TOTAL,
    True,
    ro=(
        "Totalul taxelor suplimentare (BT-108) nu este egal cu suma taxelor la nivel de document "
        "(BT-99). Recalculați totalul."
    ),
    en=(
        "The charges total (BT-108) does not equal the sum of document level charges (BT-99). "
        "Recalculate it."
    ),
)


@M12.rule(
    "BR-CO-13",
    MONETARY_TOTAL,
    Text(
        ro=(
            "Totalul fără TVA (BT-109) nu este egal cu suma liniilor (BT-106) minus reducerile "
            "(BT-107) plus taxele suplimentare (BT-108). Recalculați totalul."
        ),
        en=(
            "The total without VAT (BT-109) does not equal the line total (BT-106) minus "
            "allowances (BT-107) plus charges (BT-108). Recalculate it."
        ),
    ),
)
def tax_exclusive_total(node, doc) -> bool:
    children = kids(doc, node)
    total = kids_number(doc, node, _TAX_EXCLUSIVE_AMOUNT)
    lines_sum = kids_number(doc, node, _LINE_AMOUNT)
    has_charges, has_allowances = _CHARGE_TOTAL in children, _ALLOWANCE_TOTAL in children
    if not has_charges and not has_allowances:
        return _eq(total, lines_sum)
    charges = kids_number(doc, node, _CHARGE_TOTAL) if has_charges else _ZERO
    allowances = kids_number(doc, node, _ALLOWANCE_TOTAL) if has_allowances else _ZERO
    if lines_sum is None or charges is None or allowances is None:
        return False
    return _eq(total, round2(lines_sum + charges - allowances))


@M12.rule(
    "BR-CO-16",
    MONETARY_TOTAL,
    Text(
        ro=(
            "Suma de plată (BT-115) nu este egală cu totalul cu TVA (BT-112) minus avansurile "
            "(BT-113) plus rotunjirea (BT-114). Recalculați suma de plată."
        ),
        en=(
            "The amount due (BT-115) does not equal the total with VAT (BT-112) minus prepaid "
            "(BT-113) plus rounding (BT-114). Recalculate it."
        ),
    ),
)
def amount_due(node, doc) -> bool:
    children = kids(doc, node)
    payable = kids_number(doc, node, _PAYABLE_AMOUNT)
    inclusive = kids_number(doc, node, _TAX_INCLUSIVE_AMOUNT)
    has_prepaid, has_rounding = _PREPAID_AMOUNT in children, _PAYABLE_ROUNDING_AMOUNT in children
    expected = inclusive
    if has_prepaid:
        prepaid = kids_number(doc, node, _PREPAID_AMOUNT)
        expected = None if inclusive is None or prepaid is None else round2(inclusive - prepaid)
    if has_rounding:
        rounding = kids_number(doc, node, _PAYABLE_ROUNDING_AMOUNT)
        payable = None if payable is None or rounding is None else round2(payable - rounding)
    return _eq(payable, expected)


@M12.rule(
    "BR-CO-03",
    ROOT,
    Text(
        ro=(
            "Factura are atât data exigibilității TVA (BT-7), cât și codul acesteia (BT-8). "
            "Păstrați doar unul dintre ele."
        ),
        en=(
            "The invoice has both a VAT point date (BT-7) and a VAT point date code (BT-8). Keep "
            "only one of them."
        ),
    ),
)
def tax_point_date_or_code(node, doc) -> bool:
    return not (exists(node, _TAX_POINT_DATE) and exists(node, _INVOICE_PERIOD_DESCRIPTION_CODE))


@M12.rule(
    "BR-CO-15",
    ROOT,
    Text(
        ro=(
            "Totalul cu TVA (BT-112) nu este egal cu totalul fără TVA (BT-109) plus TVA-ul în "
            "moneda facturii (BT-110), sau acesta lipsește ori apare de mai multe ori. Recalculați"
            " totalurile."
        ),
        en=(
            "The total with VAT (BT-112) does not equal the total without VAT (BT-109) plus the "
            "VAT in the invoice currency (BT-110), or that VAT is missing or repeated. Recalculate"
            " the totals."
        ),
    ),
)
def tax_inclusive_total(node, doc) -> bool:
    children = kids(doc, node)
    totals = children.get(_LEGAL_MONETARY_TOTAL, [None])[0]
    for currency in children.get(_DOCUMENT_CURRENCY_CODE, ()):
        code = string_value(currency)
        amounts = [
            amount
            for tax_total in children.get(_TAX_TOTAL, ())
            for amount in kids(doc, tax_total).get(_TAX_AMOUNT, ())
            if amount.get("currencyID") == code
        ]
        if len(amounts) != 1 or totals is None:
            return False
        exclusive, vat = (
            kids_number(doc, totals, _TAX_EXCLUSIVE_AMOUNT),
            xs_decimal(string_value(amounts[0])),
        )
        if exclusive is None or vat is None:
            return False
        if not _eq(kids_number(doc, totals, _TAX_INCLUSIVE_AMOUNT), round2(exclusive + vat)):
            return False
    return True


@M12.rule(
    "BR-CO-18",
    ROOT,
    Text(
        ro=(
            "Factura nu are defalcarea TVA (BG-23). Adăugați cel puțin o grupă de TVA pe categorie"
            " și cotă."
        ),
        en=(
            "The invoice has no VAT breakdown (BG-23). Add at least one VAT group per category and"
            " rate."
        ),
    ),
)
def has_vat_breakdown(node, doc) -> bool:
    return exists(node, _TAX_TOTAL_TAX_SUBTOTAL)


@M12.rule(
    "BR-CO-04",
    LINE,
    Text(
        ro=(
            "O linie a facturii nu are categoria de TVA a articolului (BT-151). Indicați "
            "categoria, de exemplu S."
        ),
        en="An invoice line has no item VAT category (BT-151). State the category, for example S.",
    ),
)
def line_has_vat_category(node, doc) -> bool:
    return node in vat_index(doc).vat_lines


@M12.rule(
    "BR-CO-20",
    LINE_PERIOD,
    Text(
        ro=(
            "Perioada de facturare a liniei (BG-26) nu are nici data de început (BT-134), nici cea"
            " de sfârșit (BT-135). Completați cel puțin una."
        ),
        en=(
            "The line invoicing period (BG-26) has neither a start (BT-134) nor an end date "
            "(BT-135). Fill in at least one."
        ),
    ),
)
def line_period_has_date(node, doc) -> bool:
    return exists(node, _START_DATE) or exists(node, _END_DATE)


@M12.rule(
    "BR-CO-19",
    PERIOD,
    Text(
        ro=(
            "Perioada de facturare (BG-14) nu are dată de început (BT-73), dată de sfârșit (BT-74)"
            " sau cod (BT-8). Completați cel puțin una."
        ),
        en=(
            "The invoicing period (BG-14) has no start date (BT-73), end date (BT-74) or code "
            "(BT-8). Fill in at least one."
        ),
    ),
)
def period_has_date(node, doc) -> bool:
    return any(
        exists(node, q(tag)) for tag in ("cbc:StartDate", "cbc:EndDate", "cbc:DescriptionCode")
    )


@M12.rule(
    "BR-CO-26",
    SELLER,
    Text(
        ro=(
            "Vânzătorul nu are niciun identificator: cod de TVA (BT-31), identificator (BT-29) sau"
            " cod de înregistrare (BT-30). Completați cel puțin unul."
        ),
        en=(
            "The seller has no identifier: VAT identifier (BT-31), seller identifier (BT-29) or "
            "legal registration (BT-30). Fill in at least one."
        ),
    ),
)
def seller_identified(node, doc) -> bool:
    return (
        any(
            is_vat(scheme) and exists(scheme, _COMPANY_ID)
            for scheme in node.iterfind(_PARTY_PARTY_TAX_SCHEME)
        )
        or exists(node, _PARTY_IDENTIFICATION_ID)
        or exists(node, _PARTY_LEGAL_ENTITY_COMPANY_ID)
    )


@M12.rule(
    "BR-CO-14",
    DOCUMENT_TAX_TOTAL,
    Text(
        ro=(
            "Totalul TVA (BT-110) nu este egal cu suma valorilor TVA din defalcare (BT-117). "
            "Recalculați totalul TVA."
        ),
        en=(
            "The VAT total (BT-110) does not equal the sum of the breakdown VAT amounts (BT-117). "
            "Recalculate the VAT total."
        ),
    ),
)
def vat_total_matches_breakdown(node, doc) -> bool:
    subtotals = kids(doc, node).get(_TAX_SUBTOTAL)
    if not subtotals:
        return True
    amounts = (kids_number(doc, subtotal, _TAX_AMOUNT) for subtotal in subtotals)
    return _eq(kids_number(doc, node, _TAX_AMOUNT), round2(_sum(amounts)))


@M12.rule(
    "BR-CO-17",
    TAX_SUBTOTAL,
    Text(
        ro=(
            "TVA-ul unei grupe (BT-117) nu corespunde bazei de impozitare (BT-116) înmulțite cu "
            "cota (BT-119), nici cu toleranța de o unitate. Recalculați TVA-ul grupei."
        ),
        en=(
            "A group's VAT (BT-117) does not match its taxable amount (BT-116) times its rate "
            "(BT-119), even within one unit. Recalculate the group's VAT."
        ),
    ),
)
def breakdown_vat_amount(node, doc) -> bool:
    tax = kids_number(doc, node, _TAX_AMOUNT)
    if tax is None:
        return False
    rates = [
        kids_number(doc, category, _PERCENT)
        for category in kids(doc, node).get(TAX_CATEGORY, ())
        if _PERCENT in kids(doc, category) and is_vat(category)
    ]
    if not rates:
        return xround(tax) == 0
    rate = rates[0]
    if rate is None:
        return False
    if xround(rate) == 0:
        return xround(tax) == 0
    taxable = kids_number(doc, node, _TAXABLE)
    if taxable is None:
        return False
    expected = round2(abs(taxable) * (rate / 100))
    return abs(tax) - 1 < expected < abs(tax) + 1


@M12.rule(
    "BR-CO-09",
    VAT_PARTY_SCHEME,
    Text(
        ro=(
            "Codul de TVA (BT-31, BT-48, BT-63) nu începe cu prefixul unei țări, de exemplu RO. "
            "Adăugați prefixul țării în fața codului."
        ),
        en=(
            "The VAT identifier (BT-31, BT-48, BT-63) does not start with a country prefix such as"
            " RO. Put the country prefix in front of it."
        ),
    ),
)
def vat_id_has_prefix(node, doc) -> bool:
    return (first_text(node, _COMPANY_ID) or "")[:2] in _VAT_PREFIXES_TEXT
