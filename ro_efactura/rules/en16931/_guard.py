"""Which EN 16931 rules could fail on a document, read from document-wide facts.

:func:`suspects` is the guard of the ``M12`` pattern (see
:class:`~ro_efactura.rules.syntax._guarded.GuardedPattern`). Rules are cleared in families:

* a context none of whose alternatives' element tags all occur has no node, and its rules
  hold (which contexts remain is worked out once per set of tags present);
* the rules whose official test is ``true()`` hold everywhere;
* the two-decimal rules (BR-DEC-*) hold when no amount they read has more than two decimals
  (one search over them all; otherwise they are all suspected);
* header rules hold when the root's children show it (a number, a date, lines ...), the
  VAT category families, IC, O and B rules when the VAT index counts none of their
  categories;
* a rule with a bulk check (line presence, VAT categories absent or rated as allowed) holds
  when the check vouches for every node of its context;
* the other rules of a context with few nodes are checked on each node; those of a context
  with many nodes are suspected.

A context that an earlier context overlaps (a line's invoicing period, an allowance that is
also a charge) is checked on all its nodes, the earlier context's too: that can only suspect
more. A rule this module does not clear is suspected.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
>>> sorted(suspects(Document(parse(xml))))[:3]
['BR-01', 'BR-02', 'BR-03']
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

from .._core import Document, Rule, _unsettled, q
from ..syntax._guarded import PARENT, TAG, TEXT, leaf_texts, nested
from ..syntax._xpath import present_tags
from ._contexts import M12
from ._vat_index import CategoryContext, vat_index
from ._xpath import ALLOWANCE_CHARGE, CREDIT_NOTE_LINE, INVOICE_LINE, LINE_TAGS, PLAIN_DECIMALS
from .decimals import AMOUNT_RULES, TAGS_BESIDES_LINES, amounts_two_decimals, no_long_amount
from .vat import FAMILIES

__all__ = ["suspects"]

_logger = logging.getLogger(__name__)

#: Rules whose official test is ``true()`` (or never sees a node): they hold everywhere.
_ALWAYS = frozenset({"BR-CO-05", "BR-CO-06", "BR-CO-07", "BR-CO-08", "BR-DEC-13", "BR-DEC-15"})
#: Above this many nodes a context's rules without a vouching bulk check are suspected.
_FEW = 16
_AMOUNT_TAGS = frozenset(AMOUNT_RULES.values())
_CARD = q("cac:CardAccount")
_MANDATE = q("cac:PaymentMandate")
_DESCRIPTION_CODE = q("cbc:DescriptionCode")
_TAX_POINT_DATE = q("cbc:TaxPointDate")
_TAX_CURRENCY_CODE = q("cbc:TaxCurrencyCode")
_NOTE = q("cbc:Note")
_DUE_DATE = q("cbc:DueDate")
_PAYABLE = q("cbc:PayableAmount")
_PERIOD = q("cac:InvoicePeriod")
_LINE_TAG_SET = frozenset(LINE_TAGS)


class _Facts:
    """The document-wide facts the guard reads, each at most once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.index = vat_index(doc)
        # the amount tags that may have more than two decimals: none, or all of them
        self.odd = frozenset() if _two_decimals(doc, self.index.regular) else _AMOUNT_TAGS
        counts = self.index.counts
        self.codes = frozenset(code for (_, code), count in counts.items() if count)
        self.root_children = doc.children(doc.root)


def _two_decimals(doc: Document, regular) -> bool:
    """The two-decimal rules' amounts have at most two decimals; the lines' net amounts
    read in bulk are known to."""
    if regular is None:
        return amounts_two_decimals([], doc)
    elements = list(chain.from_iterable(map(doc.elements, TAGS_BESIDES_LINES)))
    return no_long_amount(elements + regular.other_amounts)


def _root_text(*tags: str):
    """The root has one of the ``tags`` as a child with a text of its own (so a non-empty
    string value)."""

    def holds(facts: _Facts) -> bool:
        children = facts.root_children
        return any(element.text for tag in tags for element in children.get(tag, ()))

    return holds


