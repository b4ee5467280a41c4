"""CIUS-RO amounts with at most two decimals (BR-DEC-RO-*).

The official test is ``string-length(substring-after(amount, '.')) <= 2`` on the raw text, so
``10.5`` and ``10`` pass while ``10.505`` and ``10.50 `` (a trailing blank) fail. A missing
amount passes.

>>> from ro_efactura.rules.syntax._xpath import decimals
>>> decimals("10.50"), decimals("10"), decimals("1.2.3")
(2, 0, 3)
"""

from __future__ import annotations

from lxml import etree

from .._core import Document, Text, q
from ..syntax._root import children
from ..syntax._xpath import Path, decimals, string_value
from ._pattern import (
    ALLOWANCE,
    BOOK,
    CHARGE,
    LINE_AGAIN,
    LINE_ALLOWANCE,
    LINE_CHARGE,
    MONETARY_TOTAL,
    ROOT_AGAIN,
    TAX_SUBTOTAL,
)

__all__ = ["AMOUNTS"]

#: rule id, context, amount element below the context node, business term, Romanian and
#: English names of the amount.
AMOUNTS = (
    ("BR-DEC-RO-01", ALLOWANCE, "cbc:Amount", "BT-92",
     "Valoarea deducerii la nivelul documentului", "The document level allowance amount"),
    ("BR-DEC-RO-02", ALLOWANCE, "cbc:BaseAmount", "BT-93",
     "Baza de calcul a deducerii la nivelul documentului",
     "The document level allowance base amount"),
    ("BR-DEC-RO-05", CHARGE, "cbc:Amount", "BT-99",
     "Valoarea taxei suplimentare la nivelul documentului", "The document level charge amount"),
    ("BR-DEC-RO-06", CHARGE, "cbc:BaseAmount", "BT-100",
     "Baza de calcul a taxei suplimentare la nivelul documentului",
     "The document level charge base amount"),
    ("BR-DEC-RO-09", MONETARY_TOTAL, "cbc:LineExtensionAmount", "BT-106",
     "Suma valorilor nete ale liniilor", "The sum of invoice line net amounts"),
    ("BR-DEC-RO-10", MONETARY_TOTAL, "cbc:AllowanceTotalAmount", "BT-107",
     "Suma deducerilor la nivelul documentului", "The sum of allowances on document level"),
    ("BR-DEC-RO-11", MONETARY_TOTAL, "cbc:ChargeTotalAmount", "BT-108",
     "Suma taxelor suplimentare la nivelul documentului",
     "The sum of charges on document level"),
    ("BR-DEC-RO-12", MONETARY_TOTAL, "cbc:TaxExclusiveAmount", "BT-109",
     "Totalul facturii fără TVA", "The invoice total amount without VAT"),
    ("BR-DEC-RO-14", MONETARY_TOTAL, "cbc:TaxInclusiveAmount", "BT-112",
     "Totalul facturii cu TVA", "The invoice total amount with VAT"),
    ("BR-DEC-RO-16", MONETARY_TOTAL, "cbc:PrepaidAmount", "BT-113",
     "Suma plătită în avans", "The paid amount"),
    ("BR-DEC-RO-17", MONETARY_TOTAL, "cbc:PayableRoundingAmount", "BT-114",
     "Valoarea de rotunjire", "The rounding amount"),
    ("BR-DEC-RO-18", MONETARY_TOTAL, "cbc:PayableAmount", "BT-115",
     "Suma de plată", "The amount due for payment"),
    ("BR-DEC-RO-1009", TAX_SUBTOTAL, "cbc:TaxableAmount", "BT-116",
     "Baza de calcul a categoriei de TVA", "The VAT category taxable amount"),
    ("BR-DEC-RO-1010", TAX_SUBTOTAL, "cbc:TaxAmount", "BT-117",
     "Valoarea TVA a categoriei", "The VAT category tax amount"),
    # Never fires: the first line context takes every line (see _pattern).
    ("BR-DEC-RO-23", LINE_AGAIN, "cbc:LineExtensionAmount", "BT-131",
     "Valoarea netă a liniei", "The invoice line net amount"),
    ("BR-DEC-RO-24", LINE_ALLOWANCE, "cbc:Amount", "BT-136",
     "Valoarea deducerii pe linie", "The invoice line allowance amount"),
    ("BR-DEC-RO-25", LINE_ALLOWANCE, "cbc:BaseAmount", "BT-137",
     "Baza de calcul a deducerii pe linie", "The invoice line allowance base amount"),
    ("BR-DEC-RO-27", LINE_CHARGE, "cbc:Amount", "BT-141",
     "Valoarea taxei suplimentare pe linie", "The invoice line charge amount"),
    ("BR-DEC-RO-28", LINE_CHARGE, "cbc:BaseAmount", "BT-142",
     "Baza de calcul a taxei suplimentare pe linie", "The invoice line charge base amount"),
)  # fmt: skip


def _message(term: str, ro: str, en: str) -> Text:
    return Text(
        ro=f"{ro} ({term}) are mai mult de două zecimale; rotunjiți valoarea la cel mult două "
        "zecimale, fără spații.",
        en=f"{en} ({term}) has more than two decimals; round it to two decimals at most, "
        "without spaces.",
    )


def _check(path: str):
    compiled = Path(path)
    return lambda node, doc: all(decimals(string_value(n)) <= 2 for n in compiled.nodes(doc, node))


for _rule_id, _context, _path, _term, _ro, _en in AMOUNTS:
    BOOK.rule(_rule_id, _context, _message(_term, _ro, _en))(_check(_path))


_TAX_AMOUNTS = Path("cac:TaxTotal/cbc:TaxAmount")


def _vat_total_decimals(code_tag: str):
    """BR-DEC-RO-13/15 as written: ``//cac:TaxTotal/cbc:TaxAmount[@currencyID = code]``.

    Inside the predicate the currency code is read *below the TaxAmount*, where UBL has none,
    so nothing is selected and the rule holds; it can only fail for a TaxAmount holding such a
    child. (Its context, moreover, only matches an element named cac:CreditNote.)
    """
    code = q(code_tag)

    def check(node: etree._Element, doc: Document) -> bool:
        chosen = [
            amount
            for amount in _TAX_AMOUNTS.everywhere(doc)
            if amount.get("currencyID") in {string_value(c) for c in children(amount, code)}
        ]
        return all(decimals(string_value(amount)) <= 2 for amount in chosen)

    return check


BOOK.rule(
    "BR-DEC-RO-13",
    ROOT_AGAIN,
    _message("BT-110", "Totalul TVA al facturii", "The invoice total VAT amount"),
)(_vat_total_decimals("cbc:DocumentCurrencyCode"))
BOOK.rule(
    "BR-DEC-RO-15",
    ROOT_AGAIN,
    _message(
        "BT-111",
        "Totalul TVA în moneda de contabilizare",
        "The invoice total VAT amount in accounting currency",
    ),
)(_vat_total_decimals("cbc:TaxCurrencyCode"))
