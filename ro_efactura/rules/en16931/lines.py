"""EN 16931 rules on invoice lines, their allowances and charges, items and periods.

Covers BR-21 to BR-26, BR-28 to BR-30, BR-41 to BR-44, BR-54, BR-64 and BR-65 as the CIUS-RO
1.0.9 artefact tests them. BR-29 (invoicing period) applies to the document's periods only: a
line's period meets BR-30 first and, as in the official artefact, is not checked again.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'''<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
...   xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
...   xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
...   <cac:InvoicePeriod><cbc:StartDate>2024-02-01</cbc:StartDate>
...   <cbc:EndDate>2024-01-31</cbc:EndDate></cac:InvoicePeriod></Invoice>'''
>>> "BR-29" in {f.rule for f in M12.run(Document(parse(xml)))}
True
"""

from __future__ import annotations

import functools
from datetime import date
from itertools import compress, repeat
from operator import itemgetter

from lxml import etree

from .._core import Text, q
from ..syntax._guarded import PARENT, TAG, TEXT
from ._contexts import (
    ITEM_CLASSIFICATION,
    ITEM_PROPERTY,
    ITEM_STANDARD_ID,
    LINE,
    LINE_ALLOWANCE,
    LINE_CHARGE,
    LINE_PERIOD,
    M12,
    PERIOD,
)
from ._xpath import (
    ID,
    LINE_TAGS,
    exists,
    first_text,
    kids,
    string_value,
    under,
    xs_date,
    xs_double,
)

__all__: list[str] = []

_START = q("cbc:StartDate")

_INVOICED_QUANTITY = q("cbc:InvoicedQuantity")
_CREDITED_QUANTITY = q("cbc:CreditedQuantity")
_LINE_EXTENSION_AMOUNT = q("cbc:LineExtensionAmount")
_ITEM = q("cac:Item")
_PRICE = q("cac:Price")
_PRICE_AMOUNT = q("cbc:PriceAmount")
_ALLOWANCE_CHARGE = q("cac:AllowanceCharge")
_BASE_AMOUNT = q("cbc:BaseAmount")
_AMOUNT = q("cbc:Amount")
_ALLOWANCE_CHARGE_REASON = q("cbc:AllowanceChargeReason")
_ALLOWANCE_CHARGE_REASON_CODE = q("cbc:AllowanceChargeReasonCode")
_NAME = q("cbc:Name")
_VALUE = q("cbc:Value")
_END = q("cbc:EndDate")
_FIRST = itemgetter(0)
_GET = etree._Element.get


# The bulk checks of the line presence rules read the document's tag index column by column
# (each element's parent, tag and text, mapped in C) instead of visiting every line's
# children; when the usual shape is not there they fall back to a loop or say nothing.


def _ids_filled(lines: list, doc) -> bool:
    """BR-21 for every line; the usual line starts with its filled-in cbc:ID."""
    try:
        firsts = list(map(_FIRST, lines))
    except IndexError:  # an empty line
        return False
    if set(map(TAG, firsts)) <= {ID} and all(map(TEXT, firsts)):
        return True
    for line, first in zip(lines, firsts, strict=True):
        if not (first.tag == ID and first.text) and not line_has_id(line, doc):
            return False
    return True


def _quantities(lines: list, doc, *, unit: bool = False) -> bool:
    """BR-22 (or BR-23 with ``unit``) for every line."""
    quantities = doc.elements(_INVOICED_QUANTITY) + doc.elements(_CREDITED_QUANTITY)
    if unit and None in map(_GET, quantities, repeat("unitCode")):
        quantities = [q for q in quantities if q.get("unitCode") is not None]
    return set(map(PARENT, quantities)).issuperset(lines)


def _amounts(lines: list, doc) -> bool:
    """BR-24 for every line."""
    return set(map(PARENT, doc.elements(_LINE_EXTENSION_AMOUNT))).issuperset(lines)


def _names(lines: list, doc) -> bool:
    """BR-25 for every line: a line is named by an item name with a text of its own."""
    names = doc.elements(_NAME)
    holders = list(map(PARENT, names))
    on_item = list(map(_ITEM.__eq__, map(TAG, holders)))
    named = compress(compress(holders, on_item), map(TEXT, compress(names, on_item)))
    return set(map(PARENT, named)).issuperset(lines)


def _prices(lines: list, doc) -> bool:
    """BR-26 for every line."""
    holders = list(map(PARENT, doc.elements(_PRICE_AMOUNT)))
    prices = compress(holders, map(_PRICE.__eq__, map(TAG, holders)))
    return set(map(PARENT, prices)).issuperset(lines)


