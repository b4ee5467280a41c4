"""The guard of the EN 16931 pattern never changes a finding.

The ``M12`` pattern checks only the rules its guard suspects (``ro_efactura.rules.en16931.
_guard``). Each document is run twice, guarded and with every rule checked, and the findings
-- ids, locations, order -- must be equal: on ANAF's examples, the credit notes made from
them, the EN 16931 unit-test documents, generated invoices (long ones too, whose line
categories the VAT index reads in bulk) and seeded mutations of them that break amounts,
codes, rates, schemes, indicators and the shape of lines and breakdowns.
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from lxml import etree

from ro_efactura._xml import parse
from ro_efactura.model import VatCategory
from ro_efactura.rules import Document
from ro_efactura.rules.en16931 import PATTERNS
from ro_efactura.rules.en16931 import _guard as guard
from ro_efactura.rules.en16931 import _vat_index as vat_index_module
from ro_efactura.ubl import write
from tests.factories import (
    make_credit_note,
    make_full_invoice,
    make_n_lines,
    make_vat_category_invoice,
    with_document_allowance,
)
from tests.mutations import findings, mutate
from tests.test_conformance_anaf import EXAMPLES, credit_note, load, to_bytes
from tests.test_conformance_en16931 import TEST_SETS, unit_tests

M12 = PATTERNS[0]
VALUES = (
    "", " x ", "10.005", "1.5 ", "-1", "0", "19", "9", "NaN", "1e3", "12345678901234567890.1",
    "S", "Z", "E", "AE", "K", "G", "O", "L", "M", "B", " S ", "VAT", "vat", "true", "false",
    "1", "30", "58", "2021-02-28", "#AAI#text", "RO", "IT",
)  # fmt: skip
ATTRIBUTES = ("currencyID", "schemeID", "listID", "unitCode")


def assert_same(xml: bytes) -> None:
    assert findings(M12, xml, guarded=True) == findings(M12, xml, guarded=False)


_FOCUS = frozenset(
    (
        "ID", "Percent", "TaxScheme", "ClassifiedTaxCategory", "TaxCategory",
        "LineExtensionAmount", "TaxAmount", "TaxableAmount", "ChargeIndicator", "Amount",
        "InvoiceLine", "CreditNoteLine", "Item", "TaxSubtotal", "PayableAmount",
        "TaxExclusiveAmount", "TaxInclusiveAmount", "TaxExemptionReason",
    )
)  # fmt: skip


def _generated():
    yield "1 line", make_n_lines(1)
    yield "3 lines", make_n_lines(3)
    yield "40 lines", make_n_lines(40)
    yield "credit note", make_credit_note()
    yield "full invoice", make_full_invoice()
    yield "allowance", with_document_allowance(make_n_lines(14), Decimal("5"))
    for category in VatCategory:
        if category is not VatCategory.SPLIT_PAYMENT:
            yield f"category {category.value}", make_vat_category_invoice(category)


def bases():
    yield from ((name, lambda name=name: load(name)) for name in EXAMPLES)
    yield from ((f"credit note from {n}", lambda n=n: credit_note(n)) for n in EXAMPLES[:2])
    for label, invoice in _generated():
        xml = write(invoice)
        yield label, lambda xml=xml: etree.fromstring(xml)


BASES = dict(bases())


@pytest.mark.parametrize("label", list(BASES))
def test_guarded_findings_equal_every_rule_checked(label):
    base = BASES[label]
    assert_same(to_bytes(base()))
    rng = random.Random(f"en16931 {label}")
    for _ in range(40):
        root = base()
        mutate(root, rng, VALUES, ATTRIBUTES, _FOCUS)
        assert_same(to_bytes(root))


@pytest.mark.parametrize("path", TEST_SETS, ids=[path.stem for path in TEST_SETS])
def test_unit_test_documents_get_the_same_findings(path):
    for _, xml in unit_tests(path):
        assert_same(xml)


@pytest.mark.parametrize("label", ["40 lines", "allowance"])
def test_line_categories_read_in_bulk_give_the_same_findings(label, monkeypatch):
    """The VAT index reads the categories of many regular lines in bulk; reading them line by
    line must give the same findings, on the base and on mutations of its lines."""
    base = BASES[label]
    rng = random.Random(f"bulk {label}")
    documents = [to_bytes(base())]
    for _ in range(40):
        root = base()
        mutate(root, rng, VALUES, ATTRIBUTES, _FOCUS)
        documents.append(to_bytes(root))
    in_bulk = [findings(M12, xml, guarded=False) for xml in documents]
    monkeypatch.setattr(vat_index_module, "regular_lines", lambda doc: None)
    assert [findings(M12, xml, guarded=False) for xml in documents] == in_bulk


def test_a_valid_invoice_is_cleared_without_suspects():
    for xml in (write(make_n_lines(3)), write(make_n_lines(40)), write(make_credit_note())):
        assert M12.suspects(Document(parse(xml))) == frozenset()


def test_a_wrongly_cleared_rule_is_caught(monkeypatch):
    root = etree.fromstring(write(make_n_lines(3)))
    root.remove(next(child for child in root if etree.QName(child).localname == "ID"))
    xml = to_bytes(root)
    assert "BR-02" in {rule for rule, _ in findings(M12, xml, guarded=True)}  # a missing number...
    assert_same(xml)
    monkeypatch.setitem(guard._CLEARS, "BR-02", lambda facts: True)  # ...cleared by mistake
    forget_plans()  # the plans hold the clears they were built with
    try:
        with pytest.raises(AssertionError):
            assert_same(xml)
    finally:
        monkeypatch.undo()
        forget_plans()


def forget_plans() -> None:
    guard._entries.cache_clear()
    guard._plan.cache_clear()


def test_a_raising_guard_checks_every_rule(monkeypatch, caplog):
    xml = to_bytes(credit_note(EXAMPLES[0])) if EXAMPLES else write(make_credit_note())
    expected = findings(M12, xml, guarded=False)

    def broken(doc):
        raise RuntimeError("guard bug")

    monkeypatch.setattr(M12, "suspects", broken)
    assert [(f.rule, f.location) for f in M12.run(Document(parse(xml)))] == expected
    assert "raised; checking every rule" in caplog.text
