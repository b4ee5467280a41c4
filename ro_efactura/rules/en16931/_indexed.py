"""Whether an allowance-or-charge element is an allowance or a charge, read once per document.

Contexts such as ``cac:AllowanceCharge[cbc:ChargeIndicator = false()]`` filter their nodes with
:func:`is_allowance` or :func:`is_charge` (``where_doc=`` predicates, which see the
:class:`~ro_efactura.rules.Document`): :func:`charge_flags` reads every indicator of the document
once and every context and rule shares the answers.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'''<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
...   xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
...   xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
...   <cac:AllowanceCharge><cbc:ChargeIndicator> true </cbc:ChargeIndicator></cac:AllowanceCharge>
...   </Invoice>'''
>>> doc = Document(parse(xml))
>>> charge_flags(doc, doc.elements(_ALLOWANCE_CHARGE)[0])
(False, True)
"""

from __future__ import annotations

from .._core import q
from ._xpath import CHARGE_INDICATOR

__all__ = ["charge_flags", "is_allowance", "is_charge"]


def charge_flags(doc, allowance_charge) -> tuple[bool, bool]:
    """``(cbc:ChargeIndicator = false(), cbc:ChargeIndicator = true())``, read once."""
    return doc.memo("en16931:charge-flags", lambda: _read_flags(doc)).get(
        allowance_charge, _NEITHER
    )


def _read_flags(doc) -> dict:
    # one pass over the document's indicators, each giving its parent element a flag
    values: dict = {}
    for indicator in doc.elements(CHARGE_INDICATOR):
        parent = indicator.getparent()
        values.setdefault(parent, set()).add((indicator.text or "").strip(" \t\r\n"))
    return {
        parent: (bool(found & {"false", "0"}), bool(found & {"true", "1"}))
        for parent, found in values.items()
    }


_NEITHER = (False, False)


def is_allowance(node, doc) -> bool:
    """An allowance (``cbc:ChargeIndicator = false()``) or an element inside one."""
    return charge_flags(doc, node if node.tag == _ALLOWANCE_CHARGE else node.getparent())[0]


def is_charge(node, doc) -> bool:
    """A charge (``cbc:ChargeIndicator = true()``) or an element inside one."""
    return charge_flags(doc, node if node.tag == _ALLOWANCE_CHARGE else node.getparent())[1]


_ALLOWANCE_CHARGE = q("cac:AllowanceCharge")
