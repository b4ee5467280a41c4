"""The parsed document as rules see it: tag, parent and children indexes, attributes, memos.

One :class:`Document` is built per validation and shared by every pattern: the tag index up
front (one pass), the attribute index, the parent-tag groups and each element's children by
tag the first time a rule asks. Per-document values that rules share (a sum over the lines,
an index of VAT categories) are computed once through :meth:`Document.memo`. :func:`q` turns
``cbc:ID`` into lxml's Clark notation.

>>> from ro_efactura._xml import parse
>>> xml = (b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
...        b'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
...        b'<cbc:ID>F1</cbc:ID><cbc:Note languageID="ro">x</cbc:Note></Invoice>')
>>> doc = Document(parse(xml))
>>> [e.text for e in doc.elements(q("cbc:ID"))], [a.value for a in doc.attributes("languageID")]
(['F1'], ['ro'])
>>> sorted(doc.children(doc.root)) == sorted([q("cbc:ID"), q("cbc:Note")])
True
>>> doc.memo("ids", lambda: [e.text for e in doc.elements(q("cbc:ID"))])
['F1']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from lxml import etree

from .._xml import NS, root_kind

__all__ = ["EMPTY", "Attr", "Document", "q"]

EMPTY: list = []  # the shared empty result; callers only read results


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
        self._memos: dict = {}

    def elements(self, tag: str) -> list[etree._Element]:
        """Every element with this Clark-notation tag, in document order (do not modify)."""
        return self._by_tag.get(tag, EMPTY)

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

    def memo(self, key, compute: Callable[[], object]):
        """Compute a document-wide value once (e.g. the sum of line amounts): ``compute()``
        the first time ``key`` is asked for, the same value afterwards."""
        try:
            return self._memos[key]
        except KeyError:
            value = self._memos[key] = compute()
            return value
