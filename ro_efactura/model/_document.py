"""The invoice document (BG-0) and its parts: lines, allowances and charges, VAT, totals.

Amounts are ``Decimal`` in the invoice currency (BT-5) unless said otherwise. Fields that a
calculation fills (line net amounts BT-131, the VAT breakdown BG-23, the totals BG-22) may be
left at their defaults and filled by :func:`~ro_efactura.model.calculate`; a reader keeps the
amounts it found instead.

>>> from datetime import date
>>> line = Line(id="1", quantity=Decimal("2"), unit="H87", net_price=Decimal("10"),
...             item_name="Pix", vat_category=VatCategory.STANDARD, vat_rate=Decimal("19"))
>>> line.net_amount is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ._codes import CIUS_RO_CUSTOMIZATION, InvoiceTypeCode, VatCategory
from ._parties import Address, Identifier, Party

__all__ = [
    "AllowanceCharge",
    "Attachment",
    "Delivery",
    "Invoice",
    "ItemAttribute",
    "Line",
    "PaymentCard",
    "PaymentMeans",
    "Period",
    "PrecedingInvoice",
    "Totals",
    "VatBreakdown",
]

ZERO = Decimal("0")


@dataclass(frozen=True, slots=True, kw_only=True)
class Period:
    """BG-14 (invoice period, BT-73/74 and BT-8) or BG-26 (line period, BT-134/135)."""

    start: date | None = None  # BT-73 / BT-134
    end: date | None = None  # BT-74 / BT-135
    description_code: str | None = None  # BT-8, VAT point date code (3, 35, 432)


@dataclass(frozen=True, slots=True, kw_only=True)
class PrecedingInvoice:
    """BG-3, an invoice this one corrects or credits."""

    number: str  # BT-25
    issue_date: date | None = None  # BT-26


@dataclass(frozen=True, slots=True, kw_only=True)
class Delivery:
    """BG-13, delivery information."""

    party_name: str | None = None  # BT-70
    location_id: Identifier | None = None  # BT-71
    actual_date: date | None = None  # BT-72, actual delivery date
    address: Address | None = None  # BG-15


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentCard:
    """BG-18, card information (only the last digits of the card number)."""

    account_number: str  # BT-87
    holder: str | None = None  # BT-88
    network: str = "NA"  # cbc:NetworkID, required by UBL, not an EN 16931 term


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentMeans:
    """BG-16, one way to pay, with credit transfer (BG-17), card (BG-18), debit (BG-19)."""

    code: str  # BT-81, UNTDID 4461 (30 credit transfer, 42 bank account, 48 card, 10 cash)
    text: str | None = None  # BT-82
    reference: str | None = None  # BT-83, remittance information
    account_id: str | None = None  # BT-84, the IBAN
    account_name: str | None = None  # BT-85
    bic: str | None = None  # BT-86, the payment service provider
    card: PaymentCard | None = None  # BG-18
    mandate_reference: str | None = None  # BT-89
    debited_account: str | None = None  # BT-91


@dataclass(frozen=True, slots=True, kw_only=True)
class AllowanceCharge:
    """BG-20 / BG-21 (document level, with VAT) or BG-27 / BG-28 (line level, without)."""

    charge: bool  # False: allowance (discount); True: charge
    amount: Decimal  # BT-92 / BT-99 / BT-136 / BT-141
    base_amount: Decimal | None = None  # BT-93 / BT-100 / BT-137 / BT-142
    percent: Decimal | None = None  # BT-94 / BT-101 / BT-138 / BT-143
    reason: str | None = None  # BT-97 / BT-104 / BT-139 / BT-144
    reason_code: str | None = None  # BT-98 / BT-105 / BT-140 / BT-145
    vat_category: VatCategory | None = None  # BT-95 / BT-102, document level only
    vat_rate: Decimal | None = None  # BT-96 / BT-103, document level only


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemAttribute:
    """BG-32, a name and value describing the item."""

    name: str  # BT-160
    value: str  # BT-161


@dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    """BG-25, an invoice line with its price (BG-29), VAT (BG-30) and item (BG-31)."""

    id: str  # BT-126
    quantity: Decimal  # BT-129 (negative on corrective invoices)
    unit: str  # BT-130, UN/ECE Rec. 20 (H87 piece, KGM, HUR, C62 ...)
    net_price: Decimal  # BT-146
    item_name: str  # BT-153
    vat_category: VatCategory  # BT-151
    vat_rate: Decimal | None = None  # BT-152 (None for category O)
    net_amount: Decimal | None = None  # BT-131; None until calculated
    note: str | None = None  # BT-127
    object_id: Identifier | None = None  # BT-128
    order_line_ref: str | None = None  # BT-132
    accounting_ref: str | None = None  # BT-133
    period: Period | None = None  # BG-26
    allowances_charges: tuple[AllowanceCharge, ...] = ()  # BG-27 / BG-28
    gross_price: Decimal | None = None  # BT-148
    price_discount: Decimal | None = None  # BT-147 (gross_price - net_price)
    base_quantity: Decimal | None = None  # BT-149
    base_quantity_unit: str | None = None  # BT-150
    description: str | None = None  # BT-154
    seller_item_id: str | None = None  # BT-155
    buyer_item_id: str | None = None  # BT-156
    standard_item_id: Identifier | None = None  # BT-157 (scheme 0160 = GTIN)
    classifications: tuple[Identifier, ...] = ()  # BT-158, scheme = listID (CPV, STI, TSP)
    origin_country: str | None = None  # BT-159
    attributes: tuple[ItemAttribute, ...] = ()  # BG-32


@dataclass(frozen=True, slots=True, kw_only=True)
class VatBreakdown:
    """BG-23, the VAT of one category and rate."""

    category: VatCategory  # BT-118
    rate: Decimal | None = None  # BT-119 (None for category O)
    taxable_amount: Decimal = ZERO  # BT-116
    tax_amount: Decimal = ZERO  # BT-117
    exemption_reason: str | None = None  # BT-120
    exemption_code: str | None = None  # BT-121, VATEX


@dataclass(frozen=True, slots=True, kw_only=True)
class Totals:
    """BG-22, the document totals, plus the VAT totals BT-110 and BT-111."""

    line_extension: Decimal = ZERO  # BT-106, sum of line net amounts
    allowance_total: Decimal | None = None  # BT-107
    charge_total: Decimal | None = None  # BT-108
    tax_exclusive: Decimal = ZERO  # BT-109
    vat_total: Decimal = ZERO  # BT-110, in the invoice currency
    vat_total_accounting: Decimal | None = None  # BT-111, in BT-6 (RON)
    tax_inclusive: Decimal = ZERO  # BT-112
    prepaid: Decimal | None = None  # BT-113
    rounding: Decimal | None = None  # BT-114
    payable: Decimal = ZERO  # BT-115


@dataclass(frozen=True, slots=True, kw_only=True)
class Attachment:
    """BG-24, a supporting document: embedded (BT-125) or by address (BT-124)."""

    id: str  # BT-122
    description: str | None = None  # BT-123
    uri: str | None = None  # BT-124
    content: bytes | None = None  # BT-125
    mime_code: str | None = None  # BT-125-1 (application/pdf, image/png ...)
    filename: str | None = None  # BT-125-2
    type_code: str | None = None  # DocumentTypeCode; 130 marks BT-18 (invoiced object)


@dataclass(frozen=True, slots=True, kw_only=True)
class Invoice:
    """BG-0, an invoice or credit note as EN 16931 defines it."""

    number: str  # BT-1
    issue_date: date  # BT-2
    seller: Party  # BG-4
    buyer: Party  # BG-7
    lines: tuple[Line, ...]  # BG-25
    type_code: InvoiceTypeCode = InvoiceTypeCode.COMMERCIAL  # BT-3
    currency: str = "RON"  # BT-5
    tax_currency: str | None = None  # BT-6 (RON when BT-5 is not RON)
    tax_point_date: date | None = None  # BT-7
    due_date: date | None = None  # BT-9
    notes: tuple[str, ...] = ()  # BT-22 (CIUS-RO: at most 20, up to 300 characters)
    customization_id: str = CIUS_RO_CUSTOMIZATION  # BT-24
    profile_id: str | None = None  # BT-23
    buyer_reference: str | None = None  # BT-10
    project_ref: str | None = None  # BT-11
    contract_ref: str | None = None  # BT-12
    order_ref: str | None = None  # BT-13
    sales_order_ref: str | None = None  # BT-14
    receipt_ref: str | None = None  # BT-15
    despatch_ref: str | None = None  # BT-16
    tender_ref: str | None = None  # BT-17
    accounting_ref: str | None = None  # BT-19
    preceding_invoices: tuple[PrecedingInvoice, ...] = ()  # BG-3
    period: Period | None = None  # BG-14
    payee: Party | None = None  # BG-10
    tax_representative: Party | None = None  # BG-11
    delivery: Delivery | None = None  # BG-13
    payment_means: tuple[PaymentMeans, ...] = ()  # BG-16
    payment_terms: str | None = None  # BT-20
    allowances_charges: tuple[AllowanceCharge, ...] = ()  # BG-20 / BG-21
    vat_breakdown: tuple[VatBreakdown, ...] = ()  # BG-23
    totals: Totals = Totals()  # BG-22
    attachments: tuple[Attachment, ...] = ()  # BG-24

    @property
    def is_credit_note(self) -> bool:
        """Whether the UBL root is ``CreditNote`` (type code 381)."""
        return self.type_code is InvoiceTypeCode.CREDIT_NOTE
