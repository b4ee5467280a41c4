"""Compute line net amounts (BT-131), the VAT breakdown (BG-23) and the totals (BG-22).

EN 16931 rounding: every amount to 2 decimals, ``ROUND_HALF_UP``; the VAT of a breakdown is
computed on its taxable amount (BR-CO-17), and the totals are sums of rounded amounts
(BR-CO-10 .. BR-CO-16). :func:`calculate` returns a new document and never changes the
exemption reasons, prepaid amount (BT-113) or rounding amount (BT-114) it was given.

>>> from decimal import Decimal
>>> round_amount(Decimal("2.675"))
Decimal('2.68')
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from ._codes import VatCategory
from ._document import ZERO, AllowanceCharge, Invoice, Line, Totals, VatBreakdown

__all__ = ["calculate", "line_net_amount", "round_amount"]

_CENT = Decimal("0.01")
_HUNDRED = Decimal("100")


def round_amount(value: Decimal) -> Decimal:
    """Round to 2 decimals, half up, as EN 16931 requires for amounts."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def line_net_amount(line: Line) -> Decimal:
    """BT-131 = quantity x net price / base quantity + line charges - line allowances."""
    base = line.base_quantity or Decimal(1)
    amount = round_amount(line.quantity * line.net_price / base)
    return amount + _signed_sum(line.allowances_charges)


def _signed_sum(items: tuple[AllowanceCharge, ...]) -> Decimal:
    return sum((ac.amount if ac.charge else -ac.amount for ac in items), ZERO)


def _vat_key(category: VatCategory | None, rate: Decimal | None) -> tuple:
    if category is None or not category.has_rate:
        return (category, None)
    return (category, (rate or ZERO).normalize())


def _breakdown(invoice: Invoice, lines: tuple[Line, ...]) -> tuple[VatBreakdown, ...]:
    taxable: dict[tuple, Decimal] = {}
    rates: dict[tuple, Decimal | None] = {}
    for line in lines:
        key = _vat_key(line.vat_category, line.vat_rate)
        taxable[key] = taxable.get(key, ZERO) + (line.net_amount or ZERO)
        rates.setdefault(key, line.vat_rate)
    for ac in invoice.allowances_charges:
        key = _vat_key(ac.vat_category, ac.vat_rate)
        taxable[key] = taxable.get(key, ZERO) + (ac.amount if ac.charge else -ac.amount)
        rates.setdefault(key, ac.vat_rate)
    given = {_vat_key(b.category, b.rate): b for b in invoice.vat_breakdown}
    return tuple(
        _subtotal(key, rates[key], amount, given.get(key)) for key, amount in taxable.items()
    )


def _subtotal(key: tuple, rate: Decimal | None, taxable: Decimal, given: VatBreakdown | None):
    category: VatCategory = key[0]
    rate = rate if category.has_rate else None
    if rate is None and category.has_rate:
        rate = ZERO
    tax = round_amount(taxable * rate / _HUNDRED) if rate else round_amount(ZERO)
    reason, code = (given.exemption_reason, given.exemption_code) if given else (None, None)
    if given is None and category.needs_exemption and category.default_exemption:
        reason, code = category.default_exemption
    return VatBreakdown(
        category=category,
        rate=rate,
        taxable_amount=round_amount(taxable),
        tax_amount=tax,
        exemption_reason=reason,
        exemption_code=code,
    )


def _totals(invoice: Invoice, lines, breakdown, exchange_rate: Decimal | None) -> Totals:
    docs = invoice.allowances_charges
    line_total = sum((line.net_amount or ZERO for line in lines), ZERO)
    allowances = sum((ac.amount for ac in docs if not ac.charge), ZERO)
    charges = sum((ac.amount for ac in docs if ac.charge), ZERO)
    exclusive = line_total - allowances + charges
    vat = sum((b.tax_amount for b in breakdown), ZERO)
    old = invoice.totals
    inclusive = exclusive + vat
    payable = inclusive - (old.prepaid or ZERO) + (old.rounding or ZERO)
    return Totals(
        line_extension=round_amount(line_total),
        allowance_total=round_amount(allowances) if any(not a.charge for a in docs) else None,
        charge_total=round_amount(charges) if any(a.charge for a in docs) else None,
        tax_exclusive=round_amount(exclusive),
        vat_total=round_amount(vat),
        vat_total_accounting=_accounting_vat(invoice, vat, exchange_rate),
        tax_inclusive=round_amount(inclusive),
        prepaid=old.prepaid,
        rounding=old.rounding,
        payable=round_amount(payable),
    )


def _accounting_vat(invoice: Invoice, vat: Decimal, rate: Decimal | None) -> Decimal | None:
    if invoice.tax_currency in (None, invoice.currency):
        return None
    if rate is None:
        return invoice.totals.vat_total_accounting
    return round_amount(vat * rate)


def calculate(invoice: Invoice, *, exchange_rate: Decimal | None = None) -> Invoice:
    """Return ``invoice`` with BT-131 on every line, BG-23 and BG-22 computed.

    :param exchange_rate: RON per unit of the invoice currency; when given and the VAT
        accounting currency (BT-6) differs from BT-5, BT-111 is computed from BT-110.
        Without it, a BT-111 already in the document is kept.
    """
    lines = tuple(replace(line, net_amount=line_net_amount(line)) for line in invoice.lines)
    breakdown = _breakdown(invoice, lines)
    totals = _totals(invoice, lines, breakdown, exchange_rate)
    return replace(invoice, lines=lines, vat_breakdown=breakdown, totals=totals)