def _gross_prices(doc) -> dict:
    """``{line: [string values of its cac:Price/cac:AllowanceCharge/cbc:BaseAmount]}``,
    climbing from each base amount once per document."""

    def climb() -> dict:
        found: dict = {}
        for base in doc.under_parent(_BASE_AMOUNT, _ALLOWANCE_CHARGE):
            price = base.getparent().getparent()
            if price is not None and price.tag == _PRICE:
                line = price.getparent()
                if line is not None and line.tag in LINE_TAGS:
                    found.setdefault(line, []).append(string_value(base))
        return found

    return doc.memo("en16931:gross-prices", climb)


def _no_gross_price(lines: list, doc) -> bool:
    """BR-28 holds when no line has a gross price."""
    return not _gross_prices(doc)


@M12.rule(
    "BR-21",
    LINE,
    Text(
        ro="O linie a facturii nu are identificator (BT-126). Numerotați linia.",
        en="An invoice line has no identifier (BT-126). Number the line.",
    ),
    bulk=_ids_filled,
)
def line_has_id(node, doc) -> bool:
    return any(string_value(found) != "" for found in kids(doc, node).get(ID, ()))


@M12.rule(
    "BR-22",
    LINE,
    Text(
        ro="O linie a facturii nu are cantitatea facturată (BT-129). Completați cantitatea.",
        en="An invoice line has no invoiced quantity (BT-129). Fill in the quantity.",
    ),
    bulk=_quantities,
)
def line_has_quantity(node, doc) -> bool:
    children = kids(doc, node)
    return _INVOICED_QUANTITY in children or _CREDITED_QUANTITY in children


@M12.rule(
    "BR-23",
    LINE,
    Text(
        ro=(
            "Cantitatea unei linii nu are unitatea de măsură (BT-130). Completați atributul "
            "unitCode, de exemplu H87 sau C62."
        ),
        en=(
            "A line quantity has no unit of measure (BT-130). Fill in the unitCode attribute, for "
            "example H87 or C62."
        ),
    ),
    bulk=functools.partial(_quantities, unit=True),
)
def line_quantity_has_unit(node, doc) -> bool:
    children = kids(doc, node)
    return any(
        quantity.get("unitCode") is not None
        for tag in (_INVOICED_QUANTITY, _CREDITED_QUANTITY)
        for quantity in children.get(tag, ())
    )


@M12.rule(
    "BR-24",
    LINE,
    Text(
        ro="O linie a facturii nu are valoarea netă (BT-131). Completați valoarea netă a liniei.",
        en="An invoice line has no net amount (BT-131). Fill in the line's net amount.",
    ),
    bulk=_amounts,
)
def line_has_amount(node, doc) -> bool:
    return _LINE_EXTENSION_AMOUNT in kids(doc, node)


@M12.rule(
    "BR-25",
    LINE,
    Text(
        ro=(
            "Articolul unei linii nu are denumire (BT-153). Completați numele produsului sau "
            "serviciului."
        ),
        en="A line item has no name (BT-153). Fill in the product or service name.",
    ),
    bulk=_names,
)
def item_has_name(node, doc) -> bool:
    return any(string_value(name) != "" for name in under(doc, node, (_ITEM, _NAME)))


@M12.rule(
    "BR-26",
    LINE,
    Text(
        ro=(
            "O linie a facturii nu are prețul net al articolului (BT-146). Completați prețul "
            "unitar."
        ),
        en="An invoice line has no item net price (BT-146). Fill in the unit price.",
    ),
    bulk=_prices,
)
def line_has_price(node, doc) -> bool:
    return bool(under(doc, node, (_PRICE, _PRICE_AMOUNT)))


@M12.rule(
    "BR-28",
    LINE,
    Text(
        ro=(
            "Prețul brut al articolului (BT-148) este negativ. Indicați un preț brut pozitiv sau "
            "zero."
        ),
        en="The item gross price (BT-148) is negative. Give a gross price of zero or more.",
    ),
    bulk=_no_gross_price,
)
def gross_price_not_negative(node, doc) -> bool:
    prices = _gross_prices(doc).get(node)
    if not prices:
        return True
    values = [xs_double(price) for price in prices]
    return any(value is not None and value >= 0 for value in values)


def _line_adjustment(rule_id: str, context, ro: str, en: str, check) -> None:
    M12.rule(rule_id, context, Text(ro=ro, en=en))(check)


def _has_amount(node, doc) -> bool:
    return exists(node, _AMOUNT)


def _has_reason(node, doc) -> bool:
    return exists(node, _ALLOWANCE_CHARGE_REASON) or exists(node, _ALLOWANCE_CHARGE_REASON_CODE)


