"""Fuzzing the rules: random mutations of ANAF's examples never break :func:`validate`.

Whatever a document holds, ``validate`` either returns findings or raises
:class:`~ro_efactura.errors.DocumentError` (unreadable bytes), and no rule raises inside the
engine (the engine would log it and report the rule as failed). Tree mutations reach the
rules; byte mutations reach the parser. Bounded and derandomized to stay fast and stable.
"""

from __future__ import annotations

import logging
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from ro_efactura import validate
from ro_efactura._xml import NS
from ro_efactura.errors import DocumentError
from tests.official import ANAF_EXAMPLES

_NAMES = sorted(p.name for p in ANAF_EXAMPLES.glob("*.xml")) if ANAF_EXAMPLES.is_dir() else []
pytestmark = pytest.mark.skipif(not _NAMES, reason=f"ANAF examples not found at {ANAF_EXAMPLES}")

_TAGS = [
    f"{{{NS[prefix]}}}{local}"
    for prefix, local in (
        ("cbc", "IssueDate"), ("cbc", "PriceAmount"), ("cbc", "Amount"), ("cbc", "Note"),
        ("cbc", "ChargeIndicator"), ("cbc", "DocumentTypeCode"), ("cbc", "PaymentID"),
        ("cbc", "PaymentMeansCode"), ("cbc", "ID"), ("cbc", "CountrySubentity"),
        ("cbc", "EmbeddedDocumentBinaryObject"), ("cac", "AllowanceCharge"), ("cac", "Price"),
        ("cac", "CreditNote"), ("cac", "PartyTaxScheme"), ("cac", "TaxScheme"),
        ("cac", "AdditionalDocumentReference"), ("cac", "InvoiceLine"), ("cac", "PayeeParty"),
        ("ext", "UBLExtensions"), ("cbc", "FooAmount"), ("cbc", "UBLVersionID"),
    )
] + ["Amount", "{urn:x}BinaryObject"]  # fmt: skip
_ATTRIBUTES = ["currencyID", "schemeID", "name", "mimeCode", "filename", "listID", "scheme"]
_TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
            max_size=30),
    st.sampled_from(["", " ", "true", "false", "0", "1", "130", "50", "VAT", "SEPA", "RON",
                     "RO", "RO-B", "SECTOR1", "2024-02-29", "2023-02-29", "-1", "NaN", "INF",
                     "1e3", "10.005", "x" * 1001, "\u00a0", "1.2.3"]),
)  # fmt: skip


@cache
def _source(name: str) -> bytes:
    return (ANAF_EXAMPLES / name).read_bytes()


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _mutate(root: etree._Element, data) -> None:
    elements = list(root.iter(etree.Element))
    for _ in range(data.draw(st.integers(1, 4))):
        target = data.draw(st.sampled_from(elements))
        action = data.draw(st.sampled_from(["text", "attr", "delete", "add", "copy", "rename"]))
        parent = target.getparent()
        if action == "text":
            target.text = data.draw(_TEXT)
        elif action == "attr":
            target.set(data.draw(st.sampled_from(_ATTRIBUTES)), data.draw(_TEXT))
        elif action == "delete" and parent is not None:
            parent.remove(target)
        elif action == "add":
            child = etree.SubElement(target, data.draw(st.sampled_from(_TAGS)))
            child.text = data.draw(_TEXT)
        elif action == "copy" and parent is not None:
            parent.append(etree.fromstring(etree.tostring(target)))
        elif action == "rename" and parent is not None:
            target.tag = data.draw(st.sampled_from(_TAGS))


def _validate_quietly(xml: bytes) -> list[logging.LogRecord]:
    handler = _Errors()
    logger = logging.getLogger("ro_efactura")
    logger.addHandler(handler)
    try:
        validate(xml)
    except DocumentError:
        pass
    finally:
        logger.removeHandler(handler)
    return handler.records


_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


@_SETTINGS
@given(data=st.data())
def test_tree_mutations_never_raise_or_log_a_rule_error(data):
    root = etree.fromstring(_source(data.draw(st.sampled_from(_NAMES))))
    _mutate(root, data)
    records = _validate_quietly(etree.tostring(root))
    assert [r.getMessage() for r in records] == []


@settings(max_examples=100, deadline=None, derandomize=True)
@given(data=st.data())
def test_byte_mutations_raise_only_document_errors(data):
    xml = bytearray(_source(data.draw(st.sampled_from(_NAMES))))
    start = data.draw(st.integers(0, len(xml) - 1))
    end = data.draw(st.integers(start, min(len(xml), start + 40)))
    xml[start:end] = data.draw(st.binary(max_size=20))
    records = _validate_quietly(bytes(xml))
    assert [r.getMessage() for r in records] == []


def test_a_failing_root_check_is_logged_and_reported(monkeypatch):
    def broken(doc, root):
        raise ZeroDivisionError

    from ro_efactura.rules.syntax import _root

    monkeypatch.setattr(_root, "_CHECKS", ((*_root._CHECKS[0][:3], broken),))
    handler = _Errors()
    logging.getLogger("ro_efactura").addHandler(handler)
    try:
        findings = validate(_source(_NAMES[1]))
    finally:
        logging.getLogger("ro_efactura").removeHandler(handler)
    assert [r.getMessage() for r in handler.records] == [
        "Rule UBL-CR-002 raised; reporting it as failed"
    ]
    assert "UBL-CR-002" in {f.rule for f in findings}
