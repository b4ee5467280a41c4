"""Patterns that ask first which of their rules could fail, and the document facts they read.

A :class:`GuardedPattern` is given a ``suspects(doc)`` function: from document-wide facts,
read in a few passes that run in C (lxml attribute getters mapped over the tag index), it names
the rules that *might* break. A valid document usually has none, and then the pattern costs
those passes alone. Otherwise the pattern runs a narrowed copy of itself holding only the
suspect rules, checked node by node exactly as before, plus, without rules, the earlier
contexts whose nodes a suspect context must not take (the first matching context claims a
node). A guard may suspect too much, never too little: a rule it leaves out must hold on every
node of its context.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document, q
>>> xml = (b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
...        b'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
...        b'<cbc:PayableAmount>1.005</cbc:PayableAmount><cbc:Note>abc</cbc:Note></Invoice>')
>>> doc = Document(parse(xml))
>>> over_two_decimals(doc.elements(q("cbc:PayableAmount")))
True
>>> too_long(doc.elements(q("cbc:Note")), 2), too_long(doc.elements(q("cbc:Note")), 3)
(True, False)
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from itertools import chain
from operator import attrgetter

from lxml import etree

from .._core import Document, Finding, Pattern, Rule, _overlap
from ._xpath import present_tags

__all__ = [
    "PARENT",
    "TAG",
    "TEXT",
    "GuardedPattern",
    "amount_tags",
    "binary_tags",
    "leaf_texts",
    "nested",
    "odd_amount_tags",
    "over_two_decimals",
    "too_long",
]

_logger = logging.getLogger(__name__)

TEXT = attrgetter("text")
TAG = attrgetter("tag")
PARENT = etree._Element.getparent
_THIRD_DECIMAL = re.compile(r"\.[^\x00]{3}")  # XML text never holds NUL: a safe separator
_NARROWED_CACHE = 256
_MAX_KNOWN_TAGS = 100_000


def nested(elements) -> bool:
    """Some element has a child node, so its string value is not its text alone."""
    return any(map(len, elements))


def leaf_texts(elements) -> list[str] | None:
    """The texts of childless ``elements`` (``""`` when empty), or ``None`` if one has a
    child."""
    if any(map(len, elements)):
        return None
    return [text or "" for text in map(TEXT, elements)]


def too_long(elements, limit: int) -> bool:
    """Some element may hold a text longer than ``limit`` (normalising spaces never
    lengthens a text; an element with children is suspected)."""
    if not elements:
        return False
    if any(map(len, elements)):
        return True
    return max(map(len, filter(None, map(TEXT, elements))), default=0) > limit


def over_two_decimals(elements) -> bool:
    """Some element may have more than two characters after its first full stop."""
    if not elements:
        return False
    if any(map(len, elements)):
        return True
    return _THIRD_DECIMAL.search("\x00".join(filter(None, map(TEXT, elements)))) is not None


_TAG_KINDS_KEY = "syntax.tag-kinds"
_ODD_AMOUNTS_KEY = "syntax.odd-amount-tags"
_PRICE_AMOUNT = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}PriceAmount"


class _TagKinds:
    """Which tags end in ``Amount`` or ``BinaryObject``, learnt once per tag for the whole
    process (the sets are replaced, never changed in place, so threads may share them)."""

    known: frozenset[str] = frozenset()
    amounts: frozenset[str] = frozenset()
    binaries: frozenset[str] = frozenset()

    @classmethod
    def of(cls, doc: Document) -> tuple[frozenset[str], frozenset[str]]:
        tags = present_tags(doc)
        amounts, binaries = tags & cls.amounts, tags & cls.binaries
        new = tags - cls.known
        if new:
            new_amounts = {t for t in new if t.endswith("Amount") and t != _PRICE_AMOUNT}
            new_binaries = {t for t in new if t.endswith("BinaryObject")}
            amounts, binaries = amounts | new_amounts, binaries | new_binaries
            if len(cls.known) < _MAX_KNOWN_TAGS:
                cls.known, cls.amounts = cls.known | new, cls.amounts | new_amounts
                cls.binaries = cls.binaries | new_binaries
        return amounts, binaries


def _tag_kinds(doc: Document) -> tuple[frozenset[str], frozenset[str]]:
    return doc.memo(_TAG_KINDS_KEY, lambda: _TagKinds.of(doc))


def amount_tags(doc: Document) -> frozenset[str]:
    """The document's tags ending in ``Amount``, ``cbc:PriceAmount`` aside."""
    return _tag_kinds(doc)[0]


