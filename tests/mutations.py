"""Seeded random edits of a UBL tree, and a pattern's findings with or without its guard:
what the guard tests share."""

from __future__ import annotations

import copy
import random

from lxml import etree

from ro_efactura._xml import parse
from ro_efactura.rules import Document

__all__ = ["findings", "mutate"]


def findings(pattern, xml: bytes, *, guarded: bool) -> list[tuple[str, str]]:
    """The findings of ``pattern``, guarded or with every rule checked (no guard)."""
    doc = Document(parse(xml))
    saved = pattern.suspects
    if not guarded:
        pattern.suspects = None
    try:
        return [(f.rule, f.location) for f in pattern.run(doc)]
    finally:
        pattern.suspects = saved


def mutate(
    root: etree._Element,
    rng: random.Random,
    values: tuple[str, ...],
    attributes: tuple[str, ...],
    focus: frozenset[str] = frozenset(),
) -> None:
    """One to three random edits of ``root`` -- a new text or attribute, an element repeated,
    removed, nested in itself or copied elsewhere -- half of them on elements whose local
    name is in ``focus`` when there are some."""
    for _ in range(rng.choice((1, 1, 2, 3))):
        elements = list(root.iter(etree.Element))[1:]
        if not elements:
            return
        focused = [e for e in elements if etree.QName(e).localname in focus]
        element = rng.choice(focused if focused and rng.random() < 0.5 else elements)
        parent = element.getparent()
        edit = rng.randrange(6)
        if edit == 0 and not len(element):
            element.text = rng.choice(values)
        elif edit == 1:
            element.set(rng.choice(attributes), rng.choice(values))
        elif edit == 2:
            element.addnext(copy.deepcopy(element))
        elif edit == 3:
            parent.remove(element)
        elif edit == 4 and not len(element):
            etree.SubElement(element, element.tag).text = rng.choice(values)
        else:
            target = rng.choice(elements)
            if target is not element and element not in target.iterancestors():
                target.append(copy.deepcopy(element))
