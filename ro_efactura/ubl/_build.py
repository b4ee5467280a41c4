"""A small streaming XML builder for the writer: indented UBL text, escaped, in call order.

Building text directly is several times faster than building an lxml tree and serialising it
(the writer emits each element exactly once, in XSD order, so it needs no tree). The output
matches lxml's pretty printing: two-space indentation, one element per line, ``&``, ``<``,
``>`` and carriage returns escaped in text, quotes and whitespace controls in attributes.
Characters XML cannot carry raise ``ValueError``, as lxml does.

>>> out = XmlOut()
>>> out.open("Item")
>>> out.text("Name", "Cafea & ceai", attrs=attr("languageID", None))
>>> out.text("Description", None)
>>> out.close("Item")
>>> print("".join(out.parts), end="")
<cac:Item>
  <cbc:Name>Cafea &amp; ceai</cbc:Name>
</cac:Item>
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

__all__ = ["XmlOut", "attr", "escape"]

_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR_SPECIAL = re.compile('[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_ATTR_ESCAPES = (*_TEXT_ESCAPES, ('"', "&quot;"), ("\t", "&#9;"), ("\n", "&#10;"))


def _replace(value: str, escapes) -> str:
    bad = _INVALID.search(value)
    if bad:
        raise ValueError(f"XML cannot carry the character {bad.group()!r} (in {value!r})")
    for char, entity in escapes:
        value = value.replace(char, entity)
    return value


def escape(value: str) -> str:
    """``value`` escaped for element text."""
    return value if _TEXT_SPECIAL.search(value) is None else _replace(value, _TEXT_ESCAPES)


def attr(name: str, value: str | None) -> str:
    """`` name="value"`` escaped, or ``""`` when ``value`` is None."""
    if value is None:
        return ""
    if _ATTR_SPECIAL.search(value) is not None:
        value = _replace(value, _ATTR_ESCAPES)
    return f' {name}="{value}"'


class XmlOut:
    """Collects indented lines of ``cac:``/``cbc:`` elements in :attr:`parts`."""

    __slots__ = ("pad", "parts")

    def __init__(self, pad: str = "") -> None:
        self.parts: list[str] = []
        self.pad = pad

    def open(self, name: str) -> None:
        """Start ``<cac:name>`` and indent what follows."""
        self.parts.append(f"{self.pad}<cac:{name}>\n")
        self.pad += "  "

    def close(self, name: str) -> None:
        """End ``</cac:name>``."""
        self.pad = self.pad[:-2]
        self.parts.append(f"{self.pad}</cac:{name}>\n")

    def text(self, name: str, value, attrs: str = "") -> None:
        """``<cbc:name attrs>value</cbc:name>`` unless ``value`` is None."""
        if value is None:
            return
        if isinstance(value, str):
            value = escape(value)
        elif isinstance(value, Decimal):
            value = f"{value:f}"
        elif isinstance(value, date):
            value = value.isoformat()
        else:
            value = escape(str(value))
        self.parts.append(f"{self.pad}<cbc:{name}{attrs}>{value}</cbc:{name}>\n")

    def amount(self, name: str, value: Decimal | None, currency_attr: str) -> None:
        """An amount; ``currency_attr`` is ``attr("currencyID", code)``, computed once."""
        if value is not None:
            self.parts.append(f"{self.pad}<cbc:{name}{currency_attr}>{value:f}</cbc:{name}>\n")

    def leaf(self, names: tuple[str, ...], value, attrs: str = "") -> None:
        """``<cac:a><cac:b><cbc:c>value</cbc:c></cac:b></cac:a>`` unless ``value`` is None."""
        if value is None:
            return
        for name in names[:-1]:
            self.open(name)
        self.text(names[-1], value, attrs)
        for name in reversed(names[:-1]):
            self.close(name)
