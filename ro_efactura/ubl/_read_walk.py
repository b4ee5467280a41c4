"""Walk an element's children once, driven by a tag table, collecting what the reader needs.

A table maps the Clark tag of a child element to what it holds:

* a field name (``str``): the element's stripped text, None when empty;
* :class:`First`: the element itself, for a value that is converted later (a number, a date,
  a code) or that has attributes;
* :class:`Cached`: ``convert(element)``, looked up first by the element's stripped text among
  values already known (numbers repeat from line to line, codes come from a short list);
* a nested table (``dict``): walk into the element, collecting into the same values;
* :class:`Many`: every such element, in document order;
* :class:`Each`: every such element, each walked into a dict of its own, in document order;
* :class:`Sub`: walk into the element, collecting into a dict of its own under the field,
  which also keeps the first such element under :data:`AT` (for error locations).

For every kind but :class:`Many` and :class:`Each` the first element wins, even when it is
empty, and the fields of repeated parent elements merge (the first match at each path, as
XPath's first node in document order). Only the branches a table names are visited, each
element once; absent optional parts cost nothing, and unknown elements are skipped.

Tables are written with prefixed names (``cbc:Name``) and turned into Clark tags by
:func:`table`.

>>> from lxml import etree
>>> root = etree.fromstring(
...     b'<r xmlns:c="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
...     b'<c:Name> A </c:Name><c:Name>B</c:Name><c:Note>n</c:Note></r>')
>>> found = collect(root, table({"cbc:Name": "name", "cbc:Note": Many("notes")}))
>>> found["name"], len(found["notes"])
('A', 1)
"""

from __future__ import annotations

from functools import cache

from .._xml import NS

__all__ = ["AT", "Cached", "Each", "First", "Many", "Sub", "clark", "collect", "table", "walk"]

#: The key under which a :class:`Sub` dict keeps its (first) element.
AT = "@"


@cache
def clark(step: str) -> str:
    """``cbc:Name`` in lxml's ``{namespace}name`` form."""
    prefix, _, local = step.partition(":")
    return f"{{{NS[prefix]}}}{local}"


class Cached:
    """The first child with the tag, as ``known[text]`` or else ``convert(element)``."""

    __slots__ = ("convert", "field", "known")

    def __init__(self, field: str, known: dict, convert) -> None:
        self.field = field
        self.known = known
        self.convert = convert


class First:
    """The first child with the tag, kept as an element under ``field``."""

    __slots__ = ("field",)

    def __init__(self, field: str) -> None:
        self.field = field


class Many:
    """A repeated child, collected into a list under ``field``."""

    __slots__ = ("field",)

    def __init__(self, field: str) -> None:
        self.field = field


class Each:
    """A repeated child part, each collected by ``table`` into a dict of its own (keeping the
    element under :data:`AT`), listed in document order under ``field``."""

    __slots__ = ("field", "table")

    def __init__(self, field: str, table: dict) -> None:
        self.field = field
        self.table = table


class Sub:
    """A child part whose fields are collected by ``table`` into a dict under ``field``."""

    __slots__ = ("field", "table")

    def __init__(self, field: str, table: dict) -> None:
        self.field = field
        self.table = table


def table(spec: dict) -> dict:
    """``spec`` (and the tables nested in it) keyed by Clark tags instead of ``cbc:Name``."""
    return {clark(name): table(held) if type(held) is dict else held for name, held in spec.items()}


def walk(element, table: dict, values: dict) -> None:
    """Collect the children of ``element`` named in ``table`` into ``values``."""
    for child in element[:]:  # a slice is cheaper than lxml's child iterator
        spec = table.get(child.tag)  # a local ``get`` costs more than it saves on small tables
        if spec is None:
            continue
        kind = type(spec)
        if kind is str:  # a text field, inlined: most leaves are
            if spec not in values:
                raw = child.text
                values[spec] = (raw.strip() or None) if raw else None
        elif kind is Cached:
            if spec.field not in values:
                raw = child.text
                value = spec.known.get(raw.strip()) if raw else None
                values[spec.field] = spec.convert(child) if value is None else value
        elif kind is dict:
            walk(child, spec, values)
        elif kind is First:
            if spec.field not in values:
                values[spec.field] = child
        elif kind is Each:
            part = {AT: child}
            walk(child, spec.table, part)
            found = values.get(spec.field)
            if found is None:
                values[spec.field] = [part]
            else:
                found.append(part)
        elif kind is Many:
            found = values.get(spec.field)
            if found is None:
                values[spec.field] = [child]
            else:
                found.append(child)
        else:
            sub = values.get(spec.field)
            if sub is None:
                sub = values[spec.field] = {AT: child}
            walk(child, spec.table, sub)


def collect(element, table: dict) -> dict:
    """The values ``table`` names, collected from the children of ``element`` (kept under
    :data:`AT`)."""
    values: dict = {AT: element}
    walk(element, table, values)
    return values
