"""Bulk checks of the VAT category families: one verdict for all the nodes of a rule.

:func:`rate_bulk` judges each distinct set of ``cbc:Percent`` texts of a category context once
(BR-x-05/06/07); :func:`absent` is the guard of BR-x-01 to BR-x-04, which all hold when their
category occurs nowhere in the document. See :class:`~ro_efactura.rules.Rule` for the contract.

>>> rate_holds("positive", ["19"]), rate_holds("zero", ["0.00"]), rate_holds("absent", ["0"])
(True, True, False)
"""

from __future__ import annotations

from .._xpath import xs_decimal, xs_double
from ._vat_index import vat_index

__all__ = ["absent", "rate_bulk", "rate_holds"]


def rate_bulk(kind: str, code: str, slot: str):
    """Every category of the context (``slot``, ``code``) has an allowed rate: each distinct
    set of cbc:Percent texts, gathered by :func:`vat_index`, is judged once (a 500-line
    invoice usually has one or two)."""

    def all_rates_allowed(nodes: list, doc) -> bool:
        seen = vat_index(doc).percents.get((slot, code), ())
        return all(rate_holds(kind, list(percents)) for percents in seen)

    return all_rates_allowed


def rate_holds(kind: str, percents: list[str]) -> bool:
    if kind == "absent":
        return not percents
    if kind == "zero":
        return bool(percents) and xs_decimal(percents[0]) == 0
    values = [xs_double(percent) for percent in percents]
    if kind == "positive":
        return any(value is not None and value > 0 for value in values)
    return any(value is not None and value >= 0 for value in values)


def absent(code: str):
    """The family guard of BR-x-01 to 04: the category occurs in no count at all, so none
    of them can fail (each holds when its category is neither used nor in the breakdown)."""

    def category_absent(nodes: list, doc) -> bool:
        return code not in doc.memo("en16931:vat-codes", lambda: _counted_codes(doc))

    return category_absent


def _counted_codes(doc) -> frozenset[str]:
    return frozenset(code for (_, code), count in vat_index(doc).counts.items() if count)