def _unused(*keys: tuple[str, str]):
    """The VAT index counts none of ``keys``: the rule's condition never applies."""

    def holds(facts: _Facts) -> bool:
        counts = facts.index.counts
        return not any(counts.get(key) for key in keys)

    return holds


def _not_in_lines(tag: str):
    """No ``tag`` element is a line's child: the line's context of that tag has no node."""

    def holds(facts: _Facts) -> bool:
        parents = map(PARENT, facts.doc.elements(tag))
        return _LINE_TAG_SET.isdisjoint(map(TAG, parents))

    return holds


def _notes_without_subject(facts: _Facts) -> bool:
    """BR-CL-08 only reads a note holding ``#``: no note has children or a ``#``."""
    notes = facts.doc.elements(_NOTE)
    return not nested(notes) and "#" not in "".join(filter(None, map(TEXT, notes)))


def _payable_with_due_date(facts: _Facts) -> bool:
    """BR-CO-25 holds on a numeric amount due when the invoice has a due date."""
    texts = leaf_texts(facts.doc.elements(_PAYABLE))
    return (
        bool(facts.doc.elements(_DUE_DATE))
        and texts is not None
        and bool(PLAIN_DECIMALS.fullmatch("\n".join(texts)))
    )


_LINE_PERIOD_EMPTY = _not_in_lines(_PERIOD)
_LINE_ADJUSTMENTS_EMPTY = _not_in_lines(ALLOWANCE_CHARGE)

#: Rules cleared by a document-wide fact (a ``False`` fact leaves them to be checked).
_CLEARS = {
    "BR-01": _root_text(q("cbc:CustomizationID")),
    "BR-02": _root_text(q("cbc:ID")),
    "BR-03": _root_text(q("cbc:IssueDate")),
    "BR-04": _root_text(q("cbc:InvoiceTypeCode"), q("cbc:CreditNoteTypeCode")),
    "BR-05": _root_text(q("cbc:DocumentCurrencyCode")),
    "BR-16": lambda facts: (
        INVOICE_LINE in facts.root_children or CREDIT_NOTE_LINE in facts.root_children
    ),
    "BR-53": lambda facts: _TAX_CURRENCY_CODE not in facts.root_children,
    "BR-CO-03": lambda facts: (
        _TAX_POINT_DATE not in facts.root_children or not facts.doc.elements(_DESCRIPTION_CODE)
    ),
    "BR-CO-18": lambda facts: facts.index.totals["sub"] > 0,  # a category in a breakdown
    "BR-66": lambda facts: len(facts.doc.elements(_CARD)) <= 1,
    "BR-67": lambda facts: len(facts.doc.elements(_MANDATE)) <= 1,
    # lines read in bulk by the VAT index each have one net amount and one VAT category
    "BR-24": lambda facts: facts.index.regular is not None,
    "BR-CO-04": lambda facts: facts.index.regular is not None,
    "BR-CL-08": _notes_without_subject,
    "BR-CO-25": _payable_with_due_date,
    "BR-30": _LINE_PERIOD_EMPTY,
    "BR-CO-20": _LINE_PERIOD_EMPTY,
    **dict.fromkeys(
        ("BR-41", "BR-42", "BR-43", "BR-44", "BR-CO-23", "BR-CO-24"), _LINE_ADJUSTMENTS_EMPTY
    ),
    "BR-IC-11": _unused(("sub_each_vat", "K")),
    "BR-IC-12": _unused(("sub_each_vat", "K")),
    **{f"BR-O-{n}": _unused(("sub_each_vat", "O")) for n in range(11, 15)},
    "BR-B-01": _unused(("any_raw", "B"), ("line_raw", "B")),
    "BR-B-02": _unused(("any_raw", "B"), ("line_raw", "B")),
}


