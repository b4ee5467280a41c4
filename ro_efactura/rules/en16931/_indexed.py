"""Faster rule contexts: elements looked up by parent tag, predicates that see the Document.

The engine's :class:`~ro_efactura.rules.Context` tests every element carrying the context's
last tag, so ``cac:TaxCategory/cbc:ID`` walks up from each of the invoice's many ``cbc:ID``.
:class:`IndexedContext` matches the same nodes but first groups, once per document, the
elements of a tag by their parent's tag. Its ``where_doc`` predicate also receives the
:class:`~ro_efactura.rules.Document`, so facts such as an allowance's charge indicator
(:func:`charge_flags`) are read once and shared by every context and rule.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'''<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
...   xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
...   xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
...   <cbc:ID>1</cbc:ID><cac:TaxCategory><cbc:ID>S</cbc:ID></cac:TaxCategory></Invoice>'''
>>> [n.text for n in IndexedContext("cac:TaxCategory/cbc:ID").nodes(Document(parse(xml)))]
['S']
"""

from __future__ import annotations

from collections.abc import Callable

from .._core import Context, q
from ._xpath import CHARGE_INDICATOR, kids

__all__ = ["IndexedContext", "charge_flags", "is_allowance", "is_charge"]


class IndexedContext(Context):
    """The nodes of ``Context(match, where)``, found through a per-document parent index."""

    def __init__(
        self,
        match: str,
        where: Callable[..., bool] | None = None,
        *,
        where_doc: Callable[..., bool] | None = None,
    ) -> None:
        super().__init__(match, where)
        self.where_doc = where_doc
        self._paths = [_steps(alternative) for alternative in match.split("|")]

    def nodes(self, doc) -> list:
        found: list = []
        for anchored, steps in self._paths:
            if len(steps) == 1 or steps[-2] == "*":
                candidates = doc.elements(steps[-1])
            else:
                candidates = _by_parent(doc, steps[-1]).get(steps[-2], ())
            found.extend(node for node in candidates if _matches(node, steps, anchored))
        if self.where is not None:
            found = [node for node in found if self.where(node)]
        if self.where_doc is not None:
            found = [node for node in found if self.where_doc(node, doc)]
        return found


def _steps(alternative: str) -> tuple[bool, tuple[str, ...]]:
    text = alternative.strip()
    return text.startswith("/"), tuple(q(step) for step in text.strip("/").split("/"))


def _by_parent(doc, tag: str) -> dict[str, list]:
    def group() -> dict[str, list]:
        groups: dict[str, list] = {}
        for element in doc.elements(tag):
            groups.setdefault(element.getparent().tag, []).append(element)
        return groups

    return doc.memo(("en16931:by-parent", tag), group)


def _matches(node, steps: tuple[str, ...], anchored: bool) -> bool:
    for step in reversed(steps[:-1]):
        node = node.getparent()
        if node is None or (step != "*" and node.tag != step):
            return False
    return not anchored or node.getparent() is None


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
