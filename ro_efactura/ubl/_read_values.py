"""Typed value extraction for the reader: text, decimals, dates, codes, identifiers.

:class:`Node` wraps an element and, on first use, indexes its UBL descendants by relative
path (``cac:Item/cbc:Name``; first match in document order wins, elements of other namespaces
are skipped), so that the many look-ups the reader makes (most for optional elements that are
absent) are dictionary hits instead of scans. Nodes found below a node share its index, so the
header of a document is walked once; lines are read apart (:mod:`._read_lines`).

Every failure raises a :class:`~ro_efactura.errors.DocumentError` subclass naming the
element (as ``/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount``): a required part that is
absent raises :class:`~ro_efactura.errors.MissingPartError`, a value that cannot be read
raises :class:`~ro_efactura.errors.DocumentError`.

>>> from lxml import etree
>>> root = etree.Element("Invoice")
>>> etree.SubElement(root, clark("cbc:IssueDate")).text = "2026-02-30"
>>> try:
...     date_(Node(root), "cbc:IssueDate")
... except DocumentError as exc:
...     print(exc.location)
/Invoice/cbc:IssueDate
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import cache

from .._xml import NS, element_path
from ..errors import DocumentError, MissingPartError
from ..model import Identifier

__all__ = [
    "Node",
    "all_",
    "clark",
    "code",
    "code_of",
    "date_",
    "decimal",
    "find",
    "identifier",
    "identifier_of",
    "missing",
    "number_of",
    "req_decimal",
    "req_text",
    "text",
    "text_of",
]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@cache
def clark(step: str) -> str:
    """``cbc:Name`` in lxml's ``{namespace}name`` form."""
    prefix, _, local = step.partition(":")
    return f"{{{NS[prefix]}}}{local}"


_PREFIX = {f"{{{NS['cac']}}}": "cac:", f"{{{NS['cbc']}}}": "cbc:"}
_SHORT: dict[str, str] = {}
_SHORT_LIMIT = 4096  # the UBL vocabulary is smaller; invented names are not cached


def _short(tag) -> str | None:
    """``cac:Item`` for the Clark tag of a UBL component, None for anything else."""
    short = _SHORT.get(tag)
    if short is None and isinstance(tag, str):
        namespace, _, local = tag.partition("}")
        prefix = _PREFIX.get(namespace + "}")
        if prefix is None:
            return None
        short = prefix + local
        if len(_SHORT) < _SHORT_LIMIT:
            _SHORT[tag] = short
    return short


#: Lines are read on their own (see _read_lines), never through the document's index.
_LINES = frozenset({clark("cac:InvoiceLine"), clark("cac:CreditNoteLine")})


def _flatten(element, prefix: str, index: dict) -> None:
    for child in element[:]:  # a slice is cheaper than lxml's child iterator
        short = _SHORT.get(child.tag) or _short(child.tag)
        if short is None:
            continue  # not UBL: ignored
        key = prefix + short
        if key not in index:
            index[key] = child
        if len(child):
            _flatten(child, key + "/", index)


def _top(element, index: dict, kids: dict) -> None:
    """Like _flatten, for the children of ``element``, also grouping them by tag in ``kids``."""
    for child in element[:]:
        tag = child.tag
        group = kids.get(tag)
        if group is None:
            kids[tag] = [child]
        else:
            group.append(child)
        if tag in _LINES:
            continue
        short = _SHORT.get(tag) or _short(tag)
        if short is None:
            continue
        if short not in index:
            index[short] = child
        if len(child):
            _flatten(child, short + "/", index)


class Node:
    """An element with an index of its descendants by relative path (first match wins).

    The index is built on first look-up, in one walk of the subtree; look-ups are then
    dictionary hits, which matters because most are for optional elements that are absent.
    A node returned by :func:`find` shares the index of the node it was found in (its paths
    carry a prefix), so a subtree is walked once however deep the look-ups go.
    """

    __slots__ = ("_flat", "_kids", "_prefix", "el")

    def __init__(self, el, flat: dict | None = None, prefix: str = "") -> None:
        self.el = el
        self._flat = flat
        self._prefix = prefix
        self._kids: dict | None = None

    def index(self) -> dict:
        """Descendants by relative path (``cac:Item/cbc:Name``), built on first use."""
        if self._flat is None:
            self._flat, self._kids = {}, {}
            _top(self.el, self._flat, self._kids)
        return self._flat

    def element(self, path: str):
        """The first element at ``path``, or None."""
        return _at(self, path)

    def kids(self, tag: str) -> list:
        """The child elements with ``tag`` (Clark form)."""
        if self._kids is None:
            self._kids = {}
            for child in self.el[:]:
                self._kids.setdefault(child.tag, []).append(child)
        return self._kids.get(tag, [])

    def get(self, attribute: str) -> str | None:
        return self.el.get(attribute)

    @property
    def value(self) -> str | None:
        """The stripped text; None when empty."""
        raw = self.el.text
        return (raw.strip() or None) if raw else None


