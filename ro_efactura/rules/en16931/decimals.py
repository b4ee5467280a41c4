"""EN 16931 limits on decimals: amounts carry at most two decimals (BR-DEC-01 to BR-DEC-28).

As in the official artefact the test counts the characters after the first ``.`` of the raw
text, so ``"10.5 "`` passes and ``"10.50 "`` (trailing space) fails. BR-DEC-13 and BR-DEC-15
never fail in the CIUS-RO 1.0.9 artefact: their test looks for the currency code *inside* the
VAT amount element, finds nothing and is satisfied; we reproduce that verdict.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'''<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
...   xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
...   xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
...   <cac:LegalMonetaryTotal><cbc:PayableAmount>10.001</cbc:PayableAmount>
...   </cac:LegalMonetaryTotal></Invoice>'''
>>> "BR-DEC-18" in {f.rule for f in M12.run(Document(parse(xml)))}
True
"""

from __future__ import annotations

from itertools import chain

from .._core import Text, q
from ..syntax._guarded import nested, over_two_decimals
from ._contexts import (
    DOCUMENT_ALLOWANCE,
    DOCUMENT_CHARGE,
    LINE,
    LINE_ALLOWANCE,
    LINE_CHARGE,
    M12,
    MONETARY_TOTAL,
    ROOT,
    TAX_SUBTOTAL,
)
from ._xpath import decimals, kids_text, string_value

__all__ = ["AMOUNT_RULES", "TAGS_BESIDES_LINES", "amounts_two_decimals", "no_long_amount"]

#: rule id, context, element, business term, Romanian name, English name
_AMOUNTS = (
    (
        "BR-DEC-01",
        DOCUMENT_ALLOWANCE,
        "cbc:Amount",
        "BT-92",
        "Valoarea reducerii",
        "allowance amount",
    ),
    (
        "BR-DEC-02",
        DOCUMENT_ALLOWANCE,
        "cbc:BaseAmount",
        "BT-93",
        "Baza reducerii",
        "allowance base amount",
    ),
    (
        "BR-DEC-05",
        DOCUMENT_CHARGE,
        "cbc:Amount",
        "BT-99",
        "Valoarea taxei suplimentare",
        "charge amount",
    ),
    (
        "BR-DEC-06",
        DOCUMENT_CHARGE,
        "cbc:BaseAmount",
        "BT-100",
        "Baza taxei suplimentare",
        "charge base amount",
    ),
    (
        "BR-DEC-09",
        MONETARY_TOTAL,
        "cbc:LineExtensionAmount",
        "BT-106",
        "Suma valorilor nete ale liniilor",
        "sum of line net amounts",
    ),
    (
        "BR-DEC-10",
        MONETARY_TOTAL,
        "cbc:AllowanceTotalAmount",
        "BT-107",
        "Totalul reducerilor",
        "allowances total",
    ),
    (
        "BR-DEC-11",
        MONETARY_TOTAL,
        "cbc:ChargeTotalAmount",
        "BT-108",
        "Totalul taxelor suplimentare",
        "charges total",
    ),
    (
        "BR-DEC-12",
        MONETARY_TOTAL,
        "cbc:TaxExclusiveAmount",
        "BT-109",
        "Totalul fără TVA",
        "total without VAT",
    ),
    (
        "BR-DEC-14",
        MONETARY_TOTAL,
        "cbc:TaxInclusiveAmount",
        "BT-112",
        "Totalul cu TVA",
        "total with VAT",
    ),
    (
        "BR-DEC-16",
        MONETARY_TOTAL,
        "cbc:PrepaidAmount",
        "BT-113",
        "Suma plătită în avans",
        "prepaid amount",
    ),
    (
        "BR-DEC-17",
        MONETARY_TOTAL,
        "cbc:PayableRoundingAmount",
        "BT-114",
        "Rotunjirea",
        "rounding amount",
    ),
    ("BR-DEC-18", MONETARY_TOTAL, "cbc:PayableAmount", "BT-115", "Suma de plată", "amount due"),
    (
        "BR-DEC-19",
        TAX_SUBTOTAL,
        "cbc:TaxableAmount",
        "BT-116",
        "Baza de impozitare a grupei de TVA",
        "VAT group taxable amount",
    ),
    (
        "BR-DEC-20",
        TAX_SUBTOTAL,
        "cbc:TaxAmount",
        "BT-117",
        "Valoarea TVA a grupei",
        "VAT group amount",
    ),
    (
        "BR-DEC-23",
        LINE,
        "cbc:LineExtensionAmount",
        "BT-131",
        "Valoarea netă a liniei",
        "line net amount",
    ),
    (
        "BR-DEC-24",
        LINE_ALLOWANCE,
        "cbc:Amount",
        "BT-136",
        "Valoarea reducerii pe linie",
        "line allowance amount",
    ),
    (
        "BR-DEC-25",
        LINE_ALLOWANCE,
        "cbc:BaseAmount",
        "BT-137",
        "Baza reducerii pe linie",
        "line allowance base amount",
    ),
    (
        "BR-DEC-27",
        LINE_CHARGE,
        "cbc:Amount",
        "BT-141",
        "Valoarea taxei pe linie",
        "line charge amount",
    ),
    (
        "BR-DEC-28",
        LINE_CHARGE,
        "cbc:BaseAmount",
        "BT-142",
        "Baza taxei pe linie",
        "line charge base amount",
    ),
)


