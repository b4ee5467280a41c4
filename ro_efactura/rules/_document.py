"""The parsed document as rules see it: tag, parent and children indexes, attributes, memos.

One :class:`Document` is built per validation and shared by every pattern: the tag index up
front (one pass), the attribute index, the parent-tag groups, the texts by tag and each
element's children by tag the first time a rule asks. :func:`q` turns ``cbc:ID`` into lxml's
Clark notation.

Per-document values computed once, cheapest first: ``doc.facts[compute]`` is
``compute(doc)`` for a module-level function (no closure; a hit is one dictionary lookup);
``doc.cache`` is a plain dictionary for values keyed by arguments
(``doc.cache.get(key)``, then ``doc.cache[key] = value``); :meth:`Document.memo` takes a key
and a function of no arguments.

>>> from ro_efactura._xml import parse
>>> xml = (b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
...        b'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
...        b'<cbc:ID>F1</cbc:ID><cbc:Note languageID="ro">x</cbc:Note></Invoice>')
>>> doc = Document(parse(xml))
>>> [e.text for e in doc.elements(q("cbc:ID"))], [a.value for a in doc.attributes("languageID")]
(['F1'], ['ro'])
>>> sorted(doc.children(doc.root)) == sorted([q("cbc:ID"), q("cbc:Note")])
True
>>> def ids(doc):
...     return [e.text for e in doc.elements(q("cbc:ID"))]
>>> doc.texts(q("cbc:Note")), doc.facts[ids], doc.facts[ids] is doc.facts[ids]
(['x'], ['F1'], True)
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from operator import attrgetter
from typing import NamedTuple

from lxml import etree

from .._xml import NS, root_kind

__all__ = ["EMPTY", "Attr", "Document", "q"]

EMPTY: list = []  # the shared empty result; callers only read results
_TEXT = attrgetter("text")


def q(path: str) -> str:
    """Turn ``cbc:ID`` or ``cac:Party/cbc:Name`` into lxml's ``{namespace}name`` form."""
    return "/".join(_clark(step) for step in path.split("/"))


def _clark(step: str) -> str:
    prefix, _, local = step.partition(":")
    return f"{{{NS[prefix]}}}{local}" if local else step


class Attr(NamedTuple):
    """An attribute as a context node: the element that carries it, its name and value.

    A named tuple rather than a frozen dataclass: documents hold hundreds of attributes and a
    tuple is built several times faster.
    """

    element: etree._Element
    name: str
    value: str

    def getparent(self) -> etree._Element:
        return self.element


class _Facts(dict):
    """``facts[compute]`` is ``compute(document)``, computed on the first lookup only."""

    __slots__ = ("_document",)

    def __init__(self, document: Document) -> None:
        super().__init__()
        self._document = weakref.ref(document)  # no cycle: the document is freed at once

    def __missing__(self, compute: Callable[[Document], object]):
        document = self._document()
        if document is None:
            raise ReferenceError("facts outlived their document: keep the Document itself")
        value = self[compute] = compute(document)
        return value


class Document:
    """A parsed UBL document and the lookups rules share, computed once per validation.

    The tag index is built up front (one pass); the attribute index and the children of an
    element by tag are built the first time a rule asks for them.
    """

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.kind = root_kind(root)  # 'Invoice' or 'CreditNote'
        self._all = everything = list(root.iter(etree.Element))
        self._by_tag: dict[str, list[etree._Element]] = {}
        by_tag = self._by_tag
        for element in everything:
            tag = element.tag
            same = by_tag.get(tag)
            if same is None:
                by_tag[tag] = [element]
            else:
                same.append(element)
        self._by_attribute: dict[str, list[Attr]] | None = None
        self._by_parent: dict[str, dict[str, list[etree._Element]]] = {}
        self._children: dict[etree._Element, dict[str, list[etree._Element]]] = {}
        self._texts: dict[str, list[str | None]] = {}
        self.cache: dict = {}  # per-document values keyed by the caller (see the module doc)
        self.facts: dict = _Facts(self)  # ``facts[compute]`` is ``compute(self)``, once

    def elements(self, tag: str) -> list[etree._Element]:
        """Every element with this Clark-notation tag, in document order (do not modify)."""
        return self._by_tag.get(tag, EMPTY)

    def texts(self, tag: str) -> list[str | None]:
        """The ``text`` of each :meth:`elements` of ``tag`` (``None`` when empty), in document
        order, read once (do not modify; an element with children has more string value)."""
        found = self._texts.get(tag)
        if found is None:
            found = self._texts[tag] = list(map(_TEXT, self._by_tag.get(tag, EMPTY)))
        return found

    def tags(self):
        """The tags present in the document (a read-only view)."""
        return self._by_tag.keys()

    def all_elements(self) -> list[etree._Element]:
        """Every element of the document, in document order."""
        return self._all

    def attributes(self, name: str) -> list[Attr]:
        """Every attribute with this (unqualified) name, in document order."""
        index = self._by_attribute
        if index is None:
            index = self._by_attribute = {}
            new = tuple.__new__  # builds the named tuple in C, without a Python frame
            for element in self._all:
                for key, value in element.items():
                    same = index.get(key)
                    if same is None:
                        index[key] = [new(Attr, (element, key, value))]
                    else:
                        same.append(new(Attr, (element, key, value)))
        return index.get(name, EMPTY)

    def under_parent(self, tag: str, parent: str) -> list[etree._Element]:
        """The ``tag`` elements whose parent has the tag ``parent``, in document order."""
        groups = self._by_parent.get(tag)
        if groups is None:
            if parent and parent not in self._by_tag:  # no such parent: nothing to group
                return EMPTY
            groups = self._by_parent[tag] = {}
            for element in self._by_tag.get(tag, EMPTY):
                up = element.getparent()
                key = up.tag if up is not None else ""
                same = groups.get(key)
                if same is None:
                    groups[key] = [element]
                else:
                    same.append(element)
        return groups.get(parent, EMPTY)

    def children(self, element: etree._Element) -> dict[str, list[etree._Element]]:
        """``{tag: [child, ...]}`` of ``element``, built once per element (do not modify)."""
        found = self._children.get(element)
        if found is None:
            found = self._children[element] = {}
            for child in element:
                tag = child.tag
                same = found.get(tag)
                if same is None:
                    found[tag] = [child]
                else:
                    same.append(child)
        return found

    def xpath(self, node, expression: str):
        """Evaluate a (cached, compiled) XPath 1.0 expression on ``node``; prefer ``find``."""
        compiled = self.cache.get(expression)
        if compiled is None:
            compiled = self.cache[expression] = etree.XPath(expression, namespaces=NS)
        return compiled(node)

    def memo(self, key, compute: Callable[[], object]):
        """Compute a document-wide value once (e.g. the sum of line amounts); ``facts`` and
        ``cache`` (see the module docstring) avoid building ``compute`` on every call."""
        try:
            return self.cache[key]
        except KeyError:
            value = self.cache[key] = compute()
            return value

    @staticmethod
    def decimal(value) -> Decimal | None:
        """The number in ``value`` (an element or a string), or ``None`` if it is not one."""
        text = value.text if isinstance(value, etree._Element) else value
        if text is None:
            return None
        try:
            number = Decimal(text.strip())
        except (InvalidOperation, AttributeError):
            return None
        return number if number.is_finite() else None
