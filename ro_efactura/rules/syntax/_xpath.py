"""Path lookups the UBL syntax and CIUS-RO rules share, and the charge-indicator filter.

:class:`Path` selects ``a/b/c`` below a node (or anywhere, :meth:`Path.everywhere`) through the
document's children tables. The XPath value semantics (``normalize-space``, string values, the
``xs:date``/``xs:double``/``xs:boolean`` casts, decimal places) live in
:mod:`ro_efactura.rules._xpath`, shared with the EN 16931 rules, and are re-exported here.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'''<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
...   xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
...   xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
...   <cac:Delivery><cbc:ID>1</cbc:ID></cac:Delivery><cac:Delivery/></Invoice>'''
>>> doc = Document(parse(xml))
>>> Path("cac:Delivery/cbc:ID").values(doc, doc.root)
['1']
>>> Path("cac:Delivery").at_most_one(doc, doc.root)
False
"""

from __future__ import annotations

from lxml import etree

from .._core import Document, q
from .._xpath import (
    boolean_value,
    castable_as_date,
    decimals,
    normalize_space,
    string_value,
    text_nodes,
    xs_double,
)

__all__ = [
    "Path",
    "boolean_value",
    "castable_as_date",
    "decimals",
    "descend",
    "indicator_is",
    "normalize_space",
    "present_tags",
    "string_value",
    "text_nodes",
    "xs_double",
]

_TAGS_KEY = "syntax.present-tags"
_REPEATS_KEY = "syntax.repeated-children"
_CLIMBED_KEY = "syntax.climbed-paths"
_NONE: list = []  # the shared empty result; callers only read results
_WIDE = 64  # an element with more children is scanned, not tabled, by descend
_FEW = 8  # up to this many elements with the last tag, climb from them instead of descending


def descend(doc: Document, anchor: etree._Element, steps: tuple[str, ...]) -> list:
    """The elements at the child path ``steps`` (Clark tags) below ``anchor``, in document
    order: climbed to from the elements of the last step that has few of them, then reached
    through the document's children tables."""
    last = len(steps) - 1
    while last >= 0 and len(doc.elements(steps[last])) > _FEW:
        last -= 1
    if last < 0:
        found = [anchor]
        if len(anchor) > _WIDE:  # such as the root of a long invoice: scan it in C
            last, found = 0, list(anchor.iterchildren(steps[0]))
    else:
        found = _climbed(doc.elements(steps[last]), anchor, steps[last - 1 :: -1] if last else ())
    children = doc.children
    for step in steps[last + 1 :]:
        if not found:
            return _NONE
        if len(found) == 1:
            found = children(found[0]).get(step, _NONE)
        else:
            found = [c for node in found for c in children(node).get(step, ())]
    return found


def _climbed(candidates: list, anchor: etree._Element, ups: tuple[str, ...]) -> list:
    """The ``candidates`` whose ancestors have the tags ``ups`` (nearest first), then are
    ``anchor``."""
    found = []
    for element in candidates:
        node = element.getparent()
        for step in ups:
            if node is None or node.tag != step:
                break
            node = node.getparent()
        else:
            if node is anchor:
                found.append(element)
    return found


def present_tags(doc: Document) -> frozenset[str]:
    """Every element tag the document holds, computed once per document."""
    return doc.memo(_TAGS_KEY, lambda: frozenset(doc.tags()))