def _at(node: Node, path: str):
    """The first element at ``path`` below ``node``, or None (the look-up every helper makes)."""
    index = node._flat
    if index is None:
        index = node.index()
    return index.get(node._prefix + path)


def find(node: Node, path: str) -> Node | None:
    """The first element at ``path`` below ``node`` (sharing its index), or None."""
    element = _at(node, path)
    if element is None:
        return None
    return Node(element, node._flat, f"{node._prefix}{path}/")


def all_(node: Node, path: str) -> list[Node]:
    """Every element at ``path`` below ``node`` (all but the last step take the first match).

    A lone match shares ``node``'s index (the first match at each path below it is its own);
    each of several matches gets an index of its own.
    """
    head, _, last = path.rpartition("/")
    if head:
        parent = _at(node, head)
        found = [] if parent is None else parent.findall(clark(last))
    else:
        found = node.kids(clark(last))
    if len(found) == 1:
        return [Node(found[0], node.index(), f"{node._prefix}{path}/")]
    return [Node(e) for e in found]


def _raw(node: Node, path: str):
    element = _at(node, path)
    if element is None:
        return None, ""
    raw = element.text
    return element, raw.strip() if raw else ""


def text(node: Node, path: str) -> str | None:
    """The stripped text at ``path``; None when absent or empty."""
    index = node._flat  # _at inlined: this is the reader's most frequent call
    element = (index if index is not None else node.index()).get(node._prefix + path)
    raw = None if element is None else element.text
    return (raw.strip() or None) if raw else None


def missing(node: Node, path: str) -> MissingPartError:
    """The error for a required ``path`` absent below ``node``."""
    return MissingPartError(
        f"The required element {path} is missing or empty.",
        location=f"{element_path(node.el)}/{path}",
    )


def req_text(node: Node, path: str) -> str:
    """The text at ``path``, or MissingPartError."""
    value = text(node, path)
    if value is None:
        raise missing(node, path)
    return value


#: Decimals are immutable, and quantities, rates and prices repeat from line to line.
_NUMBERS: dict[str, Decimal] = {}
_NUMBERS_LIMIT = 4096


def number_of(element) -> Decimal | None:
    """The number in ``element``; None when empty; DocumentError when not a number."""
    raw = element.text
    if raw is None or not (raw := raw.strip()):
        return None
    value = _NUMBERS.get(raw)
    if value is None:
        value = _number(raw, element)
        if len(_NUMBERS) < _NUMBERS_LIMIT:
            _NUMBERS[raw] = value
    return value


def _number(raw: str, element) -> Decimal:
    try:
        # Decimal also takes exponents, "_" separators, NaN and Infinity, which UBL does not.
        value = Decimal(raw)
        if value.is_finite() and "e" not in raw and "E" not in raw and "_" not in raw:
            return value
    except ArithmeticError:
        pass
    raise DocumentError(f"{raw!r} is not a valid number.", location=element_path(element))


def text_of(element) -> str | None:
    """The stripped text of ``element``; None when empty."""
    raw = element.text
    return (raw.strip() or None) if raw else None


def identifier_of(element) -> Identifier | None:
    """The text of ``element`` with its ``schemeID`` (or ``listID``); None when empty."""
    value = text_of(element)
    if value is None:
        return None
    scheme = (element.get("schemeID") or element.get("listID") or "").strip()
    return Identifier(value=value, scheme=scheme or None)


@cache
def _members(enum) -> dict:
    return {member.value: member for member in enum}


def code_of(element, enum):
    """The ``enum`` member for the code in ``element``; None when empty."""
    raw = element.text
    if raw is None or not (raw := raw.strip()):
        return None
    member = _members(enum).get(raw)
    if member is None:
        location = element_path(element)
        raise DocumentError(f"{raw!r} is not an accepted code here.", location=location)
    return member


def decimal(node: Node, path: str) -> Decimal | None:
    """The number at ``path``, or None when absent; DocumentError when not a number."""
    element = _at(node, path)
    return None if element is None else number_of(element)


def req_decimal(node: Node, path: str) -> Decimal:
    """The number at ``path``, or MissingPartError."""
    value = decimal(node, path)
    if value is None:
        raise missing(node, path)
    return value


def date_(node: Node, path: str) -> date | None:
    """The ISO date at ``path``, or None when absent."""
    found, raw = _raw(node, path)
    if not raw:
        return None
    try:
        if _DATE.fullmatch(raw):
            return date.fromisoformat(raw)
    except ValueError:
        pass
    raise DocumentError(f"{raw!r} is not a valid date (YYYY-MM-DD).", location=element_path(found))


def identifier(node: Node, path: str) -> Identifier | None:
    """The text at ``path`` with its ``schemeID`` (or ``listID``), or None."""
    element = _at(node, path)
    return None if element is None else identifier_of(element)


def code(node: Node, path: str, enum, default=None):
    """The enum member for the code at ``path``; DocumentError for an unknown code."""
    element = _at(node, path)
    value = None if element is None else code_of(element, enum)
    if value is None:
        if default is None:
            raise missing(node, path)
        return default
    return value
