"""Factories for valid CIUS-RO documents, with overrides, for every test suite.

``make_invoice()`` is a RON invoice at 19% VAT from a Romanian VAT payer in Bucharest
(CUI 12345674) to a Romanian company in Cluj (CUI 34567892), amounts computed with
:func:`ro_efactura.model.calculate`. Overrides replace fields before the computation, so a
test changes what it needs and still gets consistent totals; pass ``compute=False`` to keep
amounts exactly as given (to build an inconsistent document on purpose).

>>> invoice = make_invoice()
>>> invoice.seller.vat_id, invoice.totals.payable
('RO12345674', Decimal('238.00'))
>>> len(make_n_lines(5).lines)
5
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from ro_efactura.model import (
    Address,
    AllowanceCharge,
    Attachment,
    Contact,
    Delivery,
    Identifier,
    Invoice,
    InvoiceTypeCode,
    ItemAttribute,
    Line,
    Party,
    PaymentMeans,
    Period,
    PrecedingInvoice,
    VatBreakdown,
    VatCategory,
    calculate,
)

__all__ = [
    "BUYER_CUI",
    "SELLER_CUI",
    "make_b2c_invoice",
    "make_buyer",
    "make_credit_note",
    "make_foreign_currency_invoice",
    "make_full_invoice",
    "make_invoice",
    "make_line",
    "make_n_lines",
    "make_seller",
    "make_vat_category_invoice",
    "valid_invoices",
    "with_document_allowance",
]

SELLER_CUI = "12345674"
BUYER_CUI = "34567892"


def make_seller(**overrides) -> Party:
    """A Romanian VAT payer in Bucharest, sector 1."""
    values = {
        "name": "Alfa Servicii SRL",
        "vat_id": f"RO{SELLER_CUI}",
        "legal_id": Identifier(value="J40/1234/2015"),
        "address": Address(
            street="Str. Academiei nr. 1", city="SECTOR1", postal_zone="010011", subdivision="RO-B"
        ),
        "contact": Contact(name="Ana Pop", telephone="+40212345678", email="ana@alfa.ro"),
    }
    return Party(**{**values, **overrides})


def make_buyer(**overrides) -> Party:
    """A Romanian company (VAT payer) in Cluj-Napoca."""
    values = {
        "name": "Beta Comerț SA",
        "vat_id": f"RO{BUYER_CUI}",
        "legal_id": Identifier(value=BUYER_CUI),
        "address": Address(
            street="Bd. Eroilor nr. 10",
            city="Cluj-Napoca",
            postal_zone="400129",
            subdivision="RO-CJ",
        ),
    }
    return Party(**{**values, **overrides})


def make_line(**overrides) -> Line:
    """One line: 2 hours of consulting at 100 RON, 19% VAT."""
    values = {
        "id": "1",
        "quantity": Decimal("2"),
        "unit": "HUR",
        "net_price": Decimal("100.00"),
        "item_name": "Servicii de consultanță",
        "vat_category": VatCategory.STANDARD,
        "vat_rate": Decimal("19"),
    }
    return Line(**{**values, **overrides})


def make_invoice(*, compute: bool = True, **overrides) -> Invoice:
    """A valid CIUS-RO invoice; ``overrides`` are Invoice fields."""
    values = {
        "number": "ALF-2026-0001",
        "issue_date": date(2026, 11, 20),
        "due_date": date(2026, 12, 20),
        "seller": make_seller(),
        "buyer": make_buyer(),
        "lines": (make_line(),),
        "payment_means": (PaymentMeans(code="30", account_id="RO49AAAA1B31007593840000"),),
    }
    invoice = Invoice(**{**values, **overrides})
    return calculate(invoice) if compute else invoice


def make_n_lines(n: int, **overrides) -> Invoice:
    """An invoice with ``n`` lines of varied quantities, prices and rates (19% and 9%)."""
    lines = tuple(
        make_line(
            id=str(i),
            quantity=Decimal(i % 7 + 1),
            unit="H87",
            net_price=Decimal(f"{i % 13 + 1}.{i % 100:02d}"),
            item_name=f"Articol {i}",
            seller_item_id=f"ART-{i:05d}",
            vat_rate=Decimal("9") if i % 3 == 0 else Decimal("19"),
        )
        for i in range(1, n + 1)
    )
    return make_invoice(lines=lines, **overrides)


def make_credit_note(**overrides) -> Invoice:
    """A credit note (381) for the default invoice."""
    values = {
        "number": "ALF-2026-CN01",
        "type_code": InvoiceTypeCode.CREDIT_NOTE,
        "due_date": None,
        "preceding_invoices": (
            PrecedingInvoice(number="ALF-2026-0001", issue_date=date(2026, 11, 20)),
        ),
    }
    return make_invoice(**{**values, **overrides})


def make_foreign_currency_invoice(**overrides) -> Invoice:
    """An EUR invoice with VAT accounted in RON (BT-6) and the VAT total in RON (BT-111)."""
    values = {"currency": "EUR", "tax_currency": "RON"}
    invoice = make_invoice(compute=False, **{**values, **overrides})
    return calculate(invoice, exchange_rate=Decimal("4.9750"))


def make_b2c_invoice(**overrides) -> Invoice:
    """An invoice to a private person (no CUI; ANAF's 13-zero placeholder as CNP)."""
    buyer = Party(
        name="Ion Popescu",
        legal_id=Identifier(value="0000000000000"),
        address=Address(street="Str. Lalelelor nr. 3", city="Iași", subdivision="RO-IS"),
    )
    return make_invoice(**{"buyer": buyer, **overrides})


def make_vat_category_invoice(category: VatCategory, **overrides) -> Invoice:
    """An invoice whose single line has ``category``, with what that category needs."""
    rate = {VatCategory.STANDARD: Decimal("19"), VatCategory.OUTSIDE_SCOPE: None}
    line = make_line(vat_category=category, vat_rate=rate.get(category, Decimal("0")))
    values: dict = {"lines": (line,)}
    if category is VatCategory.EXEMPT:
        values["vat_breakdown"] = (
            VatBreakdown(
                category=category,
                rate=Decimal("0"),
                exemption_reason="Scutit conform art. 292 alin. (2) lit. a) din Codul fiscal",
            ),
        )
    buyer_vat = {
        VatCategory.INTRA_COMMUNITY: ("DE123456788", "DE"),
        VatCategory.EXPORT: (None, "US"),
    }
    if category is VatCategory.OUTSIDE_SCOPE:
        values["seller"] = make_seller(vat_id=None, tax_registration_id=SELLER_CUI)
        values["buyer"] = make_buyer(vat_id=None)
    if category in buyer_vat:
        vat_id, country = buyer_vat[category]
        values["buyer"] = make_buyer(
            vat_id=vat_id,
            legal_id=Identifier(value="HRB 12345"),
            address=Address(
                street="Main St 1", city="Berlin", postal_zone="10115", country=country
            ),
        )
        values["delivery"] = None
    if category is VatCategory.INTRA_COMMUNITY:
        values["delivery"] = _delivery_to(country="DE")
    return make_invoice(**{**values, **overrides})


def _delivery_to(country: str) -> Delivery:
    return Delivery(
        actual_date=date(2026, 11, 18),
        address=Address(
            street="Main St 1",
            city="Berlin",
            postal_zone="10115",
            subdivision="DE-BE",
            country=country,
        ),
    )


def with_document_allowance(invoice: Invoice, amount: Decimal) -> Invoice:
    """``invoice`` with a document-level discount at its first line's VAT, recomputed."""
    first = invoice.lines[0]
    discount = AllowanceCharge(
        charge=False,
        amount=amount,
        reason="Discount comercial",
        reason_code="95",
        vat_category=first.vat_category,
        vat_rate=first.vat_rate,
    )
    return calculate(replace(invoice, allowances_charges=(*invoice.allowances_charges, discount)))


def make_full_invoice(**overrides) -> Invoice:
    """An invoice using every part of the model the writer supports, for golden files."""
    line = make_line(
        note="Ore lucrate în noiembrie",
        object_id=Identifier(value="PRJ-7", scheme="ABZ"),
        order_line_ref="3",
        accounting_ref="628",
        period=Period(start=date(2026, 11, 1), end=date(2026, 11, 30)),
        allowances_charges=(
            AllowanceCharge(
                charge=False,
                amount=Decimal("10.00"),
                base_amount=Decimal("200.00"),
                percent=Decimal("5"),
                reason="Reducere volum",
                reason_code="95",
            ),
            AllowanceCharge(
                charge=True, amount=Decimal("5.00"), reason="Ambalare", reason_code="ABL"
            ),
        ),
        gross_price=Decimal("110.00"),
        price_discount=Decimal("10.00"),
        base_quantity=Decimal("1"),
        base_quantity_unit="HUR",
        description="Consultanță fiscală, inclusiv raport",
        seller_item_id="CONS-01",
        buyer_item_id="B-778",
        standard_item_id=Identifier(value="5941234567890", scheme="0160"),
        classifications=(Identifier(value="79200000-6", scheme="STI"),),
        origin_country="RO",
        attributes=(ItemAttribute(name="Nivel", value="Senior"),),
    )
    values = {
        "lines": (line, make_line(id="2", vat_rate=Decimal("9"), item_name="Carte tehnică")),
        "notes": ("Factură emisă conform contractului.", "Capital social 200 RON"),
        "tax_point_date": None,
        "buyer_reference": "REF-CUMP-1",
        "project_ref": "PROIECT-9",
        "contract_ref": "CTR-12/2026",
        "order_ref": "CMD-55",
        "sales_order_ref": "SO-77",
        "receipt_ref": "NIR-3",
        "despatch_ref": "AVZ-14",
        "tender_ref": "LOT-2",
        "accounting_ref": "4111",
        "preceding_invoices": (
            PrecedingInvoice(number="ALF-2026-0000", issue_date=date(2026, 10, 1)),
        ),
        "period": Period(start=date(2026, 11, 1), end=date(2026, 11, 30)),
        "payee": Party(
            name="Gamma Factoring IFN SA",
            identifiers=(Identifier(value="GF-1"),),
            legal_id=Identifier(value="J40/99/2010"),
        ),
        "delivery": Delivery(
            party_name="Depozit Beta",
            location_id=Identifier(value="DEP-1"),
            actual_date=date(2026, 11, 18),
            address=Address(
                street="Str. Fabricii 2",
                city="Cluj-Napoca",
                postal_zone="400620",
                subdivision="RO-CJ",
            ),
        ),
        "payment_means": (
            PaymentMeans(
                code="30",
                text="Transfer bancar",
                reference="ALF-2026-0001",
                account_id="RO49AAAA1B31007593840000",
                account_name="Alfa Servicii SRL",
                bic="AAAARO22",
            ),
            PaymentMeans(code="30", account_id="RO66BACX0000001234567890"),
        ),
        "payment_terms": "Plata în 30 de zile de la emitere.",
        "allowances_charges": (
            AllowanceCharge(
                charge=True,
                amount=Decimal("15.00"),
                reason="Transport",
                reason_code="FC",
                vat_category=VatCategory.STANDARD,
                vat_rate=Decimal("19"),
            ),
        ),
        "attachments": (
            Attachment(
                id="ANEXA-1",
                description="Situație de lucrări",
                content=b"%PDF-1.4 test",
                mime_code="application/pdf",
                filename="anexa1.pdf",
            ),
            Attachment(id="ANEXA-2", uri="https://example.ro/anexa2.pdf"),
        ),
    }
    invoice = make_invoice(compute=False, **{**values, **overrides})
    invoice = replace(invoice, totals=replace(invoice.totals, prepaid=Decimal("50.00")))
    return calculate(invoice)


# --- hypothesis ------------------------------------------------------------------------------

_SCENARIOS = {
    "domestic": make_invoice,
    "credit_note": make_credit_note,
    "foreign_currency": make_foreign_currency_invoice,
    "b2c": make_b2c_invoice,
    "full": make_full_invoice,
    **{
        f"vat_{c.value}": (lambda c=c, **kw: make_vat_category_invoice(c, **kw))
        for c in VatCategory
        if c not in (VatCategory.STANDARD, VatCategory.SPLIT_PAYMENT)
    },
}
_RATES = [Decimal(r) for r in ("19", "21", "9", "11", "5")]
_UNITS = ["H87", "HUR", "KGM", "C62", "MTR", "LTR"]
_NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzăâîșțĂÂÎȘȚ -.0123456789", max_size=40)


@st.composite
def _lines(draw, standard: bool):
    count = draw(st.integers(1, 4))
    lines = []
    for index in range(1, count + 1):
        name = draw(_NAME).strip() or f"Articol {index}"
        values = {
            "id": str(index),
            "quantity": draw(st.decimals(Decimal("0.5"), Decimal("500"), places=2)),
            "net_price": draw(st.decimals(Decimal("0.01"), Decimal("9999"), places=2)),
            "unit": draw(st.sampled_from(_UNITS)),
            "item_name": name,
        }
        if standard:
            values["vat_rate"] = draw(st.sampled_from(_RATES))
        lines.append(values)
    return lines


@st.composite
def valid_invoices(draw):
    """Hypothesis strategy: a valid CIUS-RO invoice, a factory scenario with generated lines."""
    scenario = draw(st.sampled_from(sorted(_SCENARIOS)))
    base = _SCENARIOS[scenario]()
    standard = base.lines[0].vat_category is VatCategory.STANDARD
    template = base.lines[0]
    lines = tuple(replace(template, **values) for values in draw(_lines(standard)))
    invoice = replace(base, lines=lines)
    if base.totals.vat_total_accounting is not None:
        invoice = calculate(invoice, exchange_rate=Decimal("4.9750"))
    else:
        invoice = calculate(invoice)
    if standard and draw(st.booleans()):
        share = draw(st.sampled_from([Decimal("0.1"), Decimal("0.5")]))
        first = invoice.lines[0].net_amount
        invoice = with_document_allowance(invoice, (first * share).quantize(Decimal("0.01")))
    if draw(st.booleans()):
        invoice = replace(invoice, notes=(draw(_NAME).strip() or "Notă",))
    return invoice
