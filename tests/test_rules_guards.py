"""The guards of the UBL syntax and CIUS-RO patterns never change a finding.

A guarded pattern checks only the rules its guard suspects (see
``ro_efactura.rules.syntax._guarded``). Here each pattern is run twice on the same document,
guarded and with every rule checked, and the findings -- ids, locations, order -- must be
equal: on ANAF's examples, the credit notes made from them, generated invoices, and a few
hundred seeded mutations of each (new texts, attributes, repeated, moved, nested and deleted
elements), which break most families the guards clear.
"""

from __future__ import annotations

import random

import pytest
from lxml import etree

from ro_efactura._xml import parse
from ro_efactura.rules import Document
from ro_efactura.rules.cius_ro import PATTERN as CIUS_RO
from ro_efactura.rules.cius_ro._guard import _unguarded as cius_ro_unguarded
from ro_efactura.rules.syntax import PATTERN as SYNTAX
from ro_efactura.rules.syntax._guard import _unguarded as syntax_unguarded
from ro_efactura.ubl import write
from tests.factories import make_n_lines
from tests.mutations import findings, mutate
from tests.test_conformance_anaf import EXAMPLES, credit_note, load, to_bytes

PATTERNS = (SYNTAX, CIUS_RO)
VALUES = (
    "", " x ", "10.005", "1.5 ", "2021-02-29", "2021-02-28", " 2021-02-28", "x" * 1001,
    "a " * 60, "-1", "RO-B", "SECTOR1", "RO", "RO-XX", "380", "381", "3", "130", "50", "NaN",
    "1e3", "true", "false", "abc", "RON", "SEPA",
)  # fmt: skip
ATTRIBUTES = ("name", "filename", "scheme", "schemeID", "mimeCode", "listID", "languageID")


def assert_same(xml: bytes) -> None:
    for pattern in PATTERNS:
        assert findings(pattern, xml, guarded=True) == findings(pattern, xml, guarded=False)


def bases():
    yield from ((name, lambda name=name: load(name)) for name in EXAMPLES)
    yield from ((f"credit note from {n}", lambda n=n: credit_note(n)) for n in EXAMPLES[:2])
    for lines in (1, 3, 20):
        xml = write(make_n_lines(lines))
        yield f"{lines} generated lines", lambda xml=xml: etree.fromstring(xml)


BASES = dict(bases())


@pytest.mark.parametrize("label", list(BASES))
def test_guarded_findings_equal_every_rule_checked(label):
    base = BASES[label]
    assert_same(to_bytes(base()))
    rng = random.Random(label)
    for _ in range(40):
        root = base()
        mutate(root, rng, VALUES, ATTRIBUTES)
        assert_same(to_bytes(root))


def test_a_valid_invoice_is_cleared_without_suspects():
    doc = Document(parse(write(make_n_lines(3))))
    assert SYNTAX.suspects(doc) == frozenset()
    assert CIUS_RO.suspects(doc) == frozenset()


def test_every_rule_is_known_to_its_guard():
    assert syntax_unguarded() == frozenset()
    assert cius_ro_unguarded() == frozenset()


def test_a_raising_guard_checks_every_rule(monkeypatch, caplog):
    xml = to_bytes(credit_note(EXAMPLES[0])) if EXAMPLES else write(make_n_lines(2))
    expected = findings(CIUS_RO, xml, guarded=False)

    def broken(doc):
        raise RuntimeError("guard bug")

    monkeypatch.setattr(CIUS_RO, "suspects", broken)
    assert [(f.rule, f.location) for f in CIUS_RO.run(Document(parse(xml)))] == expected
    assert "guard of ROmodel raised" in caplog.text