_line_adjustment(
    "BR-41",
    LINE_ALLOWANCE,
    ro="O reducere pe linie (BG-27) nu are valoare (BT-136). Completați suma reducerii.",
    en="A line allowance (BG-27) has no amount (BT-136). Fill in the allowance amount.",
    check=_has_amount,
)
_line_adjustment(
    "BR-42",
    LINE_ALLOWANCE,
    ro=(
        "O reducere pe linie (BG-27) nu are motiv. Completați motivul (BT-139) sau codul motivului"
        " (BT-140)."
    ),
    en=(
        "A line allowance (BG-27) gives no reason. Fill in the reason (BT-139) or the reason code "
        "(BT-140)."
    ),
    check=_has_reason,
)
_line_adjustment(
    "BR-43",
    LINE_CHARGE,
    ro="O taxă suplimentară pe linie (BG-28) nu are valoare (BT-141). Completați suma taxei.",
    en="A line charge (BG-28) has no amount (BT-141). Fill in the charge amount.",
    check=_has_amount,
)
_line_adjustment(
    "BR-44",
    LINE_CHARGE,
    ro=(
        "O taxă suplimentară pe linie (BG-28) nu are motiv. Completați motivul (BT-144) sau codul "
        "motivului (BT-145)."
    ),
    en=(
        "A line charge (BG-28) gives no reason. Fill in the reason (BT-144) or the reason code "
        "(BT-145)."
    ),
    check=_has_reason,
)


def _period_in_order(node, doc) -> bool:
    start, end = first_text(node, _START), first_text(node, _END)
    if start is None or end is None:
        return True
    if _plain_date(start) and _plain_date(end):  # the usual 2024-01-31: no zone, no blanks
        try:
            start_day, end_day = date.fromisoformat(start), date.fromisoformat(end)
        except ValueError:  # not a day of the calendar (nor year 0000): the cast fails
            return False
        return end_day >= start_day
    start_date, end_date = xs_date(start), xs_date(end)
    return start_date is not None and end_date is not None and end_date >= start_date


def _plain_date(text: str) -> bool:
    return (
        len(text) == 10
        and text[4] == text[7] == "-"
        and text.isascii()
        and (text[:4] + text[5:7] + text[8:]).isdigit()
    )


M12.rule(
    "BR-30",
    LINE_PERIOD,
    Text(
        ro=(
            "Perioada de facturare a liniei se termină (BT-135) înainte să înceapă (BT-134). "
            "Corectați datele perioadei."
        ),
        en=(
            "The line's invoicing period ends (BT-135) before it starts (BT-134). Correct the "
            "period dates."
        ),
    ),
)(_period_in_order)
M12.rule(
    "BR-29",
    PERIOD,
    Text(
        ro=(
            "Perioada de facturare se termină (BT-74) înainte să înceapă (BT-73). Corectați datele"
            " perioadei."
        ),
        en="The invoicing period ends (BT-74) before it starts (BT-73). Correct the period dates.",
    ),
)(_period_in_order)


@M12.rule(
    "BR-54",
    ITEM_PROPERTY,
    Text(
        ro=(
            "Un atribut al articolului (BG-32) nu are atât nume (BT-160), cât și valoare (BT-161)."
            " Completați-le pe amândouă."
        ),
        en="An item attribute (BG-32) lacks its name (BT-160) or its value (BT-161). Fill in both.",
    ),
)
def item_property_complete(node, doc) -> bool:
    return exists(node, _NAME) and exists(node, _VALUE)


@M12.rule(
    "BR-64",
    ITEM_STANDARD_ID,
    Text(
        ro=(
            "Identificatorul standard al articolului (BT-157) nu are schema. Completați atributul "
            "schemeID, de exemplu 0160 pentru GTIN."
        ),
        en=(
            "The item standard identifier (BT-157) has no scheme. Fill in the schemeID attribute, "
            "for example 0160 for GTIN."
        ),
    ),
)
def standard_id_has_scheme(node, doc) -> bool:
    return node.get("schemeID") is not None


@M12.rule(
    "BR-65",
    ITEM_CLASSIFICATION,
    Text(
        ro=(
            "Codul de clasificare al articolului (BT-158) nu indică lista. Completați atributul "
            "listID, de exemplu STI pentru CPV."
        ),
        en=(
            "The item classification code (BT-158) does not name its list. Fill in the listID "
            "attribute, for example STI for CPV."
        ),
    ),
)
def classification_has_list(node, doc) -> bool:
    return node.get("listID") is not None