def suspects(doc: Document) -> frozenset[str]:
    """The ids of the EN 16931 rules that may fail on ``doc``."""
    facts = _Facts(doc)
    codes, odd = facts.codes, facts.odd
    found: set[str] = set()
    for entry in _plan(present_tags(doc)):
        if entry.code is not None and entry.code not in codes:
            continue  # the category occurs nowhere: its contexts have no node
        if odd and entry.amounts:
            found.update(rule_id for rule_id, tag in entry.amounts if tag in odd)
        left = entry.checked
        if entry.families:
            left = left + tuple(rule for rule, code in entry.families if code in codes)
        if entry.cleared:
            left = left + tuple(rule for rule, clear in entry.cleared if not clear(facts))
        if left:
            nodes = entry.context.nodes(doc)
            if nodes:
                found.update(_failing(left, nodes, doc))
    return frozenset(found)


class _Entry(NamedTuple):
    """A context that may have nodes, its rules sorted by how the guard clears them: the
    two-decimal rules by tag, the VAT families' root rules by category, the rules with a
    document fact, and the others (checked on the nodes)."""

    context: object
    code: str | None  # the category of a VAT category context
    amounts: tuple[tuple[str, str], ...]
    families: tuple[tuple[Rule, str], ...]
    cleared: tuple[tuple[Rule, Callable], ...]
    checked: tuple[Rule, ...]


#: The root rules of each VAT family (-01 to -04): they hold when the category is absent.
_ABSENT_FAMILY = {
    f"BR-{family.prefix}-{n:02d}": family.code for family in FAMILIES for n in range(1, 5)
}


@lru_cache(maxsize=64)
def _plan(present: frozenset[str]) -> tuple[_Entry, ...]:
    """The contexts that may have nodes in a document holding the tags ``present``, with
    their rules sorted for :func:`suspects` (those always true left out)."""
    return tuple(
        entry
        for needs, entry in _entries()
        if needs is None or any(need <= present for need in needs)
    )


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[list[frozenset[str]] | None, _Entry], ...]:
    """Every context with rules, the tags it needs (as ``Context.required_tags``) and its
    rules sorted for :func:`suspects`; sorted once, whatever the documents."""
    return tuple(
        (context.required_tags(), _entry(context, rules))
        for context, rules in M12._contexts.values()
        if rules
    )


def _entry(context, rules: list[Rule]) -> _Entry:
    amounts, families, cleared, checked = [], [], [], []
    for rule in rules:
        if rule.id in _ALWAYS:
            continue
        if rule.id in AMOUNT_RULES:
            amounts.append((rule.id, AMOUNT_RULES[rule.id]))
        elif rule.id in _ABSENT_FAMILY:
            families.append((rule, _ABSENT_FAMILY[rule.id]))
        elif rule.id in _CLEARS:
            cleared.append((rule, _CLEARS[rule.id]))
        else:
            checked.append(rule)
    code = context.code if isinstance(context, CategoryContext) else None
    return _Entry(context, code, *map(tuple, (amounts, families, cleared, checked)))


def _failing(rules: tuple, nodes: list, doc: Document) -> list[str]:
    """The rules that may fail on ``nodes``: bulk checks first, each shared one evaluated
    once, then the rules left on few nodes checked node by node."""
    if any(rule.bulk is not None for rule in rules):
        rules = _unsettled(rules, nodes, doc, logging.DEBUG)
    if len(nodes) > _FEW:
        return [rule.id for rule in rules]
    try:  # one guard for all; the rules are re-run one by one only if one raised
        if len(nodes) == 1:
            node = nodes[0]
            return [rule.id for rule in rules if not rule.check(node, doc)]
        return [rule.id for rule in rules if not all(rule.check(n, doc) for n in nodes)]
    except Exception:
        return [rule.id for rule in rules if not _passes(rule, nodes, doc)]


def _passes(rule, nodes: list, doc: Document) -> bool:
    try:
        return all(rule.check(node, doc) for node in nodes)
    except Exception:  # the rule is suspected; the pattern checks and reports it
        _logger.debug("Guarded rule %s raised", rule.id, exc_info=True)
        return False
