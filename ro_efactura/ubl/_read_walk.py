"""Walk an element's children once, driven by a tag table, collecting what the reader needs.

A table spec maps the prefixed tag (``cbc:Name``) of a child element to what it holds:

* a field name (``str``): the element's stripped text, None when empty;
* :class:`First`: the element itself, for a value that is converted later (a number, a date,
  a code) or that has attributes;
* :class:`Cached`: ``convert(text, element)`` of the element's text as written, looked up first
  among values already known (numbers repeat from line to line, codes come from a short list);
* :class:`Converted`: ``convert(text, element)``, for a value seldom repeated or that also has
  attributes;
* a nested spec (``dict``): walk into the element, collecting into the same values;
* :class:`Many`: every such element, in document order;
* :class:`Each`: every such element, each walked by its table into a dict of its own (keeping
  the element under :data:`AT`), in document order;
* :class:`Sub`: walk into the element with its table, collecting into a dict of its own under
  the field, which also keeps the first such element under :data:`AT` (for error locations).

For every kind but :class:`Many` and :class:`Each` the first element wins, even when it is
empty, and the fields of repeated parent elements merge (the first match at each path, as
XPath's first node in document order). Only the branches a table names are visited, each
element once; absent optional parts cost nothing, and unknown elements are skipped.

:func:`table` turns a spec into its walker, a function ``walker(element, values)``, which is
what :class:`Sub`, :class:`Each` and :func:`collect` take.

>>> from lxml import etree
>>> root = etree.fromstring(
...     b'<r xmlns:c="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
...     b'<c:Name> A </c:Name><c:Name>B</c:Name><c:Note>n</c:Note></r>')
>>> found = collect(root, table({"cbc:Name": "name", "cbc:Note": Many("notes")}))
>>> found["name"], len(found["notes"])
('A', 1)
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from .._xml import NS

__all__ = ["AT", "Cached", "Converted", "Each", "First", "Many", "Sub", "clark", "collect", "table"]

#: What :func:`table` makes: ``walker(element, values)``.
Walker = Callable[[Any, dict], None]

#: The key under which a :class:`Sub` dict keeps its (first) element.
AT = "@"


@cache
def clark(step: str) -> str:
    """``cbc:Name`` in lxml's ``{namespace}name`` form."""
    prefix, _, local = step.partition(":")
    return f"{{{NS[prefix]}}}{local}"


class Cached:
    """The first child with the tag, as ``known[text]`` or else ``convert(text, element)``, its
    text as written (None when it has none) being ``text``."""

    __slots__ = ("convert", "field", "known")

    def __init__(self, field: str, known: dict, convert) -> None:
        self.field = field
        self.known = known
        self.convert = convert


class Converted:
    """The first child with the tag, as ``convert(text, element)``, its text as written (None
    when it has none) being ``text``."""

    __slots__ = ("convert", "field")

    def __init__(self, field: str, convert) -> None:
        self.field = field
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

    def __init__(self, field: str, table: Walker) -> None:
        self.field = field
        self.table = table


class Sub:
    """A child part whose fields are collected by ``table`` into a dict under ``field``."""

    __slots__ = ("field", "table")

    def __init__(self, field: str, table: Walker) -> None:
        self.field = field
        self.table = table


def table(spec: dict) -> Walker:
    """The walker for ``spec``: ``walker(element, values)`` collects the children of
    ``element`` that ``spec`` names into ``values``.

    The walker is Python code made for the table (as :mod:`dataclasses` makes ``__init__``):
    one ``if tag == ...`` branch per entry, in the table's order (put frequent tags first),
    nested tables inlined as inner loops, each entry's field, cache and converter bound as
    constants. That costs half as much per tag as a generic loop that looks each entry up and
    dispatches on its kind.
    """
    scope: dict = {"AT": AT}
    body = _loop(spec, "element", 0, scope)
    code = ["def walk(element, values):", *(f"    {line}" for line in body)]
    exec("\n".join(code), scope)  # the code comes from the table alone, never from a document
    return scope["walk"]


#: The kinds of entry that hold one value, the first element's.
_SINGLE = (str, First, Cached, Converted)


def _loop(spec: dict, parent: str, depth: int, scope: dict) -> list[str]:
    """The lines of code that collect the children of ``parent`` that ``spec`` names.

    A table of one or two single values (as an item's tax category, its ID and rate) stops
    once it holds both, without visiting the children left (as its tax scheme): no later
    child could change what it holds.
    """
    child, tag = f"child{depth}", f"tag{depth}"
    code = [f"for {child} in {parent}[:]:", f"    {tag} = {child}.tag"]
    stops = len(spec) <= 2 and all(type(held) in _SINGLE for held in spec.values())
    fields = [held if type(held) is str else held.field for held in spec.values()] if stops else []
    for index, (name, held) in enumerate(spec.items()):
        constant = repr(clark(name))  # a literal: cheaper to load than a global
        code.append(f"    {'elif' if index else 'if'} {tag} == {constant}:")
        code += [f"        {line}" for line in _branch(held, child, depth, scope)]
        if stops:  # inside the branch's "if field not in values:", after storing the field
            others = [f"{other!r} in values" for other in fields if other != fields[index]]
            stop = f"if {' and '.join(others)}: break" if others else "break"
            code.append(f"            {stop}")
    return code


def _bind(scope: dict, value) -> str:
    """A new name for ``value`` in the walker's globals."""
    name = f"k{len(scope)}"
    scope[name] = value
    return name


def _branch(held, child: str, depth: int, scope: dict) -> list[str]:
    """The lines of code that collect one entry's element, bound as ``child``."""
    kind = type(held)
    if kind is str:
        return [
            f"if {held!r} not in values:",
            f"    raw = {child}.text",
            f"    values[{held!r}] = (raw.strip() or None) if raw else None",
        ]
    if kind is dict:
        return _loop(held, child, depth + 1, scope)
    if kind not in (First, Cached, Converted, Sub, Many, Each):
        raise TypeError(f"{held!r} is not a table entry")
    field = held.field
    if kind is First:
        return [f"if {field!r} not in values:", f"    values[{field!r}] = {child}"]
    if kind is Cached:  # known by its text as written, or else converted from that text
        known, convert = _bind(scope, held.known), _bind(scope, held.convert)
        return [
            f"if {field!r} not in values:",
            f"    raw = {child}.text",
            f"    value = {known}.get(raw)",
            f"    values[{field!r}] = {convert}(raw, {child}) if value is None else value",
        ]
    if kind is Converted:
        convert = _bind(scope, held.convert)
        return [
            f"if {field!r} not in values:",
            f"    values[{field!r}] = {convert}({child}.text, {child})",
        ]
    if kind is Sub:
        walker = _bind(scope, held.table)
        return [
            f"sub = values.get({field!r})",
            "if sub is None:",
            f"    sub = values[{field!r}] = {{AT: {child}}}",
            f"{walker}({child}, sub)",
        ]
    item, code = child, []
    if kind is Each:
        item, walker = "part", _bind(scope, held.table)
        code = [f"part = {{AT: {child}}}", f"{walker}({child}, part)"]
    return [
        *code,
        f"found = values.get({field!r})",
        "if found is None:",
        f"    values[{field!r}] = [{item}]",
        "else:",
        f"    found.append({item})",
    ]


def collect(element, table: Walker) -> dict:
    """The values ``table`` names, collected from the children of ``element`` (kept under
    :data:`AT`)."""
    values: dict = {AT: element}
    table(element, values)
    return values
