"""Whether an allowance-or-charge element is an allowance or a charge, read once per document.

Contexts such as ``cac:AllowanceCharge[cbc:ChargeIndicator = false()]`` filter their nodes with
:func:`is_allowance` or :func:`is_charge` (``where_doc=`` predicates, which see the
:class:`~ro_efactura.rules.Document`): :func:`charge_flags` reads an element's indicators once
and every context and rule shares the answer.

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
from ._xpath import CHARGE_INDICATOR, kids

__all__ = ["charge_flags", "is_allowance", "is_charge"]


def charge_flags(doc, allowance_charge) -> tuple[bool, bool]:
    """``(cbc:ChargeIndicator = false(), cbc:ChargeIndicator = true())``, read once."""
    cache = doc.memo("en16931:charge-flags", dict)
    flags = cache.get(allowance_charge)
    if flags is None:
        values = {
            (indicator.text or "").strip(" \t\r\n")
            for indicator in kids(doc, allowance_charge).get(CHARGE_INDICATOR, ())
        }
        flags = cache[allowance_charge] = (
            bool(values & {"false", "0"}),
            bool(values & {"true", "1"}),
        )
    return flags


def is_allowance(node, doc) -> bool:
    """An allowance (``cbc:ChargeIndicator = false()``) or an element inside one."""
    return charge_flags(doc, node if node.tag == _ALLOWANCE_CHARGE else node.getparent())[0]


def is_charge(node, doc) -> bool:
    """A charge (``cbc:ChargeIndicator = true()``) or an element inside one."""
    return charge_flags(doc, node if node.tag == _ALLOWANCE_CHARGE else node.getparent())[1]


_ALLOWANCE_CHARGE = q("cac:AllowanceCharge")
