"""The UBL writer: golden files, determinism, UBL 2.1 XSD validity and zero official fatals."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from ro_efactura import validate
from ro_efactura._xml import CAC, CBC, CN, INV
from ro_efactura.model import CIUS_RO_CUSTOMIZATION, InvoiceTypeCode, VatCategory
from ro_efactura.ubl import write
from tests.factories import (
    make_b2c_invoice,
    make_credit_note,
    make_foreign_currency_invoice,
    make_full_invoice,
    make_invoice,
    make_line,
    make_n_lines,
    make_vat_category_invoice,
    with_document_allowance,
)
from tests.official import UBL_XSD, official_fatal_ids, official_findings, require_standards

GOLDEN = Path(__file__).parent / "files" / "golden"
NS = {"cbc": CBC, "cac": CAC}

CASES = {
    "invoice": make_invoice,
    "credit_note": make_credit_note,
    "foreign_currency": make_foreign_currency_invoice,
    "b2c": make_b2c_invoice,
    "full_invoice": make_full_invoice,
    "full_credit_note": lambda: make_full_invoice(
        type_code=InvoiceTypeCode.CREDIT_NOTE, due_date=None
    ),
    "document_allowance": lambda: with_document_allowance(make_invoice(), Decimal("20.00")),
    "twenty_lines": lambda: make_n_lines(20),
    **{
        f"vat_{category.value}": (lambda c=category: make_vat_category_invoice(c))
        for category in VatCategory
        if category is not VatCategory.SPLIT_PAYMENT  # Italy only: CIUS-RO does not use it
    },
}
GOLDEN_CASES = ["invoice", "credit_note", "foreign_currency", "b2c", "full_invoice",
                "full_credit_note"]  # fmt: skip


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_writer_output_matches_golden_file(name):
    xml = write(CASES[name]())
    path = GOLDEN / f"{name}.xml"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(xml)
    assert xml == path.read_bytes()


def test_same_model_gives_same_bytes():
    assert write(make_full_invoice()) == write(make_full_invoice())


def test_output_is_utf8_with_declaration_and_cius_ro_customization():
    xml = write(make_invoice(notes=("Întârzierea plății atrage penalități",)))
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert "Întârzierea plății".encode() in xml
    root = etree.fromstring(xml)
    assert root.tag == f"{{{INV}}}Invoice"
    assert root.findtext("cbc:CustomizationID", namespaces=NS) == CIUS_RO_CUSTOMIZATION
    assert CIUS_RO_CUSTOMIZATION.endswith("CIUS-RO:1.0.1")


def test_credit_note_has_credit_note_root_lines_and_quantities():
    root = etree.fromstring(write(make_credit_note()))
    assert root.tag == f"{{{CN}}}CreditNote"
    assert root.findtext("cbc:CreditNoteTypeCode", namespaces=NS) == "381"
    assert root.find("cac:CreditNoteLine/cbc:CreditedQuantity", NS).get("unitCode") == "HUR"
    assert root.find("cac:InvoiceLine", NS) is None


def test_credit_note_due_date_goes_to_the_first_payment_means():
    invoice = replace(make_credit_note(), due_date=make_invoice().due_date)
    root = etree.fromstring(write(invoice))
    assert root.find("cbc:DueDate", NS) is None
    assert root.findtext("cac:PaymentMeans/cbc:PaymentDueDate", namespaces=NS) == "2026-12-20"


def test_credit_note_due_date_without_payment_means_is_refused_not_dropped():
    invoice = replace(make_credit_note(), due_date=date(2026, 12, 20), payment_means=())
    with pytest.raises(ValueError, match="BT-9"):
        write(invoice)
    assert write(replace(invoice, due_date=None))  # without the due date it is written


def test_party_without_address_gets_no_invented_address():
    buyer = replace(make_invoice().buyer, address=None)
    root = etree.fromstring(write(make_invoice(buyer=buyer)))
    assert root.find("cac:AccountingCustomerParty/cac:Party/cac:PostalAddress", NS) is None
    assert root.find("cac:AccountingSupplierParty/cac:Party/cac:PostalAddress", NS) is not None
    assert "BR-10" in {f.rule for f in validate(write(make_invoice(buyer=buyer)))}


def test_foreign_currency_invoice_writes_ron_vat_total_separately():
    root = etree.fromstring(write(make_foreign_currency_invoice()))
    totals = root.findall("cac:TaxTotal", NS)
    assert [t.find("cbc:TaxAmount", NS).get("currencyID") for t in totals] == ["EUR", "RON"]
    assert totals[1].findtext("cbc:TaxAmount", namespaces=NS) == "189.05"
    assert totals[1].find("cac:TaxSubtotal", NS) is None
    assert root.findtext("cbc:TaxCurrencyCode", namespaces=NS) == "RON"


def test_outside_scope_category_is_written_without_percent():
    root = etree.fromstring(write(make_vat_category_invoice(VatCategory.OUTSIDE_SCOPE)))
    category = root.find("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory", NS)
    assert category.findtext("cbc:ID", namespaces=NS) == "O"
    assert category.find("cbc:Percent", NS) is None
    assert category.findtext("cbc:TaxExemptionReasonCode", namespaces=NS) == "VATEX-EU-O"


def test_amounts_never_use_exponent_notation():
    invoice = make_invoice(compute=False)
    invoice = replace(invoice, totals=replace(invoice.totals, payable=Decimal("1E+2")))
    root = etree.fromstring(write(invoice))
    assert root.findtext("cac:LegalMonetaryTotal/cbc:PayableAmount", namespaces=NS) == "100"


@cache
def _schemas():
    require_standards()
    xmlschema = pytest.importorskip("xmlschema")
    return {
        kind: xmlschema.XMLSchema(str(UBL_XSD / "maindoc" / f"UBL-{kind}-2.1.xsd"))
        for kind in ("Invoice", "CreditNote")
    }


@pytest.mark.parametrize("name", sorted(CASES))
def test_writer_output_is_valid_against_ubl_xsd(name):
    if not UBL_XSD.is_dir():
        pytest.skip(f"UBL 2.1 XSD not found at {UBL_XSD}")
    xml = write(CASES[name]())
    root = etree.fromstring(xml)
    schema = _schemas()[etree.QName(root).localname]
    errors = [f"{e.path}: {e.reason}" for e in schema.iter_errors(root)]
    assert errors == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_valid_model_gives_no_official_fatal_finding(name):
    assert official_fatal_ids(write(CASES[name]())) == set()


def test_official_artefact_catches_a_broken_total():
    # guards the test above: the yardstick does see a wrong BT-115
    invoice = make_invoice()
    broken = replace(invoice, totals=replace(invoice.totals, payable=Decimal("1.00")))
    findings = official_findings(write(broken))
    assert "BR-CO-16" in {f["id"] for f in findings}


# --- text escaping ---------------------------------------------------------------------------

_XML_CHARS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="\ufffe\uffff"
    + "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r"),
)


@settings(max_examples=200, deadline=None)
@given(
    name=st.text(_XML_CHARS, min_size=1, max_size=30),
    unit=st.text(_XML_CHARS, min_size=1, max_size=8),
)
def test_any_text_is_escaped_as_lxml_would(name, unit):
    xml = write(make_invoice(lines=(make_line(item_name=name, unit=unit),)))
    root = etree.fromstring(xml)
    assert etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True) == xml
    line = root.find("cac:InvoiceLine", NS)
    assert line.findtext("cac:Item/cbc:Name", namespaces=NS) == name
    assert line.find("cbc:InvoicedQuantity", NS).get("unitCode") == unit


@pytest.mark.parametrize("bad", ["\x00", "\x1b", "\ufffe", "\ud800"])
@pytest.mark.parametrize("field", ["item_name", "unit"])
def test_characters_xml_cannot_carry_are_refused(bad, field):
    invoice = make_invoice(lines=(make_line(**{field: f"A{bad}B"}),))
    with pytest.raises(ValueError, match="XML cannot carry"):
        write(invoice)
