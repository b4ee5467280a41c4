"""Conformance with the EN 16931 1.3.16 UBL unit tests and with the official CIUS-RO artefact.

Each of the 206 ``testSet`` files under ``../shared/standards/en16931-1.3.16/test/
Invoice-unit-UBL`` holds tests: one Invoice (or CreditNote) and the rule expected to pass
(``success``), fail (``error``) or warn (``warning``). We run the whole :func:`validate` and
compare our verdict on that rule. Where EN 16931 1.3.16 and the CIUS-RO 1.0.9 artefact differ,
the artefact wins: 1.3.16 renamed the IGIC and IPSI rules BR-AF-* and BR-AG-*, the artefact
still calls them BR-IG-* and BR-IP-*, so those ids are compared under their artefact names.

The second test runs the official XSLT on every unit-test invoice and requires our EN 16931
model and code-list findings (pattern M12 and M14 ids, with their flags) to be exactly the
official ones, which catches false positives on rules a test set does not target.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from ro_efactura.rules import all_rules, validate
from ro_efactura.rules.codelists import PATTERNS as CODE_PATTERNS
from ro_efactura.rules.en16931 import PATTERNS
from tests.official import EN16931_UNIT_TESTS, official_findings, require_standards

_VEFA = "{http://difi.no/xsd/vefa/validator/1.0}"
_EXPECTATIONS = ("success", "error", "warning")
_ARTEFACT_NAMES = {"BR-AF-": "BR-IG-", "BR-AG-": "BR-IP-"}
OUR_IDS = {rule.id for pattern in PATTERNS + CODE_PATTERNS for rule in pattern.rules}

TEST_SETS = sorted(EN16931_UNIT_TESTS.glob("*.xml")) if EN16931_UNIT_TESTS.is_dir() else []


def artefact_id(rule_id: str) -> str:
    """The id the CIUS-RO 1.0.9 artefact uses for an EN 16931 1.3.16 rule id."""
    for new, old in _ARTEFACT_NAMES.items():
        if rule_id.startswith(new):
            return old + rule_id[len(new) :]
    return rule_id


def unit_tests(path: Path) -> list[tuple[list[tuple[str, str]], bytes]]:
    """The tests of one test set: ``[(kind, rule id), ...]`` and the document's bytes."""
    tests = []
    for test in etree.parse(str(path)).getroot().iter(f"{_VEFA}test"):
        expected = [
            (etree.QName(item).localname, item.text.strip())
            for item in test.find(f"{_VEFA}assert")
            if etree.QName(item).localname in _EXPECTATIONS
        ]
        document = next(child for child in test if child.tag != f"{_VEFA}assert")
        tests.append((expected, etree.tostring(document)))
    return tests


def _params():
    if not TEST_SETS:
        return [pytest.param(None, id="unit-tests-missing")]
    return [pytest.param(path, id=path.stem) for path in TEST_SETS]


def _require(path: Path | None) -> Path:
    require_standards()
    if path is None:
        pytest.skip(f"EN 16931 unit tests not found at {EN16931_UNIT_TESTS}")
    return path


@pytest.mark.parametrize("path", _params())
def test_our_verdict_matches_the_unit_test(path):
    implemented = all_rules()
    for number, (expected, xml) in enumerate(unit_tests(_require(path))):
        found = validate(xml)
        for kind, rule_id in expected:
            rule_id = artefact_id(rule_id)
            if rule_id not in implemented:
                pytest.skip(f"{rule_id} is not implemented in this checkout")
            severities = {f.severity.value for f in found if f.rule == rule_id}
            wanted = {"success": set(), "error": {"fatal"}, "warning": {"warning"}}[kind]
            assert severities == wanted, f"test {number + 1}: {kind} {rule_id}"


@pytest.mark.parametrize("path", _params())
def test_model_and_code_list_findings_equal_the_official_artefact(path):
    for number, (_, xml) in enumerate(unit_tests(_require(path))):
        official = {
            (f["id"], f["flag"])
            for f in official_findings(xml)
            if f["source"] == "schematron" and f["id"] in OUR_IDS
        }
        ours = {(f.rule, f.severity.value) for f in validate(xml) if f.rule in OUR_IDS}
        assert ours == official, f"test {number + 1}"
