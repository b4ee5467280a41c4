"""The EN 16931 invoice as frozen dataclasses, with the CIUS-RO defaults.

:class:`Invoice` (BG-0) holds parties (:class:`Party`: seller BG-4, buyer BG-7, payee BG-10,
tax representative BG-11), lines (:class:`Line`, BG-25), allowances and charges
(:class:`AllowanceCharge`, BG-20/21/27/28), the VAT breakdown (:class:`VatBreakdown`, BG-23),
totals (:class:`Totals`, BG-22), payment means (:class:`PaymentMeans`, BG-16), references and
attachments (:class:`Attachment`, BG-24). Amounts are ``Decimal``; closed code lists are enums
(:class:`InvoiceTypeCode`, :class:`VatCategory`).

A document is built either with every amount (what the reader produces) or with lines only,
then completed by :func:`calculate`. :func:`to_dict` and :func:`from_dict` give its JSON form.

>>> from datetime import date
>>> from decimal import Decimal
>>> line = Line(id="1", quantity=Decimal("3"), unit="H87", net_price=Decimal("10.50"),
...             item_name="Hârtie A4", vat_category=VatCategory.STANDARD, vat_rate=Decimal("19"))
>>> party = Party(name="Alfa SRL", vat_id="RO12345674", address=Address(city="Cluj-Napoca"))
>>> invoice = calculate(Invoice(number="F1", issue_date=date(2026, 1, 5), seller=party,
...                             buyer=party, lines=(line,)))
>>> invoice.totals.tax_exclusive, invoice.totals.vat_total, invoice.totals.payable
(Decimal('31.50'), Decimal('5.99'), Decimal('37.49'))
"""

from __future__ import annotations

from ._codes import CIUS_RO_CUSTOMIZATION, InvoiceTypeCode, VatCategory
from ._compute import calculate, line_net_amount, round_amount
from ._document import (
    AllowanceCharge,
    Attachment,
    Delivery,
    Invoice,
    ItemAttribute,
    Line,
    PaymentCard,
    PaymentMeans,
    Period,
    PrecedingInvoice,
    Totals,
    VatBreakdown,
)
from ._json import from_dict, to_dict
from ._parties import Address, Contact, Identifier, Party

__all__ = [
    "CIUS_RO_CUSTOMIZATION",
    "Address",
    "AllowanceCharge",
    "Attachment",
    "Contact",
    "Delivery",
    "Identifier",
    "Invoice",
    "InvoiceTypeCode",
    "ItemAttribute",
    "Line",
    "Party",
    "PaymentCard",
    "PaymentMeans",
    "Period",
    "PrecedingInvoice",
    "Totals",
    "VatBreakdown",
    "VatCategory",
    "calculate",
    "from_dict",
    "line_net_amount",
    "round_amount",
    "to_dict",
]
