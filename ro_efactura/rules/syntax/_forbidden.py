"""UBL elements and attributes that must not appear (UBL-CR-*, UBL-DT-08..17, 19..28).

The official artefact checks each of these ~700 rules as ``not(path)`` on the root element.
We read them from the compact table in :mod:`._table` and find every violation in one pass:
only the tags (and attribute names) that end some forbidden path are looked up in the
document's tag index, and each element found is matched against the few paths ending in its
tag and its parent's tag. A typical invoice holds a handful of such elements, so checking all
rules costs a few dictionary hits rather than 700 path searches.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = (b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
...        b'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
...        b'<cbc:UUID>1</cbc:UUID><cbc:Note languageID="ro">x</cbc:Note></Invoice>')
>>> sorted(violations(Document(parse(xml))))
['UBL-CR-005', 'UBL-DT-19']
>>> FORBIDDEN["UBL-CR-005"].message.en
'The element cbc:UUID is not used by EN 16931 or CIUS-RO; remove it.'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from lxml import etree

from .._core import Document, Text, q
from ._table import TABLE
from ._xpath import present_tags

__all__ = ["FORBIDDEN", "Forbidden", "violations"]

_LINE = frozenset({q("cac:InvoiceLine"), q("cac:CreditNoteLine")})
_LINE_TEXT = "(cac:InvoiceLine|cac:CreditNoteLine)"
_ANY_PARENT = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Forbidden:
    """One rule of the table: ``path`` (from the root, or anywhere) must match nothing."""

    rule: str
    path: str
    steps: tuple[frozenset[str], ...]
    anywhere: bool
    attribute: str

    @property
    def message(self) -> Text:
        """What is wrong and what to do, naming the element (or attribute)."""
        if self.attribute and len(self.steps) == 0:
            return Text(
                ro=f"Atributul {self.attribute} nu este folosit de EN 16931 sau CIUS-RO; "
                "eliminați-l de pe toate elementele.",
                en=f"The attribute {self.attribute} is not used by EN 16931 or CIUS-RO; "
                "remove it from every element.",
            )
        if self.attribute:
            element = self.path.rpartition("/@")[0]
            return Text(
                ro=f"Atributul {self.attribute} al elementului {element} nu este folosit de "
                "EN 16931 sau CIUS-RO; eliminați atributul.",
                en=f"The {self.attribute} attribute of {element} is not used by EN 16931 or "
                "CIUS-RO; remove the attribute.",
            )
        return Text(
            ro=f"Elementul {self.path} nu este folosit de EN 16931 sau CIUS-RO; eliminați-l.",
            en=f"The element {self.path} is not used by EN 16931 or CIUS-RO; remove it.",
        )

    def matches(self, element: etree._Element, root: etree._Element) -> bool:
        """Whether ``element`` (whose tag is the last step) is at this path."""
        if self.attribute and element.get(self.attribute) is None:
            return False
        node = element
        for step in reversed(self.steps[:-1]):
            node = node.getparent()
            if node is None or node.tag not in step:
                return False
        return self.anywhere or node.getparent() is root


def _parse(table: str) -> dict[str, Forbidden]:
    runs: list[list[str]] = []
    for line in table.splitlines():
        if line.strip():
            if line[0].isspace():
                runs[-1].extend(line.split())
            else:
                runs.append(line.split())
    entries: dict[str, Forbidden] = {}
    for first, prefix, *names in runs:
        kind, _, number = first.partition("-")
        for offset, name in enumerate(names):
            rule = f"UBL-{kind}-{int(number) + offset:0{len(number)}d}"
            entries[rule] = _entry(rule, prefix.rstrip(":"), name)
    return entries


def _entry(rule: str, prefix: str, name: str) -> Forbidden:
    anywhere = prefix.startswith("//")
    parts = [p for p in prefix.lstrip("/").split("/") if p and p != "."]
    attribute = name[1:] if name.startswith("@") else ""
    if not attribute:
        parts.append(name)
    steps = tuple(_LINE if p == "LINE" else frozenset({q(p)}) for p in parts)
    written = "/".join(_LINE_TEXT if p == "LINE" else p for p in parts)
    path = f"{'//' if anywhere else ''}{written}{'/' if written and attribute else ''}"
    return Forbidden(
        rule=rule,
        path=path + (name if attribute else ""),
        steps=steps,
        anywhere=anywhere,
        attribute=attribute,
    )


#: Every table rule by official id.
FORBIDDEN: dict[str, Forbidden] = _parse(TABLE)

# Rules on a bare attribute name (``//@schemeName``): any such attribute breaks them.
_ATTRIBUTES = {e.attribute: e.rule for e in FORBIDDEN.values() if not e.steps}
# Rules on an attribute of some element, by attribute name, element tag and parent tag.
_ON_ATTRIBUTES: dict[str, dict[str, dict[str, list[Forbidden]]]] = {}
# Rules on an element, by its tag and then its parent's tag ("" when any parent will do).
_BY_TAG: dict[str, dict[str, list[Forbidden]]] = {}
_ROOTS = frozenset({q("ubl:Invoice"), q("cn:CreditNote")})
for _entry_ in FORBIDDEN.values():
    if not _entry_.steps:
        continue
    _parents = _entry_.steps[-2] if len(_entry_.steps) > 1 else None
    if _parents is None and not _entry_.anywhere:
        _parents = _ROOTS
    _index = _ON_ATTRIBUTES.setdefault(_entry_.attribute, {}) if _entry_.attribute else _BY_TAG
    for _tag in _entry_.steps[-1]:
        for _parent in _parents or (_ANY_PARENT,):
            _index.setdefault(_tag, {}).setdefault(_parent, []).append(_entry_)
_TRIGGERS = frozenset(_BY_TAG)
_MANY = 16
_PARENTS = {tag: frozenset(by_parent) - {_ANY_PARENT} for tag, by_parent in _BY_TAG.items()}


def violations(doc: Document) -> set[str]:
    """The ids of the table rules that ``doc`` breaks."""
    broken = {rule for name, rule in _ATTRIBUTES.items() if doc.attributes(name)}
    root = doc.root
    for name, by_tag in _ON_ATTRIBUTES.items():
        for attribute in doc.attributes(name):
            by_parent = by_tag.get(attribute.element.tag)
            parent = attribute.element.getparent()
            if by_parent and parent is not None:
                entries = by_parent.get(parent.tag, ())
                _check(entries, attribute.element, root, broken)
    for tag, anywhere, parents in _plan(present_tags(doc)):
        by_parent = _BY_TAG[tag]
        if anywhere:
            for element in doc.elements(tag):
                _check(by_parent[_ANY_PARENT], element, root, broken)
        if parents:
            _by_parent(doc, tag, parents, by_parent, broken)
    return broken


@lru_cache(maxsize=1024)
def _plan(present: frozenset[str]) -> tuple[tuple[str, bool, frozenset[str]], ...]:
    """For a document's set of tags: each tag some rule forbids, whether anywhere, and the
    tags of its forbidden parents that the document has (documents of one shape share it)."""
    plan = []
    for tag in _TRIGGERS & present:
        anywhere, parents = _ANY_PARENT in _BY_TAG[tag], _PARENTS[tag] & present
        if anywhere or parents:
            plan.append((tag, anywhere, parents))
    return tuple(plan)


def _by_parent(doc: Document, tag: str, parents, by_parent: dict, broken: set[str]) -> None:
    """Match the ``tag`` elements whose parent has one of the forbidden ``parents`` tags:
    few elements one by one; many through their parents when those are far fewer, else
    through the document's parent-tag groups (built once per tag and shared with the other
    patterns)."""
    root = doc.root
    elements = doc.elements(tag)
    if len(elements) <= _MANY:
        for element in elements:
            parent = element.getparent()
            if parent is not None and parent.tag in parents:
                _check(by_parent[parent.tag], element, root, broken)
        return
    holders = list(chain.from_iterable(map(doc.elements, parents)))
    if len(holders) * 4 < len(elements):
        for holder in holders:
            entries = by_parent[holder.tag]
            for child in holder:
                if child.tag == tag:
                    _check(entries, child, root, broken)
        return
    for parent in parents:
        for element in doc.under_parent(tag, parent):
            _check(by_parent[parent], element, root, broken)


def _check(entries, element: etree._Element, root: etree._Element, broken: set[str]) -> None:
    for entry in entries:
        if entry.rule not in broken and entry.matches(element, root):
            broken.add(entry.rule)