def amounts_two_decimals(nodes: list, doc) -> bool:
    """The bulk check shared by every rule of the table: each element of every tag the table
    names has at most two decimals, whatever its context (read once per document)."""
    return doc.memo("en16931:two-decimals", lambda: _no_long_amount(doc))


def _no_long_amount(doc) -> bool:
    return no_long_amount(list(chain.from_iterable(map(doc.elements, _TAGS))))


def no_long_amount(elements: list) -> bool:
    """No element of ``elements`` has more than two decimals."""
    if not nested(elements):  # plain texts: one search over them all, in C
        return not over_two_decimals(elements)
    for element in elements:
        text = element.text if not len(element) else string_value(element)
        if text and decimals(text) > 2:
            return False
    return True


def _two_decimals(rule_id: str, context, tag: str, bt: str, ro: str, en: str) -> None:
    path = q(tag)

    @M12.rule(
        rule_id,
        context,
        Text(
            ro=f"{ro} ({bt}) are mai mult de două zecimale. Rotunjiți valoarea la două zecimale.",
            en=f"The {en} ({bt}) has more than two decimals. Round it to two decimals.",
        ),
        bulk=amounts_two_decimals,
    )
    def at_most_two_decimals(node, doc) -> bool:
        return decimals(kids_text(doc, node, path)) <= 2


_TAGS = tuple({q(row[2]): None for row in _AMOUNTS})
#: The tags of the table but the net amount, whose lines a guard may know already.
TAGS_BESIDES_LINES = tuple(tag for tag in _TAGS if tag != q("cbc:LineExtensionAmount"))
#: The tag each two-decimal rule of the table reads, by rule id (for the pattern's guard).
AMOUNT_RULES = {rule_id: q(tag) for rule_id, _, tag, *_ in _AMOUNTS}
for _row in _AMOUNTS:
    _two_decimals(*_row)


def _unreachable(node, doc) -> bool:
    """The official test filters VAT amounts by a child they never have: always satisfied."""
    return True


M12.rule(
    "BR-DEC-13",
    ROOT,
    Text(
        ro=(
            "Totalul TVA în moneda facturii (BT-110) are mai mult de două zecimale. Rotunjiți-l la"
            " două zecimale."
        ),
        en=(
            "The VAT total in the invoice currency (BT-110) has more than two decimals. Round it "
            "to two decimals."
        ),
    ),
)(_unreachable)
M12.rule(
    "BR-DEC-15",
    ROOT,
    Text(
        ro=(
            "Totalul TVA în moneda de contabilizare (BT-111) are mai mult de două zecimale. "
            "Rotunjiți-l la două zecimale."
        ),
        en=(
            "The VAT total in the accounting currency (BT-111) has more than two decimals. Round "
            "it to two decimals."
        ),
    ),
)(_unreachable)
