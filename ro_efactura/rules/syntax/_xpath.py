"""The XPath 2.0 behaviour the official CIUS-RO 1.0.9 artefact relies on, redone in Python.

The official rules are XPath expressions run by Saxon; ours read lxml elements through the
:class:`~ro_efactura.rules.Document` tag index. To give the same verdict on edge cases, these
helpers follow the XPath 2.0 definitions rather than Python's habits:

* :func:`normalize_space` collapses only the four XML whitespace characters (a no-break space
  is kept, unlike ``str.split``); :func:`string_value` joins all descendant text;
* :func:`castable_as_date` and :func:`castable_as_double` accept exactly the lexical forms of
  ``xs:date`` and ``xs:double`` (``INF``, ``NaN``, ``.5``, ``+1e3``; year ``0000``);
* :func:`boolean_value` casts like ``xs:boolean`` (``true``/``false``/``1``/``0``, trimmed) and
  says when Saxon would fail, which in a match pattern means "does not match";
* :func:`decimals` is ``string-length(substring-after(., '.'))``: trailing blanks count;
* :class:`Path` selects ``a/b/c`` below a node, or anywhere with :meth:`Path.everywhere`.

>>> normalize_space("  a \\u00a0 b\\n")
'a \\xa0 b'
>>> castable_as_date("2024-02-29"), castable_as_date("2023-02-29"), castable_as_date(" 0000-01-01")
(True, False, True)
>>> castable_as_double("INF"), castable_as_double("1,5"), decimals("10.005 ")
(True, False, 4)
"""

from __future__ import annotations

import re

from lxml import etree

from .._core import Document, q

__all__ = [
    "Path",
    "boolean_value",
    "castable_as_date",
    "castable_as_double",
    "decimals",
    "double_value",
    "indicator_is",
    "normalize_space",
    "present_tags",
    "string_value",
    "text_nodes",
]

_XML_SPACE = re.compile(r"[ \t\r\n]+")
_XML_BLANKS = " \t\r\n"
_DATE = re.compile(r"-?([1-9][0-9]{4,}|[0-9]{4})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?")
_DOUBLE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_TAGS_KEY = "syntax.present-tags"
_REPEATS_KEY = "syntax.repeated-children"
_CLIMBED_KEY = "syntax.climbed-paths"
_NONE: list = []  # the shared empty result; callers only read results
_FEW = 8  # up to this many elements with the last tag, climb from them instead of descending


def normalize_space(text: str | None) -> str:
    """XPath ``normalize-space``: trim and collapse spaces, tabs, CR and LF only."""
    return _XML_SPACE.sub(" ", text).strip(" ") if text else ""


def string_value(node) -> str:
    """XPath ``string(.)`` of an element (all descendant text) or an attribute value."""
    if isinstance(node, str):
        return node
    if not len(node):
        return node.text or ""
    return "".join(node.itertext())


def text_nodes(element: etree._Element) -> list[str]:
    """The element's own text nodes (XPath ``text()``): its text and its children's tails."""
    texts = [element.text] if element.text else []
    texts.extend(child.tail for child in element if child.tail)
    return texts


def castable_as_date(text: str) -> bool:
    """XPath ``castable as xs:date`` (XSD 1.1 calendar: year 0000 exists and is a leap year)."""
    match = _DATE.fullmatch(text.strip(_XML_BLANKS))
    if not match:
        return False
    year, month, day = (int(match.group(i)) for i in (1, 2, 3))
    if not 1 <= month <= 12 or day < 1:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return day <= (_DAYS[month - 1] if month != 2 or leap else 28)


def castable_as_double(text: str) -> bool:
    """XPath ``castable as xs:double``."""
    return _DOUBLE.fullmatch(text.strip(_XML_BLANKS)) is not None


def double_value(text: str) -> float | None:
    """The ``xs:double`` in ``text``, or ``None`` where Saxon's cast would fail."""
    if not castable_as_double(text):
        return None
    return float(text.strip(_XML_BLANKS).replace("INF", "inf"))


def boolean_value(text: str) -> bool | None:
    """The ``xs:boolean`` in ``text``, or ``None`` where Saxon's cast would fail."""
    return {"true": True, "1": True, "false": False, "0": False}.get(text.strip(_XML_BLANKS))


def decimals(text: str) -> int:
    """``string-length(substring-after(text, '.'))``: characters after the first full stop."""
    return len(text.partition(".")[2])


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

    __slots__ = ("attribute", "steps", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        element_part, _, self.attribute = text.partition("/@")
        self.steps = tuple(q(step) for step in element_part.split("/"))

    def __repr__(self) -> str:
        return f"Path({self.text!r})"

    def nodes(self, doc: Document, anchor: etree._Element) -> list[etree._Element]:
        """The elements at this path below ``anchor``, in document order (do not modify)."""
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
        """``count(path) <= 1``, answered without walking when no step of the path repeats
        under a parent of the same kind anywhere in the document."""
        found = len(doc.elements(self.steps[-1]))
        if found <= 1:
            return True
        if found <= _FEW:
            return self.count(doc, anchor) <= 1
        parent = anchor.tag
        for step in self.steps:
            if parent in _repeated_under(doc, step):
                return self.count(doc, anchor) <= 1
            parent = step
        return True

    def values(self, doc: Document, anchor: etree._Element) -> list[str]:
        """The string values at this path: the attribute's, or else the elements'."""
        nodes = self.nodes(doc, anchor)
        if self.attribute:
            return [n.get(self.attribute) for n in nodes if n.get(self.attribute) is not None]
        return [string_value(n) for n in nodes]

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


def _repeated_under(doc: Document, tag: str) -> frozenset[str]:
    """The tags of the parents that hold two or more ``tag`` children, once per document."""
    known = doc.memo(_REPEATS_KEY, dict)
    found = known.get(tag)
    if found is None:
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
