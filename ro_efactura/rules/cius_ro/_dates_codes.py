"""CIUS-RO dates, codes and document-level values: BR-RO-DT001..DT006, BR-RO-020, BR-RO-040,
BR-RO-001, BR-RO-010, BR-RO-030, BR-RO-A020 and the CIUS-RO copy of BR-27.

A date passes when its element has exactly one text node of exactly ten characters and its
text is an ``xs:date``: ``2024-02-29`` passes, ``2024-2-29``, `` 2024-02-29`` and
``2024-02-29Z`` do not.

>>> from ro_efactura._xml import parse
>>> issue = parse(b'<cbc:IssueDate xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:'
...               b'CommonBasicComponents-2">2023-02-29</cbc:IssueDate>')
>>> is_date(issue, None)
False
"""

from __future__ import annotations

import re

from lxml import etree

from .._core import Document, Text, q
from ..syntax._xpath import (
    castable_as_date,
    descend,
    normalize_space,
    string_value,
    text_nodes,
    xs_double,
)
from ._pattern import BOOK, CREDIT_NOTE_TYPE, DATES, INVOICE_TYPE, PERIOD_CODE, PRICE_AMOUNT, ROOT

__all__ = ["CIUS_RO_ID", "CODES", "DATE_RULES", "is_date"]

#: The specification identifier (BT-24) CIUS-RO 1.0.9 requires, version 1.0.1 of the rules.
CIUS_RO_ID = "urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1"

_DATES = (
    ("BR-RO-DT001", "cbc:IssueDate", "BT-2, BT-26", "Data emiterii", "The issue date"),
    ("BR-RO-DT002", "cbc:TaxPointDate", "BT-7", "Data exigibilității TVA", "The VAT point date"),
    ("BR-RO-DT003", "cbc:DueDate", "BT-9", "Data scadenței", "The payment due date"),
    ("BR-RO-DT003_CN", "cbc:PaymentDueDate", "BT-9", "Data scadenței", "The payment due date"),
    ("BR-RO-DT004", "cbc:ActualDeliveryDate", "BT-72", "Data livrării efective",
     "The actual delivery date"),
    ("BR-RO-DT005", "cbc:StartDate", "BT-73, BT-134", "Data de început a perioadei",
     "The period start date"),
    ("BR-RO-DT006", "cbc:EndDate", "BT-74, BT-135", "Data de sfârșit a perioadei",
     "The period end date"),
)  # fmt: skip


def is_date(node: etree._Element, doc: Document | None) -> bool:
    """``string-length(text()) = 10 and (string(.) castable as xs:date)``."""
    texts = text_nodes(node)
    return len(texts) == 1 and len(texts[0]) == 10 and castable_as_date(string_value(node))


for _rule_id, _tag, _term, _ro, _en in _DATES:
    BOOK.rule(
        _rule_id,
        DATES[_tag],
        Text(
            ro=f"{_ro} ({_term}) nu este o dată validă de forma AAAA-LL-ZZ; scrieți-o de "
            "exemplu 2024-03-31, fără spații și fără oră.",
            en=f"{_en} ({_term}) is not a valid date of the form YYYY-MM-DD; write it like "
            "2024-03-31, without spaces or time.",
        ),
    )(is_date)


@BOOK.rule(
    "BR-27",
    PRICE_AMOUNT,
    Text(
        ro="Prețul net al articolului (BT-146) este negativ sau nu este un număr; introduceți "
        "un preț pozitiv sau zero, iar o reducere treceți-o ca deducere pe linie (BG-27).",
        en="The item net price (BT-146) is negative or not a number; enter a price of zero or "
        "more and put any discount in a line allowance (BG-27).",
    ),
    bulk=lambda nodes, doc: all(_price_ok(t) for t in {string_value(n) for n in nodes}),
)
def price_not_negative(node: etree._Element, doc: Document) -> bool:
    return _price_ok(string_value(node))


def _price_ok(text: str) -> bool:
    # ``(.) >= 0`` casts the text to xs:double; NaN and text that is not a number fail.
    value = xs_double(text)
    return value is not None and value >= 0


def _code_in(allowed: frozenset[str]):
    return lambda node, doc: normalize_space(string_value(node)) in allowed


