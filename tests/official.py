"""The official artefacts (UBL XSD + CIUS-RO 1.0.9 XSLT) as a yardstick for our rules.

Loads ``../shared/tools/official-validate`` in process and compiles the stylesheet once per
test session. Unlike that tool, :func:`official_findings` also collects the Schematron
*successful reports*: CIUS-RO writes eight fatal rules that way (BR-RO-100, 101, 110, 111,
160, 170, 202, 212), and ANAF rejects an invoice for them like for any failed assert.

Tests that need it call :func:`official_validator`, which skips the test with a
clear message when ``../shared`` (or saxonche) is absent, as on a user's machine.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import tempfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
STANDARDS = SHARED / "standards"
UBL_XSD = STANDARDS / "ubl-2.1" / "xsd"
ANAF_EXAMPLES = STANDARDS / "cius-ro-1.0.9" / "examples"
EN16931_UNIT_TESTS = STANDARDS / "en16931-1.3.16" / "test" / "Invoice-unit-UBL"
_TOOL = SHARED / "tools" / "official-validate"


def require_standards() -> Path:
    """Skip the calling test unless ``../shared/standards`` is present."""
    if not STANDARDS.is_dir():
        pytest.skip(
            f"official standards not found at {STANDARDS} (needs ../shared beside the repo)"
        )
    return STANDARDS


@cache
def _load():
    loader = importlib.machinery.SourceFileLoader("official_validate", str(_TOOL))
    spec = importlib.util.spec_from_loader("official_validate", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module.OfficialValidator()


def official_validator():
    """The compiled official validator, or skip the test when it cannot be had."""
    require_standards()
    pytest.importorskip("saxonche", reason="saxonche is needed to run the official XSLT")
    return _load()


_SVRL = "{http://purl.oclc.org/dsdl/svrl}"


def official_findings(xml: bytes) -> list[dict]:
    """Run the official artefacts on ``xml``; dicts with source, id, flag, location, text."""
    validator = official_validator()
    with tempfile.NamedTemporaryFile(suffix=".xml") as handle:
        handle.write(xml)
        handle.flush()
        findings = validator.validate(handle.name)
        if not any(f["id"] == "ROOT" for f in findings):
            findings.extend(_successful_reports(validator, handle.name))
        return findings


def _successful_reports(validator, path: str) -> list[dict]:
    svrl = validator._xslt.transform_to_string(source_file=path)
    report = etree.fromstring(svrl.encode("utf-8"))
    return [
        {
            "source": "schematron",
            "id": found.get("id", ""),
            "flag": found.get("flag", "fatal"),
            "location": found.get("location", ""),
            "text": " ".join((found.findtext(f"{_SVRL}text") or "").split()),
        }
        for found in report.iter(f"{_SVRL}successful-report")
    ]


def official_fatal_ids(xml: bytes, *, schematron_only: bool = True) -> set[str]:
    """The ids of the fatal findings the official artefacts give for ``xml``."""
    return {
        f["id"]
        for f in official_findings(xml)
        if f["flag"] == "fatal" and (not schematron_only or f["source"] == "schematron")
    }