class Path:
    """A child path such as ``cac:Party/cac:PartyName/cbc:Name``, optionally ending in
    ``/@attribute``, selected below an anchor element.

    Each step reads the document's table of an element's children by tag
    (:meth:`Document.children`), built the first time an element is visited and shared by
    every rule of every pattern, so a path costs a few dictionary hits.
    """

    __slots__ = ("attribute", "steps", "tag_set", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        element_part, _, self.attribute = text.partition("/@")
        self.steps = tuple(q(step) for step in element_part.split("/"))
        self.tag_set = frozenset(self.steps)

    def __repr__(self) -> str:
        return f"Path({self.text!r})"

    def nodes(self, doc: Document, anchor: etree._Element) -> list[etree._Element]:
        """The elements at this path below ``anchor``, in document order (do not modify)."""
        if self._missing(doc):
            return _NONE
        candidates = doc.elements(self.steps[-1])
        if len(candidates) <= _FEW:  # cheaper to climb, once, from the few elements with the tag
            climbed = doc.memo(_CLIMBED_KEY, dict)
            by_anchor = climbed.get(self)
            if by_anchor is None:
                by_anchor = climbed[self] = {}
                for element in candidates:
                    top = self._top_of(element)
                    if top is not None:
                        by_anchor.setdefault(top, []).append(element)
            return by_anchor.get(anchor, _NONE)
        children = doc.children
        current: list[etree._Element] = [anchor]
        for step in self.steps:
            if len(current) == 1:
                current = children(current[0]).get(step, _NONE)
            else:
                current = [c for node in current for c in children(node).get(step, ())]
            if not current:
                return _NONE
        return current

    def count(self, doc: Document, anchor: etree._Element) -> int:
        """XPath ``count(path)``: the elements, or the attributes when the path ends in one."""
        nodes = self.nodes(doc, anchor)
        if self.attribute:
            return sum(1 for n in nodes if n.get(self.attribute) is not None)
        return len(nodes)

    def at_most_one(self, doc: Document, anchor: etree._Element) -> bool:
        """``count(path) <= 1``: at once when the path's last tag occurs at most once or some
        step's tag is absent, else counted through :func:`descend`."""
        if len(doc.elements(self.steps[-1])) <= 1 or self._missing(doc):
            return True
        nodes = descend(doc, anchor, self.steps)
        if self.attribute:
            return sum(1 for n in nodes if n.get(self.attribute) is not None) <= 1
        return len(nodes) <= 1

    def never_twice(self, doc: Document, anchor_tags) -> bool:
        """:meth:`at_most_one` for every anchor with one of ``anchor_tags``, decided from
        document-wide facts: the path's last tag occurs at most once, some step's tag is
        absent, or no step repeats under a parent of the previous step's kind. ``False``
        means "look at each anchor"."""
        if len(doc.elements(self.steps[-1])) <= 1 or self._missing(doc):
            return True
        for parent in anchor_tags:
            if not doc.elements(parent):
                continue
            for step in self.steps:
                if _repeats(doc, parent, step):
                    return False
                parent = step
        return True

    def exactly_one_each(self, doc: Document, anchors: list) -> bool:
        """Every anchor holds exactly one element at this path: the path's elements, climbed
        to their anchors, are as many as the anchors and all different."""
        tops = [self._top_of(element) for element in doc.elements(self.steps[-1])]
        found = {top for top in tops if top is not None}
        return len(found) == len(anchors) == sum(top is not None for top in tops) and (
            found.issuperset(anchors)
        )

    def values(self, doc: Document, anchor: etree._Element) -> list[str]:
        """The string values at this path: the attribute's, or else the elements'."""
        nodes = self.nodes(doc, anchor)
        if self.attribute:
            return [n.get(self.attribute) for n in nodes if n.get(self.attribute) is not None]
        return [string_value(n) for n in nodes]

    def _missing(self, doc: Document) -> bool:
        """Some step's tag occurs nowhere in the document, so the path selects nothing."""
        return not doc.tags() >= self.tag_set

    def everywhere(self, doc: Document) -> list[etree._Element]:
        """The elements at this path below any anchor (XPath ``//a/b``), in document order."""
        return [e for e in doc.elements(self.steps[-1]) if self._top_of(e) is not None]

    def from_root(self, doc: Document) -> list[etree._Element]:
        """The elements at this path below the root, found by climbing from every element
        with the last tag: better than :meth:`nodes` when the path fans out over the lines."""
        return [e for e in doc.elements(self.steps[-1]) if self._top_of(e) is doc.root]

    def _top_of(self, element: etree._Element) -> etree._Element | None:
        """The anchor ``element`` is at this path from, or ``None``."""
        node = element.getparent()
        for step in reversed(self.steps[:-1]):
            if node is None or node.tag != step:
                return None
            node = node.getparent()
        return node


def _repeats(doc: Document, parent: str, tag: str) -> bool:
    """Whether some ``parent`` element holds two or more ``tag`` children: counted from the
    parents when they are far fewer than the children, else from the children up."""
    holders = doc.elements(parent)
    if len(holders) * 4 < len(doc.elements(tag)):
        children = doc.children
        return any(len(children(holder).get(tag, ())) > 1 for holder in holders)
    return parent in _repeated_under(doc, tag)


def _repeated_under(doc: Document, tag: str) -> frozenset[str]:
    """The tags of the parents that hold two or more ``tag`` children, once per document."""
    known = doc.memo(_REPEATS_KEY, dict)
    found = known.get(tag)
    if found is None:
        elements = doc.elements(tag)
        if len(set(map(_PARENT, elements))) == len(elements):  # the usual case, read in C
            found = known[tag] = frozenset()
            return found
        seen: set = set()
        repeated: set[str] = set()
        for element in doc.elements(tag):
            parent = element.getparent()
            if parent in seen:
                repeated.add(parent.tag)
            seen.add(parent)
        found = known[tag] = frozenset(repeated)
    return found


def indicator_is(flag: bool):
    """A ``where=`` predicate for ``cac:AllowanceCharge[cbc:ChargeIndicator = false()]``.

    Each ChargeIndicator is cast to ``xs:boolean`` in turn; a value that cannot be cast makes
    Saxon abandon the match, so the context does not match the node.
    """

    def where(node: etree._Element) -> bool:
        for child in node:
            if child.tag == _CHARGE_INDICATOR:
                value = boolean_value(string_value(child))
                if value is None:
                    return False
                if value is flag:
                    return True
        return False

    return where


_CHARGE_INDICATOR = q("cbc:ChargeIndicator")
_PARENT = etree._Element.getparent