def binary_tags(doc: Document) -> frozenset[str]:
    """The document's tags ending in ``BinaryObject``."""
    return _tag_kinds(doc)[1]


def odd_amount_tags(doc: Document) -> frozenset[str]:
    """The tags of :func:`amount_tags` with an element that may have more than two decimals
    (the UBL-DT-01 and BR-DEC-RO-* families), read once per document."""

    def compute():
        tags = amount_tags(doc)
        if not over_two_decimals(list(chain.from_iterable(map(doc.elements, tags)))):
            return frozenset()
        return frozenset(tag for tag in tags if over_two_decimals(doc.elements(tag)))

    return doc.memo(_ODD_AMOUNTS_KEY, compute)


class GuardedPattern(Pattern):
    """A :class:`Pattern` that checks only the rules ``suspects(doc)`` names (see the module
    docstring); a guard that raises is logged and every rule is checked."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.suspects: Callable[[Document], frozenset[str]] | None = None
        self._narrowed: dict[frozenset[str], Pattern] = {}

    def run(self, doc: Document) -> Iterator[Finding]:
        if self.suspects is None:
            return super().run(doc)
        try:
            suspects = self.suspects(doc)
        except Exception:
            _logger.exception("The guard of %s raised; checking every rule", self.name)
            return super().run(doc)
        if not suspects:
            return iter(())
        return self.narrowed(suspects).run(doc)

    def rules_of(self, context) -> list[Rule]:
        """The rules registered on ``context``, in order."""
        return self._contexts[id(context)][1]

    def rule_ids(self, context) -> frozenset[str]:
        """The ids of the rules registered on ``context``."""
        return frozenset(rule.id for rule in self.rules_of(context))

    def failing(self, context, doc: Document, among: frozenset[str] | None = None) -> set[str]:
        """The ids of ``context``'s rules (of those ``among``, if given) that fail on one of
        its nodes, checked node by node; a raising check counts as failing. For contexts that
        no earlier context overlaps (or the guard suspects too much, which is safe)."""
        nodes = context.nodes(doc)
        if not nodes:
            return set()
        failed = set()
        for rule in self.rules_of(context):
            if among is not None and rule.id not in among:
                continue
            try:
                if not all(rule.check(node, doc) for node in nodes):
                    failed.add(rule.id)
            except Exception:
                failed.add(rule.id)
        return failed

    def narrowed(self, suspects: frozenset[str]) -> Pattern:
        """A plain pattern with the ``suspects`` rules, and the contexts that claim nodes
        before them (a few hundred combinations are kept)."""
        found = self._narrowed.get(suspects)
        if found is None:
            found = _narrow(self.name, list(self._contexts.values()), suspects)
            if len(self._narrowed) < _NARROWED_CACHE:
                self._narrowed[suspects] = found
        return found


def _claims_only(node, doc) -> bool:
    return True


def _always(nodes, doc) -> bool:
    return True


def _narrow(name: str, entries: list, suspects: frozenset[str]) -> Pattern:
    kept = [[rule for rule in rules if rule.id in suspects] for _, rules in entries]
    keys = [context.keys() for context, _ in entries]
    pattern = Pattern(name).order([context for context, _ in entries])
    for i, (context, rules) in enumerate(entries):
        for rule in kept[i]:
            pattern.rule(rule.id, context, rule.message, rule.severity, bulk=rule.bulk)(rule.check)
        if not kept[i] and rules and _claims_for_later(i, kept, keys):
            # takes its nodes from the later contexts as in the full pattern, checks nothing
            pattern.rule("", context, rules[0].message, bulk=_always)(_claims_only)
    return pattern


def _claims_for_later(i: int, kept: list, keys: list) -> bool:
    return any(kept[j] and _overlap(keys[i], keys[j]) for j in range(i + 1, len(kept)))
