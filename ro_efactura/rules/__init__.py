"""Validation of UBL 2.1 invoices against EN 16931 and CIUS-RO 1.0.9, with our own rules.

:func:`validate` takes XML bytes (or a model document, which is written first) and returns
the findings, each with the official rule id, its severity (``fatal`` or ``warning``), where it
is and a message in Romanian and English. It raises only
:class:`~ro_efactura.errors.DocumentError` for bytes that are not a readable UBL document.

Rule modules, each registering one or more :class:`Pattern`:

* ``en16931`` -- the EN 16931 semantic model rules (BR-*, BR-CO-*, BR-DEC-*, VAT categories);
* ``codelists`` -- the EN 16931 code-list rules (BR-CL-*);
* ``syntax`` -- the UBL syntax rules (UBL-CR-*, UBL-SR-*, UBL-DT-*);
* ``cius_ro`` -- the Romanian rules (BR-RO-*, BR-DEC-RO-*).

>>> from ro_efactura.rules import validate
>>> bad = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
>>> "BR-01" in {f.rule for f in validate(bad)}
True
"""

from __future__ import annotations

from ._core import Attr, Context, Document, Finding, Pattern, Rule, Severity, Text, q
from ._engine import PATTERNS, all_rules, validate

__all__ = [
    "PATTERNS",
    "Attr",
    "Context",
    "Document",
    "Finding",
    "Pattern",
    "Rule",
    "Severity",
    "Text",
    "all_rules",
    "q",
    "validate",
]
