"""EN 16931 rules on sums and amounts: BR-CO-10 to BR-CO-17 and BR-CO-25.

Sums are exact decimals rounded as the official artefact does (``round(x * 100) div 100``,
halves towards positive infinity). BR-CO-25 applies to invoices only: the CIUS-RO 1.0.9
artefact's context is ``/ubl:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount``.

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

from .._core import Text, q
from ._breakdown import category, group, number
from ._contexts import (
    DOCUMENT_TAX_TOTAL,
    M12,
    MONETARY_TOTAL,
    PAYABLE_AMOUNT,
    ROOT,
    TAX_SUBTOTAL,
)
from ._indexed import charge_flags
from ._vat_index import vat_index
from ._xpath import (
    ALLOWANCE_CHARGE,
    CREDIT_NOTE_LINE,
    INVOICE_LINE,
    exists,
    first_numbers,
    kids,
    kids_number,
    lines,
    path_under,
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
_TAX_EXCLUSIVE_AMOUNT = q("cbc:TaxExclusiveAmount")
_PAYABLE_AMOUNT = q("cbc:PayableAmount")
_TAX_INCLUSIVE_AMOUNT = q("cbc:TaxInclusiveAmount")
_PREPAID_AMOUNT = q("cbc:PrepaidAmount")
_PAYABLE_ROUNDING_AMOUNT = q("cbc:PayableRoundingAmount")
_LEGAL_MONETARY_TOTAL = q("cac:LegalMonetaryTotal")
_DOCUMENT_CURRENCY_CODE = q("cbc:DocumentCurrencyCode")
_TAX_TOTAL = q("cac:TaxTotal")
_TAX_SUBTOTAL = q("cac:TaxSubtotal")
_LINE_AMOUNT = q("cbc:LineExtensionAmount")
_TAX_AMOUNT = q("cbc:TaxAmount")
_TAXABLE = q("cbc:TaxableAmount")
_PERCENT = q("cbc:Percent")
_ALLOWANCE_TOTAL = q("cbc:AllowanceTotalAmount")
_CHARGE_TOTAL = q("cbc:ChargeTotalAmount")
_LINES = (INVOICE_LINE, CREDIT_NOTE_LINE)
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


def _lines_total(doc) -> Decimal:
    def total() -> Decimal:
        regular = vat_index(doc).regular
        if regular is not None:  # every line's one amount, already summed by kind of line
            return _sum(regular.totals.values())
        amounts = first_numbers(doc, _LINE_AMOUNT, _LINES)
        return _sum(amounts.get(line) for line in lines(doc))

    return doc.memo("en16931:line-total", total)


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
        for ac in path_under(doc, node.getparent(), (ALLOWANCE_CHARGE,))
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
    totals = next(iter(path_under(doc, node, (_LEGAL_MONETARY_TOTAL,))), None)
    for currency in path_under(doc, node, (_DOCUMENT_CURRENCY_CODE,)):
        code = string_value(currency)
        amounts = [
            amount
            for amount in path_under(doc, node, (_TAX_TOTAL, _TAX_AMOUNT))
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
    amounts = (_first_number(doc, group(doc, subtotal).tax) for subtotal in subtotals)
    return _eq(kids_number(doc, node, _TAX_AMOUNT), round2(_sum(amounts)))


def _first_number(doc, texts: tuple[str, ...]) -> Decimal | None:
    return number(doc, texts[0]) if texts else None


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
    facts = group(doc, node)
    tax = _first_number(doc, facts.tax)
    if tax is None:
        return False
    categories = (category(doc, element) for element in facts.categories)
    rates = [number(doc, c.percents[0]) for c in categories if c.percents and c.vat]
    if not rates:
        return xround(tax) == 0
    rate = rates[0]
    if rate is None:
        return False
    if xround(rate) == 0:
        return xround(tax) == 0
    taxable = _first_number(doc, facts.taxable)
    if taxable is None:
        return False
    expected = round2(abs(taxable) * (rate / 100))
    return abs(tax) - 1 < expected < abs(tax) + 1