#: rule id, context, code element, allowed codes, message.
_CODES = (
    ("BR-RO-020_1", INVOICE_TYPE, "cbc:InvoiceTypeCode", frozenset({"380", "384", "389", "751"}),
     Text(
        ro="Tipul facturii (BT-3) trebuie să fie 380 (factură), 384 (factură corectată), 389 "
        "(autofactură) sau 751 (factură în scop contabil); corectați codul.",
        en="The invoice type code (BT-3) must be 380 (invoice), 384 (corrected invoice), 389 "
        "(self-billed invoice) or 751 (invoice for accounting purposes); correct the code.",
    )),
    ("BR-RO-020_2", CREDIT_NOTE_TYPE, "cbc:CreditNoteTypeCode", frozenset({"381"}), Text(
        ro="Tipul notei de creditare (BT-3) trebuie să fie 381; corectați codul.",
        en="The credit note type code (BT-3) must be 381; correct the code.",
    )),
    ("BR-RO-040", PERIOD_CODE, "cbc:DescriptionCode", frozenset({"3", "35", "432"}), Text(
        ro="Codul datei de exigibilitate a TVA (BT-8) trebuie să fie 3 (data emiterii), 35 "
        "(data livrării) sau 432 (data plății); corectați codul.",
        en="The VAT point date code (BT-8) must be 3 (issue date), 35 (delivery date) or 432 "
        "(payment date); correct the code.",
    )),
)  # fmt: skip

for _rule_id, _context, _tag, _allowed, _text in _CODES:
    BOOK.rule(_rule_id, _context, _text)(_code_in(_allowed))

#: The code rules as their guard reads them: id, element tag (Clark), allowed codes.
CODES = tuple((rule_id, q(tag), allowed) for rule_id, _, tag, allowed, _ in _CODES)
#: The date rules as their guard reads them: id, element tag (Clark).
DATE_RULES = tuple((rule_id, q(tag)) for rule_id, tag, *_ in _DATES)

_CUSTOMIZATION = q("cbc:CustomizationID")
_ID = q("cbc:ID")
_NOTE = q("cbc:Note")
_DIGIT = re.compile("[0-9]")
_CURRENCIES = (q("cbc:TaxCurrencyCode"), q("cbc:DocumentCurrencyCode"))


@BOOK.rule(
    "BR-RO-001",
    ROOT,
    Text(
        ro=f"Identificatorul specificației (BT-24) trebuie să fie exact {CIUS_RO_ID}; "
        "corectați cbc:CustomizationID.",
        en=f"The specification identifier (BT-24) must be exactly {CIUS_RO_ID}; correct "
        "cbc:CustomizationID.",
    ),
)
def cius_ro_specification(node: etree._Element, doc: Document) -> bool:
    return any(string_value(c) == CIUS_RO_ID for c in descend(doc, node, (_CUSTOMIZATION,)))


@BOOK.rule(
    "BR-RO-010",
    ROOT,
    Text(
        ro="Numărul facturii (BT-1) trebuie să conțină cel puțin o cifră; corectați numărul.",
        en="The invoice number (BT-1) must contain at least one digit; correct the number.",
    ),
)
def number_has_digit(node: etree._Element, doc: Document) -> bool:
    numbers = [normalize_space(string_value(c)) for c in descend(doc, node, (_ID,))] or [""]
    return all(_DIGIT.search(number) for number in numbers)


@BOOK.rule(
    "BR-RO-030",
    ROOT,
    Text(
        ro="Dacă moneda facturii (BT-5) nu este RON, moneda de contabilizare a TVA (BT-6) "
        "trebuie să fie RON; adăugați cbc:TaxCurrencyCode cu valoarea RON.",
        en="When the invoice currency (BT-5) is not RON, the VAT accounting currency (BT-6) "
        "must be RON; add cbc:TaxCurrencyCode with the value RON.",
    ),
)
def ron_accounting_currency(node: etree._Element, doc: Document) -> bool:
    # Of the four official alternatives, this is what remains: one of the two codes is RON.
    codes = (c for code in _CURRENCIES for c in descend(doc, node, (code,)))
    return any(normalize_space(string_value(c)) == "RON" for c in codes)


@BOOK.rule(
    "BR-RO-A020",
    ROOT,
    Text(
        ro="Factura are mai mult de 20 de comentarii (BG-1, cbc:Note); păstrați cel mult 20.",
        en="The invoice has more than 20 notes (BG-1, cbc:Note); keep 20 at most.",
    ),
)
def at_most_twenty_notes(node: etree._Element, doc: Document) -> bool:
    return len(descend(doc, node, (_NOTE,))) <= 20
