"""The model: EN 16931 computation (BR-CO rules, rounding) and the JSON form."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError, replace
from datetime import date
from decimal import Decimal

import pytest

from ro_efactura.errors import DocumentError
from ro_efactura.model import (
    AllowanceCharge,
    Invoice,
    InvoiceTypeCode,
    VatBreakdown,
    VatCategory,
    calculate,
    from_dict,
    line_net_amount,
    round_amount,
    to_dict,
)
from tests.factories import (
    make_foreign_currency_invoice,
    make_full_invoice,
    make_invoice,
    make_line,
    make_vat_category_invoice,
    with_document_allowance,
)

D = Decimal


def test_round_amount_rounds_half_up_to_cents():
    assert round_amount(D("0.005")) == D("0.01")
    assert round_amount(D("2.675")) == D("2.68")
    assert round_amount(D("-2.675")) == D("-2.68")
    assert round_amount(D("1.004")) == D("1.00")


def test_line_net_amount_uses_base_quantity_and_line_allowances():
    line = make_line(
        quantity=D("3"),
        net_price=D("10.00"),
        base_quantity=D("2"),
        allowances_charges=(
            AllowanceCharge(charge=False, amount=D("1.50")),
            AllowanceCharge(charge=True, amount=D("0.25")),
        ),
    )
    # 3 x 10.00 / 2 = 15.00; - 1.50 + 0.25
    assert line_net_amount(line) == D("13.75")


def test_line_net_amount_rounds_the_product_half_up():
    line = make_line(quantity=D("3"), net_price=D("0.335"))  # 1.005
    assert line_net_amount(line) == D("1.01")


def test_calculate_groups_vat_by_category_and_rate():
    lines = (
        make_line(id="1", quantity=D("1"), net_price=D("100.00"), vat_rate=D("19")),
        make_line(id="2", quantity=D("3"), net_price=D("33.33"), vat_rate=D("9")),
        make_line(id="3", quantity=D("1"), net_price=D("0.10"), vat_rate=D("19.00")),
    )
    invoice = make_invoice(lines=lines)
    by_rate = {b.rate.normalize(): b for b in invoice.vat_breakdown}
    assert set(by_rate) == {D("19"), D("9")}
    assert by_rate[D("19")].taxable_amount == D("100.10")
    assert by_rate[D("19")].tax_amount == D("19.02")  # 19.019
    assert by_rate[D("9")].taxable_amount == D("99.99")
    assert by_rate[D("9")].tax_amount == D("9.00")  # 8.9991
    totals = invoice.totals
    assert totals.line_extension == D("200.09")
    assert totals.tax_exclusive == D("200.09")
    assert totals.vat_total == D("28.02")
    assert totals.tax_inclusive == D("228.11")
    assert totals.payable == D("228.11")
    assert totals.allowance_total is None and totals.charge_total is None


def test_document_allowance_reduces_taxable_amount_and_sets_bt107():
    invoice = with_document_allowance(make_invoice(), D("20.00"))
    assert invoice.totals.allowance_total == D("20.00")
    assert invoice.totals.tax_exclusive == D("180.00")
    assert invoice.vat_breakdown[0].taxable_amount == D("180.00")
    assert invoice.vat_breakdown[0].tax_amount == D("34.20")
    assert invoice.totals.payable == D("214.20")


def test_prepaid_and_rounding_amounts_are_kept_and_applied():
    base = make_invoice()
    invoice = calculate(
        replace(base, totals=replace(base.totals, prepaid=D("38.00"), rounding=D("0.01")))
    )
    assert invoice.totals.prepaid == D("38.00")
    assert invoice.totals.payable == D("200.01")  # 238.00 - 38.00 + 0.01


def test_outside_scope_category_has_no_rate_and_gets_a_default_reason():
    invoice = make_vat_category_invoice(VatCategory.OUTSIDE_SCOPE)
    (vat,) = invoice.vat_breakdown
    assert vat.rate is None
    assert vat.tax_amount == D("0.00")
    assert vat.exemption_code == "VATEX-EU-O"


def test_exempt_category_keeps_the_reason_it_was_given():
    invoice = make_vat_category_invoice(VatCategory.EXEMPT)
    (vat,) = invoice.vat_breakdown
    assert vat.exemption_reason.startswith("Scutit conform art. 292")
    assert vat.taxable_amount == D("200.00")


def test_exempt_category_without_a_reason_gets_none():
    invoice = make_invoice(lines=(make_line(vat_category=VatCategory.EXEMPT, vat_rate=D("0")),))
    assert invoice.vat_breakdown[0].exemption_reason is None
    assert invoice.vat_breakdown[0].exemption_code is None


def test_foreign_currency_invoice_computes_vat_in_ron():
    invoice = make_foreign_currency_invoice()
    assert invoice.currency == "EUR" and invoice.tax_currency == "RON"
    assert invoice.totals.vat_total == D("38.00")
    assert invoice.totals.vat_total_accounting == D("189.05")  # 38.00 x 4.9750


def test_calculate_without_rate_keeps_a_given_ron_vat_total():
    invoice = make_foreign_currency_invoice()
    assert calculate(invoice).totals.vat_total_accounting == D("189.05")


def test_credit_note_type_code_selects_credit_note_root():
    assert make_invoice(type_code=InvoiceTypeCode.CREDIT_NOTE).is_credit_note
    assert not make_invoice(type_code=InvoiceTypeCode.CORRECTED).is_credit_note


def test_model_is_frozen():
    with pytest.raises(FrozenInstanceError):
        make_invoice().number = "X"  # type: ignore[misc]


def test_json_form_round_trips_through_json_text():
    invoice = make_full_invoice()
    text = json.dumps(to_dict(invoice))
    assert from_dict(Invoice, json.loads(text)) == invoice


def test_json_form_uses_strings_for_decimals_and_dates():
    data = to_dict(make_invoice())
    assert data["issue_date"] == "2026-11-20"
    assert data["totals"]["payable"] == "238.00"
    assert data["lines"][0]["vat_category"] == "S"
    assert "tax_currency" not in data  # left at its default


@pytest.mark.parametrize(
    ("change", "location"),
    [
        (lambda d: d.update(issue_date="20-11-2026"), "$.issue_date"),
        (lambda d: d["totals"].update(payable=1.5), "$.totals.payable"),
        (lambda d: d["lines"][0].update(quantity="abc"), "$.lines[0].quantity"),
        (lambda d: d["lines"][0].update(vat_category="X"), "$.lines[0].vat_category"),
        (lambda d: d.update(colour="red"), "$"),
        (lambda d: d.pop("number"), "$"),
        (lambda d: d.update(lines={}), "$.lines"),
        (lambda d: d["totals"].update(payable="NaN"), "$.totals.payable"),
    ],
)
def test_json_form_rejects_bad_values_with_their_path(change, location):
    data = to_dict(make_invoice())
    change(data)
    with pytest.raises(DocumentError) as info:
        from_dict(Invoice, data)
    assert info.value.location == location


def test_vat_breakdown_defaults_are_zero():
    vat = VatBreakdown(category=VatCategory.ZERO, rate=D("0"))
    assert (vat.taxable_amount, vat.tax_amount) == (D("0"), D("0"))


def test_issue_date_survives_json():
    invoice = make_invoice(issue_date=date(2024, 2, 29))
    assert from_dict(Invoice, to_dict(invoice)).issue_date == date(2024, 2, 29)
